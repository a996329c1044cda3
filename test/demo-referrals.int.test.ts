// The demo referral history on a fresh, migrated database after the foundation and directory seeds:
// every state is there, the events tell each referral's story consistently with the state
// machines, the dates are history (15+ months, nothing in the future), the people are sound and stay
// in their programme, and the demo logins find a caseload, flowback and an inbox. Running the seeder
// again is a no-op (it reports that the history is already there).
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attendances,
  auditEvents,
  contactAttempts,
  notifications,
  onwardReferrals,
  people,
  programmes,
  referralEvents,
  referrals,
  tasks,
  unmetNeeds,
  users,
  measures,
  healthServiceUse,
} from '../src/db/schema';
import { findBuiltInInstrument } from '../src/outcomes/instruments';
import { scoreAnswers } from '../src/outcomes/scoring';
import { seedDirectory } from '../src/demo/directory';
import { demoProgrammes } from '../src/demo/programmes';
import { seedReferralLoop, type ReferralLoopSeedReport } from '../src/demo/referrals';
import { seedFoundation } from '../src/demo/seed';
import { demoStaff, emailOf } from '../src/demo/staff';
import { isValidNhsNumber } from '../src/people/nhs-number';
import { declineReasons, onwardReferralStatuses } from '../src/referrals/onward-referral-state';
import {
  closureReasons,
  openReferralStatuses,
  referralStatuses,
  rejectionReasons,
} from '../src/referrals/referral-state';
import { snomed } from '../src/referrals/snomed';
import { openTestDatabase, type TestDatabase } from './support/database';

const dayMs = 86_400_000;

/** Foundation, directory, then the referral history; returns the report and the foundation's people. */
async function seedEverything(database: TestDatabase, now: Date) {
  const foundationPeopleIds = await database.db.transaction(async (tx) => {
    const foundation = await seedFoundation(tx);
    await seedDirectory(tx, foundation, { now });
    return new Set(foundation.people.map((p) => p.id));
  });
  const started = performance.now();
  const report = await seedReferralLoop(database.db, { now });
  return { report, foundationPeopleIds, milliseconds: performance.now() - started };
}

function loginEmail(role: string): string {
  const staff = demoStaff.find((s) => s.role === role && s.login !== undefined);
  if (!staff) throw new Error(`no demo login for ${role}`);
  return emailOf(staff);
}

