// Validation and response shapes for onward referrals, attendance, unmet needs and the referrer's
// view. These zod schemas also generate the OpenAPI document.
import { z } from 'zod';
import { pageQuery, versionField } from '../../http/schemas';
import { needDomainCodes } from '../needs';
import { declineReasons, onwardReferralStatuses } from '../onward-referral-state';
import { referralStatuses } from '../referral-state';
import { contactChannels } from '../../vocabulary/contact';
import { closureReasons, rejectionReasons, urgencies } from '../../vocabulary/referral';
import { attendanceStatuses, unmetNeedReasons } from './rules';

const today = () => new Date().toISOString().slice(0, 10);
const isoDate = (message: string) => z.iso.date(message);

export const accessReasonQuery = z.object({
  reason: z.string().trim().min(5, 'Give a reason of at least 5 characters').max(500).optional(),
});

export const createOnwardReferralBody = z.object({
  serviceId: z.uuid('Choose a service from the directory'),
  needs: z
    .array(z.enum(needDomainCodes))
    .min(1, 'Choose at least one need this service will help with')
    .max(needDomainCodes.length)
    .transform((needs) => [...new Set(needs)]),
  noteToProvider: z.string().trim().max(2000).optional(),
  overrideReason: z
    .string()
    .trim()
    .min(5, 'Say in at least 5 characters why the person should be referred again')
    .max(500)
    .optional(),
});

export const withdrawBody = z.object({
  reason: z.string().trim().max(1000).optional(),
  version: versionField,
});

export const respondBody = z.object({
  action: z.enum(['accept', 'waitlist', 'decline', 'start', 'complete', 'drop_out']),
  reason: z.enum(declineReasons).optional(),
  expectedStartOn: isoDate('Enter the expected start as YYYY-MM-DD').optional(),
  note: z.string().trim().max(1000).optional(),
  version: versionField,
});

export const attendanceBody = z.object({
  sessionOn: isoDate('Enter the session date as YYYY-MM-DD').refine(
    (value) => value <= today(),
    'A session in the future cannot have been attended yet',
  ),
  status: z.enum(attendanceStatuses),
  note: z.string().trim().max(1000).optional(),
});

export const inboxQuery = z.object({ status: z.enum(onwardReferralStatuses).optional(), ...pageQuery });

const attendanceResponse = z.object({
  id: z.uuid(),
  sessionOn: z.string(),
  status: z.enum(attendanceStatuses),
  note: z.string(),
  recordedAt: z.string(),
});

export const onwardReferralResponse = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  reference: z.string(),
  service: z.object({ id: z.uuid(), name: z.string() }),
  providerOrganisationId: z.uuid(),
  needs: z.array(z.string()),
  noteToProvider: z.string(),
  status: z.enum(onwardReferralStatuses),
  declineReason: z.enum(declineReasons).nullable(),
  providerNote: z.string().nullable(),
  expectedStartOn: z.string().nullable(),
  sentAt: z.string(),
  respondedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** What the person agreed to share with providers, and so what `person` holds. */
  sharedFields: z.array(z.string()),
  person: z.object({
    givenName: z.string(),
    dateOfBirth: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    preferredChannel: z.enum(contactChannels).nullable().optional(),
    contactPreferences: z.record(z.string(), z.unknown()).optional(),
    addressLine: z.string().nullable().optional(),
    postcode: z.string().nullable().optional(),
    language: z.string().nullable().optional(),
    needsInterpreter: z.boolean().optional(),
    referralNeeds: z.array(z.string()).optional(),
    reasonText: z.string().optional(),
  }),
  attendance: z.array(attendanceResponse),
  version: z.number(),
  abilities: z.record(z.string(), z.boolean()),
});

export const inboxItemResponse = onwardReferralResponse
  .pick({
    id: true,
    reference: true,
    service: true,
    needs: true,
    status: true,
    expectedStartOn: true,
    sentAt: true,
    respondedAt: true,
    version: true,
  })
  .extend({ person: z.object({ givenName: z.string() }) });

export const attendanceCreatedResponse = z.object({
  attendance: attendanceResponse,
  onwardReferral: onwardReferralResponse,
});

export const createUnmetNeedBody = z.object({
  need: z.enum(needDomainCodes),
  reason: z.enum(unmetNeedReasons),
  detail: z.string().trim().max(1000).optional(),
  taxonomyTermId: z.uuid().optional(),
});

export const unmetNeedResponse = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  onwardReferralId: z.uuid().nullable(),
  need: z.enum(needDomainCodes),
  reason: z.enum(unmetNeedReasons),
  detail: z.string(),
  taxonomyTermId: z.uuid().nullable(),
  boroughCode: z.string().nullable(),
  postcodeDistrict: z.string().nullable(),
  createdAt: z.string(),
});

export const unmetNeedSummaryQuery = z.object({
  from: isoDate('Enter the start date as YYYY-MM-DD').optional(),
  to: isoDate('Enter the end date as YYYY-MM-DD').optional(),
});

export const unmetNeedSummaryResponse = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  total: z.number(),
  rows: z.array(
    z.object({
      need: z.enum(needDomainCodes),
      reason: z.enum(unmetNeedReasons),
      boroughCode: z.string().nullable(),
      boroughName: z.string().nullable(),
      count: z.number(),
    }),
  ),
});

export const sentReferralsQuery = z.object({
  status: z.enum(referralStatuses).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  ...pageQuery,
});

const referrerEvent = z.object({
  type: z.string(),
  label: z.string(),
  occurredAt: z.string(),
  /** SNOMED CT concept, so a GP system can file the event. */
  snomed: z.object({ system: z.string(), code: z.string(), display: z.string() }).nullable(),
  serviceKinds: z.array(z.string()).optional(),
});

export const sentReferralSummaryResponse = z.object({
  id: z.uuid(),
  reference: z.string(),
  person: z.object({ givenName: z.string(), familyName: z.string(), dateOfBirth: z.string().nullable() }),
  status: z.enum(referralStatuses),
  statusLabel: z.string(),
  receivedAt: z.string(),
  lastUpdate: z.object({ type: z.string(), label: z.string(), occurredAt: z.string() }).nullable(),
});

export const sentReferralResponse = sentReferralSummaryResponse.extend({
  urgency: z.enum(urgencies),
  needs: z.array(z.string()),
  acceptedAt: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rejectionReason: z.enum(rejectionReasons).nullable(),
  rejectionReasonLabel: z.string().nullable(),
  closureReason: z.enum(closureReasons).nullable(),
  closureReasonLabel: z.string().nullable(),
  outcomeSummary: z.string().nullable(),
  connectedServiceKinds: z.array(z.string()),
  events: z.array(referrerEvent),
  version: z.number(),
  abilities: z.object({ canCancel: z.boolean() }),
});

export const cancelBody = z.object({ reason: z.string().trim().max(1000).optional(), version: versionField });
