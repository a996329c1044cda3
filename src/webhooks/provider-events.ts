// Provider webhooks: an onward referral sent to (or withdrawn from, or expired at) a provider
// organisation is queued for each of its case systems that subscribed, in the transaction that
// recorded the event, so a webhook is queued exactly when the change commits. The payload is thin
// and holds no personal data: the provider fetches the onward referral with its API key, and the
// REST API shows only what the person agreed to share.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { providerEventFor } from './events';

export type RecordedReferralEvent = {
  id: number;
  programmeId: string;
  referralId: string;
  onwardReferralId: string | null;
  type: string;
  occurredAt: Date;
};

/**
 * Subscribed to every referral event at start-up (src/app.ts; the referrals domain publishes each
 * event it records, in its transaction, and knows nothing of webhooks). Most events raise no provider webhook
 * and cost nothing; the rest cost one statement that finds the subscribers through the
 * (organisation_id, kind, status) index and inserts one delivery each (none when nobody subscribes).
 */
export async function queueProviderWebhooks(tx: Executor, event: RecordedReferralEvent): Promise<void> {
  const eventType = providerEventFor(event.type);
  if (!eventType || !event.onwardReferralId) return;
  const occurredAt = event.occurredAt.toISOString();
  // 'error' subscriptions still receive: their endpoint has been failing, and new deliveries are
  // how it recovers (a success turns the subscription active again).
  await tx.execute(sql`
    insert into webhook_deliveries
      (subscription_id, organisation_id, event_type, resource_type, resource_id, referral_event_id,
       method, path_suffix, payload, occurred_at)
    select s.id, s.organisation_id, ${eventType}, 'OnwardReferral', o.id, ${event.id},
       'POST', '',
       jsonb_build_object(
         'type', ${eventType}::text,
         'occurredAt', ${occurredAt}::text,
         'data', jsonb_build_object(
           'onwardReferralId', o.id,
           'status', o.status,
           'serviceId', o.service_id,
           'href', '/api/onward-referrals/' || o.id::text)),
       ${occurredAt}::timestamptz
    from onward_referrals o
    join webhook_subscriptions s
      on s.organisation_id = o.provider_organisation_id
     and s.kind = 'provider_events'
     and s.status in ('active', 'error')
     and ${eventType}::text = any(s.events)
     and (s.end_at is null or s.end_at > now())
    where o.id = ${event.onwardReferralId}::uuid
    order by s.created_at, s.id`);
}
