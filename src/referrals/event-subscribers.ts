// The seam between the closed loop and the systems connected to it. recordReferralEvent (store.ts)
// tells every subscriber about each event it writes, inside the same transaction, so a subscriber's
// outbox rows (the FHIR Task version bump and its Subscription deliveries, provider webhooks) commit
// or roll back with the event row. Adapters call the domain, never the reverse: the FHIR adapter
// and webhooks subscribe at start-up (src/app.ts), and nothing here knows they exist.
//
// Why a module-level list rather than one passed in each options object: recordReferralEvent is
// called from a dozen operations (intake, casework, onward referrals, the response-window job, FHIR
// refer-in, outcomes) whose callers would all have to carry it, for a list that is the same for the
// whole process. It is kept explicit instead: typed, filled only by subscribeToReferralEvents from
// the composition root, idempotent (buildApp runs once per test app in one process), and an event
// recorded before anyone subscribed is refused rather than silently leaving connected systems stale.
import type { Executor } from '../db/client';

/** One referral event as written, with what subscribers need to decide whether it concerns them. */
export type RecordedReferralEvent = {
  id: number;
  programmeId: string;
  referralId: string;
  onwardReferralId: string | null;
  type: string;
  occurredAt: Date;
  fromStatus: string | null;
  toStatus: string | null;
  snomedCode: string | null;
  isVisibleToReferrer: boolean;
};

/** Writes a subscriber's own rows in the event's transaction; throwing rolls the event back. */
export type ReferralEventSubscriber = (tx: Executor, event: RecordedReferralEvent) => Promise<void>;

const subscribers: ReferralEventSubscriber[] = [];

/** Registers subscribers in the order they are told (registering one again changes nothing). */
export function subscribeToReferralEvents(...added: ReferralEventSubscriber[]): void {
  for (const subscriber of added) if (!subscribers.includes(subscriber)) subscribers.push(subscriber);
}

/** Called by recordReferralEvent only: every subscriber, in registration order, in the transaction. */
export async function publishReferralEvent(tx: Executor, event: RecordedReferralEvent): Promise<void> {
  if (subscribers.length === 0)
    throw new Error(
      'A referral event was recorded before connected systems subscribed: call subscribeToReferralEvents at start-up (src/app.ts).',
    );
  for (const subscriber of subscribers) await subscriber(tx, event);
}