async function userByEmail(database: TestDatabase, email: string) {
  const [user] = await database.db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no user ${email}`);
  return user;
}

describe('demo referral loop seed', () => {
  let database: TestDatabase;
  let report: ReferralLoopSeedReport;
  let foundationPeopleIds: Set<string>;
  // A fixed Wednesday morning: the test does not depend on the day it runs.
  const now = new Date('2026-11-25T10:15:00Z');

  beforeAll(async () => {
    database = await openTestDatabase();
    const seeded = await seedEverything(database, now);
    report = seeded.report;
    foundationPeopleIds = seeded.foundationPeopleIds;
    // Reported, not asserted: a timed test fails on a busy machine without anything being wrong.
    console.info(`demo referral history: ${Math.round(seeded.milliseconds)} ms`, report.programmes);
  }, 180_000);

  afterAll(async () => {
    await database?.close();
  });

  it('gives each demo programme a few hundred referrals', () => {
    expect(report.isAlreadySeeded).toBe(false);
    expect(report.programmes.map((p) => p.slug).sort()).toEqual(demoProgrammes.map((p) => p.slug).sort());
    for (const programme of report.programmes) {
      expect(programme.referrals, programme.slug).toBeGreaterThanOrEqual(250);
      expect(programme.referrals, programme.slug).toBeLessThanOrEqual(400);
    }
  });

  it('has every referral status in every programme, and every onward status, reason and closure', async () => {
    const rows = await database.db
      .select({
        slug: programmes.slug,
        status: referrals.status,
        urgency: referrals.urgency,
        rejectionReason: referrals.rejectionReason,
        closureReason: referrals.closureReason,
      })
      .from(referrals)
      .innerJoin(programmes, eq(programmes.id, referrals.programmeId));
    for (const programme of demoProgrammes) {
      const statuses = new Set(rows.filter((r) => r.slug === programme.slug).map((r) => r.status));
      expect([...statuses].sort(), programme.slug).toEqual([...referralStatuses].sort());
    }
    expect(new Set(rows.map((r) => r.rejectionReason).filter(Boolean))).toEqual(new Set(rejectionReasons));
    expect(new Set(rows.map((r) => r.closureReason).filter(Boolean))).toEqual(new Set(closureReasons));
    expect(rows.some((r) => r.status === 'received' && r.urgency === 'urgent')).toBe(true);

    const onward = await database.db
      .select({ status: onwardReferrals.status, declineReason: onwardReferrals.declineReason })
      .from(onwardReferrals);
    expect(new Set(onward.map((o) => o.status))).toEqual(new Set(onwardReferralStatuses));
    expect(new Set(onward.map((o) => o.declineReason).filter(Boolean))).toEqual(new Set(declineReasons));
  });

  it('has a referral waiting in the queue longer than five working days', async () => {
    const waiting = await database.db
      .select({ receivedAt: referrals.receivedAt })
      .from(referrals)
      .where(eq(referrals.status, 'received'));
    // Seven calendar days always hold more than five working days.
    expect(waiting.some((r) => now.getTime() - r.receivedAt.getTime() > 8 * dayMs)).toBe(true);
  });

  it('tells every referral’s story in events that follow the state machine to its current status', async () => {
    const allReferrals = await database.db
      .select({ id: referrals.id, status: referrals.status })
      .from(referrals);
    const events = await database.db
      .select()
      .from(referralEvents)
      .orderBy(asc(referralEvents.referralId), asc(referralEvents.id));
    const byReferral = new Map<string, typeof events>();
    for (const event of events)
      byReferral.set(event.referralId, [...(byReferral.get(event.referralId) ?? []), event]);
    for (const referral of allReferrals) {
      const own = (byReferral.get(referral.id) ?? []).filter(
        (e) => e.onwardReferralId === null && e.toStatus !== null,
      );
      expect(own[0]?.type, referral.id).toBe('referral.received');
      expect(own[0]?.fromStatus).toBeNull();
      // Each change starts where the one before ended; the last ends at the current status.
      for (let index = 1; index < own.length; index++)
        expect(own[index]!.fromStatus).toBe(own[index - 1]!.toStatus);
      expect(own.at(-1)?.toStatus, referral.id).toBe(referral.status);
    }
    // Events are in time order within each referral (ids follow occurred_at).
    for (const own of byReferral.values()) {
      for (let index = 1; index < own.length; index++)
        expect(own[index]!.occurredAt.getTime()).toBeGreaterThanOrEqual(own[index - 1]!.occurredAt.getTime());
    }

    const onward = await database.db
      .select({ id: onwardReferrals.id, status: onwardReferrals.status })
      .from(onwardReferrals);
    const onwardEvents = new Map<string, typeof events>();
    for (const event of events)
      if (event.onwardReferralId)
        onwardEvents.set(event.onwardReferralId, [
          ...(onwardEvents.get(event.onwardReferralId) ?? []),
          event,
        ]);
    for (const row of onward) {
      const own = onwardEvents.get(row.id) ?? [];
      expect(own[0]?.type).toBe('onward.sent');
      for (let index = 1; index < own.length; index++)
        expect(own[index]!.fromStatus).toBe(own[index - 1]!.toStatus);
      expect(own.at(-1)?.toStatus, row.id).toBe(row.status);
    }
  });

  it('codes the flowback events and shows the referrer only flowback', async () => {
    const events = await database.db.select().from(referralEvents);
    const firstContacts = events.filter(
      (e) => e.isVisibleToReferrer && e.snomedCode === snomed.referralAccepted.code,
    );
    expect(firstContacts.length).toBeGreaterThan(0);
    for (const event of events.filter((e) => e.type === 'referral.completed')) {
      expect(event.isVisibleToReferrer).toBe(true);
      expect([snomed.caseClosed.code, snomed.declined.code]).toContain(event.snomedCode);
    }
    for (const event of events.filter((e) => e.type.startsWith('onward.') || e.type === 'assessment.saved'))
      expect(event.isVisibleToReferrer).toBe(false);
    expect(
      events
        .filter((e) => e.isVisibleToReferrer)
        .every((e) => e.note === null || e.type !== 'contact.recorded'),
    ).toBe(true);
    const connected = events.filter((e) => e.type === 'referral.connected');
    expect(connected.length).toBeGreaterThan(0);
    expect(connected.every((e) => e.isVisibleToReferrer)).toBe(true);
  });

  it('spans at least fifteen months and puts nothing in the future', async () => {
    const received = await database.db.select({ at: referrals.receivedAt }).from(referrals);
    const oldest = Math.min(...received.map((r) => r.at.getTime()));
    expect(now.getTime() - oldest).toBeGreaterThan(15 * 30.4 * dayMs);
    const moments = [
      ...received.map((r) => r.at),
      ...(await database.db.select({ at: referralEvents.occurredAt }).from(referralEvents)).map((r) => r.at),
      ...(await database.db.select({ at: contactAttempts.occurredAt }).from(contactAttempts)).map(
        (r) => r.at,
      ),
      ...(await database.db.select({ at: onwardReferrals.sentAt }).from(onwardReferrals)).map((r) => r.at),
      ...(await database.db.select({ at: unmetNeeds.createdAt }).from(unmetNeeds)).map((r) => r.at),
      ...(await database.db.select({ at: tasks.createdAt }).from(tasks)).map((r) => r.at),
    ];
    expect(moments.filter((at) => at.getTime() > now.getTime())).toEqual([]);
    const sessions = await database.db.select({ on: attendances.sessionOn }).from(attendances);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.on <= now.toISOString().slice(0, 10))).toBe(true);
  });

  it('creates sound people: valid NHS numbers, adults 18–95, postcodes in their programme’s districts', async () => {
    const rows = await database.db
      .select({ person: people, districts: programmes.postcodeDistricts })
      .from(people)
      .innerJoin(programmes, eq(programmes.id, people.programmeId));
    expect(rows.length).toBeGreaterThan(600);
    const numbers = rows.flatMap((r) => (r.person.nhsNumber ? [r.person.nhsNumber] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const nhsNumber of numbers) expect(isValidNhsNumber(nhsNumber), nhsNumber).toBe(true);
    for (const { person, districts } of rows) {
      expect(districts, `${person.postcode}`).toContain(person.postcode?.split(' ')[0]);
      // The foundation's own people follow its own age bands; the ones made here are 18–95.
      if (foundationPeopleIds.has(person.id)) continue;
      const age = (now.getTime() - new Date(`${person.dateOfBirth}T00:00:00Z`).getTime()) / (365.25 * dayMs);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThan(96);
    }
  });

  it('keeps every referral, onward referral and person in one programme', async () => {
    const mismatched = await database.db
      .select({ id: referrals.id })
      .from(referrals)
      .innerJoin(people, eq(people.id, referrals.personId))
      .where(and(eq(people.programmeId, referrals.programmeId)));
    const [{ total } = { total: 0 }] = await database.db.select({ total: count() }).from(referrals);
    expect(mismatched.length).toBe(total);
    const onward = await database.db
      .select({
        onward: onwardReferrals.programmeId,
        referral: referrals.programmeId,
        person: people.programmeId,
      })
      .from(onwardReferrals)
      .innerJoin(referrals, eq(referrals.id, onwardReferrals.referralId))
      .innerJoin(people, eq(people.id, onwardReferrals.personId));
    for (const row of onward) {
      expect(row.onward).toBe(row.referral);
      expect(row.person).toBe(row.referral);
    }
  });

  it('puts each open case on its link worker’s caseload, one open case per person', async () => {
    const open = await database.db
      .select({
        personId: referrals.personId,
        assigned: referrals.assignedLinkWorkerId,
        personAssigned: people.assignedLinkWorkerId,
        status: referrals.status,
        role: users.role,
        workerProgramme: users.programmeId,
        programmeId: referrals.programmeId,
      })
      .from(referrals)
      .innerJoin(people, eq(people.id, referrals.personId))
      .leftJoin(users, eq(users.id, referrals.assignedLinkWorkerId))
      .where(inArray(referrals.status, [...openReferralStatuses]));
    const assignedOpen = open.filter((r) => r.assigned !== null);
    expect(assignedOpen.length).toBeGreaterThan(0);
    for (const row of assignedOpen) {
      expect(row.personAssigned).toBe(row.assigned);
      expect(row.role).toBe('link_worker');
      expect(row.workerProgramme).toBe(row.programmeId);
    }
    const perPerson = new Map<string, number>();
    for (const row of assignedOpen) perPerson.set(row.personId, (perPerson.get(row.personId) ?? 0) + 1);
    expect(Math.max(...perPerson.values())).toBe(1);
    // And nobody is on a caseload without an open case there.
    const assignedPeople = await database.db
      .select({ id: people.id, worker: people.assignedLinkWorkerId })
      .from(people)
      .where(
        inArray(
          people.programmeId,
          (await database.db.select({ id: programmes.id }).from(programmes)).map((p) => p.id),
        ),
      );
    for (const person of assignedPeople.filter((p) => p.worker !== null))
      expect(
        assignedOpen.some((r) => r.personId === person.id && r.assigned === person.worker),
        person.id,
      ).toBe(true);
  });

  it('gives the demo link worker a realistic caseload with tasks due today or overdue', async () => {
    const worker = await userByEmail(database, loginEmail('link_worker'));
    const caseload = await database.db
      .select({ id: referrals.id })
      .from(referrals)
      .where(
        and(
          eq(referrals.assignedLinkWorkerId, worker.id),
          inArray(referrals.status, [...openReferralStatuses]),
        ),
      );
    expect(caseload.length).toBeGreaterThanOrEqual(10);
    expect(caseload.length).toBeLessThanOrEqual(30);
    const openTasks = await database.db
      .select({ dueAt: tasks.dueAt, kind: tasks.kind })
      .from(tasks)
      .where(and(eq(tasks.assignedUserId, worker.id), isNull(tasks.completedAt), isNull(tasks.cancelledAt)));
    const endOfToday = new Date(now);
    endOfToday.setUTCHours(23, 59, 59, 999);
    expect(openTasks.filter((t) => t.dueAt <= endOfToday).length).toBeGreaterThan(0);
    expect(openTasks.some((t) => t.dueAt < now)).toBe(true);
    const done = await database.db
      .select({ total: count() })
      .from(tasks)
      .where(and(eq(tasks.assignedUserId, worker.id), eq(tasks.kind, 'first_contact')));
    expect(done[0]?.total).toBeGreaterThan(0);
  });

  it('gives the demo referrer referrals with flowback, and the demo provider an inbox', async () => {
    const referrer = await userByEmail(database, loginEmail('referrer'));
    const visible = await database.db
      .select({ type: referralEvents.type })
      .from(referralEvents)
      .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
      .where(
        and(
          eq(referrals.referringOrganisationId, referrer.organisationId!),
          eq(referralEvents.isVisibleToReferrer, true),
        ),
      );
    const kinds = new Set(visible.map((v) => v.type));
    for (const type of [
      'referral.received',
      'referral.accepted',
      'referral.in_progress',
      'referral.completed',
    ])
      expect(kinds, type).toContain(type);

    const provider = await userByEmail(database, loginEmail('provider_staff'));
    const inbox = await database.db
      .select({ status: onwardReferrals.status })
      .from(onwardReferrals)
      .where(eq(onwardReferrals.providerOrganisationId, provider.organisationId!));
    expect(inbox.some((o) => o.status === 'sent')).toBe(true);
    expect(new Set(inbox.map((o) => o.status)).size).toBeGreaterThanOrEqual(4);
  });

  it('has outcome measures for most closed referrals, scored by the engine, with improvement and loss to follow-up', async () => {
    const rows = await database.db.select().from(measures);
    // Every stored score is what the scoring engine makes of the stored answers.
    for (const row of rows) {
      const outcome = scoreAnswers(
        findBuiltInInstrument(row.instrumentKey)!,
        row.answers as Record<string, number>,
      );
      expect(outcome.ok && [outcome.result.rawTotal, outcome.result.metricScore]).toEqual([
        row.rawTotal,
        row.metricScore,
      ]);
    }
    const closed = await database.db
      .select({ id: referrals.id })
      .from(referrals)
      .where(
        and(
          eq(referrals.status, 'completed'),
          inArray(referrals.closureReason, ['goals_met', 'connected_to_services']),
        ),
      );
    const swemwbs = rows.filter((row) => row.instrumentKey === 'swemwbs');
    const baselines = new Map(
      swemwbs.filter((row) => row.timepoint === 'baseline').map((row) => [row.referralId, row]),
    );
    const withBaseline = closed.filter((referral) => baselines.has(referral.id));
    expect(withBaseline.length / closed.length).toBeGreaterThan(0.6);

    const later = new Map<string, number>();
    for (const row of swemwbs) if (row.timepoint !== 'baseline') later.set(row.referralId, row.metricScore!);
    const paired = [...baselines.keys()].filter((id) => later.has(id));
    const lostShare = 1 - paired.length / baselines.size;
    expect(lostShare).toBeGreaterThan(0.15);
    expect(lostShare).toBeLessThan(0.8);
    const meanChange =
      paired.reduce((sum, id) => sum + later.get(id)! - baselines.get(id)!.metricScore!, 0) / paired.length;
    expect(meanChange).toBeGreaterThan(0.5);
    expect(meanChange).toBeLessThan(6);
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(['link_worker', 'self']));

    const use = await database.db.select().from(healthServiceUse);
    expect(new Set(use.map((row) => `${row.period} ${row.windowMonths}`))).toEqual(
      new Set(['before 3', 'after 3', 'before 6', 'after 6']),
    );
  });

  it('records unmet needs, including those caused by a decline at capacity', async () => {
    const rows = await database.db.select().from(unmetNeeds);
    expect(rows.some((r) => r.reason === 'no_capacity' && r.onwardReferralId !== null)).toBe(true);
    expect(rows.some((r) => r.onwardReferralId === null)).toBe(true);
    expect(rows.every((r) => r.boroughCode?.startsWith('E09'))).toBe(true);
  });

  it('queues no notifications and writes no audit rows', async () => {
    const [queued] = await database.db.select({ total: count() }).from(notifications);
    const [audited] = await database.db.select({ total: count() }).from(auditEvents);
    expect(queued?.total).toBe(0);
    expect(audited?.total).toBe(0);
  });

  it('writes nothing when run again', async () => {
    const before = await database.db.select({ total: count() }).from(referrals);
    const again = await seedReferralLoop(database.db, { now });
    expect(again).toEqual({ isAlreadySeeded: true, programmes: [] });
    expect(await database.db.select({ total: count() }).from(referrals)).toEqual(before);
  });

  it('produces the same people and referrals on another fresh database half a minute later', async () => {
    const other = await openTestDatabase();
    const readPeople = (db: TestDatabase) =>
      db.db
        .select({
          givenName: people.givenName,
          familyName: people.familyName,
          dateOfBirth: people.dateOfBirth,
          nhsNumber: people.nhsNumber,
          postcode: people.postcode,
        })
        .from(people)
        .orderBy(
          asc(people.familyName),
          asc(people.givenName),
          asc(people.dateOfBirth),
          asc(people.nhsNumber),
        );
    const readReferences = async (db: TestDatabase) =>
      (
        await db.db
          .select({ reference: referrals.reference })
          .from(referrals)
          .orderBy(asc(referrals.reference))
      ).map((r) => r.reference);
    try {
      // A first start a little later must not change who is in the demo (seed.int.test compares people).
      await seedEverything(other, new Date(now.getTime() + 30_000));
      expect(await readPeople(other)).toEqual(await readPeople(database));
      expect(await readReferences(other)).toEqual(await readReferences(database));
    } finally {
      await other.close();
    }
  }, 180_000);
});
