// Request and response shapes of the outbox endpoints; they also document the API (OpenAPI).
import { z } from 'zod';
import { notificationStatuses } from './status';

const channel = z.enum(['email', 'sms']);
const status = z.enum(notificationStatuses);
const timestamp = z.iso.datetime();

export const limitQuery = (fallback: number) => z.coerce.number().int().min(1).max(200).default(fallback);

export const mailboxQuery = z.object({ limit: limitQuery(50) });

export const mailboxItem = z.object({
  id: z.uuid(),
  channel,
  recipient: z.string(),
  template: z.string(),
  subject: z.string(),
  body: z.string(),
  status,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: timestamp,
  sentAt: timestamp.nullable(),
});

export const mailboxResponse = z.object({ items: z.array(mailboxItem) });

export const mailboxStatusResponse = z.object({
  open: z
    .boolean()
    .describe('True when this deployment keeps messages in the development mailbox and you may read it.'),
});

export const outboxQuery = z.object({
  status: status.optional(),
  limit: limitQuery(50),
  before: z.uuid().optional().describe('The id of the last message of the previous page (from nextBefore).'),
});

export const outboxItem = z.object({
  id: z.uuid(),
  channel,
  recipient: z.string(),
  template: z.string(),
  subject: z.string(),
  programmeId: z.uuid().nullable(),
  status,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  provider: z.string().nullable(),
  providerReference: z.string().nullable(),
  createdAt: timestamp,
  nextAttemptAt: timestamp.nullable(),
  sentAt: timestamp.nullable(),
  canRetry: z.boolean(),
});

export const outboxResponse = z.object({
  items: z.array(outboxItem),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.uuid().nullable(),
});

export const notificationParams = z.object({ id: z.uuid() });
