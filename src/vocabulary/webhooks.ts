// Outbound webhooks' closed sets, declared once for the delivery worker, the zod schemas and the
// database's CHECK constraints (migration 0019). Imports nothing.

/** A FHIR R4 Subscription on Task, or an onward-referral provider's events (webhook_subscriptions.kind). */
export const webhookSubscriptionKinds = ['fhir_rest_hook', 'provider_events'] as const;
export type WebhookSubscriptionKind = (typeof webhookSubscriptionKinds)[number];

/** active | error (deliveries keep failing; still tried) | off (nothing more is sent). */
export const webhookSubscriptionStatuses = ['active', 'error', 'off'] as const;
export type WebhookSubscriptionStatus = (typeof webhookSubscriptionStatuses)[number];

/** One delivery in the outbox (webhook_deliveries.status). */
export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];
