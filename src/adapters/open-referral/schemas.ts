// Query parameters of the ORUK 3.0 API, as zod schemas. Names follow the standard (snake_case).
// The official parameter schemas have defects (start_time/end_time are `type: "time"`, modified_after
// is `format: "datetime"`): here times are HH:MM strings and modified_after an ISO 8601 date-time.
import { z } from 'zod';

/** Page size when the caller sends none, and the most one page may hold. */
export const defaultPerPage = 50;
export const maximumPerPage = 200;

const dayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type DayCode = (typeof dayCodes)[number];

const hhmm = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour clock)');

export const pageQuery = {
  page: z.coerce.number().int('must be a whole number').min(1).max(100_000).default(1),
  per_page: z.coerce
    .number()
    .int('must be a whole number')
    .min(1)
    .max(maximumPerPage)
    .default(defaultPerPage),
};

const optionalUuid = z.uuid('must be a valid id').optional();

export const serviceListQuery = z
  .object({
    ...pageQuery,
    search: z.string().trim().min(1).max(200).optional(),
    taxonomy_term_id: optionalUuid,
    taxonomy_id: optionalUuid,
    organization_id: optionalUuid,
    minimum_age: z.coerce.number().min(0).max(150).optional(),
    maximum_age: z.coerce.number().min(0).max(150).optional(),
    start_time: hhmm.optional(),
    end_time: hhmm.optional(),
    day: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.enum(dayCodes, { message: 'must be an iCal day code: MO, TU, WE, TH, FR, SA or SU' }))
      .optional(),
    postcode: z.string().trim().min(2).max(10).optional(),
    // Metres from the postcode's centroid (the standard's unit); up to 100 km.
    proximity: z.coerce.number().positive().max(100_000).optional(),
    modified_after: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  })
  .refine((query) => query.proximity === undefined || query.postcode !== undefined, {
    message: 'proximity needs a postcode to measure from',
    path: ['proximity'],
  });
export type ServiceListQuery = z.infer<typeof serviceListQuery>;

export const taxonomyTermListQuery = z.object({
  ...pageQuery,
  taxonomy_id: optionalUuid,
  parent_id: optionalUuid,
});

export const plainPageQuery = z.object(pageQuery);

export const idParam = z.object({ id: z.string() });
