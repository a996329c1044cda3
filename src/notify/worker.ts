// The outbox worker (filled in by the outbox work).
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client';
import type { NotificationSender } from './sender';

export function startOutboxWorker(_options: { db: Database; sender: NotificationSender; log: FastifyBaseLogger }): {
  stop(): Promise<void>;
} {
  return { stop: () => Promise.resolve() };
}
