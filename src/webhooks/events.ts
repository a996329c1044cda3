// The events a provider organisation's case system can subscribe to, and the onward-referral
// events (src/referrals/onward-referral-state.ts, create-onward-referral.ts) that raise them.
export const providerEventTypes = [
  'onward_referral.created',
  'onward_referral.withdrawn',
  'onward_referral.expired',
] as const;
export type ProviderEventType = (typeof providerEventTypes)[number];

const providerEventByReferralEvent: Readonly<Record<string, ProviderEventType>> = {
  'onward.sent': 'onward_referral.created',
  'onward.withdrawn': 'onward_referral.withdrawn',
  'onward.expired': 'onward_referral.expired',
};

/** The provider webhook a referral event raises, if any (most raise none). */
export function providerEventFor(referralEventType: string): ProviderEventType | undefined {
  return Object.hasOwn(providerEventByReferralEvent, referralEventType)
    ? providerEventByReferralEvent[referralEventType]
    : undefined;
}

// Subscription kinds and statuses and delivery statuses are shared vocabulary (src/vocabulary/webhooks.ts).
export {
  webhookDeliveryStatuses as deliveryStatuses,
  type WebhookDeliveryStatus as DeliveryStatus,
  type WebhookSubscriptionKind as SubscriptionKind,
  type WebhookSubscriptionStatus as SubscriptionStatus,
} from '../vocabulary/webhooks';
