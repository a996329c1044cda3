// The policy engine's view of referral rows (src/access/policy.ts has the rules).
import type { Resource } from '../access/policy';
import type { onwardReferrals, referrals } from '../db/schema';

export function referralResource(
  row: Pick<
    typeof referrals.$inferSelect,
    'id' | 'programmeId' | 'status' | 'assignedLinkWorkerId' | 'referringOrganisationId'
  >,
): Extract<Resource, { kind: 'referral' }> {
  return {
    kind: 'referral',
    id: row.id,
    programmeId: row.programmeId,
    status: row.status,
    assignedLinkWorkerId: row.assignedLinkWorkerId,
    referringOrganisationId: row.referringOrganisationId,
  };
}

export function onwardReferralResource(
  row: Pick<typeof onwardReferrals.$inferSelect, 'id' | 'programmeId' | 'providerOrganisationId'>,
  assignedLinkWorkerId: string | null,
): Extract<Resource, { kind: 'onward_referral' }> {
  return {
    kind: 'onward_referral',
    id: row.id,
    programmeId: row.programmeId,
    providerOrganisationId: row.providerOrganisationId,
    assignedLinkWorkerId,
  };
}
