// The directory search's wire shapes: the querystring it accepts and the JSON it answers with.
import { z } from 'zod';
import { serviceLanguageKinds, serviceStatuses } from '../../vocabulary/directory';

/** A comma list (`a,b`) or a repeated parameter (`a=1&a=2`), trimmed, empty parts dropped. */
const stringList = <T extends string>(item: z.ZodType<T, string>) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => part.split(','))
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(item).max(20));

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1')
  .optional();

export const deliveryModeValues = ['in_person', 'telephone', 'online', 'home_visit'] as const;

export const searchQuerystring = z
  .object({
    q: z.string().trim().max(200).optional(),
    taxonomyTermIds: stringList(z.uuid('must be a list of taxonomy term ids')).optional(),
    postcode: z.string().trim().min(1).max(10).optional(),
    latitude: z.coerce.number().min(-90).max(90).optional(),
    longitude: z.coerce.number().min(-180).max(180).optional(),
    radiusKm: z.coerce.number().positive().max(50).default(5),
    openAt: z.iso
      .datetime({ offset: true, message: 'must be an ISO date-time, e.g. 2026-11-25T14:00:00Z' })
      .optional(),
    openNow: booleanFlag,
    languages: stringList(
      z.string().regex(/^[a-z]{2,3}$/, 'must be ISO 639 language codes such as bn'),
    ).optional(),
    freeOnly: booleanFlag,
    age: z.coerce.number().int().min(0).max(120).optional(),
    deliveryModes: stringList(z.enum(deliveryModeValues)).optional(),
    acceptingReferralsOnly: booleanFlag,
    boroughCode: z
      .string()
      .regex(/^E09\d{6}$/, 'must be a London borough GSS code such as E09000014')
      .optional(),
    /** Only services that serve the borough of `postcode`. */
    servesPostcodeArea: booleanFlag,
    /** Defaults to the deployment's STALE_AFTER_DAYS. */
    staleAfterDays: z.coerce.number().int().min(1).max(3650).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .superRefine((query, context) => {
    if ((query.latitude === undefined) !== (query.longitude === undefined)) {
      const field = query.latitude === undefined ? 'latitude' : 'longitude';
      context.addIssue({ code: 'custom', path: [field], message: 'send latitude and longitude together' });
    }
    if (query.openAt && query.openNow) {
      context.addIssue({
        code: 'custom',
        path: ['openNow'],
        message: 'send either openAt or openNow, not both',
      });
    }
    if (query.servesPostcodeArea && !query.postcode) {
      context.addIssue({
        code: 'custom',
        path: ['postcode'],
        message: 'servesPostcodeArea needs a postcode',
      });
    }
  });

export type SearchQuerystring = z.infer<typeof searchQuerystring>;

const nullableString = z.string().nullable();

export const searchResultItem = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  summary: z.string(),
  taxonomyTerms: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  location: z
    .object({
      id: z.string(),
      name: nullableString,
      address: nullableString,
      postcode: nullableString,
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
    })
    .nullable(),
  distanceKm: z.number().nullable(),
  opening: z.object({
    isOpenNow: z.boolean(),
    /** Whether it is open at the requested openAt (null when none was asked for). */
    openAtRequestedTime: z.boolean().nullable(),
    text: z.string(),
    nextOpening: z.object({ date: z.string(), opensAt: z.string() }).nullable(),
  }),
  capacity: z.object({
    isAcceptingReferrals: z.boolean(),
    acceptsWaitingList: z.boolean(),
    waitingTimeDays: z.number().nullable(),
    placesAvailable: z.number().nullable(),
    isFull: z.boolean(),
    text: z.string(),
  }),
  freshness: z.object({ lastVerifiedAt: nullableString, isStale: z.boolean(), text: z.string() }),
  languages: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(serviceLanguageKinds) })),
  deliveryModes: z.array(z.string()),
  isFree: z.boolean(),
  ageRange: z.object({ minimum: z.number().nullable(), maximum: z.number().nullable() }),
  matchReasons: z.array(z.string()),
});

export const searchResponse = z.object({
  items: z.array(searchResultItem),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  query: z.object({
    text: nullableString,
    postcode: z
      .object({
        postcode: z.string(),
        latitude: z.number(),
        longitude: z.number(),
        boroughCode: nullableString,
        boroughName: nullableString,
        precision: z.enum(['postcode', 'sector', 'district']),
        note: nullableString,
      })
      .nullable(),
    point: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
    radiusKm: z.number().nullable(),
    openAt: nullableString,
    servedBoroughCode: nullableString,
    staleAfterDays: z.number(),
  }),
});

export const serviceDetailResponse = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(serviceStatuses),
  url: nullableString,
  email: nullableString,
  organisation: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    website: nullableString,
    email: nullableString,
  }),
  taxonomyTerms: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  locations: z.array(
    z.object({
      id: z.string(),
      name: nullableString,
      description: nullableString,
      address1: nullableString,
      city: nullableString,
      postcode: nullableString,
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      boroughCode: nullableString,
      transport: nullableString,
      accessibility: z.array(z.string()),
    }),
  ),
  schedules: z.array(
    z.object({
      byday: z.string(),
      opensAt: z.string(),
      closesAt: z.string(),
      validFrom: nullableString,
      validTo: nullableString,
      attendingType: nullableString,
      description: nullableString,
    }),
  ),
  closures: z.array(z.object({ startsOn: z.string(), endsOn: z.string(), reason: z.string() })),
  opening: z.object({
    isOpenNow: z.boolean(),
    text: z.string(),
    nextOpening: z.object({ date: z.string(), opensAt: z.string() }).nullable(),
  }),
  languages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(serviceLanguageKinds),
      note: nullableString,
    }),
  ),
  areas: z.array(z.object({ name: z.string(), boroughCode: nullableString })),
  costs: z.object({
    isFree: z.boolean(),
    feesDescription: nullableString,
    options: z.array(
      z.object({
        option: nullableString,
        amount: nullableString,
        currency: z.string(),
        amountDescription: nullableString,
      }),
    ),
  }),
  contacts: z.array(
    z.object({ name: nullableString, title: nullableString, email: nullableString, phone: nullableString }),
  ),
  eligibility: z.object({
    description: nullableString,
    minimumAge: z.number().nullable(),
    maximumAge: z.number().nullable(),
  }),
  deliveryModes: z.array(z.string()),
  howToAccess: nullableString,
  alert: nullableString,
  qualityMarks: z.array(z.string()),
  capacity: z.object({
    isAcceptingReferrals: z.boolean(),
    acceptsWaitingList: z.boolean(),
    waitingTimeDays: z.number().nullable(),
    placesAvailable: z.number().nullable(),
    placesMaximum: z.number().nullable(),
    isFull: z.boolean(),
    updatedAt: nullableString,
  }),
  replies: z
    .object({
      periodMonths: z.number(),
      referralsAnswered: z.number(),
      acceptanceRate: z.number().nullable(),
      medianReplyDays: z.number().nullable(),
    })
    .describe(
      'How the service answered onward referrals in the period; null figures when fewer than 5 answers.',
    ),
  freshness: z.object({ lastVerifiedAt: nullableString, isStale: z.boolean(), assuredDate: nullableString }),
});

export type ServiceDetail = z.infer<typeof serviceDetailResponse>;
