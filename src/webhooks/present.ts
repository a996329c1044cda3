// Webhook rows → API JSON. The signing secret and the subscription's own headers (which may carry
// the receiver's credentials) are never shown after creation.
import type { webhookDeliveryAttempts } from '../db/schema';
import type { DeliveryRow, SubscriptionRow } from './delivery-queue';

type AttemptRow = typeof webhookDeliveryAttempts.$inferSelect;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function presentSubscription(row: SubscriptionRow) {
  return {
    id: row.id,
    kind: row.kind,
    url: row.endpoint,
    events: row.events,
    criteria: row.criteria,
    description: row.reason,
    status: row.status,
    lastError: row.lastError,
    endAt: iso(row.endAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentDelivery(row: DeliveryRow) {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    eventType: row.eventType,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    method: row.method,
    status: row.status,
    attemptCount: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    occurredAt: row.occurredAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    deliveredAt: iso(row.deliveredAt),
    replayOf: row.replayOf,
  };
}

export function presentDeliveryDetail(row: DeliveryRow, attempts: readonly AttemptRow[]) {
  return {
    ...presentDelivery(row),
    payload: (row.payload ?? null) as Record<string, unknown> | null,
    attempts: attempts.map((attempt) => ({
      attemptedAt: attempt.attemptedAt.toISOString(),
      statusCode: attempt.statusCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
  };
}
