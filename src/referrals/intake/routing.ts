// Routing a referral to one programme (the tenant of the person's data). Rules, in order:
// programme staff refer into their own programme; a referring organisation listed by a programme
// goes there; otherwise the programme covering the person's borough (and, when it lists postcode
// districts, their district). decideRouting is pure; findRoutingCandidates is the small query.
import { asc, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { programmeReferringOrganisations, programmes } from '../../db/schema';
import { parsePostcode, resolvePostcode, type PostcodeResolution } from '../../geo';
import { AppError, invalidField } from '../../http/errors';

export type ProgrammeCandidate = {
  id: string;
  name: string;
  areas: string[];
  postcodeDistricts: string[];
  createdAt: Date;
  /** The referring organisation is on this programme's list. */
  listsReferringOrganisation: boolean;
};

export type RoutingFacts = {
  /** Set for coordinators and link workers: they refer into their own programme. */
  staffProgrammeId?: string | null | undefined;
  /** Where the person lives, when known: borough name from the offline geography, postcode district. */
  boroughName?: string | null | undefined;
  district?: string | null | undefined;
};

export type RoutingBasis = 'staff' | 'organisation' | 'postcode';
export type RoutingDecision = { programmeId: string; basis: RoutingBasis } | undefined;

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether the programme covers where the person lives. */
export function coversPlace(
  programme: ProgrammeCandidate,
  boroughName: string,
  district: string | null,
): boolean {
  if (!programme.areas.some((area) => sameText(area, boroughName))) return false;
  if (programme.postcodeDistricts.length === 0) return true;
  return district !== null && programme.postcodeDistricts.some((d) => sameText(d, district));
}

/** Stable choice when several programmes qualify: the longest-standing one. */
const byAge = (a: ProgrammeCandidate, b: ProgrammeCandidate) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

export function decideRouting(facts: RoutingFacts, candidates: ProgrammeCandidate[]): RoutingDecision {
  if (facts.staffProgrammeId) return { programmeId: facts.staffProgrammeId, basis: 'staff' };
  const [byOrganisation] = candidates.filter((p) => p.listsReferringOrganisation).sort(byAge);
  if (byOrganisation) return { programmeId: byOrganisation.id, basis: 'organisation' };
  if (!facts.boroughName) return undefined;
  const covering = candidates.filter((p) => coversPlace(p, facts.boroughName!, facts.district ?? null));
  // A programme that names the district is more specific than one covering the whole borough.
  const [best] = [
    ...covering.filter((p) => p.postcodeDistricts.length > 0).sort(byAge),
    ...covering.filter((p) => p.postcodeDistricts.length === 0).sort(byAge),
  ];
  return best ? { programmeId: best.id, basis: 'postcode' } : undefined;
}

/** Programmes that list the organisation, or cover the borough. */
export async function findRoutingCandidates(
  db: Executor,
  where: { organisationId: string | null; boroughName: string | null },
): Promise<ProgrammeCandidate[]> {
  const listsOrganisation = where.organisationId
    ? sql<boolean>`exists (select 1 from ${programmeReferringOrganisations} pro
        where pro.programme_id = ${programmes.id} and pro.organisation_id = ${where.organisationId})`
    : sql<boolean>`false`;
  const coversBorough = where.boroughName
    ? sql<boolean>`exists (select 1 from unnest(${programmes.areas}) as area
        where lower(area) = lower(${where.boroughName}))`
    : sql<boolean>`false`;
  const rows = await db
    .select({
      id: programmes.id,
      name: programmes.name,
      areas: programmes.areas,
      postcodeDistricts: programmes.postcodeDistricts,
      createdAt: programmes.createdAt,
      listsReferringOrganisation: listsOrganisation,
    })
    .from(programmes)
    .where(or(listsOrganisation, coversBorough))
    .orderBy(asc(programmes.createdAt));
  return rows.map((row) => ({ ...row, listsReferringOrganisation: Boolean(row.listsReferringOrganisation) }));
}

export async function findProgrammeName(db: Executor, programmeId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ name: programmes.name })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return row?.name;
}

export type RoutedProgramme = { id: string; name: string; basis: RoutingBasis };

/**
 * Routes a referral, resolving the postcode offline only when the organisation does not decide it.
 * No covering programme is a 400 naming the postcode field, worded for the one who asked.
 */
export async function routeReferral(
  db: Executor,
  input: {
    staffProgrammeId?: string | null;
    organisationId: string | null;
    postcode: string | undefined;
    postcodeField: string;
    noProgrammeMessage: (place: string) => string;
  },
): Promise<RoutedProgramme> {
  const named = async (decision: NonNullable<RoutingDecision>) => ({
    id: decision.programmeId,
    name: (await findProgrammeName(db, decision.programmeId)) ?? '',
    basis: decision.basis,
  });
  if (input.staffProgrammeId) return named({ programmeId: input.staffProgrammeId, basis: 'staff' });
  const byOrganisation = decideRouting(
    {},
    await findRoutingCandidates(db, { organisationId: input.organisationId, boroughName: null }),
  );
  if (byOrganisation) return named(byOrganisation);
  if (!input.postcode) throw invalidField(input.postcodeField, input.noProgrammeMessage('the person’s area'));
  let place: PostcodeResolution;
  try {
    place = await resolvePostcode(db, input.postcode, input.postcodeField, 'body');
  } catch (error) {
    // Outside London is not a typo: it is simply not covered, so say that in the same words.
    if (error instanceof AppError && error.extra?.reason === 'outside_london')
      throw invalidField(input.postcodeField, input.noProgrammeMessage(input.postcode));
    throw error;
  }
  const district = parsePostcode(place.postcode).district;
  const decision = decideRouting(
    { boroughName: place.boroughName, district },
    await findRoutingCandidates(db, { organisationId: null, boroughName: place.boroughName }),
  );
  if (!decision) {
    const where = place.boroughName ? `${place.postcode} (${place.boroughName})` : place.postcode;
    throw invalidField(input.postcodeField, input.noProgrammeMessage(where));
  }
  return named(decision);
}
