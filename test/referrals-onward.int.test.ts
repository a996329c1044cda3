// Onward referrals over real HTTP: the link worker sends, the provider's inbox shows only what the
// person agreed to share, answers go through the state machine with events, audit, unmet needs and
// the referrer's "connected" flowback. Cases start mid-loop, built with the referral factories.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  notifications,
  onwardReferrals,
  people,
  referralEvents,
  services,
  tasks,
  unmetNeeds,
} from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildService, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildOnwardReferral, buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const signIn = async (member: { user: { email: string }; password: string }) => {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
};

/** A case in progress on the link worker's caseload, a service run by the team's provider, and everyone signed in. */
async function caseInProgress(options: { consentToShare?: boolean; sharedFields?: string[] } = {}) {
  const team = await buildProgrammeWithTeam(t.db);
  const referral = await buildReferral(t.db, {
    programmeId: team.programme.id,
    status: 'in_progress',
    assignedLinkWorkerId: team.linkWorker.user.id,
    referringOrganisationId: team.referrer.user.organisationId,
    referrerUserId: team.referrer.user.id,
    referrerEmail: team.referrer.user.email,
    consentToShare: options.consentToShare ?? true,
    sharedFields: options.sharedFields ?? ['contact_details'],
  });
  await t.db
    .update(people)
    .set({
      phone: '020 7946 0000',
      email: 'ada@example.test',
      addressLine: '1 Test Street',
      language: 'Polish',
    })
    .where(eq(people.id, referral.personId));
  const providerOrganisationId = team.providerStaff.user.organisationId!;
  const serviceId = await buildService(t.db, { organisationId: providerOrganisationId });
  const otherProviderOrganisation = await buildOrganisation(t.db, { type: 'vcse' });
  const otherProviderStaff = await buildUser(t.db, {
    role: 'provider_staff',
    organisationId: otherProviderOrganisation.id,
  });
  return {
    team,
    referral,
    serviceId,
    providerOrganisationId,
    linkWorker: await signIn(team.linkWorker),
    otherLinkWorker: await signIn(team.otherLinkWorker),
    coordinator: await signIn(team.coordinator),
    provider: await signIn(team.providerStaff),
    otherProvider: await signIn(otherProviderStaff),
    referrer: await signIn(team.referrer),
  };
}

const send = (
  http: HttpClient,
  referralId: string,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
) => http.post(`/api/referrals/${referralId}/onward-referrals`, body, headers);

const onwardRow = async (id: string) =>
  (await t.db.select().from(onwardReferrals).where(eq(onwardReferrals.id, id)))[0]!;

