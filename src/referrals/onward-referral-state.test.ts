// Every (status, action, actor) triple of the onward referral state machine against a table written
// out by hand: which side may take which step from where.
import { describe, expect, it } from 'vitest';
import {
  onwardReferralStatuses,
  transitionOnwardReferral,
  type OnwardActor,
  type OnwardReferralAction,
  type OnwardReferralStatus,
} from './onward-referral-state';

const actions = {
  accept: { type: 'accept' },
  waitlist: { type: 'waitlist', expectedStartOn: '2027-01-04' },
  decline: { type: 'decline', reason: 'at_capacity' },
  start: { type: 'start' },
  complete: { type: 'complete' },
  drop_out: { type: 'drop_out' },
  withdraw: { type: 'withdraw' },
  expire: { type: 'expire' },
} as const satisfies Record<string, OnwardReferralAction>;
type ActionKey = keyof typeof actions;
const actors: readonly OnwardActor[] = ['provider', 'link_worker', 'system'];

/** "status action actor" → destination, for every allowed triple; everything else is refused. */
const allowed: Record<string, OnwardReferralStatus> = {
  'sent accept provider': 'accepted',
  'waitlisted accept provider': 'accepted',
  'sent waitlist provider': 'waitlisted',
  'sent decline provider': 'declined',
  'waitlisted decline provider': 'declined',
  'accepted start provider': 'started',
  'accepted start link_worker': 'started',
  'waitlisted start provider': 'started',
  'waitlisted start link_worker': 'started',
  'started complete provider': 'completed',
  'started complete link_worker': 'completed',
  'accepted drop_out provider': 'dropped_out',
  'accepted drop_out link_worker': 'dropped_out',
  'started drop_out provider': 'dropped_out',
  'started drop_out link_worker': 'dropped_out',
  'waitlisted drop_out provider': 'dropped_out',
  'waitlisted drop_out link_worker': 'dropped_out',
  'sent withdraw link_worker': 'withdrawn',
  'accepted withdraw link_worker': 'withdrawn',
  'waitlisted withdraw link_worker': 'withdrawn',
  'sent expire system': 'expired',
};

describe('onward referral state machine: the full matrix', () => {
  for (const status of onwardReferralStatuses) {
    for (const key of Object.keys(actions) as ActionKey[]) {
      for (const actor of actors) {
        const to = allowed[`${status} ${key} ${actor}`];
        it(`${status} + ${key} by ${actor} → ${to ?? 'refused'}`, () => {
          const outcome = transitionOnwardReferral(status, actions[key], actor);
          if (to) {
            expect(outcome).toEqual({ ok: true, to, event: `onward.${to}`, isConnected: to === 'started' });
          } else {
            expect(outcome.ok).toBe(false);
            if (!outcome.ok) expect(outcome.reason.length).toBeGreaterThan(10);
          }
        });
      }
    }
  }

  it('explains who may act when the wrong side tries', () => {
    expect(transitionOnwardReferral('sent', actions.withdraw, 'provider')).toEqual({
      ok: false,
      reason: 'Only the link worker can withdraw a referral.',
    });
    expect(transitionOnwardReferral('sent', actions.accept, 'link_worker')).toEqual({
      ok: false,
      reason: 'Only the provider can accept, waitlist or decline a referral.',
    });
    expect(transitionOnwardReferral('sent', actions.expire, 'link_worker')).toEqual({
      ok: false,
      reason: 'A referral expires only when the response window passes; nobody can expire it by hand.',
    });
    const wrongState = transitionOnwardReferral('completed', actions.start, 'provider');
    expect(wrongState.ok === false && wrongState.reason).toContain('allowed from: accepted, waitlisted');
  });
});
