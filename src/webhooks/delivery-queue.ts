// SQL for the webhook delivery queue (webhook_deliveries). Times come from the database clock
// (now()) so several app instances with drifting clocks agree on what is due; tests and the bench
// may pass `now` instead, to move the queue's clock without waiting.
import {
  aliasedTable,
  and,
  asc,
  eq,
  inArray,
  isNull,
  lt,
  lte,
  notExists,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Executor } from '../db/client';
import { webhookDeliveries, webhookDeliveryAttempts, webhookSubscriptions } from '../db/schema';

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

/** Longest error kept: enough to diagnose, bounded so a receiver's error page cannot bloat rows. */
const maxErrorLength = 1000;
export const truncateError = (error: string): string => error.slice(0, maxErrorLength);

/** The queue's clock: the database's, unless a caller drives time itself. */
export const clockOf = (now: Date | undefined): SQL =>
  now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
const secondsAfter = (clock: SQL, seconds: number): SQL =>
  sql`${clock} + ${seconds}::float8 * interval '1 second'`;

const older = aliasedTable(webhookDeliveries, 'older');

/**
 * Pending, its time has come, not claimed by a live worker, and no older delivery about the same
 * resource is still pending for the same subscription: so Task version 3 never overtakes version 2,
 * even with several workers (the older row is still `pending` while another worker sends it).
 */
const isDue = (db: Executor, clock: SQL) =>
  and(
    eq(webhookDeliveries.status, 'pending'),
    lte(webhookDeliveries.nextAttemptAt, clock),
    or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, clock)),
    notExists(
      db
        .select({ one: sql`1` })
        .from(older)
        .where(
          and(
            eq(older.subscriptionId, webhookDeliveries.subscriptionId),
            eq(older.resourceId, webhookDeliveries.resourceId),
            eq(older.status, 'pending'),
            lt(older.sequence, webhookDeliveries.sequence),
          ),
        ),
    ),
  );

/**
 * Claims up to `limit` due deliveries for this worker, with their subscriptions. One statement:
 * FOR UPDATE SKIP LOCKED makes concurrent workers take disjoint rows, `locked_until` keeps a row
 * claimed while it is sent outside any transaction, and the attempt is counted at claim time so a
 * delivery that crashes its worker still runs out of attempts.
 */
export async function claimDueDeliveries(
  db: Executor,
  options: { limit: number; claimSeconds: number; now?: Date | undefined },
): Promise<{ delivery: DeliveryRow; subscription: SubscriptionRow }[]> {
  const clock = clockOf(options.now);
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(isDue(db, clock))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.sequence))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(webhookDeliveries)
    .set({
      lockedUntil: secondsAfter(clock, options.claimSeconds),
      attempts: sql`${webhookDeliveries.attempts} + 1`,
    })
    .where(and(inArray(webhookDeliveries.id, due), isDue(db, clock)))
    .returning();
  if (claimed.length === 0) return [];
  const subscriptions = await db
    .select()
    .from(webhookSubscriptions)
    .where(inArray(webhookSubscriptions.id, [...new Set(claimed.map((d) => d.subscriptionId))]));
  const byId = new Map(subscriptions.map((s) => [s.id, s]));
  return claimed
    .sort((a, b) => a.sequence - b.sequence)
    .map((delivery) => ({ delivery, subscription: byId.get(delivery.subscriptionId)! }));
}

export type AttemptRecord = { statusCode: number | null; error: string | null; durationMs: number };

export async function recordAttempt(db: Executor, deliveryId: string, attempt: AttemptRecord): Promise<void> {
  await db.insert(webhookDeliveryAttempts).values({
    deliveryId,
    statusCode: attempt.statusCode,
    error: attempt.error === null ? null : truncateError(attempt.error),
    durationMs: Math.round(attempt.durationMs),
  });
}

/** Only a delivery still pending is changed: one cancelled meanwhile (subscription off) stays so. */
const stillPending = (id: string) =>
  and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending'));

export async function markDelivered(
  db: Executor,
  options: { delivery: DeliveryRow; statusCode: number; now?: Date | undefined },
): Promise<void> {
  const clock = clockOf(options.now);
  await db
    .update(webhookDeliveries)
    .set({
      status: 'delivered',
      deliveredAt: clock,
      lockedUntil: null,
      lastStatusCode: options.statusCode,
      lastError: null,
    })
    .where(stillPending(options.delivery.id));
  // A success after failures means the endpoint recovered.
  await db
    .update(webhookSubscriptions)
    .set({
      status: 'active',
      lastError: null,
      updatedAt: clock,
      version: sql`${webhookSubscriptions.version} + 1`,
    })
    .where(
      and(
        eq(webhookSubscriptions.id, options.delivery.subscriptionId),
        eq(webhookSubscriptions.status, 'error'),
      ),
    );
}

export async function scheduleRetry(
  db: Executor,
  options: {
    delivery: DeliveryRow;
    statusCode: number | null;
    error: string;
    delaySeconds: number;
    now?: Date | undefined;
  },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      nextAttemptAt: secondsAfter(clockOf(options.now), options.delaySeconds),
      lockedUntil: null,
      lastStatusCode: options.statusCode,
      lastError: truncateError(options.error),
    })
    .where(stillPending(options.delivery.id));
}

/**
 * Gives up on one delivery and, when the endpoint is to blame, marks its subscription `error`
 * (unless it is already off) so its owner sees it needs attention.
 */
export async function markFailed(
  db: Executor,
  options: {
    delivery: DeliveryRow;
    statusCode: number | null;
    error: string;
    isEndpointFailure?: boolean;
    now?: Date | undefined;
  },
): Promise<void> {
  const lastError = truncateError(options.error);
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', lockedUntil: null, lastStatusCode: options.statusCode, lastError })
    .where(stillPending(options.delivery.id));
  if (options.isEndpointFailure === false) return;
  await db
    .update(webhookSubscriptions)
    .set({
      status: 'error',
      lastError,
      updatedAt: clockOf(options.now),
      version: sql`${webhookSubscriptions.version} + 1`,
    })
    .where(
      and(
        eq(webhookSubscriptions.id, options.delivery.subscriptionId),
        inArray(webhookSubscriptions.status, ['active', 'error']),
      ),
    );
}

/**
 * Turns a subscription off (its owner deleted it, or the receiver answered 410 Gone) and fails its
 * pending deliveries, which would otherwise wait for ever. Returns the subscription, or undefined
 * when it does not exist.
 */
export async function turnSubscriptionOff(
  db: Executor,
  /** Why, when it is a failure (410 Gone); an owner turning it off is not an error. */
  options: { subscriptionId: string; reason?: string | undefined; now?: Date | undefined },
): Promise<SubscriptionRow | undefined> {
  const clock = clockOf(options.now);
  const [subscription] = await db
    .update(webhookSubscriptions)
    .set({
      status: 'off',
      ...(options.reason ? { lastError: truncateError(options.reason) } : {}),
      updatedAt: clock,
      version: sql`${webhookSubscriptions.version} + 1`,
    })
    .where(eq(webhookSubscriptions.id, options.subscriptionId))
    .returning();
  if (!subscription) return undefined;
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', lockedUntil: null, lastError: 'Not sent: the subscription was turned off.' })
    .where(
      and(eq(webhookDeliveries.subscriptionId, subscription.id), eq(webhookDeliveries.status, 'pending')),
    );
  return subscription;
}
