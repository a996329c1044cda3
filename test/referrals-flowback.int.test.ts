// The referrer's view ("my referrals"): only their organisation's referrals, live status in plain
// words, the events meant for them with SNOMED CT codes, never the link worker's or provider's
// notes; and cancelling before acceptance. Mid-loop states are made with the transition writer
// (applyReferralAction), the same code the casework endpoints use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { userActorFrom } from '../src/access/actor';
import { auditEvents, notifications, referrals } from '../src/db/schema';
import type { ReferralAction } from '../src/referrals/referral-state';
import { snomed } from '../src/referrals/snomed';
import { applyReferralAction, lockReferral, recordReferralEvent } from '../src/referrals/store';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

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

async function setting() {
  const team = await buildProgrammeWithTeam(t.db);
  const referralFrom = (organisationId: string | null, extra: { referrerEmail?: string } = {}) =>
    buildReferral(t.db, {
      programmeId: team.programme.id,
      referringOrganisationId: organisationId,
      referrerUserId: team.referrer.user.id,
      referrerEmail: extra.referrerEmail ?? team.referrer.user.email,
    });
  return {
    team,
    referralFrom,
    referrer: await signIn(team.referrer),
    linkWorker: await signIn(team.linkWorker),
  };
}

/** Moves a referral on through the transition writer, as the link worker. */
async function act(
  referralId: string,
  member: { user: Parameters<typeof userActorFrom>[0] },
  action: ReferralAction,
  extra: { note?: string; outcomeSummary?: string; assign?: boolean } = {},
) {
  await t.db.transaction(async (tx) => {
    const referral = await lockReferral(tx, referralId);
    await applyReferralAction(tx, {
      referral,
      action,
      actor: userActorFrom(member.user),
      origin: { requestId: 'test', ip: null },
      note: extra.note,
      outcomeSummary: extra.outcomeSummary,
      ...(extra.assign ? { changes: { assignedLinkWorkerId: member.user.id } } : {}),
      publicUrl: 'http://linkwell.test',
    });
  });
}

describe('my referrals', () => {
  it('lists only the organisation’s referrals, newest first, with plain status and the last update, audited', async () => {
    const s = await setting();
    const organisationId = s.team.referrer.user.organisationId!;
    const older = await s.referralFrom(organisationId);
    const newer = await s.referralFrom(organisationId);
    await t.db
      .update(referrals)
      .set({ createdAt: new Date('2026-01-01T09:00:00Z') })
      .where(eq(referrals.id, older.id));
    const otherOrganisation = await buildOrganisation(t.db, { type: 'gp_practice' });
    const theirs = await s.referralFrom(otherOrganisation.id);
    await act(older.id, s.team.linkWorker, { type: 'accept' }, { assign: true });

    const list = await s.referrer.get('/api/referrals/sent');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([newer.id, older.id]);
    expect(list.body.items[1]).toMatchObject({
      reference: older.reference,
      person: { givenName: 'Ada', dateOfBirth: '1950-04-12' },
      status: 'accepted',
      statusLabel: 'Accepted, a link worker will contact the person',
      lastUpdate: { type: 'referral.accepted', label: 'Accepted by the link worker team' },
    });
    expect(list.body.items[0].lastUpdate).toBeNull();

    const filtered = await s.referrer.get('/api/referrals/sent?status=accepted');
    expect(filtered.body.items.map((item: { id: string }) => item.id)).toEqual([older.id]);
    const searched = await s.referrer.get(`/api/referrals/sent?q=${encodeURIComponent(newer.reference)}`);
    expect(searched.body.items.map((item: { id: string }) => item.id)).toEqual([newer.id]);

    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'referral.list_sent'), eq(auditEvents.actorId, s.team.referrer.user.id)),
      );
    expect(audit!.details).toMatchObject({ organisationId, shown: [newer.id, older.id] });

    expect((await s.referrer.get(`/api/referrals/sent/${theirs.id}`)).status).toBe(404);
    expect((await s.referrer.post(`/api/referrals/sent/${theirs.id}/cancel`, { version: 1 })).status).toBe(
      404,
    );
  });

  it('is the referrer’s view only: programme staff are sent to their own (403), the signed-out to sign in (401)', async () => {
    const s = await setting();
    expect((await s.linkWorker.get('/api/referrals/sent')).status).toBe(403);
    expect((await new HttpClient(t.baseUrl).get('/api/referrals/sent')).status).toBe(401);
    // Provider staff refer people back into programmes, so they have this view too, and it holds
    // only what their own organisation referred (here: nothing, though the GP's referrals exist).
    await s.referralFrom(s.team.referrer.user.organisationId);
    const provider = await signIn(s.team.providerStaff);
    const providerView = await provider.get('/api/referrals/sent');
    expect(providerView.status).toBe(200);
    expect(providerView.body).toEqual({ items: [], total: 0 });
  });
});

