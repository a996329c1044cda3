// Pure rules of onward referrals and flowback: who acts as which side of the state machine, what
// counts as "already tried", which person fields a provider may see, and how a provider's decline
// becomes an unmet need. No I/O, so each is unit-tested (rules.test.ts).
import type { Actor } from '../../access/actor';
import { listScope } from '../../access/list-scope';
import {
  activeOnwardStatuses,
  type DeclineReason,
  type OnwardActor,
  type OnwardReferralStatus,
} from '../onward-referral-state';
import type { ReferralStatus } from '../referral-state';
import type { AttendanceStatus, UnmetNeedReason } from '../../vocabulary/onward';
import { sharedFieldNames, type SharedField } from '../../vocabulary/referral';

// Declared once in src/vocabulary (shared with the schema and the web app).
export { attendanceStatuses, unmetNeedReasons } from '../../vocabulary/onward';
export type { AttendanceStatus, UnmetNeedReason };

/** The person fields a referrer may have agreed to share with providers (referrals.shared_fields). */
export const shareableFields = sharedFieldNames;
export type ShareableField = SharedField;

/** Provider staff and system clients answer as the provider; programme staff as the link worker. */
export function onwardActorFor(actor: Actor): OnwardActor | undefined {
  if (actor.type === 'system') return 'system';
  if (actor.type === 'api_client') return 'provider';
  if (actor.type !== 'user') return undefined;
  // The side follows whose inbox the policy gives them: an organisation's (the provider) or a
  // programme's (the link worker); anyone else has no side.
  const scope = listScope(actor, 'onward_referral');
  if (scope === 'none' || scope === 'all') return undefined;
  return 'organisationId' in scope ? 'provider' : 'link_worker';
}

/**
 * What the provider may see of the person: nothing beyond the first name unless the person agreed
 * to share, and then only the fields they agreed to. Unknown stored values are ignored.
 */
export function fieldsSharedWithProvider(referral: {
  consentToShare: boolean;
  sharedFields: readonly string[];
}): ShareableField[] {
  if (!referral.consentToShare) return [];
  return shareableFields.filter((field) => referral.sharedFields.includes(field));
}

export type PreviousOnwardReferral = {
  id: string;
  status: OnwardReferralStatus;
  declineReason: string | null;
  sentAt: Date;
};

/** Declines that say the service does not fit the person: sending them again would waste their time. */
const declinesThatStick: readonly string[] = ['not_eligible', 'not_appropriate'];

/**
 * Re-referral guard (docs/DESIGN.md §3 rule 3): earlier onward referrals of the person to the same
 * service that make a new one unwise — one still open, a "not for them" decline, or a drop-out.
 */
export type ReReferralConflict = {
  id: string;
  status: OnwardReferralStatus;
  declineReason: string | null;
  sentAt: string;
  why: 'already_open' | 'declined_before' | 'dropped_out_before';
};

export function conflictingOnwardReferrals(
  previous: readonly PreviousOnwardReferral[],
): ReReferralConflict[] {
  const conflicts: ReReferralConflict[] = [];
  for (const row of previous) {
    const why = activeOnwardStatuses.includes(row.status)
      ? 'already_open'
      : row.status === 'declined' && row.declineReason && declinesThatStick.includes(row.declineReason)
        ? 'declined_before'
        : row.status === 'dropped_out'
          ? 'dropped_out_before'
          : undefined;
    if (why) conflicts.push({ ...row, sentAt: row.sentAt.toISOString(), why });
  }
  return conflicts;
}

/** A provider's decline that shows a gap in provision; "the person declined" does not. */
export function unmetNeedReasonForDecline(reason: DeclineReason): UnmetNeedReason | undefined {
  switch (reason) {
    case 'at_capacity':
      return 'no_capacity';
    case 'not_eligible':
      return 'not_eligible';
    case 'service_closed':
      return 'no_service';
    case 'not_appropriate':
      return 'other';
    case 'person_declined':
      return undefined;
  }
}

/** Statuses in which the provider can still record sessions. */
export const attendanceOpenStatuses: readonly OnwardReferralStatus[] = [
  'accepted',
  'waitlisted',
  'started',
  'completed',
  'dropped_out',
];

/** The referral's status for the referrer, in plain words. */
export const referrerStatusLabels: Record<ReferralStatus, string> = {
  received: 'Received, waiting for the link worker team',
  accepted: 'Accepted, a link worker will contact the person',
  contacting: 'Accepted, the link worker is trying to contact the person',
  in_progress: 'In progress, the person is working with a link worker',
  on_hold: 'On hold',
  completed: 'Closed',
  rejected: 'Not accepted',
  cancelled: 'Cancelled',
};

/** The timeline of flowback events in plain words, keyed by event type. */
export function referrerEventLabel(type: string): string {
  switch (type) {
    // Uncoded on purpose: the referrer's own system codes the referral it sends, and NHS England's
    // guidance files 871731000000106 at the first interaction, not on receipt (docs/DESIGN.md §8).
    case 'referral.received':
      return 'Referral received';
    case 'referral.accepted':
      return 'Accepted by the link worker team';
    case 'referral.rejected':
      return 'Not accepted';
    case 'referral.cancelled':
      return 'Cancelled';
    // Of the contact events only the first reached contact is shown to the referrer.
    case 'referral.in_progress':
    case 'referral.contacting':
    case 'contact.recorded':
      return 'First contact with a link worker';
    case 'referral.connected':
      return 'Connected to a service';
    case 'referral.completed':
      return 'Closed';
    default:
      return 'Update';
  }
}
