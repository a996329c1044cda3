// Reading a postcode someone typed: format only (the `postcode` library), no database. Whether
// it is a live London postcode is the query's business (resolve-postcode.ts).
import { isValid, toNormalised, toOutcode, toSector } from 'postcode';
import { AppError, invalidField, type FieldError } from '../http/errors';

/** A well-formed postcode in the spaced upper-case form, with the sector and district it sits in. */
export type ParsedPostcode = {
  /** "N17 9ZZ" */
  postcode: string;
  /** "N17 9" */
  sector: string;
  /** The outcode, "N17" (for "SW1A 1AA" it is "SW1A", as in the district centroids). */
  district: string;
};

/** Where the postcode came from in the request, so a 400 points at the right field. */
export type PostcodeField = { field: string; location: FieldError['in'] };

export const defaultPostcodeField: PostcodeField = { field: 'postcode', location: 'querystring' };

/** Only characters that can be in a postcode, and not more of them than a spaced postcode has. */
const plausibleInput = /^[A-Za-z0-9 ]{5,10}$/;

/** Parses lower-case, unspaced or over-spaced input; anything else is a 400 naming the field. */
export function parsePostcode(input: string, where: PostcodeField = defaultPostcodeField): ParsedPostcode {
  const trimmed = input.trim();
  const postcode = plausibleInput.test(trimmed) && isValid(trimmed) ? toNormalised(trimmed) : null;
  const sector = postcode && toSector(postcode);
  const district = postcode && toOutcode(postcode);
  if (!postcode || !sector || !district) {
    throw withReason(
      invalidField(
        where.field,
        `"${trimmed}" is not a UK postcode. Check it and try again, for example N17 6HB.`,
        where.location,
      ),
      'not_a_postcode',
    );
  }
  return { postcode, sector, district };
}

/** Outside London there is nothing to resolve against: say so rather than "not found". */
export function outsideLondon(parsed: ParsedPostcode, where: PostcodeField = defaultPostcodeField): AppError {
  return withReason(
    invalidField(
      where.field,
      `${parsed.postcode} is outside London. Linkwell covers London postcodes only.`,
      where.location,
    ),
    'outside_london',
  );
}

/** Adds a machine-readable `reason` to the problem document, so clients can tell the two 400s apart. */
function withReason(error: AppError, reason: 'not_a_postcode' | 'outside_london'): AppError {
  return new AppError(error.code, error.message, { errors: error.errors ?? [], extra: { reason } });
}
