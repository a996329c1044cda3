// What the actor may do to a referral right now, for the UI: the policy (may they work on it at all)
// combined with the state machine (is the step possible from this status). Pure, so the UI never
// re-derives the rules and the tests can check the combination without HTTP.
import type { Actor } from '../../access/actor';
import { decide } from '../../access/policy';
import type { referrals } from '../../db/schema';
import { referralResource } from '../access';
import {
  openReferralStatuses,
  referralTransitions,
  transitionReferral,
  type ReferralStatus,
} from '../referral-state';

/** Statuses in which the assessment ("what matters to me") can be written or changed. */
export const assessableStatuses: readonly ReferralStatus[] = ['contacting', 'in_progress', 'on_hold'];

export type ReferralAbilities = {
  canAccept: boolean;
  canReject: boolean;
  canHold: boolean;
  canResume: boolean;
  canClose: boolean;
  canCloseAsUnableToContact: boolean;
  canRecordContact: boolean;
  canSaveAssessment: boolean;
  canAssign: boolean;
  canAddTask: boolean;
};

type AbilityRow = Pick<
  typeof referrals.$inferSelect,
  | 'id'
  | 'programmeId'
  | 'status'
  | 'assignedLinkWorkerId'
  | 'referringOrganisationId'
  | 'failedContactAttempts'
>;

export function referralAbilities(
  actor: Actor,
  referral: AbilityRow,
  rules: { maxFailedContactAttempts: number },
): ReferralAbilities {
  const resource = referralResource(referral);
  const status = referral.status;
  // Casework needs update, which the policy gives programme staff only (a referrer's cancel is a revoke).
  const mayWork = decide(actor, 'update', resource).allowed;
  const possible = (type: keyof typeof referralTransitions) =>
    mayWork && referralTransitions[type].from.includes(status);
  const isOpen = openReferralStatuses.includes(status);
  const canCloseAsUnableToContact =
    mayWork &&
    transitionReferral(
      { status, failedContactAttempts: referral.failedContactAttempts, hasFirstContact: false },
      { type: 'close', reason: 'unable_to_contact' },
      rules,
    ).ok;
  return {
    canAccept: possible('accept'),
    canReject: possible('reject'),
    canHold: possible('hold'),
    canResume: possible('resume'),
    canClose: possible('close'),
    canCloseAsUnableToContact,
    canRecordContact: possible('record_contact'),
    canSaveAssessment: mayWork && assessableStatuses.includes(status),
    canAssign: isOpen && decide(actor, 'assign', resource).allowed,
    canAddTask: mayWork && isOpen,
  };
}
