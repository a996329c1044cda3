// The webhook worker: posts queued deliveries after the transaction that queued them committed.
// Safe with several app instances on one database: each pass claims a disjoint batch (see
// claimDueDeliveries), sends outside any transaction, then records the attempt and its outcome in
// one short transaction. Delivery is at least once (a worker that dies between sending and
// recording leaves a claim that expires and is sent again); receivers drop duplicates by webhook-id.
import type { Database } from '../db/client';
import { startPollingWorker } from '../jobs/polling-worker';
import type { WorkerLog } from '../notify/worker';
import { maxWebhookAttempts, planWebhookRetry } from './backoff';
import {
  claimDueDeliveries,
  markDelivered,
  markFailed,
  recordAttempt,
  scheduleRetry,
  turnSubscriptionOff,
  type DeliveryRow,
  type SubscriptionRow,
} from './delivery-queue';
import { sendDelivery, sendTimeoutMs, type FetchLike, type SendOutcome } from './send-delivery';

export type WebhookPassOptions = {
  db: Database;
  log: WorkerLog;
  /** The queue's clock (what is due, when to retry); the database's now() when absent. */
  now?: Date | undefined;
  fetch?: FetchLike | undefined;
  /** Jitter source for the backoff, injectable for tests. */
  random?: (() => number) | undefined;
  batchSize?: number;
  /** Sends in flight at once within a pass. */
  concurrency?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  /** Config allowLoopbackWebhooks: whether http://localhost endpoints may be called (default yes). */
  allowLoopback?: boolean;
  /**
   * How long a claim lasts before another worker may take the delivery over. It must outlast a
   * whole batch (batch / concurrency rounds of at most one timeout each), or a slow pass would see
   * its deliveries claimed and sent a second time.
   */
  claimSeconds?: number;
};

export type WebhookPassResult = {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
  /** Given up because the receiver answered 410 Gone (its subscription is now off). */
  gone: number;
};

type Outcome = Exclude<keyof WebhookPassResult, 'claimed'>;

const defaults = { batchSize: 25, concurrency: 8, claimSeconds: 120, pollIntervalMs: 250 };

function attemptOf(outcome: SendOutcome) {
  return outcome.kind === 'response'
    ? { statusCode: outcome.statusCode, error: null, durationMs: outcome.durationMs }
    : { statusCode: null, error: outcome.error, durationMs: outcome.durationMs };
}

/** Why a subscription can no longer receive anything, if it cannot. */
function closedReason(subscription: SubscriptionRow, now: Date): string | undefined {
  if (subscription.status === 'off') return 'Not sent: the subscription was turned off.';
  if (subscription.endAt && subscription.endAt <= now) return 'Not sent: the subscription has ended.';
  return undefined;
}

