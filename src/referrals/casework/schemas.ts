// Zod schemas for the link worker's casework API: they validate input and generate the OpenAPI doc.
import { z } from 'zod';
import { pageQuery, versionField } from '../../http/schemas';
import { proposableFields } from '../intake/referred-person';
import { demographicsResponse } from '../../people/demographics';
import { personAreaResponse } from '../../people/schemas';
import type { MatchReason } from '../intake/person-match';
import { needDomainCodes } from '../needs';
import { referralStatuses } from '../referral-state';
import { contactChannels, contactModes, contactOutcomes } from '../../vocabulary/contact';
import { declineReasons, onwardReferralStatuses, unmetNeedReasons } from '../../vocabulary/onward';
import {
  closureReasons,
  consentMethods,
  goalStatuses,
  needPriorities,
  rejectionReasons,
  routingBases,
  sourceTypes,
  urgencies,
} from '../../vocabulary/referral';

export const accessReasonQuery = z.object({
  reason: z.string().trim().min(5, 'Give a reason of at least 5 characters').max(500).optional(),
});

export const referralListQuery = z.object({
  view: z.enum(['queue', 'caseload', 'all']).default('caseload'),
  status: z.enum(referralStatuses).optional(),
  linkWorkerId: z.uuid('must be a valid id').optional(),
  ...pageQuery,
});

const nextTask = z.object({ kind: z.string(), dueAt: z.string(), isOverdue: z.boolean() }).nullable();

export const referralListItem = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(referralStatuses),
  urgency: z.enum(urgencies),
  needs: z.array(z.string()),
  receivedAt: z.string(),
  person: z.object({
    id: z.uuid(),
    name: z.string(),
    dateOfBirth: z.string().nullable(),
    age: z.number().nullable(),
    postcode: z.string().nullable(),
  }),
  assignedLinkWorker: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  nextTask,
  daysWaiting: z.number(),
});

export const referralListResponse = z.object({
  items: z.array(referralListItem),
  total: z.number(),
});

export const caseworkActions = ['accept', 'reject', 'hold', 'resume', 'close'] as const;

// reason is checked against the action in the handler, so a missing or wrong one is a 400 naming
// `reason` (a zod union would report the whole body instead).
export const referralActionBody = z.object({
  action: z.enum(caseworkActions),
  reason: z.string().trim().max(60).optional(),
  note: z.string().trim().max(4000).optional(),
  outcomeSummary: z.string().trim().max(500, 'Keep the outcome summary to 500 characters').optional(),
  version: versionField,
});

export const assignBody = z.object({ linkWorkerId: z.uuid('must be a valid id'), version: versionField });

export { contactModes, contactOutcomes };

/** A little clock skew between the browser and the server is not "in the future". */
const futureToleranceMs = 5 * 60 * 1000;

export const contactBody = z.object({
  mode: z.enum(contactModes),
  outcome: z.enum(contactOutcomes),
  durationMinutes: z.number().int().min(0).max(600).optional(),
  note: z.string().trim().max(4000).optional(),
  occurredAt: z.iso
    .datetime({ offset: true, message: 'Give the time as an ISO 8601 date and time' })
    .refine(
      (value) => Date.parse(value) <= Date.now() + futureToleranceMs,
      'The contact cannot be in the future',
    )
    .optional(),
  version: versionField,
});

export const assessmentBody = z.object({
  whatMatters: z.string().trim().min(1, 'Write what matters to the person, in their words').max(4000),
  needs: z
    .array(
      z.object({
        domain: z.enum(needDomainCodes),
        priority: z.enum(['high', 'medium', 'low']),
        detail: z.string().trim().max(1000).optional(),
      }),
    )
    .max(30),
  goals: z
    .array(
      z.object({
        id: z.uuid().optional(),
        text: z.string().trim().min(1, 'Write the goal').max(1000),
        status: z.enum(['open', 'achieved', 'dropped']),
      }),
    )
    .max(30),
  version: versionField.optional(),
});

