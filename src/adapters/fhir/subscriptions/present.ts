// A stored FHIR rest-hook subscription as an R4 Subscription. Channel headers are write-only (they
// usually carry the receiver's credentials), and the signing secret appears only in the answer to
// the create, like an API key.
import type { webhookSubscriptions } from '../../../db/schema';
import type { Subscription } from '../types';
import { extensions, fhirContentType } from '../urls';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

const statusByRow: Record<string, Subscription['status']> = { active: 'active', error: 'error', off: 'off' };

export function presentSubscription(row: SubscriptionRow, options: { secret?: string } = {}): Subscription {
  return {
    resourceType: 'Subscription',
    id: row.id,
    meta: { versionId: String(row.version), lastUpdated: row.updatedAt.toISOString() },
    ...(options.secret
      ? { extension: [{ url: extensions.signingSecret, valueString: options.secret }] }
      : {}),
    status: statusByRow[row.status] ?? 'error',
    ...(row.endAt ? { end: row.endAt.toISOString() } : {}),
    reason: row.reason || 'Linkwell Task flowback',
    criteria: row.criteria ?? 'Task',
    ...(row.status === 'error' && row.lastError ? { error: row.lastError } : {}),
    channel: {
      type: 'rest-hook',
      endpoint: row.endpoint,
      ...(row.payload ? { payload: fhirContentType } : {}),
    },
  };
}