async function deliverOne(
  delivery: DeliveryRow,
  subscription: SubscriptionRow,
  options: WebhookPassOptions,
): Promise<Outcome> {
  const { db, log, now } = options;
  const maxAttempts = options.maxAttempts ?? maxWebhookAttempts;
  // Ids and codes only: payloads and endpoints may reference people or carry tokens.
  const context = {
    deliveryId: delivery.id,
    subscriptionId: subscription.id,
    eventType: delivery.eventType,
    attempts: delivery.attempts,
  };
  const closed = closedReason(subscription, now ?? new Date());
  // Only a reclaimed delivery whose earlier attempt never finished can be over the limit here.
  const crashed =
    delivery.attempts > maxAttempts
      ? `Gave up after ${maxAttempts} attempts: the last attempt did not finish (the worker stopped while sending).`
      : undefined;
  if (closed || crashed) {
    await db.transaction((tx) =>
      markFailed(tx, {
        delivery,
        statusCode: null,
        error: (closed ?? crashed)!,
        isEndpointFailure: !closed,
        now,
      }),
    );
    log.warn({ ...context, reason: closed ? 'subscription closed' : 'max attempts' }, 'webhook failed');
    return 'failed';
  }

  const outcome = await sendDelivery({
    delivery,
    subscription,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    allowLoopback: options.allowLoopback,
  });
  const attempt = attemptOf(outcome);
  const statusCode = attempt.statusCode;

  if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
    await db.transaction(async (tx) => {
      await recordAttempt(tx, delivery.id, attempt);
      await markDelivered(tx, { delivery, statusCode, now });
    });
    return 'delivered';
  }

  if (statusCode === 410) {
    const reason = 'The receiver answered 410 Gone: the subscription was turned off.';
    await db.transaction(async (tx) => {
      await recordAttempt(tx, delivery.id, attempt);
      await markFailed(tx, { delivery, statusCode, error: reason, isEndpointFailure: false, now });
      await turnSubscriptionOff(tx, { subscriptionId: subscription.id, reason, now });
    });
    log.warn({ ...context, statusCode }, 'webhook receiver is gone; subscription turned off');
    return 'gone';
  }

  const error = attempt.error ?? `The receiver answered HTTP ${statusCode}.`;
  const plan = planWebhookRetry({ attempts: delivery.attempts, maxAttempts, random: options.random });
  if (plan.kind === 'retry') {
    await db.transaction(async (tx) => {
      await recordAttempt(tx, delivery.id, attempt);
      await scheduleRetry(tx, { delivery, statusCode, error, delaySeconds: plan.delaySeconds, now });
    });
    log.warn(
      { ...context, statusCode, error, retryInSeconds: Math.round(plan.delaySeconds) },
      'webhook delivery failed; will retry',
    );
    return 'retried';
  }
  await db.transaction(async (tx) => {
    await recordAttempt(tx, delivery.id, attempt);
    await markFailed(tx, {
      delivery,
      statusCode,
      error: `Gave up after ${delivery.attempts} attempts. Last error: ${error}`,
      now,
    });
  });
  log.error({ ...context, statusCode, error }, 'webhook failed; subscription marked error');
  return 'failed';
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await task(items[next++]!);
  });
  await Promise.all(lanes);
}

/** One pass: claim due deliveries, send them, record each attempt. Returns the counts. */
export async function runWebhookDeliveryPass(options: WebhookPassOptions): Promise<WebhookPassResult> {
  const batchSize = options.batchSize ?? defaults.batchSize;
  const concurrency = options.concurrency ?? defaults.concurrency;
  const timeoutMs = options.timeoutMs ?? sendTimeoutMs;
  const claimSeconds =
    options.claimSeconds ??
    Math.max(defaults.claimSeconds, Math.ceil(batchSize / concurrency) * Math.ceil(timeoutMs / 1000) * 2);
  const claimed = await claimDueDeliveries(options.db, { limit: batchSize, claimSeconds, now: options.now });
  const result: WebhookPassResult = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0, gone: 0 };
  // A claimed batch never holds two deliveries for one resource (see claimDueDeliveries), so
  // sending in parallel cannot reorder a resource's versions.
  await forEachLimited(claimed, concurrency, async ({ delivery, subscription }) => {
    try {
      result[await deliverOne(delivery, subscription, { ...options, timeoutMs })] += 1;
    } catch (error) {
      // Recording the outcome failed (the database went away): the claim expires and the delivery
      // is tried again later. Keep going with the rest of the batch.
      options.log.error({ err: error, deliveryId: delivery.id }, 'could not record a webhook attempt');
    }
  });
  return result;
}

export type WebhookWorker = { stop(): Promise<void> };

/**
 * Polls for due deliveries until stopped: every 250 ms by default, so a webhook leaves well under a
 * second after its change commits; a full batch is followed at once by another.
 */
export function startWebhookWorker(
  options: Omit<WebhookPassOptions, 'now'> & { pollIntervalMs?: number },
): WebhookWorker {
  const batchSize = options.batchSize ?? defaults.batchSize;
  return startPollingWorker({
    name: 'webhook delivery',
    pollIntervalMs: options.pollIntervalMs ?? defaults.pollIntervalMs,
    batchSize,
    log: options.log,
    runPass: () => runWebhookDeliveryPass({ ...options, batchSize }),
  });
}
