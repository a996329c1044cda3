// The closed vocabularies of onward referrals and flowback (docs/DESIGN.md §3), declared once for the
// state machine, the zod schemas, the database's CHECK constraints (migration 0018) and the web
// app. Imports nothing.
export const onwardReferralStatuses = [
  'sent',
  'accepted',
  'waitlisted',
  'declined',
  'started',
  'completed',
  'dropped_out',
  'withdrawn',
  // No reply within the programme's response window (and after a nudge): back to the link worker.
  'expired',
] as const;
export type OnwardReferralStatus = (typeof onwardReferralStatuses)[number];

export const declineReasons = [
  'at_capacity',
  'not_eligible',
  'not_appropriate',
  'service_closed',
  'person_declined',
] as const;
export type DeclineReason = (typeof declineReasons)[number];

/** One session of an onward referral as the provider records it (attendances.status). */
export const attendanceStatuses = ['attended', 'did_not_attend', 'cancelled'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** Why a need could not be met (unmet_needs.reason); a provider's decline maps onto these. */
export const unmetNeedReasons = [
  'no_service',
  'no_capacity',
  'not_eligible',
  'too_far',
  'language',
  'cost',
  'timing',
  'other',
] as const;
export type UnmetNeedReason = (typeof unmetNeedReasons)[number];
