// The provider's response window over a real database: an onward referral with no reply is
// reminded once when the programme's window passes, then expires and goes back to the link worker
// with a task and an email; a reply in time stops the chase; the programme's setting moves the
// dates; two passes at once send one reminder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  notifications,
  onwardReferrals,
  programmes,
  referralEvents,
  tasks,
} from '../src/db/schema';
import { addWorkingDays } from '../src/referrals/deadlines';
import { chaseUnansweredOnwardReferrals } from '../src/referrals/onward/chase-unanswered';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam, buildService } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const publicUrl = 'http://linkwell.test';

async function unansweredOnwardReferral() {
  const team = await buildProgrammeWithTeam(t.db);
  const referral = await buildReferral(t.db, {
    programmeId: team.programme.id,
    status: 'in_progress',
    assignedLinkWorkerId: team.linkWorker.user.id,
    referringOrganisationId: team.referrer.user.organisationId,
    referrerUserId: team.referrer.user.id,
    referrerEmail: team.referrer.user.email,
    consentToShare: true,
    sharedFields: ['contact_details'],
  });
  const serviceId = await buildService(t.db, { organisationId: team.providerStaff.user.organisationId! });
  const linkWorker = new HttpClient(t.baseUrl);
  await linkWorker.signIn(team.linkWorker.user.email, team.linkWorker.password);
  const provider = new HttpClient(t.baseUrl);
  await provider.signIn(team.providerStaff.user.email, team.providerStaff.password);
  const created = await linkWorker.post(`/api/referrals/${referral.id}/onward-referrals`, {
    serviceId,
    needs: ['loneliness'],
  });
  expect(created.status).toBe(201);
  const row = await onwardRow(created.body.id as string);
  return { team, referral, serviceId, provider, onward: row };
}

const onwardRow = async (id: string) =>
  (await t.db.select().from(onwardReferrals).where(eq(onwardReferrals.id, id)))[0]!;
const mailTo = (email: string, template: string) =>
  t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipient, email), eq(notifications.template, template)));
const eventsOf = (onwardReferralId: string, type: string) =>
  t.db
    .select()
    .from(referralEvents)
    .where(and(eq(referralEvents.onwardReferralId, onwardReferralId), eq(referralEvents.type, type)));
const chase = (now: Date) => chaseUnansweredOnwardReferrals({ db: t.db, publicUrl, now });

describe('the provider response window', () => {
  it('tells the provider the reply-by date when the referral is sent', async () => {
    const c = await unansweredOnwardReferral();
    const [mail] = await mailTo(c.team.providerStaff.user.email, 'onward_referral_received');
    expect(mail!.body).toMatch(/accept, waitlist or decline it by \w+day \d{1,2} \w+ \d{4}/);
  });

  it('reminds the provider once after 10 working days, then expires it back to the link worker', async () => {
    const c = await unansweredOnwardReferral();
    const due = addWorkingDays(c.onward.sentAt, 10);

    await chase(new Date(due.getTime() - 60_000));
    expect((await onwardRow(c.onward.id)).nudgedAt).toBeNull();

    await chase(due);
    const nudged = await onwardRow(c.onward.id);
    expect(nudged).toMatchObject({ status: 'sent', version: c.onward.version + 1 });
    expect(nudged.nudgedAt?.getTime()).toBe(due.getTime());
    const reminders = await mailTo(c.team.providerStaff.user.email, 'onward_referral_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain('it expires and goes back to the link worker');
    expect(await eventsOf(c.onward.id, 'onward.nudged')).toHaveLength(1);

    // Only once: later passes inside the grace period change nothing.
    await chase(new Date(due.getTime() + 60 * 60 * 1000));
    expect(await mailTo(c.team.providerStaff.user.email, 'onward_referral_reminder')).toHaveLength(1);

    const expiresAt = addWorkingDays(due, 5);
    await chase(expiresAt);
    const expired = await onwardRow(c.onward.id);
    expect(expired).toMatchObject({ status: 'expired' });
    expect(expired.endedAt?.getTime()).toBe(expiresAt.getTime());
    const [event] = await eventsOf(c.onward.id, 'onward.expired');
    expect(event).toMatchObject({ fromStatus: 'sent', toStatus: 'expired', actorLabel: 'Linkwell' });
    expect(event!.isVisibleToReferrer).toBe(false);

    const [task] = await t.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.referralId, c.referral.id), eq(tasks.kind, 'choose_another_service')));
    expect(task).toMatchObject({ assignedUserId: c.team.linkWorker.user.id });
    expect(task!.title).toMatch(/did not reply: choose another service/);
    expect(await mailTo(c.team.linkWorker.user.email, 'onward_referral_expired')).toHaveLength(1);

    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, c.onward.id), eq(auditEvents.actorType, 'system')));
    expect(audit.map((row) => row.action).sort()).toEqual([
      'onward_referral.expire',
      'onward_referral.nudge',
    ]);

    // Too late to answer now: the state machine refuses, and the link worker has moved on.
    const late = await c.provider.post(`/api/onward-referrals/${c.onward.id}/respond`, {
      action: 'accept',
      version: expired.version,
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'invalid_transition' });
  });

  it('stops chasing once the provider answers', async () => {
    const c = await unansweredOnwardReferral();
    const answered = await c.provider.post(`/api/onward-referrals/${c.onward.id}/respond`, {
      action: 'waitlist',
      expectedStartOn: '2027-03-01',
      version: c.onward.version,
    });
    expect(answered.status).toBe(200);
    await chase(addWorkingDays(c.onward.sentAt, 30));
    expect(await onwardRow(c.onward.id)).toMatchObject({ status: 'waitlisted', nudgedAt: null });
    expect(await mailTo(c.team.providerStaff.user.email, 'onward_referral_reminder')).toHaveLength(0);
  });

  it('follows the programme’s own response window', async () => {
    const c = await unansweredOnwardReferral();
    await t.db
      .update(programmes)
      .set({ settings: { providerResponseWorkingDays: 3, expireAfterNudgeWorkingDays: 1 } })
      .where(eq(programmes.id, c.team.programme.id));
    const due = addWorkingDays(c.onward.sentAt, 3);
    await chase(due);
    expect((await onwardRow(c.onward.id)).nudgedAt?.getTime()).toBe(due.getTime());
    await chase(addWorkingDays(due, 1));
    expect(await onwardRow(c.onward.id)).toMatchObject({ status: 'expired' });
  });

  it('sends one reminder when two passes run at once', async () => {
    const c = await unansweredOnwardReferral();
    const due = addWorkingDays(c.onward.sentAt, 10);
    await Promise.all([chase(due), chase(due)]);
    expect(await mailTo(c.team.providerStaff.user.email, 'onward_referral_reminder')).toHaveLength(1);
    expect(await eventsOf(c.onward.id, 'onward.nudged')).toHaveLength(1);
  });
});

