// The closed vocabularies of a referral (docs/DESIGN.md §3), declared once: the state machine, the zod
// schemas, the database's CHECK constraints (migration 0018) and the web app all read these arrays.
// Imports nothing, so the web app can bundle it and migrations stay independent of app code.
export const referralStatuses = [
  'received',
  'accepted',
  'contacting',
  'in_progress',
  'on_hold',
  'completed',
  'rejected',
  'cancelled',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const rejectionReasons = [
  'not_appropriate',
  'ineligible',
  'out_of_area',
  'duplicate',
  'needs_clinical_care',
  'person_declined',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

export const closureReasons = [
  'goals_met',
  'connected_to_services',
  'disengaged',
  'unable_to_contact',
  'moved_away',
  'declined_further_support',
  'escalated_to_clinical_care',
  'deceased',
] as const;
export type ClosureReason = (typeof closureReasons)[number];

/** Where a referral came from; `provider` is an onward provider referring back into a programme. */
export const sourceTypes = [
  'gp_practice',
  'hospital',
  'community_health',
  'adult_social_care',
  'housing',
  'vcse',
  'self',
  'provider',
  'other',
] as const;
export type SourceType = (typeof sourceTypes)[number];

export const urgencies = ['routine', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];

/** How consent was taken; a citizen's own self-referral records `digital`. */
export const consentMethods = ['verbal', 'written', 'digital'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** How the referrer hears about progress (referrals.referrer_notify_by). */
export const referrerNotifyChoices = ['email', 'sms', 'none'] as const;
export type ReferrerNotifyChoice = (typeof referrerNotifyChoices)[number];

/**
 * The person fields a referrer may agree to share with providers (referrals.shared_fields), in the
 * order a provider sees them.
 */
export const sharedFieldNames = [
  'contact_details',
  'date_of_birth',
  'address',
  'language',
  'needs',
  'reason',
] as const;
export type SharedField = (typeof sharedFieldNames)[number];

/** The assessment's need priorities and goal states (assessments.needs / goals JSON). */
export const needPriorities = ['high', 'medium', 'low'] as const;
export type NeedPriority = (typeof needPriorities)[number];
export const goalStatuses = ['open', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

/** Why a referral went to its programme (referrals.routing_basis; src/referrals/intake/routing.ts). */
export const routingBases = ['staff', 'organisation', 'postcode'] as const;
export type RoutingBasis = (typeof routingBases)[number];

/** Deadlines as tasks (tasks.kind): scheduled by casework and onward referrals, or the link worker's own. */
export const taskKinds = [
  'first_contact',
  'follow_up',
  'baseline_measure',
  'review_measure',
  'discharge_measure',
  'follow_up_6m_measure',
  'follow_up_12m_measure',
  'choose_another_service',
  'custom',
] as const;
export type TaskKind = (typeof taskKinds)[number];