export const assessmentResponse = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  whatMatters: z.string(),
  needs: z.array(
    z.object({ domain: z.string(), priority: z.enum(needPriorities), detail: z.string().optional() }),
  ),
  goals: z.array(z.object({ id: z.string(), text: z.string(), status: z.enum(goalStatuses) })),
  baselineMeasureDue: z.boolean(),
  assessedBy: z.string().nullable(),
  assessedAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

export const taskResponse = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  referralReference: z.string(),
  person: z.object({ id: z.uuid(), name: z.string() }),
  kind: z.string(),
  title: z.string(),
  dueAt: z.string(),
  isOverdue: z.boolean(),
  assignedUserId: z.uuid().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  version: z.number(),
});

export const taskListQuery = z.object({
  scope: z.enum(['mine', 'programme']).default('mine'),
  when: z.enum(['overdue', 'due', 'upcoming', 'all']).default('due'),
  linkWorkerId: z.uuid('must be a valid id').optional(),
  ...pageQuery,
});

export const createTaskBody = z.object({
  title: z.string().trim().min(1, 'Give the task a title').max(200),
  dueAt: z.iso.datetime({ offset: true, message: 'Give the due date as an ISO 8601 date and time' }),
});

export const completeTaskBody = z.object({ version: versionField });

export const abilitiesResponse = z.object({
  canAccept: z.boolean(),
  canReject: z.boolean(),
  canHold: z.boolean(),
  canResume: z.boolean(),
  canClose: z.boolean(),
  canCloseAsUnableToContact: z.boolean(),
  canRecordContact: z.boolean(),
  canSaveAssessment: z.boolean(),
  canAssign: z.boolean(),
  canAddTask: z.boolean(),
});

export const referralStateResponse = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(referralStatuses),
  assignedLinkWorkerId: z.uuid().nullable(),
  rejectionReason: z.enum(rejectionReasons).nullable(),
  closureReason: z.enum(closureReasons).nullable(),
  outcomeSummary: z.string().nullable(),
  failedContactAttempts: z.number(),
  abilities: abilitiesResponse,
  version: z.number(),
});

export const contactAttemptResponse = z.object({
  id: z.uuid(),
  mode: z.enum(contactModes),
  outcome: z.enum(contactOutcomes),
  durationMinutes: z.number().nullable(),
  note: z.string(),
  occurredAt: z.string(),
  recordedBy: z.string(),
});

export const contactResponse = z.object({
  contactAttempt: contactAttemptResponse,
  referral: referralStateResponse,
  canCloseAsUnableToContact: z.boolean(),
});

/** Why intake took a person for a possible duplicate (person-match.ts; the duplicate check's matchReason). */
export const personMatchReasons = [
  'nhs_number',
  'nhs_number_conflict',
  'name_dob_postcode',
  'name_dob',
] as const satisfies readonly MatchReason[];

