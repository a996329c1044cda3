// The life of an outbox message, as an explicit transition table. The worker and the admin retry
// both move messages through it; a refused move reads as a sentence the API can return.
//
//   queued ──claim──▶ sending ──▶ sent
//     ▲                 │  ╲
//     └──retry later────┘   ╲──▶ failed ──admin retry──▶ queued
//   (a `sending` claim whose lock expired — its worker crashed — can be claimed again)
import { notificationStatuses, type NotificationStatus } from '../vocabulary/notify';

export { notificationStatuses, type NotificationStatus };

export type NotificationEvent = 'claim' | 'deliver' | 'schedule_retry' | 'give_up' | 'requeue';

const transitions: Record<
  NotificationEvent,
  { from: readonly NotificationStatus[]; to: NotificationStatus; refusal: string }
> = {
  claim: {
    from: ['queued', 'sending'],
    to: 'sending',
    refusal: 'Only a queued message can be claimed for delivery.',
  },
  deliver: { from: ['sending'], to: 'sent', refusal: 'Only a message being sent can be marked as sent.' },
  schedule_retry: {
    from: ['sending'],
    to: 'queued',
    refusal: 'Only a message being sent can be scheduled for another try.',
  },
  give_up: { from: ['sending'], to: 'failed', refusal: 'Only a message being sent can be marked as failed.' },
  requeue: { from: ['failed'], to: 'queued', refusal: 'Only a failed message can be retried.' },
};

export function isNotificationStatus(value: string): value is NotificationStatus {
  return (notificationStatuses as readonly string[]).includes(value);
}

/** The status after `event`, or the sentence explaining why the event is not allowed now. */
export function nextStatus(
  current: string,
  event: NotificationEvent,
): { allowed: true; status: NotificationStatus } | { allowed: false; reason: string } {
  const transition = transitions[event];
  if (isNotificationStatus(current) && transition.from.includes(current))
    return { allowed: true, status: transition.to };
  return { allowed: false, reason: transition.refusal };
}

/** The statuses a message may be in for `event` to apply: used as the guard in UPDATE … WHERE. */
export function statusesAllowing(event: NotificationEvent): readonly NotificationStatus[] {
  return transitions[event].from;
}
