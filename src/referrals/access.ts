// The policy engine's view of referral rows (src/access/policy.ts has the rules).
import { eq } from 'drizzle-orm';
import type { Actor } from '../access/actor';
import { authorise, type Resource } from '../access/policy';
import type { Executor } from '../db/client';
import { people, type onwardReferrals, type referrals } from '../db/schema';
import { notFound } from '../http/errors';

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

/**
 * Loads a person for a staff read of their record and authorises it (404 outside the programme;
 * others on the caseload or with an audited reason). Returns the basis for the caller's audit row.
 */
export async function findPersonForRead(
  tx: Executor,
  actor: Actor,
  personId: string,
  accessReason: string | undefined,
): Promise<{ person: typeof people.$inferSelect; basis: string }> {
  const [person] = await tx.select().from(people).where(eq(people.id, personId));
  if (!person) throw notFound('The person');
  const basis = authorise(
    actor,
    'read',
    {
      kind: 'person',
      id: person.id,
      programmeId: person.programmeId,
      assignedLinkWorkerId: person.assignedLinkWorkerId,
    },
    { accessReason },
  );
  return { person, basis };
}
