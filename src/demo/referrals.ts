// Demo history for the closed referral loop: eighteen months of referrals in every state for each
// demo programme, with their events, contacts, assessments, onward referrals to real demo directory
// services, attendance, unmet needs and tasks, so dashboards and the link worker's pages have
// something real to show. Deterministic (seeded streams per programme; dates relative to `now`).
//
// Runs after the foundation and directory seeds (it reads programmes, staff, people and services
// from the database). Idempotent: when a demo programme already has referrals it writes nothing and
// says so, so calling it twice never doubles the history. It queues no notifications (historical
// events must not email hundreds of referrers at first start) and writes no audit rows (a seed is
// nobody's access to personal data), as the foundation seed does for people.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
  assessments,
  attendances,
  contactAttempts,
  onwardReferrals,
  people,
  referralEvents,
  referrals,
  tasks,
  measures,
  healthServiceUse,
  unmetNeeds,
} from '../db/schema';
import { demoProgrammes } from './programmes';
import { createRandom, type Random } from './random';
import { loadProgrammeContext, type ProgrammeContext } from './referrals/context';
import { buildProgrammeHistory } from './referrals/history';
import type { SeedRows } from './referrals/records';

export type ReferralLoopSeedOptions = {
  /** The moment the history ends at; defaults to the real now. */
  now?: Date;
  /** Makes the seeded stream for a name (one per programme); defaults to the demo's mulberry32. */
  random?: (stream: string) => Random;
};

export type ReferralLoopSeedReport = {
  /** True when the demo programmes already had referrals: nothing was written. */
  isAlreadySeeded: boolean;
  programmes: { slug: string; people: number; referrals: number; events: number; onwardReferrals: number }[];
};

/** One INSERT per table per 500 rows: quick on PGlite, well under PostgreSQL's parameter limit. */
const chunkSize = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < rows.length; index += chunkSize)
    result.push(rows.slice(index, index + chunkSize));
  return result;
}

async function insertRows(db: Executor, rows: SeedRows): Promise<void> {
  // Parents before children (foreign keys); events in time order so their ids read as a timeline.
  for (const chunk of chunks(rows.people)) await db.insert(people).values(chunk);
  for (const chunk of chunks(rows.referrals)) await db.insert(referrals).values(chunk);
  for (const chunk of chunks(rows.onwardReferrals)) await db.insert(onwardReferrals).values(chunk);
  const events = [...rows.events].sort(
    (a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime(),
  );
  for (const chunk of chunks(events)) await db.insert(referralEvents).values(chunk);
  for (const chunk of chunks(rows.contacts)) await db.insert(contactAttempts).values(chunk);
  for (const chunk of chunks(rows.assessments)) await db.insert(assessments).values(chunk);
  for (const chunk of chunks(rows.attendances)) await db.insert(attendances).values(chunk);
  for (const chunk of chunks(rows.unmetNeeds)) await db.insert(unmetNeeds).values(chunk);
  for (const chunk of chunks(rows.tasks)) await db.insert(tasks).values(chunk);
  for (const chunk of chunks(rows.measures)) await db.insert(measures).values(chunk);
  for (const chunk of chunks(rows.healthUse)) await db.insert(healthServiceUse).values(chunk);
}

/** Seeds the referral loop's history for every demo programme present in the database. */
export async function seedReferralLoop(
  db: Executor,
  options: ReferralLoopSeedOptions = {},
): Promise<ReferralLoopSeedReport> {
  const now = options.now ?? new Date();
  const makeRandom = options.random ?? createRandom;
  const contexts: ProgrammeContext[] = [];
  for (const demo of demoProgrammes) {
    const context = await loadProgrammeContext(db, demo);
    if (context) contexts.push(context);
  }
  if (contexts.length === 0) return { isAlreadySeeded: false, programmes: [] };
  const [existing] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      inArray(
        referrals.programmeId,
        contexts.map((c) => c.id),
      ),
    )
    .limit(1);
  if (existing) return { isAlreadySeeded: true, programmes: [] };

  // NHS numbers are unique across programmes (a person is in one programme only); so are references.
  const nhsNumbers = new Set(
    (await db.select({ nhsNumber: people.nhsNumber }).from(people).where(isNotNull(people.nhsNumber))).map(
      (p) => p.nhsNumber as string,
    ),
  );
  const references = new Set(
    (await db.select({ reference: referrals.reference }).from(referrals)).map((r) => r.reference),
  );

  const report: ReferralLoopSeedReport['programmes'] = [];
  for (const context of contexts) {
    const history = buildProgrammeHistory(context, makeRandom, now, {
      nhsNumbers,
      references,
    });
    // One transaction per programme (a savepoint when the caller already holds one).
    await db.transaction(async (tx) => {
      await insertRows(tx, history.rows);
      for (const update of history.assignmentUpdates) {
        await tx
          .update(people)
          .set({ assignedLinkWorkerId: update.assignedLinkWorkerId })
          .where(and(eq(people.id, update.personId), eq(people.programmeId, context.id)));
      }
    });
    report.push({
      slug: context.demo.slug,
      people: history.rows.people.length,
      referrals: history.rows.referrals.length,
      events: history.rows.events.length,
      onwardReferrals: history.rows.onwardReferrals.length,
    });
  }
  return { isAlreadySeeded: false, programmes: report };
}
