// Referral-in responses. Whether the person was already known, and their other open referrals,
// are shown to programme staff only: a referrer must not learn about another organisation's patients.
import type { ReferralRow } from '../store';
import type { PersonOutcome } from './find-or-create-person';
import type { CreatedReferralResponse } from './schemas';

export function presentCreatedReferral(
  referral: ReferralRow,
  context: {
    programme: { id: string; name: string };
    person: PersonOutcome;
    isProgrammeStaff: boolean;
    openReferrals: { reference: string; status: string }[];
  },
): CreatedReferralResponse {
  const { person } = context;
  return {
    id: referral.id,
    reference: referral.reference,
    status: referral.status,
    receivedAt: referral.receivedAt.toISOString(),
    programme: context.programme,
    person: context.isProgrammeStaff
      ? { id: person.person.id, isExisting: person.isExisting, matchedOn: person.matchedOn }
      : { id: person.person.id },
    ...(context.isProgrammeStaff ? { openReferrals: context.openReferrals } : {}),
    version: referral.version,
  };
}
