// The outbox worker: delivers queued messages after the transaction that queued them committed.
// Safe with several app instances on one database: each pass claims a disjoint batch (see
// claimDueNotifications), sends outside any transaction, then records the outcome. Delivery is
// at least once: a worker that dies between sending and recording leaves a claim that expires
// and is sent again, which is preferable to a password-reset email that never arrives.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client';
import { startPollingWorker } from '../jobs/polling-worker';
import { maxDeliveryAttempts, planAfterFailure } from './backoff';
import {
  claimDueNotifications,
  markNotificationFailed,
  markNotificationSent,
  scheduleNotificationRetry,
  type NotificationRow,
} from './queries';
import { isPermanentDeliveryError, type NotificationSender, type OutgoingMessage } from './sender';

/** The logging the worker needs; Fastify's and pino's loggers both fit. */
export type WorkerLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

export type DeliveryOptions = {
  db: Database;
  sender: NotificationSender;
  log: WorkerLog;
  /** Messages claimed per pass. */
  batchSize?: number;
  /** Sends in flight at once within a pass. */
  concurrency?: number;
  maxAttempts?: number;
  /**
   * How long a claim lasts before another worker may take the message over. It must outlast a
   * whole batch of sends (each bounded by the sender's own timeout), or a slow pass would see its
   * messages claimed and sent a second time.
   */
  claimSeconds?: number;
  /** Jitter source for the backoff, injectable for tests. */
  random?: () => number;
};

export type DeliveryPassResult = { claimed: number; sent: number; retried: number; failed: number };

const defaults = { batchSize: 25, concurrency: 4, claimSeconds: 5 * 60, pollIntervalMs: 2000 };

function toOutgoing(row: NotificationRow): OutgoingMessage {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    template: row.template,
    subject: row.subject,
    body: row.body,
    personalisation: (row.personalisation ?? {}) as Record<string, unknown>,
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : 'Unknown delivery error';
}

type Outcome = 'sent' | 'retried' | 'failed';

async function deliverOne(row: NotificationRow, options: DeliveryOptions): Promise<Outcome> {
  const { db, sender, log } = options;
  const maxAttempts = options.maxAttempts ?? maxDeliveryAttempts;
  // Only a reclaimed message whose earlier attempt never finished can be over the limit here.
  if (row.attempts > maxAttempts) {
    await markNotificationFailed(db, {
      id: row.id,
      provider: sender.name,
      error: `Gave up after ${maxAttempts} attempts: the last attempt did not finish (the worker stopped while sending).`,
    });
    log.warn(
      { notificationId: row.id, template: row.template, attempts: row.attempts },
      'notification failed',
    );
    return 'failed';
  }

  let providerReference: string | null;
  try {
    ({ providerReference } = await sender.send(toOutgoing(row)));
  } catch (error) {
    const message = describeError(error);
    const plan = planAfterFailure({
      attempts: row.attempts,
      isPermanent: isPermanentDeliveryError(error),
      maxAttempts,
      random: options.random,
    });
    // Recipients and bodies are personal data (and may hold reset links): log ids only.
    const context = {
      notificationId: row.id,
      template: row.template,
      attempts: row.attempts,
      error: message,
    };
    if (plan.kind === 'retry') {
      await scheduleNotificationRetry(db, {
        id: row.id,
        provider: sender.name,
        error: message,
        delaySeconds: plan.delaySeconds,
      });
      log.warn(
        { ...context, retryInSeconds: Math.round(plan.delaySeconds) },
        'notification delivery failed; will retry',
      );
      return 'retried';
    }
    const lastError =
      plan.reason === 'permanent'
        ? message
        : `Gave up after ${row.attempts} attempts. Last error: ${message}`;
    await markNotificationFailed(db, { id: row.id, provider: sender.name, error: lastError });
    log.error({ ...context, reason: plan.reason }, 'notification failed');
    return 'failed';
  }
  await markNotificationSent(db, { id: row.id, provider: sender.name, providerReference });
  return 'sent';
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  });
  await Promise.all(lanes);
}

/** One delivery pass: claim due messages, send them, record each outcome. Returns the counts. */
export async function deliverDueNotifications(options: DeliveryOptions): Promise<DeliveryPassResult> {
  const claimed = await claimDueNotifications(options.db, {
    limit: options.batchSize ?? defaults.batchSize,
    claimSeconds: options.claimSeconds ?? defaults.claimSeconds,
  });
  const result: DeliveryPassResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
  await forEachLimited(claimed, options.concurrency ?? defaults.concurrency, async (row) => {
    try {
      result[await deliverOne(row, options)] += 1;
    } catch (error) {
      // Recording the outcome failed (the database went away): the claim expires and the message
      // is tried again later. Keep going with the rest of the batch.
      options.log.error(
        { err: error, notificationId: row.id },
        'could not record the outcome of a notification',
      );
    }
  });
  return result;
}

export type OutboxWorker = { stop(): Promise<void> };

/** Polls for due messages every few seconds until stopped; a full batch is followed at once by another. */
export function startOutboxWorker(options: DeliveryOptions & { pollIntervalMs?: number }): OutboxWorker {
  const batchSize = options.batchSize ?? defaults.batchSize;
  return startPollingWorker({
    name: 'outbox delivery',
    pollIntervalMs: options.pollIntervalMs ?? defaults.pollIntervalMs,
    batchSize,
    log: options.log,
    runPass: () => deliverDueNotifications({ ...options, batchSize }),
  });
}
