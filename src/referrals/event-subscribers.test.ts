// The referral event seam: connected systems hear of every event in order, once each, and an event
// recorded before anyone subscribed is refused instead of leaving the FHIR Task and webhooks stale.
import { describe, expect, it } from 'vitest';
import type { Executor } from '../db/client';
import {
  publishReferralEvent,
  subscribeToReferralEvents,
  type RecordedReferralEvent,
} from './event-subscribers';

const tx = {} as Executor;
const event: RecordedReferralEvent = {
  id: 1,
  programmeId: 'p',
  referralId: 'r',
  onwardReferralId: null,
  type: 'referral.accepted',
  occurredAt: new Date('2026-12-07T10:00:00Z'),
  fromStatus: 'received',
  toStatus: 'accepted',
  snomedCode: null,
  isVisibleToReferrer: true,
};

describe('referral event subscribers', () => {
  it('refuses an event recorded before connected systems subscribed', async () => {
    await expect(publishReferralEvent(tx, event)).rejects.toThrow(/subscribeToReferralEvents/);
  });

  it('tells each subscriber once, in registration order, with the transaction', async () => {
    const heard: string[] = [];
    const task = (given: Executor, recorded: RecordedReferralEvent) => {
      expect(given).toBe(tx);
      heard.push(`task ${recorded.id}`);
      return Promise.resolve();
    };
    const webhooks = (_given: Executor, recorded: RecordedReferralEvent) => {
      heard.push(`webhooks ${recorded.id}`);
      return Promise.resolve();
    };
    subscribeToReferralEvents(task, webhooks);
    subscribeToReferralEvents(task, webhooks); // a second buildApp in the same process
    await publishReferralEvent(tx, event);
    expect(heard).toEqual(['task 1', 'webhooks 1']);
  });

  it('rolls the event back when a subscriber fails (its error reaches the transaction)', async () => {
    subscribeToReferralEvents(() => Promise.reject(new Error('outbox insert failed')));
    await expect(publishReferralEvent(tx, event)).rejects.toThrow('outbox insert failed');
  });
});
