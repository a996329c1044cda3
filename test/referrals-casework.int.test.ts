// Link worker casework over real HTTP: queue, pick-up, accept with its deadline, contacts, closure
// rules, flowback, assessment versions, hold/resume, access by relationship, history and tasks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  attendances,
  auditEvents,
  notifications,
  onwardReferrals,
  people,
  referralEvents,
  referrals,
  tasks,
} from '../src/db/schema';
import { addWorkingDays } from '../src/referrals/deadlines';
import { scheduleTask } from '../src/referrals/tasks';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam, buildService } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildOnwardReferral, buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function teamWithClients() {
  const team = await buildProgrammeWithTeam(t.db);
  const signIn = async (member: { user: { email: string }; password: string }) => {
    const http = new HttpClient(t.baseUrl);
    await http.signIn(member.user.email, member.password);
    return http;
  };
  return {
    team,
    coordinator: await signIn(team.coordinator),
    linkWorker: await signIn(team.linkWorker),
    otherLinkWorker: await signIn(team.otherLinkWorker),
    referrer: await signIn(team.referrer),
  };
}

type Team = Awaited<ReturnType<typeof buildProgrammeWithTeam>>;

const referralFrom = (team: Team, options: Partial<Parameters<typeof buildReferral>[1]> = {}) =>
  buildReferral(t.db, {
    programmeId: team.programme.id,
    referringOrganisationId: team.referrer.user.organisationId,
    referrerUserId: team.referrer.user.id,
    referrerEmail: team.referrer.user.email,
    ...options,
  });

const readReferral = async (id: string) =>
  (await t.db.select().from(referrals).where(eq(referrals.id, id)))[0]!;
const tasksOf = (referralId: string) => t.db.select().from(tasks).where(eq(tasks.referralId, referralId));

