// Where a postcode is, for the `postcode` + `proximity` filter: the offline London geography
// (src/geo, OS Code-Point Open). A database where that data has not been loaded yet (a fresh
// install, the test template) falls back to the directory's own locations: the mean of the
// coordinates of the locations at that postcode, else in that postcode district.
import { and, avg, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { locations } from '../../db/schema';
import { resolvePostcode } from '../../geo';
import { AppError } from '../../http/errors';
import type { Centroid } from './queries';

/** A 400 for a postcode that is malformed or outside London comes from resolvePostcode itself. */
export async function resolvePostcodeCentroid(db: Executor, postcode: string): Promise<Centroid | undefined> {
  try {
    const { latitude, longitude } = await resolvePostcode(db, postcode, 'postcode', 'querystring');
    return { latitude, longitude };
  } catch (error) {
    if (error instanceof AppError && error.code === 'unavailable') return findDirectoryCentroid(db, postcode);
    throw error;
  }
}

const ukPostcode = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/;

/** "n17 6hb" → { full: "N17 6HB", outward: "N17" }; undefined when it is not a UK postcode. */
export function normalisePostcode(text: string): { full: string; outward: string } | undefined {
  const match = ukPostcode.exec(text.trim().toUpperCase().replace(/\s+/g, ' '));
  if (!match) return undefined;
  return { full: `${match[1]} ${match[2]}`, outward: match[1]! };
}

export async function findDirectoryCentroid(db: Executor, postcode: string): Promise<Centroid | undefined> {
  const normalised = normalisePostcode(postcode);
  if (!normalised) return undefined;
  const compactPostcode = sql`upper(replace(${locations.postalCode}, ' ', ''))`;
  const attempts = [
    sql`${compactPostcode} = ${normalised.full.replace(' ', '')}`,
    sql`${compactPostcode} like ${`${normalised.outward}___`}`,
  ];
  for (const condition of attempts) {
    const [row] = await db
      .select({ latitude: avg(locations.latitude), longitude: avg(locations.longitude) })
      .from(locations)
      .where(and(condition, isNotNull(locations.latitude), isNotNull(locations.longitude)));
    if (row?.latitude != null && row.longitude != null) {
      return { latitude: Number(row.latitude), longitude: Number(row.longitude) };
    }
  }
  return undefined;
}
