// The geography tables, read through the typed query builder. Rows stay in this folder: callers
// get the plain shapes below.
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { boroughs, postcodeDistricts, postcodeSectors, postcodes } from '../db/schema';

export type PostcodePoint = {
  latitude: number;
  longitude: number;
  boroughCode: string;
  boroughName: string | null;
  lsoaCode: string | null;
};

export async function findPostcodePoint(db: Executor, postcode: string): Promise<PostcodePoint | undefined> {
  const [row] = await db
    .select({
      latitude: postcodes.latitude,
      longitude: postcodes.longitude,
      boroughCode: postcodes.boroughCode,
      boroughName: boroughs.name,
      lsoaCode: postcodes.lsoaCode,
    })
    .from(postcodes)
    .leftJoin(boroughs, eq(boroughs.code, postcodes.boroughCode))
    .where(eq(postcodes.postcode, postcode));
  return row;
}

/** A sector's centroid; its borough is the one holding most of its postcodes. No LSOA: a sector spans several. */
export async function findSectorCentroid(db: Executor, sector: string): Promise<PostcodePoint | undefined> {
  const [row] = await db
    .select({
      latitude: postcodeSectors.latitude,
      longitude: postcodeSectors.longitude,
      boroughCode: postcodeSectors.mainBoroughCode,
      boroughName: boroughs.name,
    })
    .from(postcodeSectors)
    .leftJoin(boroughs, eq(boroughs.code, postcodeSectors.mainBoroughCode))
    .where(eq(postcodeSectors.sector, sector));
  return row && { ...row, lsoaCode: null };
}

export async function findDistrictCentroid(
  db: Executor,
  district: string,
): Promise<PostcodePoint | undefined> {
  const [row] = await db
    .select({
      latitude: postcodeDistricts.latitude,
      longitude: postcodeDistricts.longitude,
      boroughCode: postcodeDistricts.mainBoroughCode,
      boroughName: boroughs.name,
    })
    .from(postcodeDistricts)
    .leftJoin(boroughs, eq(boroughs.code, postcodeDistricts.mainBoroughCode))
    .where(eq(postcodeDistricts.district, district));
  return row && { ...row, lsoaCode: null };
}

export type Borough = { code: string; name: string; population: number };

export async function listBoroughs(db: Executor): Promise<Borough[]> {
  return db
    .select({ code: boroughs.code, name: boroughs.name, population: boroughs.population })
    .from(boroughs)
    .orderBy(asc(boroughs.name));
}

/** False until loadGeography has filled the tables: a miss then means "not loaded", not "not in London". */
export async function hasBoroughs(db: Executor): Promise<boolean> {
  const [row] = await db.select({ code: boroughs.code }).from(boroughs).limit(1);
  return row !== undefined;
}
