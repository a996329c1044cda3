// Where a postcode is: the live postcode's own point, else the centre of its sector, else of its
// district, with a note saying which. Code-Point Open lists live postcodes only, so a stored
// address whose postcode has since been terminated still lands in the right neighbourhood.
import type { Executor } from '../db/client';
import { AppError, type FieldError } from '../http/errors';
import { outsideLondon, parsePostcode, type ParsedPostcode, type PostcodeField } from './postcode-format';
import {
  findDistrictCentroid,
  findPostcodePoint,
  findSectorCentroid,
  hasBoroughs,
  type PostcodePoint,
} from './queries';

export type PostcodePrecision = 'postcode' | 'sector' | 'district';

export type PostcodeResolution = {
  /** The postcode asked about, normalised ("N17 9ZZ"), even when only its sector or district is known. */
  postcode: string;
  latitude: number;
  longitude: number;
  boroughCode: string;
  boroughName: string | null;
  /** LSOA 2011 of the postcode; null for a sector or district centroid, which spans several. */
  lsoaCode: string | null;
  precision: PostcodePrecision;
  /** Present when the point is a centroid, in words a user can read. */
  note?: string;
};

/** Turns what was found into the answer, and says when it is only the centre of an area (pure). */
export function describeResolution(
  parsed: ParsedPostcode,
  precision: PostcodePrecision,
  point: PostcodePoint,
): PostcodeResolution {
  const resolution: PostcodeResolution = {
    postcode: parsed.postcode,
    latitude: point.latitude,
    longitude: point.longitude,
    boroughCode: point.boroughCode,
    boroughName: point.boroughName,
    lsoaCode: point.lsoaCode,
    precision,
  };
  switch (precision) {
    case 'postcode':
      return resolution;
    case 'sector':
      return {
        ...resolution,
        note: `${parsed.postcode} is not a current postcode; using the centre of sector ${parsed.sector}`,
      };
    case 'district':
      return {
        ...resolution,
        note: `${parsed.postcode} is not a current postcode; using the centre of district ${parsed.district}`,
      };
  }
}

/**
 * Resolves a postcode typed by a user or stored on a record. `field` (and where it came from in
 * the request) names the input in a 400: "not a UK postcode", or "outside London".
 */
export async function resolvePostcode(
  db: Executor,
  input: string,
  field = 'postcode',
  location: FieldError['in'] = 'querystring',
): Promise<PostcodeResolution> {
  const where: PostcodeField = { field, location };
  const parsed = parsePostcode(input, where);
  const exact = await findPostcodePoint(db, parsed.postcode);
  if (exact) return describeResolution(parsed, 'postcode', exact);
  const sector = await findSectorCentroid(db, parsed.sector);
  if (sector) return describeResolution(parsed, 'sector', sector);
  const district = await findDistrictCentroid(db, parsed.district);
  if (district) return describeResolution(parsed, 'district', district);
  if (!(await hasBoroughs(db))) {
    throw new AppError('unavailable', 'Postcode data has not been loaded into this database yet.');
  }
  throw outsideLondon(parsed, where);
}
