// The area a person's postcode puts them in, derived whenever the postcode is written (people,
// intake, self-referral, FHIR refer-in, the demo seed) and stored on the person, so equity
// reporting groups by LSOA, borough and deprivation without resolving postcodes again. Best effort:
// a missing, malformed or non-London postcode leaves the area unknown (NULL), never failing the
// write — the postcode's own validation happens where it is typed.
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { boroughs, lsoas } from '../db/schema';
import { parsePostcode } from './postcode-format';
import { findDistrictCentroid, findPostcodePoint, findSectorCentroid } from './queries';
import { deprivationDomains, type DeprivationDomain } from '../vocabulary/demographics';

export type PersonArea = {
  /** LSOA 2011; only for a live postcode (a sector or district spans several). */
  lsoaCode: string | null;
  /** London borough (E09…); for an unknown postcode, the borough holding most of its sector or district. */
  boroughCode: string | null;
  /** IMD 2019 decile of the LSOA, 1 = most deprived tenth of England. */
  imdDecile: number | null;
};

export const unknownArea: PersonArea = { lsoaCode: null, boroughCode: null, imdDecile: null };

/** Where a postcode is, as the people table stores it; all null outside London or when not given. */
export async function personAreaOfPostcode(
  db: Executor,
  postcode: string | null | undefined,
): Promise<PersonArea> {
  if (!postcode?.trim()) return unknownArea;
  let parsed;
  try {
    parsed = parsePostcode(postcode);
  } catch {
    return unknownArea;
  }
  const exact = await findPostcodePoint(db, parsed.postcode);
  if (exact) {
    const lsoa = exact.lsoaCode ? await findLsoa(db, exact.lsoaCode) : undefined;
    return {
      lsoaCode: exact.lsoaCode,
      boroughCode: exact.boroughCode,
      imdDecile: lsoa?.imdDecile ?? null,
    };
  }
  // A terminated or mistyped postcode in a London sector or district: the borough is still known.
  const area =
    (await findSectorCentroid(db, parsed.sector)) ?? (await findDistrictCentroid(db, parsed.district));
  return area ? { ...unknownArea, boroughCode: area.boroughCode } : unknownArea;
}

export { deprivationDomains, type DeprivationDomain };

export type LsoaDeprivation = {
  lsoaCode: string;
  lsoaName: string;
  boroughCode: string;
  imdRank: number;
  imdDecile: number;
  domainDeciles: Record<DeprivationDomain, number>;
};

/** An LSOA's name, IMD 2019 rank, decile and domain deciles (for the person's record). */
export async function findLsoaDeprivation(
  db: Executor,
  lsoaCode: string | null,
): Promise<LsoaDeprivation | null> {
  if (!lsoaCode) return null;
  const row = await findLsoa(db, lsoaCode);
  if (!row) return null;
  return {
    lsoaCode: row.code,
    lsoaName: row.name,
    boroughCode: row.boroughCode,
    imdRank: row.imdRank,
    imdDecile: row.imdDecile,
    domainDeciles: {
      income: row.incomeDecile,
      employment: row.employmentDecile,
      educationSkills: row.educationSkillsDecile,
      healthDisability: row.healthDisabilityDecile,
      crime: row.crimeDecile,
      barriersHousingServices: row.barriersHousingServicesDecile,
      livingEnvironment: row.livingEnvironmentDecile,
    },
  };
}

async function findLsoa(db: Executor, code: string) {
  const [row] = await db.select().from(lsoas).where(eq(lsoas.code, code));
  return row;
}

/** What the record shows of a person's area: LSOA and borough names, IMD 2019 rank and deciles. */
export type PersonAreaDetails = {
  lsoaCode: string | null;
  lsoaName: string | null;
  boroughCode: string;
  boroughName: string | null;
  imdDecile: number | null;
  imdRank: number | null;
  /** Null when only the borough is known (a postcode not in the current release). */
  domainDeciles: Record<DeprivationDomain, number> | null;
};

/** The stored area columns in words for the record; null when the person's area is unknown. */
export async function describePersonArea(db: Executor, area: PersonArea): Promise<PersonAreaDetails | null> {
  if (!area.boroughCode) return null;
  const [borough] = await db
    .select({ name: boroughs.name })
    .from(boroughs)
    .where(eq(boroughs.code, area.boroughCode));
  const lsoa = await findLsoaDeprivation(db, area.lsoaCode);
  return {
    lsoaCode: area.lsoaCode,
    lsoaName: lsoa?.lsoaName ?? null,
    boroughCode: area.boroughCode,
    boroughName: borough?.name ?? null,
    // The stored decile is the one reported on; the LSOA's own is the same unless the file changed.
    imdDecile: area.imdDecile ?? lsoa?.imdDecile ?? null,
    imdRank: lsoa?.imdRank ?? null,
    domainDeciles: lsoa?.domainDeciles ?? null,
  };
}
