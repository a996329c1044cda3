// Queueing a message: one row in the outbox, written with the caller's transaction so the message
// exists exactly when the change that caused it commits. Delivery happens later, in the worker.
import type { Executor } from '../db/client';
import { notifications } from '../db/schema';

export type QueuedMessage = {
  channel: 'email' | 'sms';
  recipient: string;
  /** A stable name for the kind of message, e.g. 'password_reset'. */
  template: string;
  subject?: string;
  body: string;
  personalisation?: Record<string, unknown>;
  programmeId?: string | null;
};

const toRow = (message: QueuedMessage) => ({
  channel: message.channel,
  recipient: message.recipient,
  template: message.template,
  subject: message.subject ?? '',
  body: message.body,
  personalisation: message.personalisation ?? {},
  programmeId: message.programmeId ?? null,
});

export async function queueNotification(db: Executor, message: QueuedMessage): Promise<string> {
  const [row] = await db.insert(notifications).values(toRow(message)).returning({ id: notifications.id });
  return row!.id;
}

/** Several messages in one statement (one round trip), in the order given. */
export async function queueNotifications(db: Executor, messages: readonly QueuedMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db.insert(notifications).values(messages.map(toRow));
}