describe('a service’s record of answering referrals on its directory entry', () => {
  it('shows the acceptance rate and median reply time once there are 5 answers, never fewer', async () => {
    const c = await unansweredOnwardReferral();
    const lw = new HttpClient(t.baseUrl);
    await lw.signIn(c.team.linkWorker.user.email, c.team.linkWorker.password);
    const entry = async () => (await lw.get(`/api/directory/services/${c.serviceId}`)).body.replies;

    // One referral so far, unanswered: too few to show anything.
    expect(await entry()).toEqual({
      periodMonths: 12,
      referralsAnswered: 0,
      acceptanceRate: null,
      medianReplyDays: null,
    });

    // Five more cases sent to the same service, answered after 1, 2, 3, 4 and 6 days.
    const answers = [
      { days: 1, action: 'accept' },
      { days: 2, action: 'accept' },
      { days: 3, action: 'waitlist' },
      { days: 4, action: 'decline', reason: 'at_capacity' },
      { days: 6, action: 'accept' },
    ];
    for (const answer of answers) {
      const referral = await buildReferral(t.db, {
        programmeId: c.team.programme.id,
        status: 'in_progress',
        assignedLinkWorkerId: c.team.linkWorker.user.id,
        referringOrganisationId: c.team.referrer.user.organisationId,
      });
      const sent = await lw.post(`/api/referrals/${referral.id}/onward-referrals`, {
        serviceId: c.serviceId,
        needs: ['loneliness'],
      });
      expect(sent.status).toBe(201);
      const id = sent.body.id as string;
      const replied = await c.provider.post(`/api/onward-referrals/${id}/respond`, {
        action: answer.action,
        ...(answer.reason ? { reason: answer.reason } : {}),
        version: 1,
      });
      expect(replied.status).toBe(200);
      // Move the dates back so the reply took the planned number of days.
      const row = await onwardRow(id);
      await t.db
        .update(onwardReferrals)
        .set({ sentAt: new Date(row.respondedAt!.getTime() - answer.days * 24 * 3600 * 1000) })
        .where(eq(onwardReferrals.id, id));
    }
    // The first referral expires without an answer: counted, not accepted, no reply time.
    const due = addWorkingDays(c.onward.sentAt, 10);
    await chase(due);
    await chase(addWorkingDays(due, 5));

    const replies = await entry();
    expect(replies).toMatchObject({ periodMonths: 12, referralsAnswered: 6, medianReplyDays: 3 });
    expect(replies.acceptanceRate).toBeCloseTo(4 / 6, 10);

    // The same figures for the public directory (anyone may read a service).
    const anonymous = new HttpClient(t.baseUrl);
    const publicEntry = await anonymous.get(`/api/directory/services/${c.serviceId}`);
    expect(publicEntry.status).toBe(200);
    expect(publicEntry.body.replies).toEqual(replies);
  });
});
