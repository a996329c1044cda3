// An admin puts a failed message back in the queue, with a fresh set of attempts. The requeue and
// its audit row commit together.
import type { Actor, RequestOrigin } from '../access/actor';
import { recordAudit } from '../access/audit';
import { authorise } from '../access/policy';
import type { Database } from '../db/client';
import { AppError, notFound } from '../http/errors';
import { findNotification, requeueFailedNotification, type NotificationRow } from './queries';
import { nextStatus } from './status';

export async function retryNotification(options: {
  db: Database;
  actor: Actor;
  origin: RequestOrigin;
  id: string;
}): Promise<NotificationRow> {
  const { actor, origin, id } = options;
  authorise(actor, 'update', { kind: 'notification_outbox' });
  return options.db.transaction(async (tx) => {
    const current = await findNotification(tx, id);
    if (!current) throw notFound('The message');
    const move = nextStatus(current.status, 'requeue');
    if (!move.allowed) throw new AppError('conflict', `${move.reason} This message is ${current.status}.`);
    // The guarded update re-checks the status, so a concurrent retry cannot requeue it twice.
    const requeued = await requeueFailedNotification(tx, id);
    if (!requeued) throw new AppError('conflict', 'Someone else retried this message first.');
    await recordAudit(tx, {
      actor,
      origin,
      action: 'notification.retry',
      entityType: 'notification',
      entityId: id,
      programmeId: current.programmeId,
      details: {
        template: current.template,
        channel: current.channel,
        previousAttempts: current.attempts,
        lastError: current.lastError,
      },
    });
    return requeued;
  });
}
