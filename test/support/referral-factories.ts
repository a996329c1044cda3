// Referrals straight into the database, for tests that start mid-loop (e.g. a provider answering).
// Tests of referral *creation* go through the HTTP API instead.
import { randomBytes } from 'node:crypto';
import type { Executor } from '../../src/db/client';
import { onwardReferrals, referrals } from '../../src/db/schema';
import type { ReferralStatus } from '../../src/referrals/referral-state';
import type { NeedDomain } from '../../src/vocabulary/needs';
import { buildPerson } from './factories';

export async function buildReferral(
  db: Executor,
  options: {
    programmeId: string;
    personId?: string;
    status?: ReferralStatus;
    assignedLinkWorkerId?: string | null;
    referringOrganisationId?: string | null;
    referrerUserId?: string | null;
    referrerEmail?: string | null;
    consentToShare?: boolean;
    sharedFields?: string[];
    needs?: string[];
  },
) {
  const personId =
    options.personId ??
    (
      await buildPerson(db, {
        programmeId: options.programmeId,
        assignedLinkWorkerId: options.assignedLinkWorkerId ?? null,
      })
    ).id;
  const [row] = await db
    .insert(referrals)
    .values({
      programmeId: options.programmeId,
      personId,
      reference: `LW-T${randomBytes(4).toString('hex').toUpperCase()}`,
      sourceType: options.referringOrganisationId ? 'gp_practice' : 'self',
      referringOrganisationId: options.referringOrganisationId ?? null,
      referrerUserId: options.referrerUserId ?? null,
      referrerName: 'Dr Test',
      referrerEmail: options.referrerEmail ?? 'referrer@example.test',
      needs: options.needs ?? ['loneliness'],
      reasonText: 'Lives alone since her husband died; rarely goes out.',
      consentToReferral: true,
      consentToShare: options.consentToShare ?? true,
      sharedFields: options.sharedFields ?? ['contact_details', 'needs'],
      consentMethod: 'verbal',
      consentRecordedBy: 'Dr Test',
      consentRecordedAt: new Date(),
      status: options.status ?? 'received',
      assignedLinkWorkerId: options.assignedLinkWorkerId ?? null,
      acceptedAt: options.status && options.status !== 'received' ? new Date() : null,
    })
    .returning();
  return row!;
}

export async function buildOnwardReferral(
  db: Executor,
  options: { referral: typeof referrals.$inferSelect; serviceId: string; providerOrganisationId: string },
) {
  const [row] = await db
    .insert(onwardReferrals)
    .values({
      programmeId: options.referral.programmeId,
      referralId: options.referral.id,
      personId: options.referral.personId,
      serviceId: options.serviceId,
      providerOrganisationId: options.providerOrganisationId,
      // The referral's needs column is untyped text; the factory's referrals carry need domain codes.
      needs: options.referral.needs as NeedDomain[],
    })
    .returning();
  return row!;
}
