// Short labels for the vocabularies Insight tables group by (row and column headings, CSV headers,
// the PDF). The referral messages' labels (src/referrals/labels.ts) are sentences for a referrer;
// a chart axis needs a few words.
import type { DeclineReason } from '../vocabulary/onward';
import type { ClosureReason, RejectionReason, SourceType } from '../vocabulary/referral';

export const sourceTypeLabels: Record<SourceType, string> = {
  gp_practice: 'GP practice',
  hospital: 'Hospital',
  community_health: 'Community health',
  adult_social_care: 'Adult social care',
  housing: 'Housing',
  vcse: 'Voluntary sector',
  self: 'Self-referral',
  provider: 'Provider (referred back)',
  other: 'Other',
};

export const rejectionReasonLabels: Record<RejectionReason, string> = {
  not_appropriate: 'Not appropriate for social prescribing',
  ineligible: 'Not eligible',
  out_of_area: 'Outside the area',
  duplicate: 'Duplicate',
  needs_clinical_care: 'Needs clinical care first',
  person_declined: 'Person declined',
};

export const closureReasonLabels: Record<ClosureReason, string> = {
  goals_met: 'Goals met',
  connected_to_services: 'Connected to services',
  disengaged: 'Stopped taking part',
  unable_to_contact: 'Unable to contact',
  moved_away: 'Moved away',
  declined_further_support: 'Declined further support',
  escalated_to_clinical_care: 'Referred back for clinical care',
  deceased: 'Died',
};

export const declineReasonLabels: Record<DeclineReason, string> = {
  at_capacity: 'Service full',
  not_eligible: 'Not eligible',
  not_appropriate: 'Not right for the person',
  service_closed: 'Service closed',
  person_declined: 'Person declined',
};

/** "2026-04" → "Apr 2026". */
export function monthLabel(month: string): string {
  const date = new Date(`${month}-01T12:00:00Z`);
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}
