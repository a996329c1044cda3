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

/** Subscription kinds (webhook_subscriptions.kind). */
export type SubscriptionKind = 'fhir_rest_hook' | 'provider_events';
/** active | error (deliveries keep failing; still tried) | off (nothing more is sent). */
export type SubscriptionStatus = 'active' | 'error' | 'off';
export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
