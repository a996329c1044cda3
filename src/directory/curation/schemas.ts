// Request and response shapes for directory curation. The service body is the full ServiceInput:
// the editor always sends the complete service, and nested lists replace the stored ones.
import { z } from 'zod';
import { versionField } from '../../http/schemas';
import {
  locationTypes,
  serviceLanguageKinds,
  serviceReportStatuses,
  serviceRevisionStatuses,
  serviceStatuses,
} from '../../vocabulary/directory';

const text = (max = 2000) => z.string().trim().max(max);
const optionalText = (max = 2000) => text(max).nullish();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 09:30');
const day = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-01-31');
const boroughCode = z.string().regex(/^E09\d{6}$/, 'must be a London borough code such as E09000014');

export const serviceInputBody = z.object({
  organisationId: z.uuid('must be a valid organisation id'),
  name: text(200).min(1, 'Enter the service’s name'),
  description: text(10_000).optional(),
  url: z.url('must be a web address such as https://example.org').nullish(),
  email: z.email('must be an email address').nullish(),
  status: z.enum(serviceStatuses).optional(),
  feesDescription: optionalText(),
  isFree: z.boolean().optional(),
  accreditations: optionalText(),
  qualityMarks: z.array(text(100)).max(20).optional(),
  eligibilityDescription: optionalText(),
  minimumAge: z.number().int().min(0).max(130).nullish(),
  maximumAge: z.number().int().min(0).max(130).nullish(),
  alert: optionalText(),
  deliveryModes: z.array(z.enum(['in_person', 'telephone', 'online', 'home_visit'])).optional(),
  howToAccess: optionalText(),
  isAcceptingReferrals: z.boolean().optional(),
  acceptsWaitingList: z.boolean().optional(),
  waitingTimeDays: z.number().int().min(0).max(3650).nullish(),
  placesAvailable: z.number().int().min(0).nullish(),
  placesMaximum: z.number().int().min(0).nullish(),
  assuredDate: isoDate.nullish(),
  assurerEmail: z.email().nullish(),
  taxonomyTermIds: z.array(z.uuid()).max(50).optional(),
  locations: z
    .array(
      z.object({
        id: z.uuid().optional(),
        locationType: z.enum(locationTypes).optional(),
        name: optionalText(200),
        description: optionalText(),
        latitude: z.number().min(-90).max(90).nullish(),
        longitude: z.number().min(-180).max(180).nullish(),
        address1: optionalText(200),
        city: optionalText(100),
        region: optionalText(100),
        postalCode: optionalText(10),
        boroughCode: boroughCode.nullish(),
        transport: optionalText(),
        accessibility: z.array(text(60)).max(30).optional(),
      }),
    )
    .max(50)
    .optional(),
  schedules: z
    .array(
      z.object({
        byday: day,
        opensAt: time,
        closesAt: time,
        validFrom: isoDate.nullish(),
        validTo: isoDate.nullish(),
        attendingType: optionalText(50),
        description: optionalText(),
        notes: optionalText(),
      }),
    )
    .max(100)
    .optional(),
  closures: z
    .array(z.object({ startsOn: isoDate, endsOn: isoDate, reason: text(500).optional() }))
    .max(100)
    .optional(),
  languages: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code such as bn'),
        name: text(100).min(1),
        kind: z.enum(serviceLanguageKinds).optional(),
        note: optionalText(500),
      }),
    )
    .max(50)
    .optional(),
  areas: z
    .array(
      z.object({ name: text(200).min(1), boroughCode: boroughCode.nullish(), extentType: optionalText(50) }),
    )
    .max(50)
    .optional(),
  costOptions: z
    .array(
      z.object({
        option: optionalText(200),
        amount: z
          .string()
          .regex(/^\d+(\.\d{1,2})?$/)
          .nullish(),
        amountDescription: optionalText(500),
      }),
    )
    .max(20)
    .optional(),
  fundings: z
    .array(z.object({ source: text(500).min(1) }))
    .max(20)
    .optional(),
  contacts: z
    .array(
      z.object({
        name: optionalText(200),
        title: optionalText(200),
        email: z.email().nullish(),
        phone: optionalText(40),
      }),
    )
    .max(20)
    .optional(),
});
export type ServiceInputBody = z.infer<typeof serviceInputBody>;

export const updateServiceBody = serviceInputBody.extend({
  version: versionField,
  summary: text(500).optional(),
});
export const createServiceBody = serviceInputBody.extend({ summary: text(500).optional() });

export const serviceIdParams = z.object({ id: z.uuid('must be a valid id') });
export const revisionParams = z.object({
  id: z.uuid('must be a valid id'),
  revisionId: z.uuid('must be a valid id'),
});

export const publishResponse = z.object({
  serviceId: z.string(),
  revisionId: z.string(),
  /** 'live' when the change is in the directory now; 'pending' when it waits for a curator. */
  status: z.enum(['live', 'pending']),
  version: z.number(),
});

export const reviewBody = z.object({ note: text(2000).optional() });

export const revisionResponse = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  status: z.enum(serviceRevisionStatuses),
  summary: z.string(),
  serviceVersion: z.number().nullable(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  reviewNote: z.string().nullable(),
  changedFields: z.array(z.string()),
  snapshot: z.record(z.string(), z.unknown()),
});

export const reportBody = z.object({
  message: text(4000).min(5, 'Tell us what is wrong (at least 5 characters)'),
  reporterName: optionalText(200),
  reporterEmail: z.email('must be an email address').nullish(),
  /** A field people never see: a bot that fills it in is answered politely and ignored. */
  website: z.string().max(500).optional(),
});

export const reportResponse = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  message: z.string(),
  reporterName: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  status: z.enum(serviceReportStatuses),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const resolveReportBody = z.object({ status: z.enum(['resolved', 'dismissed']).default('resolved') });
