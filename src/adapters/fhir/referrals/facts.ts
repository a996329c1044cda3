// What the FHIR views of referrals are built from, read in a few batched queries so a search page
// of 50 Tasks costs the same handful of round trips as one Task.
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client';
import {
  onwardReferrals,
  organisations,
  programmes,
  referralEvents,
  referrals,
  services,
} from '../../../db/schema';
import { readTogether } from '../../../db/read-together';

export type ReferralRow = typeof referrals.$inferSelect;

export type ReferralFacts = {
  referral: ReferralRow;
  programme: { name: string; hostOrganisationId: string };
  referringOrganisationName: string | null;
  onward: {
    id: string;
    status: string;
    serviceId: string;
    serviceName: string;
    needs: string[];
    sentAt: Date;
    updatedAt: Date;
    version: number;
  }[];
  codedEvents: { id: number; code: string; display: string; occurredAt: Date }[];
};

export async function loadReferralFacts(db: Executor, rows: ReferralRow[]): Promise<ReferralFacts[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const programmeIds = [...new Set(rows.map((row) => row.programmeId))];
  const organisationIds = [
    ...new Set(rows.map((row) => row.referringOrganisationId).filter((id): id is string => id !== null)),
  ];
  const [programmeRows, organisationRows, onwardRows, eventRows] = await readTogether(db, [
    () =>
      db
        .select({
          id: programmes.id,
          name: programmes.name,
          hostOrganisationId: programmes.hostOrganisationId,
        })
        .from(programmes)
        .where(inArray(programmes.id, programmeIds)),
    () =>
      organisationIds.length
        ? db
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, organisationIds))
        : Promise.resolve([]),
    () =>
      db
        .select({
          id: onwardReferrals.id,
          referralId: onwardReferrals.referralId,
          status: onwardReferrals.status,
          serviceId: onwardReferrals.serviceId,
          serviceName: services.name,
          needs: onwardReferrals.needs,
          sentAt: onwardReferrals.sentAt,
          updatedAt: onwardReferrals.updatedAt,
          version: onwardReferrals.version,
        })
        .from(onwardReferrals)
        .innerJoin(services, eq(services.id, onwardReferrals.serviceId))
        .where(inArray(onwardReferrals.referralId, ids))
        .orderBy(asc(onwardReferrals.sentAt)),
    () =>
      db
        .select({
          id: referralEvents.id,
          referralId: referralEvents.referralId,
          code: referralEvents.snomedCode,
          display: referralEvents.snomedDisplay,
          occurredAt: referralEvents.occurredAt,
        })
        .from(referralEvents)
        .where(and(inArray(referralEvents.referralId, ids), isNotNull(referralEvents.snomedCode)))
        .orderBy(asc(referralEvents.id)),
  ]);
  const programmeById = new Map(programmeRows.map((row) => [row.id, row]));
  const organisationNameById = new Map(organisationRows.map((row) => [row.id, row.name]));
  return rows.map((referral) => ({
    referral,
    programme: programmeById.get(referral.programmeId) ?? {
      name: 'Linkwell programme',
      hostOrganisationId: '',
    },
    referringOrganisationName: referral.referringOrganisationId
      ? (organisationNameById.get(referral.referringOrganisationId) ?? null)
      : null,
    onward: onwardRows.filter((row) => row.referralId === referral.id),
    codedEvents: eventRows
      .filter((row) => row.referralId === referral.id)
      .map((row) => ({
        id: row.id,
        code: row.code!,
        display: row.display ?? row.code!,
        occurredAt: row.occurredAt,
      })),
  }));
}

/** Referral rows by id, as the FHIR reads load them before authorising. */
export async function findReferral(db: Executor, id: string): Promise<ReferralRow | undefined> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id));
  return row;
}
