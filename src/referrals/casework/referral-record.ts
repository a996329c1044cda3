// The link worker's full view of one referral: the referral, consent, the person, the timeline of
// every event, contacts, assessment, onward referrals, unmet needs, tasks and what the actor may do.
import type { z } from 'zod';
import type { Actor } from '../../access/actor';
import { abilitiesFor } from '../../access/policy';
import type { Executor } from '../../db/client';
import { describePersonArea } from '../../geo';
import { proposedDetails, readReferredPerson } from '../intake/referred-person';
import type { ReferralRow } from '../store';
import { programmeSettingsOf } from '../store';
import { referralAbilities } from './abilities';
import { loadPossibleDuplicates } from './possible-duplicates';
import { loadReferralParts } from './queries';
import { ageOn, fullName, iso, presentAssessment, presentContactAttempt, presentTask } from './present';
import type { referralDetailResponse } from './schemas';

export async function buildReferralRecord(
  db: Executor,
  actor: Actor,
  referral: ReferralRow,
  now = new Date(),
): Promise<z.infer<typeof referralDetailResponse>> {
  const parts = await loadReferralParts(db, referral);
  const settings = await programmeSettingsOf(db, referral.programmeId);
  const { person } = parts;
  const personName = fullName(person);
  const tasks = parts.taskRows.map((task) =>
    presentTask(task, { reference: referral.reference, personId: person.id, personName }, now),
  );
  return {
    id: referral.id,
    programmeId: referral.programmeId,
    reference: referral.reference,
    status: referral.status,
    urgency: referral.urgency,
    sourceType: referral.sourceType,
    route: { basis: referral.routingBasis, explanation: referral.routingExplanation },
    needs: referral.needs,
    reasonText: referral.reasonText,
    contactPreferences: (referral.contactPreferences ?? {}) as Record<string, unknown>,
    referrer: {
      organisationId: referral.referringOrganisationId,
      organisationName: parts.links?.organisationName ?? null,
      name: referral.referrerName,
      email: referral.referrerEmail,
      phone: referral.referrerPhone,
    },
    consent: {
      toReferral: referral.consentToReferral,
      toShare: referral.consentToShare,
      sharedFields: referral.sharedFields,
      method: referral.consentMethod,
      recordedBy: referral.consentRecordedBy,
      recordedAt: referral.consentRecordedAt.toISOString(),
    },
    rejectionReason: referral.rejectionReason,
    closureReason: referral.closureReason,
    statusNote: referral.statusNote,
    outcomeSummary: referral.outcomeSummary,
    failedContactAttempts: referral.failedContactAttempts,
    receivedAt: referral.receivedAt.toISOString(),
    acceptedAt: iso(referral.acceptedAt),
    firstContactAt: iso(referral.firstContactAt),
    closedAt: iso(referral.closedAt),
    assignedLinkWorker:
      referral.assignedLinkWorkerId && parts.links?.linkWorkerName
        ? { id: referral.assignedLinkWorkerId, name: parts.links.linkWorkerName }
        : null,
    person: {
      id: person.id,
      givenName: person.givenName,
      familyName: person.familyName,
      dateOfBirth: person.dateOfBirth,
      age: ageOn(person.dateOfBirth, now),
      phone: person.phone,
      email: person.email,
      preferredChannel: person.preferredChannel,
      addressLine: person.addressLine,
      postcode: person.postcode,
      language: person.language,
      needsInterpreter: person.needsInterpreter,
      // Equality monitoring and the area derived from the postcode; edited with PATCH /api/people/:id.
      sex: person.sex,
      genderIdentitySame: person.genderIdentitySame,
      genderIdentity: person.genderIdentity,
      ethnicity: person.ethnicity,
      disability: person.disability,
      carer: person.carer,
      area: await describePersonArea(db, person),
      version: person.version,
      // Whether PATCH /api/people/:id would be allowed (the policy's answer; the web app shows Change).
      canUpdate:
        abilitiesFor(
          actor,
          {
            kind: 'person',
            id: person.id,
            programmeId: person.programmeId,
            assignedLinkWorkerId: person.assignedLinkWorkerId,
          },
          ['update'],
        ).canUpdate === true,
    },
    personDetailsFromReferral: proposedDetails(person, readReferredPerson(referral.referredPerson, person)),
    possibleDuplicates: await loadPossibleDuplicates(db, actor, referral, parts.timeline),
    timeline: parts.timeline.map((event) => ({
      id: event.id,
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      note: event.note,
      snomed:
        event.snomedCode && event.snomedDisplay
          ? { code: event.snomedCode, display: event.snomedDisplay }
          : null,
      isVisibleToReferrer: event.isVisibleToReferrer,
      actorLabel: event.actorLabel,
      onwardReferralId: event.onwardReferralId,
      details: (event.details ?? {}) as Record<string, unknown>,
      occurredAt: event.occurredAt.toISOString(),
    })),
    contactAttempts: parts.contacts.map(({ attempt, recordedBy }) =>
      presentContactAttempt(attempt, recordedBy),
    ),
    assessment: parts.assessment
      ? presentAssessment(parts.assessment.assessment, parts.assessment.assessedBy)
      : null,
    onwardReferrals: parts.onward.map(({ onward, serviceName, providerOrganisationName }) => ({
      id: onward.id,
      serviceId: onward.serviceId,
      serviceName,
      providerOrganisationId: onward.providerOrganisationId,
      providerOrganisationName,
      needs: onward.needs,
      status: onward.status,
      declineReason: onward.declineReason,
      sentAt: onward.sentAt.toISOString(),
      version: onward.version,
    })),
    unmetNeeds: parts.needs.map((need) => ({
      id: need.id,
      need: need.need,
      reason: need.reason,
      detail: need.detail,
      createdAt: need.createdAt.toISOString(),
    })),
    tasks: {
      open: tasks.filter((task) => task.completedAt === null && task.cancelledAt === null),
      done: tasks.filter((task) => task.completedAt !== null || task.cancelledAt !== null),
    },
    abilities: referralAbilities(actor, referral, settings),
    version: referral.version,
  };
}