describe('casework: the loop from the queue to closure', () => {
  it('queue → pick up → accept schedules first contact → 3 no-answers → close as unable to contact', async () => {
    const { team, linkWorker } = await teamWithClients();
    const routine = await referralFrom(team);
    const urgent = await referralFrom(team);
    await t.db.update(referrals).set({ urgency: 'urgent' }).where(eq(referrals.id, urgent.id));

    const queue = await linkWorker.get('/api/referrals?view=queue');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((item: { id: string }) => item.id)).toEqual([urgent.id, routine.id]);
    expect(queue.body.total).toBe(2);
    expect(queue.body.items[1]).toMatchObject({
      reference: routine.reference,
      status: 'received',
      needs: ['loneliness'],
      person: { id: routine.personId, dateOfBirth: '1950-04-12', postcode: 'N17 6HB' },
      assignedLinkWorker: null,
      nextTask: null,
      daysWaiting: 0,
    });
    expect(queue.body.items[1].person.age).toBeGreaterThanOrEqual(75);
    const [listAudit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral.list'), eq(auditEvents.actorId, team.linkWorker.user.id)));
    expect((listAudit!.details as { personIds: string[] }).personIds.sort()).toEqual(
      [urgent.personId, routine.personId].sort(),
    );

    const pickedUp = await linkWorker.post(`/api/referrals/${routine.id}/assign`, {
      linkWorkerId: team.linkWorker.user.id,
      version: 1,
    });
    expect(pickedUp.status).toBe(200);
    expect(pickedUp.body).toMatchObject({ assignedLinkWorkerId: team.linkWorker.user.id, version: 2 });
    const [person] = await t.db.select().from(people).where(eq(people.id, routine.personId));
    expect(person!.assignedLinkWorkerId).toBe(team.linkWorker.user.id);

    const accepted = await linkWorker.post(`/api/referrals/${routine.id}/actions`, {
      action: 'accept',
      version: 2,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 3 });
    const row = await readReferral(routine.id);
    const [firstContact] = await tasksOf(routine.id);
    expect(firstContact).toMatchObject({ kind: 'first_contact', assignedUserId: team.linkWorker.user.id });
    expect(firstContact!.dueAt.toISOString()).toBe(addWorkingDays(row.acceptedAt!, 5).toISOString());

    const caseload = await linkWorker.get('/api/referrals?view=caseload');
    expect(caseload.body.items).toHaveLength(1);
    expect(caseload.body.items[0]).toMatchObject({
      id: routine.id,
      status: 'accepted',
      nextTask: { kind: 'first_contact', isOverdue: false },
    });

    let version = 3;
    for (let attempt = 1; attempt <= 3; attempt++) {
      if (attempt === 3) {
        const tooEarly = await linkWorker.post(`/api/referrals/${routine.id}/actions`, {
          action: 'close',
          reason: 'unable_to_contact',
          version,
        });
        expect(tooEarly.status).toBe(409);
        expect(tooEarly.body.code).toBe('invalid_transition');
        expect(tooEarly.body.detail).toContain('needs 3 failed contact attempts');
      }
      const contact = await linkWorker.post(`/api/referrals/${routine.id}/contacts`, {
        mode: 'phone',
        outcome: 'no_answer',
        durationMinutes: 1,
        version,
      });
      expect(contact.status).toBe(201);
      version = contact.body.referral.version;
      expect(contact.body.referral).toMatchObject({ status: 'contacting', failedContactAttempts: attempt });
      expect(contact.body.canCloseAsUnableToContact).toBe(attempt >= 3);
    }
    const closed = await linkWorker.post(`/api/referrals/${routine.id}/actions`, {
      action: 'close',
      reason: 'unable_to_contact',
      outcomeSummary: 'We tried three times by phone and could not reach her.',
      version,
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'completed', closureReason: 'unable_to_contact' });
    expect((await tasksOf(routine.id)).every((task) => task.cancelledAt !== null)).toBe(true);
  });

  it('a reached contact moves the case to in progress and tells the referrer about first contact', async () => {
    const { team, linkWorker } = await teamWithClients();
    const referral = await referralFrom(team);
    const accepted = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'accept',
      version: 1,
    });
    // Accepting from the queue picks it up.
    expect(accepted.body.assignedLinkWorkerId).toBe(team.linkWorker.user.id);

    const contact = await linkWorker.post(`/api/referrals/${referral.id}/contacts`, {
      mode: 'phone',
      outcome: 'reached',
      durationMinutes: 25,
      note: 'Talked about the lunch club.',
      version: 2,
    });
    expect(contact.status).toBe(201);
    expect(contact.body.referral.status).toBe('in_progress');
    expect(contact.body.contactAttempt).toMatchObject({
      mode: 'phone',
      outcome: 'reached',
      durationMinutes: 25,
    });

    const events = await t.db.select().from(referralEvents).where(eq(referralEvents.referralId, referral.id));
    const firstContact = events.find((event) => event.type === 'referral.in_progress');
    expect(firstContact).toMatchObject({ isVisibleToReferrer: true, snomedCode: '871731000000106' });
    const messages = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipient, team.referrer.user.email));
    expect(messages.some((message) => message.body.includes('first contact'))).toBe(true);
    expect(messages.every((message) => !message.body.includes('lunch club'))).toBe(true);
    expect(
      (await tasksOf(referral.id)).find((task) => task.kind === 'first_contact')!.completedAt,
    ).not.toBeNull();

    const record = await linkWorker.get(`/api/referrals/${referral.id}`);
    expect(record.status).toBe(200);
    expect(record.body.timeline.map((event: { type: string }) => event.type)).toEqual([
      'referral.accepted',
      'referral.in_progress',
    ]);
    expect(record.body.timeline[1].snomed).toEqual({
      code: '871731000000106',
      display: 'Referral to social prescribing service',
    });
    expect(record.body.contactAttempts).toHaveLength(1);
    expect(record.body.consent).toMatchObject({ toReferral: true, method: 'verbal', recordedBy: 'Dr Test' });
    expect(record.body.abilities).toMatchObject({
      canAccept: false,
      canHold: true,
      canClose: true,
      canRecordContact: true,
      canSaveAssessment: true,
    });
  });

  it('saves the assessment once, schedules the measures, and refuses a stale edit', async () => {
    const { team, linkWorker } = await teamWithClients();
    const referral = await referralFrom(team, {
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const body = {
      whatMatters: 'I want to get out of the house and meet people again.',
      needs: [{ domain: 'loneliness', priority: 'high', detail: 'Lives alone' }],
      goals: [{ text: 'Go to the lunch club once a week', status: 'open' }],
    };
    const created = await linkWorker.request('PUT', `/api/referrals/${referral.id}/assessment`, { body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, whatMatters: body.whatMatters });
    const goalId = created.body.goals[0].id as string;
    expect(goalId).toMatch(/^[0-9a-f-]{36}$/);
    const scheduled = await tasksOf(referral.id);
    expect(scheduled.map((task) => task.kind).sort()).toEqual(['baseline_measure', 'review_measure']);

    const missingVersion = await linkWorker.request('PUT', `/api/referrals/${referral.id}/assessment`, {
      body,
    });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.errors[0].field).toBe('version');

    const changed = { ...body, goals: [{ id: goalId, text: 'Go to the lunch club', status: 'achieved' }] };
    const updated = await linkWorker.request('PUT', `/api/referrals/${referral.id}/assessment`, {
      body: { ...changed, version: 1 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, goals: [{ id: goalId, status: 'achieved' }] });
    const stale = await linkWorker.request('PUT', `/api/referrals/${referral.id}/assessment`, {
      body: { ...body, version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(await tasksOf(referral.id)).toHaveLength(2);

    const received = await referralFrom(team);
    const tooSoon = await linkWorker.request('PUT', `/api/referrals/${received.id}/assessment`, { body });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.code).toBe('invalid_transition');

    const badNeed = await linkWorker.request('PUT', `/api/referrals/${referral.id}/assessment`, {
      body: { ...body, needs: [{ domain: 'nonsense', priority: 'high' }], version: 2 },
    });
    expect(badNeed.status).toBe(400);
  });

  it('holds and resumes; closing with an outcome summary cancels open tasks and tells the referrer', async () => {
    const { team, linkWorker } = await teamWithClients();
    const referral = await referralFrom(team, {
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    await scheduleTask(t.db, {
      programmeId: team.programme.id,
      referralId: referral.id,
      kind: 'follow_up',
      dueAt: new Date(Date.now() + 86_400_000),
      assignedUserId: team.linkWorker.user.id,
    });
    const held = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'hold',
      version: 1,
    });
    expect(held.body).toMatchObject({ status: 'on_hold', abilities: { canResume: true, canHold: false } });
    const holdAgain = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'hold',
      version: 2,
    });
    expect(holdAgain.status).toBe(409);
    expect(holdAgain.body.code).toBe('invalid_transition');
    const resumed = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'resume',
      version: 2,
    });
    expect(resumed.body.status).toBe('in_progress');

    const noReason = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'close',
      version: 3,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const tooLong = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'close',
      reason: 'goals_met',
      outcomeSummary: 'x'.repeat(501),
      version: 3,
    });
    expect(tooLong.status).toBe(400);
    const stale = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'close',
      reason: 'goals_met',
      version: 2,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');

    const closed = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'close',
      reason: 'goals_met',
      outcomeSummary: 'Goes to the lunch club weekly and feels less alone.',
      version: 3,
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'completed',
      outcomeSummary: expect.stringContaining('lunch club'),
    });
    // Every earlier task is cancelled; closing schedules the discharge measure (docs/DESIGN.md §3 rule 4).
    const open = (await tasksOf(referral.id)).filter((task) => !task.completedAt && !task.cancelledAt);
    expect(open.map((task) => task.kind)).toEqual(['discharge_measure']);
    const messages = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipient, team.referrer.user.email));
    expect(messages.some((message) => message.body.includes('feels less alone'))).toBe(true);
  });

  it('lets exactly one of two link workers pick up the same referral', async () => {
    const { team, linkWorker, otherLinkWorker } = await teamWithClients();
    const referral = await referralFrom(team);
    const [first, second] = await Promise.all([
      linkWorker.post(`/api/referrals/${referral.id}/assign`, {
        linkWorkerId: team.linkWorker.user.id,
        version: 1,
      }),
      otherLinkWorker.post(`/api/referrals/${referral.id}/assign`, {
        linkWorkerId: team.otherLinkWorker.user.id,
        version: 1,
      }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? team.linkWorker.user.id : team.otherLinkWorker.user.id;
    expect((await readReferral(referral.id)).assignedLinkWorkerId).toBe(winner);
    const assigned = await t.db
      .select()
      .from(referralEvents)
      .where(and(eq(referralEvents.referralId, referral.id), eq(referralEvents.type, 'referral.assigned')));
    expect(assigned).toHaveLength(1);
  });

  it('coordinators assign to link workers of their programme only; link workers cannot reassign', async () => {
    const { team, coordinator, otherLinkWorker } = await teamWithClients();
    const referral = await referralFrom(team, {
      status: 'accepted',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    await scheduleTask(t.db, {
      programmeId: team.programme.id,
      referralId: referral.id,
      kind: 'first_contact',
      dueAt: new Date(Date.now() + 86_400_000),
      assignedUserId: team.linkWorker.user.id,
    });
    const notAWorker = await coordinator.post(`/api/referrals/${referral.id}/assign`, {
      linkWorkerId: team.buddy.user.id,
      version: 1,
    });
    expect(notAWorker.status).toBe(400);
    expect(notAWorker.body.errors[0].field).toBe('linkWorkerId');
    const stealing = await otherLinkWorker.post(`/api/referrals/${referral.id}/assign`, {
      linkWorkerId: team.otherLinkWorker.user.id,
      version: 1,
    });
    expect(stealing.status).toBe(403);
    const moved = await coordinator.post(`/api/referrals/${referral.id}/assign`, {
      linkWorkerId: team.otherLinkWorker.user.id,
      version: 1,
    });
    expect(moved.status).toBe(200);
    expect((await tasksOf(referral.id))[0]!.assignedUserId).toBe(team.otherLinkWorker.user.id);
    const coordinatorCaseload = await coordinator.get(
      `/api/referrals?view=caseload&linkWorkerId=${team.otherLinkWorker.user.id}`,
    );
    expect(coordinatorCaseload.body.items.map((item: { id: string }) => item.id)).toEqual([referral.id]);
    const all = await coordinator.get('/api/referrals?view=all&status=accepted');
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([referral.id]);
  });
});

describe('casework: who may see what', () => {
  it('a link worker needs a reason to open another worker’s referral, and the reason is audited', async () => {
    const { team, otherLinkWorker, referrer } = await teamWithClients();
    const referral = await referralFrom(team, {
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const refused = await otherLinkWorker.get(`/api/referrals/${referral.id}`);
    expect(refused.status).toBe(403);
    const reason = 'Covering for a colleague on leave';
    const allowed = await otherLinkWorker.get(
      `/api/referrals/${referral.id}?reason=${encodeURIComponent(reason)}`,
    );
    expect(allowed.status).toBe(200);
    expect(allowed.body.abilities.canClose).toBe(false);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, referral.id), eq(auditEvents.action, 'referral.read')));
    expect(audit).toMatchObject({ actorId: team.otherLinkWorker.user.id });
    expect(audit!.details).toMatchObject({ reason });
    // A reason opens the record, not the right to work on it.
    const change = await otherLinkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'hold',
      version: 1,
    });
    expect(change.status).toBe(403);
    expect((await readReferral(referral.id)).status).toBe('in_progress');
    const referrerView = await referrer.get(`/api/referrals/${referral.id}`);
    expect(referrerView.status).toBe(403);
    expect((await otherLinkWorker.get('/api/referrals?view=all')).status).toBe(403);
  });

  it('another programme’s referral, person and tasks are 404', async () => {
    const { team } = await teamWithClients();
    const elsewhere = await teamWithClients();
    const referral = await referralFrom(team, {
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const [task] = await tasksOf(referral.id);
    expect(task).toBeUndefined();
    const created = await scheduleTask(t.db, {
      programmeId: team.programme.id,
      referralId: referral.id,
      kind: 'custom',
      title: 'Call back',
      dueAt: new Date(),
      assignedUserId: team.linkWorker.user.id,
    });
    const outsider = elsewhere.coordinator;
    expect((await outsider.get(`/api/referrals/${referral.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/people/${referral.personId}/history`)).status).toBe(404);
    expect(
      (await outsider.post(`/api/referrals/${referral.id}/actions`, { action: 'hold', version: 1 })).status,
    ).toBe(404);
    expect(
      (
        await outsider.post(`/api/referrals/${referral.id}/assign`, {
          linkWorkerId: elsewhere.team.linkWorker.user.id,
          version: 1,
        })
      ).status,
    ).toBe(404);
    expect((await outsider.post(`/api/tasks/${created.id}/complete`, { version: 1 })).status).toBe(404);
    const theirs = await outsider.get('/api/referrals?view=all');
    expect(theirs.body.items).toHaveLength(0);
    expect((await new HttpClient(t.baseUrl).get('/api/referrals')).status).toBe(401);
  });
});

describe('casework: history and tasks', () => {
  it('shows previous onward referrals with decline reasons and attendance', async () => {
    const { team, linkWorker, otherLinkWorker } = await teamWithClients();
    const earlier = await referralFrom(team, {
      status: 'completed',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const current = await referralFrom(team, {
      personId: earlier.personId,
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const provider = team.providerStaff.user.organisationId!;
    const walking = await buildService(t.db, { organisationId: provider, name: 'Walking group' });
    const choir = await buildService(t.db, { organisationId: provider, name: 'Community choir' });
    const walked = await buildOnwardReferral(t.db, {
      referral: earlier,
      serviceId: walking,
      providerOrganisationId: provider,
    });
    await t.db
      .update(onwardReferrals)
      .set({ status: 'dropped_out' })
      .where(eq(onwardReferrals.id, walked.id));
    await t.db.insert(attendances).values(
      (['attended', 'attended', 'did_not_attend', 'cancelled'] as const).map((status, index) => ({
        programmeId: team.programme.id,
        onwardReferralId: walked.id,
        sessionOn: `2026-0${index + 1}-10`,
        status,
      })),
    );
    const sang = await buildOnwardReferral(t.db, {
      referral: current,
      serviceId: choir,
      providerOrganisationId: provider,
    });
    await t.db
      .update(onwardReferrals)
      .set({ status: 'declined', declineReason: 'at_capacity' })
      .where(eq(onwardReferrals.id, sang.id));

    const history = await linkWorker.get(`/api/people/${earlier.personId}/history`);
    expect(history.status).toBe(200);
    expect(
      history.body.referrals.map((r: { id: string; isOpen: boolean }) => [r.id, r.isOpen]).sort(),
    ).toEqual(
      [
        [earlier.id, false],
        [current.id, true],
      ].sort(),
    );
    const byService = Object.fromEntries(
      history.body.onwardReferrals.map((o: { serviceName: string }) => [o.serviceName, o]),
    );
    expect(byService['Walking group']).toMatchObject({
      status: 'dropped_out',
      isActive: false,
      attendance: { attended: 2, didNotAttend: 1 },
    });
    expect(byService['Community choir']).toMatchObject({
      status: 'declined',
      declineReason: 'at_capacity',
      attendance: { attended: 0, didNotAttend: 0 },
    });
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, earlier.personId), eq(auditEvents.action, 'person.history.read')));
    expect(audits).toHaveLength(1);

    expect((await otherLinkWorker.get(`/api/people/${earlier.personId}/history`)).status).toBe(403);
    const record = await linkWorker.get(`/api/referrals/${current.id}`);
    expect(record.body.onwardReferrals[0]).toMatchObject({
      serviceName: 'Community choir',
      providerOrganisationId: provider,
      status: 'declined',
    });
  });

  it('lists due and overdue tasks, adds custom ones idempotently and completes them', async () => {
    const { team, linkWorker, coordinator } = await teamWithClients();
    const referral = await referralFrom(team, {
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const day = 86_400_000;
    const at = (days: number) => new Date(Date.now() + days * day);
    const overdue = await scheduleTask(t.db, {
      programmeId: team.programme.id,
      referralId: referral.id,
      kind: 'first_contact',
      dueAt: at(-2),
      assignedUserId: team.linkWorker.user.id,
    });
    const soon = await scheduleTask(t.db, {
      programmeId: team.programme.id,
      referralId: referral.id,
      kind: 'follow_up',
      dueAt: at(3),
      assignedUserId: team.linkWorker.user.id,
    });
    const later = await scheduleTask(t.db, {
      programmeId: team.programme.id,
      referralId: referral.id,
      kind: 'review_measure',
      dueAt: at(30),
      assignedUserId: team.linkWorker.user.id,
    });
    const ids = (response: { body: { items: { id: string }[] } }) =>
      response.body.items.map((item) => item.id);

    const overdueList = await linkWorker.get('/api/tasks?scope=mine&when=overdue');
    expect(overdueList.status).toBe(200);
    expect(ids(overdueList)).toEqual([overdue.id]);
    expect(overdueList.body.items[0]).toMatchObject({
      isOverdue: true,
      referralReference: referral.reference,
      kind: 'first_contact',
      title: 'Make first contact',
    });
    expect(overdueList.body.items[0].person.name).toContain('Ada');
    expect(ids(await linkWorker.get('/api/tasks?when=due'))).toEqual([overdue.id, soon.id]);
    expect(ids(await linkWorker.get('/api/tasks?when=upcoming'))).toEqual([soon.id, later.id]);
    expect(ids(await linkWorker.get('/api/tasks?when=all'))).toEqual([overdue.id, soon.id, later.id]);
    expect((await linkWorker.get('/api/tasks?scope=programme')).status).toBe(403);
    expect(ids(await coordinator.get('/api/tasks?scope=programme&when=all'))).toEqual([
      overdue.id,
      soon.id,
      later.id,
    ]);
    expect(ids(await coordinator.get('/api/tasks?scope=mine&when=all'))).toEqual([]);

    const key = { 'idempotency-key': `task-${referral.id}` };
    const dueAt = at(1).toISOString();
    const custom = await linkWorker.post(
      `/api/referrals/${referral.id}/tasks`,
      { title: 'Ring the GP', dueAt },
      key,
    );
    expect(custom.status).toBe(201);
    expect(custom.body).toMatchObject({
      kind: 'custom',
      title: 'Ring the GP',
      assignedUserId: team.linkWorker.user.id,
    });
    const retry = await linkWorker.post(
      `/api/referrals/${referral.id}/tasks`,
      { title: 'Ring the GP', dueAt },
      key,
    );
    expect(retry.body.id).toBe(custom.body.id);
    expect(await tasksOf(referral.id)).toHaveLength(4);
    const badDate = await linkWorker.post(`/api/referrals/${referral.id}/tasks`, {
      title: 'x',
      dueAt: 'soon',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('dueAt');

    const done = await linkWorker.post(`/api/tasks/${overdue.id}/complete`, { version: 1 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ isOverdue: false, version: 2 });
    expect(done.body.completedAt).not.toBeNull();
    const again = await linkWorker.post(`/api/tasks/${overdue.id}/complete`, { version: 1 });
    expect(again.status).toBe(409);
    expect(ids(await linkWorker.get('/api/tasks?when=overdue'))).toEqual([]);
  });
});

describe('waiting times for the coordinator', () => {
  it('gives medians to acceptance and first contact, the share within target, and the queue; coordinators only', async () => {
    const c = await teamWithClients();
    const now = Date.now();
    const daysAgo = (days: number) => new Date(now - days * 24 * 3600 * 1000);
    // Accepted 1 and 3 days after receipt; the second contacted 2 days after acceptance.
    for (const [received, accepted, contacted] of [
      [20, 19, null],
      [20, 17, 15],
    ] as const) {
      const referral = await referralFrom(c.team, {
        status: 'in_progress',
        assignedLinkWorkerId: c.team.linkWorker.user.id,
      });
      await t.db
        .update(referrals)
        .set({
          receivedAt: daysAgo(received),
          acceptedAt: daysAgo(accepted),
          firstContactAt: contacted === null ? null : daysAgo(contacted),
        })
        .where(eq(referrals.id, referral.id));
    }
    const queued = await referralFrom(c.team);
    await t.db
      .update(referrals)
      .set({ receivedAt: daysAgo(4) })
      .where(eq(referrals.id, queued.id));

    const response = await c.coordinator.get('/api/casework/waiting-times?days=90');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      periodDays: 90,
      acceptance: { count: 2, medianDays: 2 },
      firstContact: { count: 1, medianDays: 2, targetWorkingDays: 5, withinTargetShare: 1 },
      queue: { count: 1, oldestDays: 4, medianDays: 4 },
    });
    expect(JSON.stringify(response.body)).not.toContain(queued.id);

    expect((await c.linkWorker.get('/api/casework/waiting-times')).status).toBe(403);
    expect((await c.referrer.get('/api/casework/waiting-times')).status).toBe(403);
    expect((await c.coordinator.get('/api/casework/waiting-times?days=3')).status).toBe(400);
  });
});
