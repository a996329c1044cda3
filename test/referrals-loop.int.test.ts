// The whole closed loop over real HTTP, as the issue tells it: a GP refers → the link worker
// accepts → contacts (one missed call, then reached) → assesses → two onward referrals → one is
// accepted and attended, the other declined at capacity → the unmet need is recorded → the 8-week
// follow-up → closed. At each step the referrer's own view and their messages are checked: they
// learn what happened without asking, with SNOMED CT codes their GP system can file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, programmeReferringOrganisations, unmetNeeds } from '../src/db/schema';
import { taxonomyTermId } from '../src/directory/sync-taxonomies';
import { snomed } from '../src/referrals/snomed';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildService, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';

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

describe('the closed referral loop', () => {
  it('runs from GP referral to closure, with the referrer told at every step', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const gpId = team.referrer.user.organisationId!;
    await t.db
      .insert(programmeReferringOrganisations)
      .values({ programmeId: team.programme.id, organisationId: gpId });
    const referrerEmail = `gp-${team.programme.id.slice(0, 8)}@nhs.example`;
    const lunchClub = await buildService(t.db, {
      name: 'Loop lunch club',
      organisationId: team.providerStaff.user.organisationId!,
      taxonomyTermIds: [taxonomyTermId('linkwell-support', 'connected.social-groups')],
    });
    const fullOrganisation = await buildOrganisation(t.db, { type: 'vcse' });
    const fullProviderStaff = await buildUser(t.db, {
      role: 'provider_staff',
      organisationId: fullOrganisation.id,
    });
    const walkingGroup = await buildService(t.db, {
      name: 'Loop walking group',
      organisationId: fullOrganisation.id,
      taxonomyTermIds: [taxonomyTermId('linkwell-support', 'active.walking')],
    });
    const gp = await signIn(team.referrer);
    const linkWorker = await signIn(team.linkWorker);
    const provider = await signIn(team.providerStaff);
    const fullProvider = await signIn(fullProviderStaff);

    const referrerMessages = async () =>
      (
        await t.db
          .select({ template: notifications.template, body: notifications.body })
          .from(notifications)
          .where(
            and(eq(notifications.recipient, referrerEmail), eq(notifications.template, 'referral_update')),
          )
      ).map((message) => message.body);
    const referrerView = async (id: string) => {
      const response = await gp.get(`/api/referrals/sent/${id}`);
      expect(response.status).toBe(200);
      return response.body;
    };
    const record = async (id: string) => {
      const response = await linkWorker.get(`/api/referrals/${id}`);
      expect(response.status).toBe(200);
      return response.body;
    };

    // 1. The GP refers.
    const created = await gp.post(
      '/api/referrals',
      {
        person: {
          givenName: 'Winifred',
          familyName: 'Loopington',
          dateOfBirth: '1941-06-03',
          postcode: 'N17 6HB',
          phone: '07700 900456',
        },
        needs: ['loneliness', 'physical_activity'],
        reasonText: 'Widowed last year, lonely, keen to get moving again.',
        urgency: 'routine',
        contactPreferences: { bestTimes: 'Mornings' },
        consent: {
          toReferral: true,
          toShare: true,
          sharedFields: ['contact_details', 'needs'],
          method: 'verbal',
        },
        referrer: { name: 'Dr Able', email: referrerEmail, notifyBy: 'email' },
      },
      { 'idempotency-key': `loop-${team.programme.id}` },
    );
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(created.body.programme.id).toBe(team.programme.id);
    expect((await referrerView(id)).status).toBe('received');

    // 2. The link worker finds it in the queue and accepts it (which also assigns it to them).
    const queue = await linkWorker.get('/api/referrals?view=queue');
    expect(queue.body.items.map((item: { id: string }) => item.id)).toContain(id);
    let current = await record(id);
    const accepted = await linkWorker.post(`/api/referrals/${id}/actions`, {
      action: 'accept',
      version: current.version,
    });
    expect(accepted.status).toBe(200);
    current = await record(id);
    expect(current.assignedLinkWorker.id).toBe(team.linkWorker.user.id);
    expect(current.tasks.open.map((task: { kind: string }) => task.kind)).toContain('first_contact');
    expect((await referrerView(id)).status).toBe('accepted');
    expect((await referrerMessages()).some((body) => body.includes('was accepted'))).toBe(true);

    // 3. A missed call, then a conversation: first contact reaches the referrer with its SNOMED code.
    const missed = await linkWorker.post(`/api/referrals/${id}/contacts`, {
      mode: 'phone',
      outcome: 'no_answer',
      version: current.version,
    });
    expect(missed.status).toBe(201);
    expect(missed.body.referral.status).toBe('contacting');
    const reached = await linkWorker.post(`/api/referrals/${id}/contacts`, {
      mode: 'phone',
      outcome: 'reached',
      durationMinutes: 35,
      note: 'Talked about her garden and her late husband.',
      version: missed.body.referral.version,
    });
    expect(reached.status).toBe(201);
    expect(reached.body.referral.status).toBe('in_progress');
    let view = await referrerView(id);
    const firstContact = view.events.find(
      (event: { snomed: { code: string } | null }) => event.snomed?.code === snomed.referralAccepted.code,
    );
    expect(firstContact).toBeDefined();
    expect(JSON.stringify(view)).not.toContain('late husband'); // the link worker's note stays with them

    // 4. Assessment: what matters to her.
    const assessed = await linkWorker.put(`/api/referrals/${id}/assessment`, {
      whatMatters: 'Getting out of the house and seeing people again.',
      needs: [
        { domain: 'loneliness', priority: 'high' },
        { domain: 'physical_activity', priority: 'medium' },
      ],
      goals: [{ text: 'Go to a group once a week', status: 'open' }],
    });
    expect(assessed.status).toBe(201);

    // 5. History first (nothing tried before), then two onward referrals.
    current = await record(id);
    const history = await linkWorker.get(`/api/people/${current.person.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.onwardReferrals).toEqual([]);
    const toLunch = await linkWorker.post(`/api/referrals/${id}/onward-referrals`, {
      serviceId: lunchClub,
      needs: ['loneliness'],
    });
    const toWalk = await linkWorker.post(`/api/referrals/${id}/onward-referrals`, {
      serviceId: walkingGroup,
      needs: ['physical_activity'],
    });
    expect([toLunch.status, toWalk.status]).toEqual([201, 201]);
    current = await record(id);
    const followUp = current.tasks.open.find((task: { kind: string }) => task.kind === 'follow_up');
    expect(followUp).toBeDefined();
    const weeksAway = (new Date(followUp.dueAt).getTime() - Date.now()) / (7 * 86_400_000);
    expect(Math.round(weeksAway)).toBe(8);

    // 6. The lunch club accepts and records attendance; the walking group is full.
    const lunchInbox = await provider.get('/api/onward-referrals');
    expect(lunchInbox.body.items.map((item: { id: string }) => item.id)).toEqual([toLunch.body.id]);
    const lunchAccept = await provider.post(`/api/onward-referrals/${toLunch.body.id}/respond`, {
      action: 'accept',
      version: toLunch.body.version,
    });
    expect(lunchAccept.status).toBe(200);
    const attended = await provider.post(`/api/onward-referrals/${toLunch.body.id}/attendance`, {
      sessionOn: new Date().toISOString().slice(0, 10),
      status: 'attended',
    });
    expect(attended.status).toBe(201);
    expect(attended.body.onwardReferral.status).toBe('started');
    const declined = await fullProvider.post(`/api/onward-referrals/${toWalk.body.id}/respond`, {
      action: 'decline',
      reason: 'at_capacity',
      version: toWalk.body.version,
    });
    expect(declined.status).toBe(200);
    const gaps = await t.db.select().from(unmetNeeds).where(eq(unmetNeeds.referralId, id));
    expect(gaps.map((gap) => [gap.need, gap.reason])).toEqual([['physical_activity', 'no_capacity']]);

    view = await referrerView(id);
    expect(view.connectedServiceKinds.length).toBeGreaterThan(0);
    expect((await referrerMessages()).some((body) => body.includes('connected to a service'))).toBe(true);

    // 7. The 8-week follow-up call is made, then the case closes with an outcome for the GP.
    const followUpDone = await linkWorker.post(`/api/tasks/${followUp.id}/complete`, {
      version: followUp.version,
    });
    expect(followUpDone.status).toBe(200);
    current = await record(id);
    const closed = await linkWorker.post(`/api/referrals/${id}/actions`, {
      action: 'close',
      reason: 'connected_to_services',
      outcomeSummary: 'Goes to a weekly lunch club; waiting for a walking group place.',
      version: current.version,
    });
    expect(closed.status).toBe(200);
    view = await referrerView(id);
    expect(view.status).toBe('completed');
    expect(view.outcomeSummary).toContain('weekly lunch club');
    expect(
      view.events.some(
        (event: { snomed: { code: string } | null }) => event.snomed?.code === snomed.caseClosed.code,
      ),
    ).toBe(true);
    const messages = await referrerMessages();
    expect(messages.some((body) => body.includes('is complete'))).toBe(true);
    // Messages carry the reference and what happened, never the person's name.
    expect(messages.every((body) => !body.includes('Loopington'))).toBe(true);
    current = await record(id);
    // Only the discharge measure remains due once the case is closed (the timepoints of docs/DESIGN.md §7).
    expect(current.tasks.open.map((task: { kind: string }) => task.kind)).toEqual(['discharge_measure']);
  });
});
