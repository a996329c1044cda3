// Outbox rows → API JSON. The development mailbox shows bodies (that is its purpose); the admin
// view does not, because bodies can hold live password-reset links for other people's accounts.
import type { NotificationRow } from './queries';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function presentMailboxItem(row: NotificationRow) {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    template: row.template,
    subject: row.subject,
    body: row.body,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: iso(row.sentAt),
  };
}

export function presentOutboxItem(row: NotificationRow) {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    template: row.template,
    subject: row.subject,
    programmeId: row.programmeId,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    provider: row.provider,
    providerReference: row.providerReference,
    createdAt: row.createdAt.toISOString(),
    /** When the next try is due; only meaningful while queued. */
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt.toISOString() : null,
    sentAt: iso(row.sentAt),
    canRetry: row.status === 'failed',
  };
}
