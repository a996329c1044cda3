// Every (status, action) pair of the referral state machine against a table written out by hand,
// plus the guards: closing before engagement, unable-to-contact after N failed attempts, the
// failed-attempt count and first-contact detection.
import { describe, expect, it } from 'vitest';
import {
  closureReasons,
  referralStatuses,
  transitionReferral,
  type ReferralAction,
  type ReferralStatus,
} from './referral-state';
import { snomed } from './snomed';

const rules = { maxFailedContactAttempts: 3 };
const snapshot = (status: ReferralStatus, failedContactAttempts = 0, hasFirstContact = false) => ({
  status,
  failedContactAttempts,
  hasFirstContact,
});

const actions = {
  accept: { type: 'accept' },
  reject: { type: 'reject', reason: 'out_of_area' },
  cancel: { type: 'cancel' },
  contact_failed: { type: 'record_contact', reached: false },
  contact_reached: { type: 'record_contact', reached: true },
  hold: { type: 'hold' },
  resume: { type: 'resume' },
  // A reason allowed before engagement, so the matrix tests the from-states, not the guard.
  close: { type: 'close', reason: 'declined_further_support' },
} as const satisfies Record<string, ReferralAction>;
type ActionKey = keyof typeof actions;

/** The expected destination of every allowed pair; anything missing must be refused. */
const expected: Record<ReferralStatus, Partial<Record<ActionKey, ReferralStatus>>> = {
  received: { accept: 'accepted', reject: 'rejected', cancel: 'cancelled' },
  accepted: { contact_failed: 'contacting', contact_reached: 'in_progress', close: 'completed' },
  contacting: { contact_failed: 'contacting', contact_reached: 'in_progress', close: 'completed' },
  in_progress: {
    contact_failed: 'in_progress',
    contact_reached: 'in_progress',
    hold: 'on_hold',
    close: 'completed',
  },
  on_hold: {
    contact_failed: 'on_hold',
    contact_reached: 'on_hold',
    resume: 'in_progress',
    close: 'completed',
  },
  completed: {},
  rejected: {},
  cancelled: {},
};

describe('referral state machine: the full matrix', () => {
  for (const status of referralStatuses) {
    for (const key of Object.keys(actions) as ActionKey[]) {
      const to = expected[status][key];
      it(`${status} + ${key} → ${to ?? 'refused'}`, () => {
        const outcome = transitionReferral(snapshot(status), actions[key], rules);
        if (to) {
          expect(outcome).toMatchObject({ ok: true, to });
        } else {
          expect(outcome.ok).toBe(false);
          if (!outcome.ok) expect(outcome.reason).toMatch(/cannot be .*; allowed from: /);
        }
      });
    }
  }
});

describe('referral state machine: events, flowback and SNOMED', () => {
  it('names events and tells the referrer about accept, reject, first contact and completion', () => {
    const accept = transitionReferral(snapshot('received'), actions.accept, rules);
    expect(accept).toMatchObject({ event: 'referral.accepted', flowback: { kind: 'accepted' } });
    const reject = transitionReferral(
      snapshot('received'),
      { type: 'reject', reason: 'person_declined' },
      rules,
    );
    expect(reject).toMatchObject({
      event: 'referral.rejected',
      flowback: { kind: 'rejected' },
      snomed: snomed.declined,
    });
    const cancel = transitionReferral(snapshot('received'), actions.cancel, rules);
    expect(cancel).toMatchObject({ event: 'referral.cancelled', flowback: { kind: 'cancelled' } });
    const close = transitionReferral(snapshot('in_progress'), { type: 'close', reason: 'goals_met' }, rules);
    expect(close).toMatchObject({
      event: 'referral.completed',
      flowback: { kind: 'completed' },
      snomed: snomed.caseClosed,
    });
    const hold = transitionReferral(snapshot('in_progress'), actions.hold, rules);
    expect(hold).toMatchObject({ event: 'referral.on_hold' });
    expect(hold.ok && hold.flowback).toBeFalsy();
  });

  it('detects the first reached contact once, and codes later contacts as seen by a link worker', () => {
    const first = transitionReferral(snapshot('contacting', 2), actions.contact_reached, rules);
    expect(first).toMatchObject({
      ok: true,
      event: 'referral.in_progress',
      isFirstContact: true,
      failedContactAttempts: 0,
      flowback: { kind: 'first_contact' },
      snomed: snomed.referralAccepted,
    });
    const later = transitionReferral(snapshot('in_progress', 0, true), actions.contact_reached, rules);
    expect(later).toMatchObject({
      ok: true,
      event: 'contact.recorded',
      isFirstContact: false,
      snomed: snomed.seenByLinkWorker,
    });
    expect(later.ok && later.flowback).toBeFalsy();
    const failed = transitionReferral(snapshot('accepted'), actions.contact_failed, rules);
    expect(failed).toMatchObject({ ok: true, event: 'referral.contacting', isFirstContact: false });
    expect(failed.ok && failed.flowback).toBeFalsy();
  });

  it('counts failed attempts in a row and resets the count on a reached contact', () => {
    let state = snapshot('accepted');
    for (let i = 1; i <= 4; i++) {
      const outcome = transitionReferral(state, actions.contact_failed, rules);
      expect(outcome).toMatchObject({ ok: true, failedContactAttempts: i });
      if (outcome.ok)
        state = { ...state, status: outcome.to, failedContactAttempts: outcome.failedContactAttempts };
    }
    const reached = transitionReferral(state, actions.contact_reached, rules);
    expect(reached).toMatchObject({ ok: true, failedContactAttempts: 0 });
  });
});

describe('referral state machine: closure guards', () => {
  const engaged: readonly ReferralStatus[] = ['in_progress', 'on_hold'];
  const beforeEngagement = [
    'unable_to_contact',
    'declined_further_support',
    'moved_away',
    'deceased',
    'escalated_to_clinical_care',
  ];

  for (const status of ['accepted', 'contacting', ...engaged] as ReferralStatus[]) {
    for (const reason of closureReasons) {
      const allowedBeforeEngagement = beforeEngagement.includes(reason);
      const allowed = engaged.includes(status) || allowedBeforeEngagement;
      it(`${status} closed as ${reason}: ${allowed ? 'allowed' : 'refused'} (with enough failed attempts)`, () => {
        const outcome = transitionReferral(snapshot(status, 3), { type: 'close', reason }, rules);
        expect(outcome.ok).toBe(allowed);
        if (!outcome.ok) expect(outcome.reason).toContain('can only be closed as');
      });
    }
  }

  it('closing as unable to contact needs the programme’s number of failed attempts', () => {
    const close = { type: 'close', reason: 'unable_to_contact' } as const;
    for (const attempts of [0, 1, 2]) {
      const outcome = transitionReferral(snapshot('contacting', attempts), close, rules);
      expect(outcome).toEqual({
        ok: false,
        reason: `Closing as unable to contact needs 3 failed contact attempts; ${attempts} recorded.`,
      });
    }
    expect(transitionReferral(snapshot('contacting', 3), close, rules).ok).toBe(true);
    expect(transitionReferral(snapshot('contacting', 5), close, rules).ok).toBe(true);
    expect(transitionReferral(snapshot('contacting', 1), close, { maxFailedContactAttempts: 1 }).ok).toBe(
      true,
    );
    // The count is of failed attempts in a row, even for someone engaged before.
    expect(transitionReferral(snapshot('in_progress', 2, true), close, rules).ok).toBe(false);
  });
});
