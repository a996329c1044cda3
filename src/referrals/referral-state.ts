// The referral's state machine (docs/DESIGN.md §3), as data: one explicit table of who may move a
// referral from which state to which, and with what. Pure: no I/O, so every allowed and refused
// transition is unit-tested, and the HTTP and FHIR layers share exactly one set of rules.
import { snomed, type SnomedConcept } from './snomed';

// The vocabularies are declared once in src/vocabulary (shared with the schema and the web app).
import type { ClosureReason, ReferralStatus, RejectionReason } from '../vocabulary/referral';
export { closureReasons, referralStatuses, rejectionReasons } from '../vocabulary/referral';
export type { ClosureReason, ReferralStatus, RejectionReason };

/** Closure reasons that make sense before the person was ever engaged (still being contacted). */
const closuresBeforeEngagement: readonly ClosureReason[] = [
  'unable_to_contact',
  'declined_further_support',
  'moved_away',
  'deceased',
  'escalated_to_clinical_care',
];

export type ReferralAction =
  | { type: 'accept' }
  | { type: 'reject'; reason: RejectionReason }
  | { type: 'cancel' }
  /** Any contact attempt, reached or not, after acceptance starts the "contacting" stage. */
  | { type: 'record_contact'; reached: boolean }
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'close'; reason: ClosureReason };

export type ReferralSnapshot = {
  status: ReferralStatus;
  failedContactAttempts: number;
  /** Whether a contact with the person has ever been recorded (drives "first contact" flowback). */
  hasFirstContact: boolean;
};

export type TransitionRules = {
  /** After this many failed attempts in a row, closing as unable to contact is allowed. */
  maxFailedContactAttempts: number;
};

/** What the referrer is told, in-app and by message, and how a GP system files it. */
export type ReferrerFlowback = {
  kind: 'accepted' | 'rejected' | 'first_contact' | 'completed' | 'cancelled';
};

export type TransitionOutcome =
  | {
      ok: true;
      to: ReferralStatus;
      /** The event type written to referral_events, e.g. "referral.accepted". */
      event: string;
      failedContactAttempts: number;
      isFirstContact: boolean;
      snomed?: SnomedConcept;
      flowback?: ReferrerFlowback;
    }
  | { ok: false; reason: string };

type Row = {
  from: readonly ReferralStatus[];
  /** Who decides the destination: fixed, or computed from the action and the snapshot. */
  to: ReferralStatus | ((snapshot: ReferralSnapshot, action: ReferralAction) => ReferralStatus);
  guard?: (snapshot: ReferralSnapshot, action: ReferralAction, rules: TransitionRules) => string | undefined;
};

const refused = (reason: string): TransitionOutcome => ({ ok: false, reason });

/** The transition table. A (status, action) pair not listed here is refused. */
export const referralTransitions: Record<ReferralAction['type'], Row> = {
  accept: { from: ['received'], to: 'accepted' },
  reject: { from: ['received'], to: 'rejected' },
  cancel: { from: ['received'], to: 'cancelled' },
  // Contact attempts move accepted → contacting; a reached contact moves contacting → in_progress.
  // Recording contact later (in progress, on hold) keeps the status: it is casework, not a transition.
  record_contact: {
    from: ['accepted', 'contacting', 'in_progress', 'on_hold'],
    to: (snapshot, action) => {
      const reached = action.type === 'record_contact' && action.reached;
      if (snapshot.status === 'accepted' || snapshot.status === 'contacting')
        return reached ? 'in_progress' : 'contacting';
      return snapshot.status;
    },
  },
  hold: { from: ['in_progress'], to: 'on_hold' },
  resume: { from: ['on_hold'], to: 'in_progress' },
  close: {
    from: ['accepted', 'contacting', 'in_progress', 'on_hold'],
    to: 'completed',
    guard: (snapshot, action, rules) => {
      if (action.type !== 'close') return undefined;
      const engaged = snapshot.status === 'in_progress' || snapshot.status === 'on_hold';
      if (!engaged && !closuresBeforeEngagement.includes(action.reason))
        return `A referral still being contacted can only be closed as ${closuresBeforeEngagement.join(', ')}.`;
      if (
        action.reason === 'unable_to_contact' &&
        snapshot.failedContactAttempts < rules.maxFailedContactAttempts
      )
        return `Closing as unable to contact needs ${rules.maxFailedContactAttempts} failed contact attempts; ${snapshot.failedContactAttempts} recorded.`;
      return undefined;
    },
  },
};

function eventName(action: ReferralAction, to: ReferralStatus, from: ReferralStatus): string {
  switch (action.type) {
    case 'accept':
      return 'referral.accepted';
    case 'reject':
      return 'referral.rejected';
    case 'cancel':
      return 'referral.cancelled';
    case 'record_contact':
      return from === to ? 'contact.recorded' : `referral.${to}`;
    case 'hold':
      return 'referral.on_hold';
    case 'resume':
      return 'referral.resumed';
    case 'close':
      return 'referral.completed';
  }
}

/** Decides one transition. Never throws: a refusal carries a sentence the user can act on. */
export function transitionReferral(
  snapshot: ReferralSnapshot,
  action: ReferralAction,
  rules: TransitionRules,
): TransitionOutcome {
  const row = referralTransitions[action.type];
  if (!row.from.includes(snapshot.status)) {
    return refused(
      `A ${snapshot.status.replace('_', ' ')} referral cannot be ${describeAction(action)}; allowed from: ${row.from.join(', ')}.`,
    );
  }
  const problem = row.guard?.(snapshot, action, rules);
  if (problem) return refused(problem);
  const to = typeof row.to === 'function' ? row.to(snapshot, action) : row.to;

  let failedContactAttempts = snapshot.failedContactAttempts;
  let isFirstContact = false;
  if (action.type === 'record_contact') {
    failedContactAttempts = action.reached ? 0 : failedContactAttempts + 1;
    isFirstContact = action.reached && !snapshot.hasFirstContact;
  }
  const outcome: TransitionOutcome = {
    ok: true,
    to,
    event: eventName(action, to, snapshot.status),
    failedContactAttempts,
    isFirstContact,
  };
  switch (action.type) {
    case 'accept':
      return { ...outcome, flowback: { kind: 'accepted' } };
    case 'reject':
      return {
        ...outcome,
        flowback: { kind: 'rejected' },
        snomed: action.reason === 'person_declined' ? snomed.declined : undefined,
      };
    case 'cancel':
      return { ...outcome, flowback: { kind: 'cancelled' } };
    case 'record_contact':
      return isFirstContact
        ? { ...outcome, flowback: { kind: 'first_contact' }, snomed: snomed.referralAccepted }
        : action.reached
          ? { ...outcome, snomed: snomed.seenByLinkWorker }
          : outcome;
    case 'close':
      return {
        ...outcome,
        flowback: { kind: 'completed' },
        snomed: action.reason === 'declined_further_support' ? snomed.declined : snomed.caseClosed,
      };
    case 'hold':
    case 'resume':
      return outcome;
  }
}

function describeAction(action: ReferralAction): string {
  switch (action.type) {
    case 'accept':
      return 'accepted';
    case 'reject':
      return 'rejected';
    case 'cancel':
      return 'cancelled';
    case 'record_contact':
      return 'given a contact';
    case 'hold':
      return 'put on hold';
    case 'resume':
      return 'resumed';
    case 'close':
      return 'closed';
  }
}

/** Open referrals still need the link worker; the rest are history. */
export const openReferralStatuses: readonly ReferralStatus[] = [
  'received',
  'accepted',
  'contacting',
  'in_progress',
  'on_hold',
];