describe('making an onward referral', () => {
  it('lands in the provider’s inbox with an event, audit, a provider email and the follow-up task', async () => {
    const c = await caseInProgress();
    const created = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
      noteToProvider: 'Prefers mornings.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      referralId: c.referral.id,
      reference: c.referral.reference,
      providerOrganisationId: c.providerOrganisationId,
      status: 'sent',
      needs: ['loneliness'],
      noteToProvider: 'Prefers mornings.',
      version: 1,
      abilities: { canWithdraw: true, canAccept: false },
    });
    const id = created.body.id as string;

    const inbox = await c.provider.get('/api/onward-referrals');
    expect(inbox.status).toBe(200);
    expect(inbox.body.total).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ id, status: 'sent', person: { givenName: 'Ada' } });
    expect(inbox.body.items[0].person.familyName).toBeUndefined();

    const [event] = await t.db
      .select()
      .from(referralEvents)
      .where(and(eq(referralEvents.onwardReferralId, id), eq(referralEvents.type, 'onward.sent')));
    expect(event).toMatchObject({ isVisibleToReferrer: false, toStatus: 'sent', referralId: c.referral.id });

    const [followUp] = await t.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.referralId, c.referral.id), eq(tasks.kind, 'follow_up')));
    expect(followUp!.assignedUserId).toBe(c.team.linkWorker.user.id);
    const weeks = (followUp!.dueAt.getTime() - event!.occurredAt.getTime()) / (7 * 24 * 3600 * 1000);
    expect(Math.round(weeks)).toBe(8);

    const [mail] = await t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipient, c.team.providerStaff.user.email),
          eq(notifications.template, 'onward_referral_received'),
        ),
      );
    expect(mail!.subject).toBe('A new referral is waiting in your Linkwell inbox');
    expect(mail!.body).toContain(`http://linkwell.test/provider/referrals/${id}`);
    expect(mail!.body).not.toContain('Ada');

    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(audit.map((row) => row.action)).toContain('onward_referral.create');

    // A second onward referral on the same case does not add another follow-up call.
    const second = await send(c.linkWorker, c.referral.id, {
      serviceId: await buildService(t.db, { organisationId: c.providerOrganisationId }),
      needs: ['mental_wellbeing'],
    });
    expect(second.status).toBe(201);
    const followUps = await t.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.referralId, c.referral.id), eq(tasks.kind, 'follow_up')));
    expect(followUps).toHaveLength(1);
  });

  it('hides it from other providers: 404 on the record, nothing in their inbox', async () => {
    const c = await caseInProgress();
    const created = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
    });
    const id = created.body.id as string;
    expect((await c.otherProvider.get(`/api/onward-referrals/${id}`)).status).toBe(404);
    const inbox = await c.otherProvider.get('/api/onward-referrals');
    expect(inbox.body).toEqual({ items: [], total: 0 });
    const respond = await c.otherProvider.post(`/api/onward-referrals/${id}/respond`, {
      action: 'accept',
      version: 1,
    });
    expect(respond.status).toBe(404);
    expect((await onwardRow(id)).status).toBe('sent');
  });

  it('is made only by the link worker on the case or a coordinator, and only while the case is in progress', async () => {
    const c = await caseInProgress();
    expect(
      (await send(c.otherLinkWorker, c.referral.id, { serviceId: c.serviceId, needs: ['loneliness'] }))
        .status,
    ).toBe(403);
    expect(
      (await send(c.provider, c.referral.id, { serviceId: c.serviceId, needs: ['loneliness'] })).status,
    ).toBe(404);
    expect(
      (await send(c.coordinator, c.referral.id, { serviceId: c.serviceId, needs: ['loneliness'] })).status,
    ).toBe(201);
    const elsewhere = await caseInProgress();
    expect(
      (await send(elsewhere.linkWorker, c.referral.id, { serviceId: c.serviceId, needs: ['loneliness'] }))
        .status,
    ).toBe(404);

    const accepted = await buildReferral(t.db, {
      programmeId: c.team.programme.id,
      status: 'accepted',
      assignedLinkWorkerId: c.team.linkWorker.user.id,
    });
    const early = await send(c.linkWorker, accepted.id, { serviceId: c.serviceId, needs: ['loneliness'] });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('invalid_transition');
  });

  it('answers bad input with 400 naming the field', async () => {
    const c = await caseInProgress();
    const noNeeds = await send(c.linkWorker, c.referral.id, { serviceId: c.serviceId, needs: [] });
    expect(noNeeds.status).toBe(400);
    expect(noNeeds.body.errors[0].field).toBe('needs');
    const unknownNeed = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['gardening'],
    });
    expect(unknownNeed.status).toBe(400);
    const longNote = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
      noteToProvider: 'x'.repeat(2001),
    });
    expect(longNote.status).toBe(400);
    expect(longNote.body.errors[0].field).toBe('noteToProvider');
  });

  it('refuses inactive services (400) and full ones without a waiting list (409, suggesting an unmet need)', async () => {
    const c = await caseInProgress();
    const closed = await buildService(t.db, { organisationId: c.providerOrganisationId });
    await t.db.update(services).set({ status: 'inactive' }).where(eq(services.id, closed));
    const inactive = await send(c.linkWorker, c.referral.id, { serviceId: closed, needs: ['loneliness'] });
    expect(inactive.status).toBe(400);
    expect(inactive.body.errors[0].field).toBe('serviceId');

    const full = await buildService(t.db, { organisationId: c.providerOrganisationId });
    await t.db
      .update(services)
      .set({ isAcceptingReferrals: false, acceptsWaitingList: false })
      .where(eq(services.id, full));
    const refused = await send(c.linkWorker, c.referral.id, { serviceId: full, needs: ['loneliness'] });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'conflict', suggestion: 'record_unmet_need' });

    await t.db.update(services).set({ acceptsWaitingList: true }).where(eq(services.id, full));
    expect((await send(c.linkWorker, c.referral.id, { serviceId: full, needs: ['loneliness'] })).status).toBe(
      201,
    );
  });

  it('guards against re-referral to the same service unless an override reason is given', async () => {
    const c = await caseInProgress();
    const first = await send(c.linkWorker, c.referral.id, { serviceId: c.serviceId, needs: ['loneliness'] });
    const again = await send(c.linkWorker, c.referral.id, { serviceId: c.serviceId, needs: ['loneliness'] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    expect(again.body.previous).toEqual([
      expect.objectContaining({ id: first.body.id, status: 'sent', why: 'already_open' }),
    ]);

    const tooShort = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
      overrideReason: 'ok',
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors[0].field).toBe('overrideReason');

    const overridden = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
      overrideReason: 'A second group on Fridays suits her better.',
    });
    expect(overridden.status).toBe(201);
    const [event] = await t.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.onwardReferralId, overridden.body.id));
    expect(event!.details).toMatchObject({
      overrideReason: 'A second group on Fridays suits her better.',
      previous: [first.body.id],
    });

    // A drop-out elsewhere in the person's history counts too.
    const other = await buildService(t.db, { organisationId: c.providerOrganisationId });
    const dropped = await buildOnwardReferral(t.db, {
      referral: c.referral,
      serviceId: other,
      providerOrganisationId: c.providerOrganisationId,
    });
    await t.db
      .update(onwardReferrals)
      .set({ status: 'dropped_out' })
      .where(eq(onwardReferrals.id, dropped.id));
    const afterDropOut = await send(c.linkWorker, c.referral.id, { serviceId: other, needs: ['loneliness'] });
    expect(afterDropOut.status).toBe(409);
    expect(afterDropOut.body.previous[0].why).toBe('dropped_out_before');
  });

  it('is idempotent: a retry with the same Idempotency-Key creates nothing new', async () => {
    const c = await caseInProgress();
    const key = { 'idempotency-key': 'onward-create-0001' };
    const body = { serviceId: c.serviceId, needs: ['loneliness'] };
    // Concurrent retries: each waits on the case's lock; all get the first response.
    const responses = await Promise.all([1, 2, 3].map(() => send(c.linkWorker, c.referral.id, body, key)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const later = await send(c.linkWorker, c.referral.id, body, key);
    expect(later.body.id).toBe(responses[0]!.body.id);
    const rows = await t.db
      .select()
      .from(onwardReferrals)
      .where(eq(onwardReferrals.referralId, c.referral.id));
    expect(rows).toHaveLength(1);
  });
});

