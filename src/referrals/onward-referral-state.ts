// The onward referral's state machine (docs/DESIGN.md §3): a link worker's referral of a person to one
// directory service, answered by the provider. Pure and table-driven like referral-state.ts.
// The vocabularies are declared once in src/vocabulary (shared with the schema and the web app).
import type { DeclineReason, OnwardReferralStatus } from '../vocabulary/onward';
export { declineReasons, onwardReferralStatuses } from '../vocabulary/onward';
export type { DeclineReason, OnwardReferralStatus };

/**
 * Which side acts: the provider answers and records attendance; the link worker withdraws; the
 * system (the response-window job, never a person) expires a referral nobody answered.
 */
export type OnwardActor = 'provider' | 'link_worker' | 'system';

export type OnwardReferralAction =
  | { type: 'accept' }
  | { type: 'waitlist'; expectedStartOn?: string }
  | { type: 'decline'; reason: DeclineReason }
  | { type: 'start' }
  | { type: 'complete' }
  | { type: 'drop_out' }
  | { type: 'withdraw' }
  | { type: 'expire' };

type Row = { from: readonly OnwardReferralStatus[]; to: OnwardReferralStatus; by: readonly OnwardActor[] };

/** The transition table. A (status, action, actor) not listed here is refused. */
export const onwardReferralTransitions: Record<OnwardReferralAction['type'], Row> = {
  accept: { from: ['sent', 'waitlisted'], to: 'accepted', by: ['provider'] },
  waitlist: { from: ['sent'], to: 'waitlisted', by: ['provider'] },
  decline: { from: ['sent', 'waitlisted'], to: 'declined', by: ['provider'] },
  // The person's first session: the provider records it (or the link worker, hearing it by phone).
  start: { from: ['accepted', 'waitlisted'], to: 'started', by: ['provider', 'link_worker'] },
  complete: { from: ['started'], to: 'completed', by: ['provider', 'link_worker'] },
  drop_out: {
    from: ['accepted', 'started', 'waitlisted'],
    to: 'dropped_out',
    by: ['provider', 'link_worker'],
  },
  withdraw: { from: ['sent', 'accepted', 'waitlisted'], to: 'withdrawn', by: ['link_worker'] },
  // Only an unanswered referral expires: a waiting list is an answer.
  expire: { from: ['sent'], to: 'expired', by: ['system'] },
};

export type OnwardTransitionOutcome =
  { ok: true; to: OnwardReferralStatus; event: string; isConnected: boolean } | { ok: false; reason: string };

const providerAnswers = 'Only the provider can accept, waitlist or decline a referral.';
const wrongSideReasons: Record<OnwardReferralAction['type'], string> = {
  accept: providerAnswers,
  waitlist: providerAnswers,
  decline: providerAnswers,
  start: 'Only the provider or the link worker can record a start.',
  complete: 'Only the provider or the link worker can record a completion.',
  drop_out: 'Only the provider or the link worker can record that the person stopped.',
  withdraw: 'Only the link worker can withdraw a referral.',
  expire: 'A referral expires only when the response window passes; nobody can expire it by hand.',
};

/** Decides one transition. "Connected" (the referrer's flowback) is the first start of a service. */
export function transitionOnwardReferral(
  status: OnwardReferralStatus,
  action: OnwardReferralAction,
  actor: OnwardActor,
): OnwardTransitionOutcome {
  const row = onwardReferralTransitions[action.type];
  if (!row.by.includes(actor)) {
    return { ok: false, reason: wrongSideReasons[action.type] };
  }
  if (!row.from.includes(status)) {
    return {
      ok: false,
      reason: `A referral that is ${status.replace('_', ' ')} cannot be moved to ${row.to.replace('_', ' ')}; allowed from: ${row.from.join(', ')}.`,
    };
  }
  return { ok: true, to: row.to, event: `onward.${row.to}`, isConnected: row.to === 'started' };
}

/** Still waiting on the provider or still running: counts as "already tried" for re-referral checks. */
export const activeOnwardStatuses: readonly OnwardReferralStatus[] = [
  'sent',
  'accepted',
  'waitlisted',
  'started',
];
