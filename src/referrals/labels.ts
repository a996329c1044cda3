// Plain-language labels for the referral vocabularies: shown to referrers, in messages and in the UI.
import type { DeclineReason } from './onward-referral-state';
import type { ClosureReason, RejectionReason } from './referral-state';

export const rejectionReasonLabels: Record<RejectionReason, string> = {
  not_appropriate: 'social prescribing is not the right support for this person',
  ineligible: 'the person is not eligible for this programme',
  out_of_area: 'the person lives outside the area this programme covers',
  duplicate: 'the person has already been referred',
  needs_clinical_care: 'the person needs clinical care first',
  person_declined: 'the person did not want to be referred',
};

export const closureReasonLabels: Record<ClosureReason, string> = {
  goals_met: 'the person met their goals',
  connected_to_services: 'the person was connected to services',
  disengaged: 'the person stopped taking part',
  unable_to_contact: 'we could not contact the person',
  moved_away: 'the person moved away',
  declined_further_support: 'the person declined further support',
  escalated_to_clinical_care: 'the person was referred back for clinical care',
  deceased: 'the person died',
};

export const declineReasonLabels: Record<DeclineReason, string> = {
  at_capacity: 'the service is full',
  not_eligible: 'the person is not eligible for the service',
  not_appropriate: 'the service is not right for the person',
  service_closed: 'the service has closed',
  person_declined: 'the person decided not to take it up',
};