describe('what the provider sees of the person', () => {
  it('shows only the first name when the person did not consent to sharing', async () => {
    const c = await caseInProgress({
      consentToShare: false,
      sharedFields: ['contact_details', 'date_of_birth'],
    });
    const created = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
    });
    const view = await c.provider.get(`/api/onward-referrals/${created.body.id}`);
    expect(view.status).toBe(200);
    expect(view.body.person).toEqual({ givenName: 'Ada' });
    expect(view.body.sharedFields).toEqual([]);
    const text = JSON.stringify(view.body);
    for (const secret of [
      '020 7946 0000',
      'ada@example.test',
      '1950-04-12',
      'N17 6HB',
      '1 Test Street',
      'Lives alone',
    ])
      expect(text).not.toContain(secret);
  });

  it('shows exactly the consented fields, and audits which ones were shown', async () => {
    const c = await caseInProgress({ consentToShare: true, sharedFields: ['contact_details'] });
    const created = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
    });
    const view = await c.provider.get(`/api/onward-referrals/${created.body.id}`);
    expect(view.body.person).toEqual({
      givenName: 'Ada',
      phone: '020 7946 0000',
      email: 'ada@example.test',
      preferredChannel: null,
      contactPreferences: {},
    });
    expect(JSON.stringify(view.body)).not.toContain('1950-04-12');
    const [read] = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityId, created.body.id),
          eq(auditEvents.action, 'onward_referral.read'),
          eq(auditEvents.actorId, c.team.providerStaff.user.id),
        ),
      );
    expect(read!.details).toEqual({ fieldsShown: ['given_name', 'contact_details'] });
  });

  it('shows date of birth, address, language, needs and reason when each was agreed', async () => {
    const c = await caseInProgress({
      sharedFields: ['date_of_birth', 'address', 'language', 'needs', 'reason'],
    });
    const created = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
    });
    const view = await c.provider.get(`/api/onward-referrals/${created.body.id}`);
    expect(view.body.person).toEqual({
      givenName: 'Ada',
      dateOfBirth: '1950-04-12',
      addressLine: '1 Test Street',
      postcode: 'N17 6HB',
      language: 'Polish',
      needsInterpreter: false,
      referralNeeds: ['loneliness'],
      reasonText: 'Lives alone since her husband died; rarely goes out.',
    });
    expect(view.body.person.phone).toBeUndefined();
  });
});