describe('one referral, as the referrer sees it', () => {
  it('shows the events meant for the referrer with SNOMED CT codes, and no notes', async () => {
    const s = await setting();
    const referral = await s.referralFrom(s.team.referrer.user.organisationId);
    await act(
      referral.id,
      s.team.linkWorker,
      { type: 'accept' },
      { assign: true, note: 'LW NOTE: knows her from before' },
    );
    await act(
      referral.id,
      s.team.linkWorker,
      { type: 'record_contact', reached: true },
      { note: 'LW NOTE: talked about grief' },
    );
    await t.db.transaction((tx) =>
      recordReferralEvent(tx, userActorFrom(s.team.linkWorker.user), {
        programmeId: s.team.programme.id,
        referralId: referral.id,
        type: 'assessment.saved',
        note: 'LW NOTE: what matters is her garden',
        isVisibleToReferrer: false,
      }),
    );
    await act(
      referral.id,
      s.team.linkWorker,
      { type: 'close', reason: 'goals_met' },
      { note: 'LW NOTE: closing', outcomeSummary: 'Now goes to a weekly lunch club.' },
    );

    const view = await s.referrer.get(`/api/referrals/sent/${referral.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      reference: referral.reference,
      status: 'completed',
      statusLabel: 'Closed',
      closureReason: 'goals_met',
      closureReasonLabel: 'the person met their goals',
      outcomeSummary: 'Now goes to a weekly lunch club.',
      rejectionReason: null,
      abilities: { canCancel: false },
    });
    expect(view.body.firstContactAt).not.toBeNull();
    expect(view.body.events).toEqual([
      {
        type: 'referral.accepted',
        label: 'Accepted by the link worker team',
        occurredAt: expect.any(String),
        snomed: null,
      },
      {
        type: 'referral.in_progress',
        label: 'First contact with a link worker',
        occurredAt: expect.any(String),
        snomed: { system: 'http://snomed.info/sct', ...snomed.referralAccepted },
      },
      {
        type: 'referral.completed',
        label: 'Closed',
        occurredAt: expect.any(String),
        snomed: { system: 'http://snomed.info/sct', ...snomed.caseClosed },
      },
    ]);
    expect(JSON.stringify(view.body)).not.toContain('LW NOTE');

    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.read'), eq(auditEvents.entityId, referral.id)));
    expect(audit!.details).toEqual({ view: 'referrer' });
  });

  it('gives the rejection reason in plain words', async () => {
    const s = await setting();
    const referral = await s.referralFrom(s.team.referrer.user.organisationId);
    await act(referral.id, s.team.linkWorker, { type: 'reject', reason: 'out_of_area' });
    const view = await s.referrer.get(`/api/referrals/sent/${referral.id}`);
    expect(view.body).toMatchObject({
      status: 'rejected',
      statusLabel: 'Not accepted',
      rejectionReason: 'out_of_area',
      rejectionReasonLabel: 'the person lives outside the area this programme covers',
    });
  });
});

describe('cancelling', () => {
  it('the referrer cancels a received referral, and hears it by email', async () => {
    const s = await setting();
    const referral = await s.referralFrom(s.team.referrer.user.organisationId);
    const before = await s.referrer.get(`/api/referrals/sent/${referral.id}`);
    expect(before.body.abilities).toEqual({ canCancel: true });

    const stale = await s.referrer.post(`/api/referrals/sent/${referral.id}/cancel`, { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');

    const cancelled = await s.referrer.post(`/api/referrals/sent/${referral.id}/cancel`, {
      reason: 'Sent to the wrong service.',
      version: 1,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusLabel: 'Cancelled', version: 2 });
    expect(cancelled.body.events.map((e: { type: string }) => e.type)).toEqual(['referral.cancelled']);
    const mail = await t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipient, s.team.referrer.user.email),
          eq(notifications.template, 'referral_update'),
        ),
      );
    expect(mail.some((m) => m.body.includes(`${referral.reference} was cancelled`))).toBe(true);
  });

  it('cannot cancel after acceptance (409), nor another organisation’s referral (404)', async () => {
    const s = await setting();
    const referral = await s.referralFrom(s.team.referrer.user.organisationId);
    await act(referral.id, s.team.linkWorker, { type: 'accept' }, { assign: true });
    const refused = await s.referrer.post(`/api/referrals/sent/${referral.id}/cancel`, { version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_transition');
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(row).toMatchObject({ status: 'accepted', version: 2 });

    const colleague = await buildUser(t.db, {
      role: 'referrer',
      organisationId: (await buildOrganisation(t.db)).id,
    });
    const outsider = await signIn(colleague);
    const fresh = await s.referralFrom(s.team.referrer.user.organisationId);
    expect((await outsider.post(`/api/referrals/sent/${fresh.id}/cancel`, { version: 1 })).status).toBe(404);
    expect((await outsider.get(`/api/referrals/sent/${fresh.id}`)).status).toBe(404);
  });
});
