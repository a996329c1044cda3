// One CSV row, checked field by field with zod: every cell is text, so each column says how it
// becomes a value. Lookups against the database (organisations, taxonomy codes, postcodes) follow
// in import-services.ts.
import { isValid as isValidPostcode, toNormalised } from 'postcode';
import { z } from 'zod';
import { boroughCodeOf } from '../curation/boroughs';
import { splitList } from './columns';
import { parseOpeningTimes } from './opening-times';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const optionalInteger = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .optional(),
  );
const optionalNumber = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .optional(),
  );
const yesNo = (fallback: boolean) =>
  z.preprocess(
    (value) => blankToUndefined(typeof value === 'string' ? value.trim().toLowerCase() : value),
    z
      .enum(['yes', 'no', 'true', 'false', 'y', 'n'], { message: 'must be yes or no' })
      .optional()
      .transform((v) => (v === undefined ? fallback : v === 'yes' || v === 'true' || v === 'y')),
  );
const deliveryModes = ['in_person', 'telephone', 'online', 'home_visit'] as const;

export const csvRowSchema = z
  .object({
    service_id: z.preprocess(
      blankToUndefined,
      z.uuid('must be a service id from an export, or empty').optional(),
    ),
    organisation_name: optionalText(200),
    organisation_ods_code: optionalText(20),
    name: z.string().trim().min(1, 'Enter the service’s name').max(200),
    description: z.string().trim().max(10_000).default(''),
    url: z.preprocess(
      blankToUndefined,
      z.url('must be a web address such as https://example.org').optional(),
    ),
    email: z.preprocess(blankToUndefined, z.email('must be an email address').optional()),
    phone: optionalText(40),
    status: z.preprocess(
      blankToUndefined,
      z
        .enum(['active', 'inactive', 'defunct', 'temporarily closed'], {
          message: 'must be active, inactive, defunct or temporarily closed',
        })
        .default('active'),
    ),
    delivery_modes: z
      .string()
      .transform(splitList)
      .pipe(z.array(z.enum(deliveryModes, { message: `must be among ${deliveryModes.join(', ')}` }))),
    taxonomy_codes: z.string().transform(splitList),
    languages: z
      .string()
      .transform((cell) => splitList(cell).map((code) => code.toLowerCase()))
      .pipe(z.array(z.string().regex(/^[a-z]{2,3}$/, 'must be ISO 639 codes such as en;bn;tr'))),
    minimum_age: optionalInteger(0, 130),
    maximum_age: optionalInteger(0, 130),
    eligibility: optionalText(2000),
    is_free: yesNo(true),
    fees: optionalText(2000),
    how_to_access: optionalText(2000),
    accepting_referrals: yesNo(true),
    waiting_list: yesNo(false),
    waiting_time_days: optionalInteger(0, 3650),
    places_available: optionalInteger(0, 1_000_000),
    places_maximum: optionalInteger(0, 1_000_000),
    opening_times: z.string().transform((cell, context) => {
      const result = parseOpeningTimes(cell);
      if ('error' in result) {
        context.addIssue({ code: 'custom', message: result.error });
        return z.NEVER;
      }
      return result.schedules;
    }),
    location_name: optionalText(200),
    address: optionalText(200),
    city: optionalText(100),
    postcode: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .refine((value) => isValidPostcode(value), 'is not a UK postcode, for example N17 6HB')
        .transform((value) => toNormalised(value) ?? value)
        .optional(),
    ),
    latitude: optionalNumber(49, 61),
    longitude: optionalNumber(-9, 2),
    borough: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine(
          (value) => boroughCodeOf(value) !== undefined,
          'must be a London borough name such as Haringey',
        )
        .optional(),
    ),
    // Borough names give the service's areas their codes; other names ("London-wide") are kept as text.
    service_areas: z.string().transform(splitList),
    last_verified: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-01-31')
        .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real date')
        .optional(),
    ),
  })
  .superRefine((row, context) => {
    if (!row.organisation_name && !row.organisation_ods_code) {
      context.addIssue({
        code: 'custom',
        path: ['organisation_name'],
        message: 'Give the organisation’s name or ODS code',
      });
    }
    if ((row.latitude === undefined) !== (row.longitude === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['longitude'],
        message: 'Give both latitude and longitude, or neither',
      });
    }
    if (row.minimum_age !== undefined && row.maximum_age !== undefined && row.maximum_age < row.minimum_age) {
      context.addIssue({
        code: 'custom',
        path: ['maximum_age'],
        message: 'must not be below the minimum age',
      });
    }
  });

export type ParsedCsvRow = z.infer<typeof csvRowSchema>;