describe('the provider answers', () => {
  it('accept, then the first attended session starts it and the referrer hears "connected"', async () => {
    const c = await caseInProgress();
    const created = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
    });
    const id = created.body.id as string;

    const accepted = await c.provider.post(`/api/onward-referrals/${id}/respond`, {
      action: 'accept',
      note: 'Provider-only: starts with an induction call.',
      version: 1,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 2, abilities: { canStart: true } });
    expect(accepted.body.respondedAt).not.toBeNull();

    const didNotAttend = await c.provider.post(`/api/onward-referrals/${id}/attendance`, {
      sessionOn: '2026-01-05',
      status: 'did_not_attend',
    });
    expect(didNotAttend.status).toBe(201);
    expect(didNotAttend.body.onwardReferral.status).toBe('accepted');

    const attended = await c.provider.post(`/api/onward-referrals/${id}/attendance`, {
      sessionOn: '2026-01-12',
      status: 'attended',
      note: 'Joined in well.',
    });
    expect(attended.status).toBe(201);
    expect(attended.body.onwardReferral).toMatchObject({ status: 'started', version: 3 });
    expect(attended.body.onwardReferral.attendance.map((a: { status: string }) => a.status)).toEqual([
      'did_not_attend',
      'attended',
    ]);

    const events = await t.db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, c.referral.id));
    expect(events.map((e) => e.type)).toEqual([
      'onward.sent',
      'onward.accepted',
      'onward.started',
      'referral.connected',
    ]);
    expect(events.find((e) => e.type === 'onward.accepted')!.note).toBe(
      'Provider-only: starts with an induction call.',
    );
    expect(events.filter((e) => e.isVisibleToReferrer).map((e) => e.type)).toEqual(['referral.connected']);

    const view = await c.referrer.get(`/api/referrals/sent/${c.referral.id}`);
    expect(view.status).toBe(200);
    expect(view.body.connectedServiceKinds).toEqual(['Connected']);
    expect(view.body.events).toEqual([
      expect.objectContaining({
        type: 'referral.connected',
        label: 'Connected to a service',
        serviceKinds: ['Connected'],
      }),
    ]);
    expect(JSON.stringify(view.body)).not.toContain('induction');
    expect(JSON.stringify(view.body)).not.toContain('Joined in well');

    const [message] = await t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipient, c.team.referrer.user.email),
          eq(notifications.template, 'referral_update'),
        ),
      );
    expect(message!.body).toContain('has been connected to a service');
    expect(message!.body).toContain('Kind of support: Connected.');
    expect(message!.body).not.toContain('induction');

    // Completing does not tell the referrer "connected" again.
    const completed = await c.provider.post(`/api/onward-referrals/${id}/respond`, {
      action: 'complete',
      version: 3,
    });
    expect(completed.body.status).toBe('completed');
    const connected = await t.db
      .select()
      .from(referralEvents)
      .where(
        and(eq(referralEvents.referralId, c.referral.id), eq(referralEvents.type, 'referral.connected')),
      );
    expect(connected).toHaveLength(1);
  });

  it('a decline at capacity records an unmet need in the person’s area and emails the link worker', async () => {
    const c = await caseInProgress();
    const created = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness', 'carer'],
    });
    const id = created.body.id as string;

    const missingReason = await c.provider.post(`/api/onward-referrals/${id}/respond`, {
      action: 'decline',
      version: 1,
    });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.errors[0].field).toBe('reason');

    const declined = await c.provider.post(`/api/onward-referrals/${id}/respond`, {
      action: 'decline',
      reason: 'at_capacity',
      version: 1,
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'at_capacity' });

    const [gap] = await t.db.select().from(unmetNeeds).where(eq(unmetNeeds.onwardReferralId, id));
    expect(gap).toMatchObject({
      referralId: c.referral.id,
      need: 'loneliness',
      reason: 'no_capacity',
      boroughCode: 'E09000014',
      postcodeDistrict: 'N17',
    });
    const [mail] = await t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipient, c.team.linkWorker.user.email),
          eq(notifications.template, 'onward_referral_declined'),
        ),
      );
    expect(mail!.body).toContain(c.referral.reference);
    expect(mail!.body).toContain('the service is full');
    expect(mail!.body).toContain(`http://linkwell.test/casework/referrals/${c.referral.id}`);
    expect(mail!.body).not.toContain('Ada');

    // A person who declines is their choice, not a gap in provision.
    const second = await send(c.linkWorker, c.referral.id, {
      serviceId: await buildService(t.db, { organisationId: c.providerOrganisationId }),
      needs: ['loneliness'],
    });
    await c.provider.post(`/api/onward-referrals/${second.body.id}/respond`, {
      action: 'decline',
      reason: 'person_declined',
      version: 1,
    });
    expect(
      await t.db.select().from(unmetNeeds).where(eq(unmetNeeds.onwardReferralId, second.body.id)),
    ).toHaveLength(0);
  });

  it('waitlists with an expected start', async () => {
    const c = await caseInProgress();
    const created = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
    });
    const waitlisted = await c.provider.post(`/api/onward-referrals/${created.body.id}/respond`, {
      action: 'waitlist',
      expectedStartOn: '2027-02-01',
      version: 1,
    });
    expect(waitlisted.body).toMatchObject({ status: 'waitlisted', expectedStartOn: '2027-02-01' });
  });

  it('refuses impossible steps with 409, the wrong side with 403, and stale versions with 409', async () => {
    const c = await caseInProgress();
    const created = await send(c.linkWorker, c.referral.id, {
      serviceId: c.serviceId,
      needs: ['loneliness'],
    });
    const id = created.body.id as string;

    const complete = await c.provider.post(`/api/onward-referrals/${id}/respond`, {
      action: 'complete',
      version: 1,
    });
    expect(complete.status).toBe(409);
    expect(complete.body.code).toBe('invalid_transition');

    const linkWorkerAccepts = await c.linkWorker.post(`/api/onward-referrals/${id}/respond`, {
      action: 'accept',
      version: 1,
    });
    expect(linkWorkerAccepts.status).toBe(403);

    const providerWithdraws = await c.provider.post(`/api/onward-referrals/${id}/withdraw`, { version: 1 });
    expect(providerWithdraws.status).toBe(403);

    const attendanceTooEarly = await c.provider.post(`/api/onward-referrals/${id}/attendance`, {
      sessionOn: '2026-01-05',
      status: 'attended',
    });
    expect(attendanceTooEarly.status).toBe(409);

    const future = await c.provider.post(`/api/onward-referrals/${id}/attendance`, {
      sessionOn: '2999-01-01',
      status: 'attended',
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('sessionOn');

    expect(
      (await c.provider.post(`/api/onward-referrals/${id}/respond`, { action: 'accept', version: 1 })).status,
    ).toBe(200);
    const stale = await c.provider.post(`/api/onward-referrals/${id}/respond`, {
      action: 'start',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect(await onwardRow(id)).toMatchObject({ status: 'accepted', version: 2 });
  });

  it('the link worker withdraws, and records a start heard by phone', async () => {
    const c = await caseInProgress();
    const first = await send(c.linkWorker, c.referral.id, { serviceId: c.serviceId, needs: ['loneliness'] });
    const withdrawn = await c.linkWorker.post(`/api/onward-referrals/${first.body.id}/withdraw`, {
      reason: 'Found a group nearer home.',
      version: 1,
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', providerNote: null });
    const [event] = await t.db
      .select()
      .from(referralEvents)
      .where(
        and(eq(referralEvents.onwardReferralId, first.body.id), eq(referralEvents.type, 'onward.withdrawn')),
      );
    expect(event!.note).toBe('Found a group nearer home.');
    // The provider never sees the link worker's reason.
    const providerView = await c.provider.get(`/api/onward-referrals/${first.body.id}`);
    expect(JSON.stringify(providerView.body)).not.toContain('nearer home');

    const again = await c.linkWorker.post(`/api/onward-referrals/${first.body.id}/withdraw`, { version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');

    const second = await send(c.linkWorker, c.referral.id, {
      serviceId: await buildService(t.db, { organisationId: c.providerOrganisationId }),
      needs: ['loneliness'],
    });
    await c.provider.post(`/api/onward-referrals/${second.body.id}/respond`, {
      action: 'accept',
      version: 1,
    });
    const started = await c.linkWorker.post(`/api/onward-referrals/${second.body.id}/respond`, {
      action: 'start',
      version: 2,
    });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('started');
    expect(
      (
        await c.otherLinkWorker.post(`/api/onward-referrals/${second.body.id}/respond`, {
          action: 'complete',
          version: 3,
        })
      ).status,
    ).toBe(403);
  });
});

describe('unmet needs', () => {
  it('are recorded on the case, listed for programme staff, and counted for coordinators without names', async () => {
    const c = await caseInProgress();
    const recorded = await c.linkWorker.post(`/api/referrals/${c.referral.id}/unmet-needs`, {
      need: 'food',
      reason: 'too_far',
      detail: 'Nearest food bank is two buses away.',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      need: 'food',
      reason: 'too_far',
      boroughCode: 'E09000014',
      postcodeDistrict: 'N17',
    });

    const badReason = await c.linkWorker.post(`/api/referrals/${c.referral.id}/unmet-needs`, {
      need: 'food',
      reason: 'no_bus',
    });
    expect(badReason.status).toBe(400);
    expect(badReason.body.errors[0].field).toBe('reason');

    expect(
      (
        await c.otherLinkWorker.post(`/api/referrals/${c.referral.id}/unmet-needs`, {
          need: 'food',
          reason: 'cost',
        })
      ).status,
    ).toBe(403);
    expect(
      (await c.provider.post(`/api/referrals/${c.referral.id}/unmet-needs`, { need: 'food', reason: 'cost' }))
        .status,
    ).toBe(404);

    const listed = await c.linkWorker.get(`/api/referrals/${c.referral.id}/unmet-needs`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect((await c.referrer.get(`/api/referrals/${c.referral.id}/unmet-needs`)).status).toBe(403);

    await c.coordinator.post(`/api/referrals/${c.referral.id}/unmet-needs`, {
      need: 'food',
      reason: 'too_far',
    });
    const summary = await c.coordinator.get('/api/unmet-needs');
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ total: 2 });
    expect(summary.body.rows).toEqual([
      { need: 'food', reason: 'too_far', boroughCode: 'E09000014', boroughName: 'Haringey', count: 2 },
    ]);
    expect(JSON.stringify(summary.body)).not.toContain('Ada');

    const empty = await c.coordinator.get('/api/unmet-needs?from=2000-01-01&to=2000-12-31');
    expect(empty.body).toMatchObject({ total: 0, rows: [] });
    const backwards = await c.coordinator.get('/api/unmet-needs?from=2026-02-01&to=2026-01-01');
    expect(backwards.status).toBe(400);
    expect((await c.linkWorker.get('/api/unmet-needs')).status).toBe(403);
  });
});