export const referralDetailResponse = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  reference: z.string(),
  status: z.enum(referralStatuses),
  urgency: z.enum(urgencies),
  sourceType: z.enum(sourceTypes),
  /** Why the referral came to this programme (routing.ts); null on referrals made before migration 0015. */
  route: z.object({ basis: z.enum(routingBases).nullable(), explanation: z.string().nullable() }),
  needs: z.array(z.string()),
  reasonText: z.string(),
  contactPreferences: z.record(z.string(), z.unknown()),
  referrer: z.object({
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  consent: z.object({
    toReferral: z.boolean(),
    toShare: z.boolean(),
    sharedFields: z.array(z.string()),
    method: z.enum(consentMethods),
    recordedBy: z.string(),
    recordedAt: z.string(),
  }),
  rejectionReason: z.enum(rejectionReasons).nullable(),
  closureReason: z.enum(closureReasons).nullable(),
  statusNote: z.string().nullable(),
  outcomeSummary: z.string().nullable(),
  failedContactAttempts: z.number(),
  receivedAt: z.string(),
  acceptedAt: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  assignedLinkWorker: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  person: z.object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: z.string().nullable(),
    age: z.number().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    preferredChannel: z.enum(contactChannels).nullable(),
    addressLine: z.string().nullable(),
    postcode: z.string().nullable(),
    language: z.string().nullable(),
    needsInterpreter: z.boolean(),
    ...demographicsResponse,
    area: personAreaResponse,
    /** The person record's version, for PATCH /api/people/:id. */
    version: z.number(),
    canUpdate: z.boolean(),
  }),
  // What this referral says about the person that the record does not: blanks that accepting fills
  // (fillsBlank) and differences the link worker judges (never written over the record).
  personDetailsFromReferral: z.array(
    z.object({
      field: z.enum([...proposableFields, 'needsInterpreter']),
      onRecord: z.union([z.string(), z.boolean()]).nullable(),
      proposed: z.union([z.string(), z.boolean()]),
      fillsBlank: z.boolean(),
    }),
  ),
  // The duplicate review: people intake flagged as perhaps this person (referral.possible_duplicate_person),
  // why, and their latest referral to compare with — given only when the actor may open it now
  // (canOpen, from the policy), so the web app never re-derives the rule.
  possibleDuplicates: z.array(
    z.object({
      personId: z.uuid(),
      name: z.string(),
      dateOfBirth: z.string().nullable(),
      reason: z.enum(personMatchReasons),
      canOpen: z.boolean(),
      referralId: z.uuid().nullable(),
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      reason: z.string().nullable(),
      note: z.string().nullable(),
      snomed: z.object({ code: z.string(), display: z.string() }).nullable(),
      isVisibleToReferrer: z.boolean(),
      actorLabel: z.string(),
      onwardReferralId: z.uuid().nullable(),
      details: z.record(z.string(), z.unknown()),
      occurredAt: z.string(),
    }),
  ),
  contactAttempts: z.array(contactAttemptResponse),
  assessment: assessmentResponse.nullable(),
  onwardReferrals: z.array(
    z.object({
      id: z.uuid(),
      serviceId: z.uuid(),
      serviceName: z.string(),
      providerOrganisationId: z.uuid(),
      providerOrganisationName: z.string(),
      needs: z.array(z.string()),
      status: z.enum(onwardReferralStatuses),
      declineReason: z.enum(declineReasons).nullable(),
      sentAt: z.string(),
      version: z.number(),
    }),
  ),
  unmetNeeds: z.array(
    z.object({
      id: z.uuid(),
      need: z.string(),
      reason: z.enum(unmetNeedReasons),
      detail: z.string(),
      createdAt: z.string(),
    }),
  ),
  tasks: z.object({ open: z.array(taskResponse), done: z.array(taskResponse) }),
  abilities: abilitiesResponse,
  version: z.number(),
});

export const historyResponse = z.object({
  person: z.object({ id: z.uuid(), name: z.string() }),
  referrals: z.array(
    z.object({
      id: z.uuid(),
      reference: z.string(),
      status: z.enum(referralStatuses),
      isOpen: z.boolean(),
      needs: z.array(z.string()),
      receivedAt: z.string(),
      closedAt: z.string().nullable(),
      rejectionReason: z.enum(rejectionReasons).nullable(),
      closureReason: z.enum(closureReasons).nullable(),
    }),
  ),
  onwardReferrals: z.array(
    z.object({
      id: z.uuid(),
      referralId: z.uuid(),
      serviceId: z.uuid(),
      serviceName: z.string(),
      providerOrganisationName: z.string(),
      status: z.enum(onwardReferralStatuses),
      isActive: z.boolean(),
      declineReason: z.enum(declineReasons).nullable(),
      sentAt: z.string(),
      startedAt: z.string().nullable(),
      endedAt: z.string().nullable(),
      attendance: z.object({ attended: z.number(), didNotAttend: z.number() }),
    }),
  ),
});
