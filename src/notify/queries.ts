// SQL for the outbox. Times come from the database clock (now()), never the app's, so several app
// instances with drifting clocks agree on what is due and when a claim has expired.
import { and, desc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { notifications } from '../db/schema';
import { statusesAllowing, type NotificationStatus } from './status';

export type NotificationRow = typeof notifications.$inferSelect;

const secondsFromNow = (seconds: number): SQL => sql`now() + ${seconds}::float8 * interval '1 second'`;
const inStatus = (statuses: readonly NotificationStatus[]) => inArray(notifications.status, [...statuses]);
/** Longest last_error kept: enough to diagnose, bounded so a provider's HTML error page cannot bloat the row. */
const maxErrorLength = 1000;

/** Queued and its time has come, or being sent under a claim that expired (its worker crashed). */
const isDue = () =>
  or(
    and(eq(notifications.status, 'queued'), lte(notifications.nextAttemptAt, sql`now()`)),
    and(eq(notifications.status, 'sending'), lt(notifications.lockedUntil, sql`now()`)),
  );

/**
 * Claims up to `limit` due messages for this worker: queued ones whose time has come, and `sending`
 * ones whose claim expired (their worker crashed mid-send). One statement, so one short
 * transaction: FOR UPDATE SKIP LOCKED makes concurrent workers take disjoint rows instead of
 * waiting for or double-claiming each other's, and the attempt is counted at claim time so a
 * message that crashes its worker still runs out of attempts.
 */
export async function claimDueNotifications(
  db: Executor,
  options: { limit: number; claimSeconds: number },
): Promise<NotificationRow[]> {
  const due = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(isDue())
    .orderBy(notifications.nextAttemptAt)
    .limit(options.limit)
    .for('update', { skipLocked: true });
  // Due is checked again on the row being updated, so a row another worker claimed between our
  // read and our write is never claimed twice, even if the lock were not there.
  return db
    .update(notifications)
    .set({
      status: 'sending',
      lockedUntil: secondsFromNow(options.claimSeconds),
      attempts: sql`${notifications.attempts} + 1`,
    })
    .where(and(inArray(notifications.id, due), isDue()))
    .returning();
}

export async function markNotificationSent(
  db: Executor,
  options: { id: string; provider: string; providerReference: string | null },
): Promise<void> {
  await db
    .update(notifications)
    .set({
      status: 'sent',
      sentAt: sql`now()`,
      provider: options.provider,
      providerReference: options.providerReference,
      lockedUntil: null,
      lastError: null,
    })
    .where(and(eq(notifications.id, options.id), inStatus(statusesAllowing('deliver'))));
}

export async function scheduleNotificationRetry(
  db: Executor,
  options: { id: string; provider: string; error: string; delaySeconds: number },
): Promise<void> {
  await db
    .update(notifications)
    .set({
      status: 'queued',
      nextAttemptAt: secondsFromNow(options.delaySeconds),
      lockedUntil: null,
      provider: options.provider,
      lastError: options.error.slice(0, maxErrorLength),
    })
    .where(and(eq(notifications.id, options.id), inStatus(statusesAllowing('schedule_retry'))));
}

export async function markNotificationFailed(
  db: Executor,
  options: { id: string; provider: string; error: string },
): Promise<void> {
  await db
    .update(notifications)
    .set({
      status: 'failed',
      lockedUntil: null,
      provider: options.provider,
      lastError: options.error.slice(0, maxErrorLength),
    })
    .where(and(eq(notifications.id, options.id), inStatus(statusesAllowing('give_up'))));
}

export async function findNotification(db: Executor, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

/** Newest first (queue order); `before` is the id of the last message already seen (a keyset cursor). */
export async function listNotifications(
  db: Executor,
  options: { limit: number; status?: NotificationStatus | undefined; beforeId?: string | undefined },
): Promise<NotificationRow[]> {
  const conditions: SQL[] = [];
  if (options.status) conditions.push(eq(notifications.status, options.status));
  if (options.beforeId) {
    conditions.push(
      sql`${notifications.sequence} < (select c.sequence from ${notifications} c where c.id = ${options.beforeId})`,
    );
  }
  return db
    .select()
    .from(notifications)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(notifications.sequence))
    .limit(options.limit);
}

/** Puts a failed message back in the queue with a fresh set of attempts; undefined if it was not failed. */
export async function requeueFailedNotification(
  db: Executor,
  id: string,
): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: sql`now()`, lockedUntil: null })
    .where(and(eq(notifications.id, id), inStatus(statusesAllowing('requeue'))))
    .returning();
  return row;
}
