// Linkwell's referral records as FHIR R4 resources: the referral as the ServiceRequest the sender
// made, its closed-loop Task (Gravity Project pattern), onward referrals as ServiceRequests to
// HealthcareServices, and the Patient. Pure functions of the facts loaded in facts.ts.
import { needDomains, type NeedDomain } from '../../../referrals/needs';
import { closureReasonLabels } from '../../../referrals/labels';
import { snomed } from '../../../referrals/snomed';
import type { people } from '../../../db/schema';
import type { ReferredPerson } from '../../../referrals/intake/referred-person';
import type { CodeableConcept, Patient, Procedure, ServiceRequest, Task, TaskOutput } from '../types';
import { codeSystems, identifierSystems, linkwellCanonical } from '../urls';
import type { ReferralFacts } from './facts';
import { patientDemographics } from './demographics';
import {
  businessStatusLabels,
  onwardStatusLabels,
  serviceRequestStatusByOnwardStatus,
  serviceRequestStatusByReferralStatus,
  statusReasonText,
  taskStatusByReferralStatus,
} from './task-status';

export const onwardStatusExtension = `${linkwellCanonical}/StructureDefinition/onward-referral-status`;

function needConcepts(needs: string[]): CodeableConcept[] {
  return needs.map((need) => {
    const label = needDomains[need as NeedDomain]?.label ?? need;
    return { coding: [{ system: codeSystems.needDomain, code: need, display: label }], text: label };
  });
}

function outputType(code: string, display: string): CodeableConcept {
  return { coding: [{ system: codeSystems.taskOutput, code, display }], text: display };
}

const socialPrescribingReferral: CodeableConcept = {
  coding: [
    {
      system: codeSystems.snomed,
      code: snomed.referralAccepted.code,
      display: snomed.referralAccepted.display,
    },
  ],
  text: 'Referral to social prescribing',
};

function requester(facts: ReferralFacts) {
  const { referral } = facts;
  if (referral.referringOrganisationId)
    return {
      reference: `Organization/${referral.referringOrganisationId}`,
      display: facts.referringOrganisationName ?? referral.referrerName ?? undefined,
    };
  return { display: referral.referrerName ?? 'Self-referral' };
}

function programmeOwner(facts: ReferralFacts) {
  return facts.programme.hostOrganisationId
    ? { reference: `Organization/${facts.programme.hostOrganisationId}`, display: facts.programme.name }
    : { display: facts.programme.name };
}

export function presentServiceRequest(facts: ReferralFacts): ServiceRequest {
  const { referral } = facts;
  const identifier: ServiceRequest['identifier'] = [];
  if (referral.externalIdentifier)
    identifier.push({
      ...(referral.externalIdentifierSystem ? { system: referral.externalIdentifierSystem } : {}),
      value: referral.externalIdentifier,
    });
  identifier.push({ system: identifierSystems.referralReference, value: referral.reference });
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    meta: { versionId: String(referral.version), lastUpdated: referral.updatedAt.toISOString() },
    identifier,
    status: serviceRequestStatusByReferralStatus[referral.status] ?? 'unknown',
    intent: 'order',
    priority: referral.urgency === 'urgent' ? 'urgent' : 'routine',
    code: socialPrescribingReferral,
    subject: { reference: `Patient/${referral.personId}` },
    authoredOn: referral.receivedAt.toISOString(),
    requester: requester(facts),
    performer: [programmeOwner(facts)],
    ...(referral.needs.length ? { reasonCode: needConcepts(referral.needs) } : {}),
    ...(referral.reasonText ? { note: [{ text: referral.reasonText }] } : {}),
  };
}

export function presentOnwardServiceRequest(
  facts: ReferralFacts,
  onward: ReferralFacts['onward'][number],
): ServiceRequest {
  const label = onwardStatusLabels[onward.status] ?? onward.status;
  return {
    resourceType: 'ServiceRequest',
    id: onward.id,
    meta: { versionId: String(onward.version), lastUpdated: onward.updatedAt.toISOString() },
    extension: [
      {
        url: onwardStatusExtension,
        valueCoding: { system: codeSystems.onwardStatus, code: onward.status, display: label },
      },
    ],
    basedOn: [{ reference: `ServiceRequest/${facts.referral.id}` }],
    status: serviceRequestStatusByOnwardStatus[onward.status] ?? 'unknown',
    intent: 'order',
    subject: { reference: `Patient/${facts.referral.personId}` },
    authoredOn: onward.sentAt.toISOString(),
    requester: programmeOwner(facts),
    performer: [{ reference: `HealthcareService/${onward.serviceId}`, display: onward.serviceName }],
    ...(onward.needs.length ? { reasonCode: needConcepts(onward.needs) } : {}),
  };
}

/**
 * Coded events travel as contained Procedures (code + date) referenced from Task.output, so a GP
 * system can file each SNOMED CT concept on the date it happened.
 */
function codedEventProcedure(facts: ReferralFacts, event: ReferralFacts['codedEvents'][number]): Procedure {
  return {
    resourceType: 'Procedure',
    id: `event-${event.id}`,
    status: 'completed',
    code: {
      coding: [{ system: codeSystems.snomed, code: event.code, display: event.display }],
      text: event.display,
    },
    subject: { reference: `Patient/${facts.referral.personId}` },
    performedDateTime: event.occurredAt.toISOString(),
  };
}

export function presentTask(facts: ReferralFacts): Task {
  const { referral } = facts;
  const status = referral.status;
  const outputs: TaskOutput[] = facts.onward.map((onward) => ({
    type: outputType('onward-referral', 'Onward referral to a service'),
    valueReference: {
      reference: `ServiceRequest/${onward.id}`,
      display: `${onward.serviceName}: ${onwardStatusLabels[onward.status] ?? onward.status}`,
    },
  }));
  if (status === 'completed' && referral.closureReason) {
    const display = closureReasonLabels[referral.closureReason] ?? referral.closureReason;
    outputs.push({
      type: outputType('closure-outcome', 'Outcome at closure'),
      valueCodeableConcept: {
        coding: [{ system: codeSystems.closureReason, code: referral.closureReason, display }],
        text: display,
      },
    });
    if (referral.outcomeSummary?.trim())
      outputs.push({
        type: outputType('outcome-summary', 'Link worker’s summary for the referrer'),
        valueString: referral.outcomeSummary.trim(),
      });
  }
  const contained = facts.codedEvents.map((event) => codedEventProcedure(facts, event));
  for (const procedure of contained)
    outputs.push({
      type: outputType('coded-event', 'Coded event for the GP record'),
      valueReference: { reference: `#${procedure.id}`, display: procedure.code?.text },
    });
  const reason = statusReasonText(status, referral.rejectionReason, referral.closureReason);
  const businessLabel = businessStatusLabels[status] ?? referral.status;
  return {
    resourceType: 'Task',
    id: referral.id,
    meta: { versionId: String(referral.taskVersion), lastUpdated: referral.taskUpdatedAt.toISOString() },
    ...(contained.length ? { contained } : {}),
    identifier: [{ system: identifierSystems.referralReference, value: referral.reference }],
    basedOn: [{ reference: `ServiceRequest/${referral.id}` }],
    status: taskStatusByReferralStatus[status] ?? 'received',
    ...(status === 'rejected' && referral.rejectionReason
      ? {
          statusReason: {
            coding: [
              { system: codeSystems.rejectionReason, code: referral.rejectionReason, display: reason },
            ],
            text: reason,
          },
        }
      : {}),
    businessStatus: {
      coding: [{ system: codeSystems.referralStatus, code: referral.status, display: businessLabel }],
      text: businessLabel,
    },
    intent: 'order',
    priority: referral.urgency === 'urgent' ? 'urgent' : 'routine',
    code: {
      coding: [{ system: codeSystems.taskCode, code: 'fulfill', display: 'Fulfill the focal request' }],
    },
    focus: { reference: `ServiceRequest/${referral.id}` },
    for: { reference: `Patient/${referral.personId}` },
    executionPeriod: {
      start: referral.receivedAt.toISOString(),
      ...(referral.closedAt ? { end: referral.closedAt.toISOString() } : {}),
    },
    authoredOn: referral.receivedAt.toISOString(),
    lastModified: referral.taskUpdatedAt.toISOString(),
    requester: requester(facts),
    owner: programmeOwner(facts),
    ...(outputs.length ? { output: outputs } : {}),
  };
}

/**
 * The person as their referrer sent them (`sent`: the organisation's latest referral of them):
 * identity, the postcode, sex and ethnic category, nothing Linkwell holds from anyone else or learned since.
 */
export function presentPatient(person: typeof people.$inferSelect, sent: ReferredPerson): Patient {
  return {
    resourceType: 'Patient',
    id: person.id,
    meta: { versionId: String(person.version), lastUpdated: person.updatedAt.toISOString() },
    ...(sent.nhsNumber
      ? { identifier: [{ system: identifierSystems.nhsNumber, value: sent.nhsNumber }] }
      : {}),
    name: [{ use: 'official', family: sent.familyName, given: [sent.givenName] }],
    ...(sent.dateOfBirth ? { birthDate: sent.dateOfBirth } : {}),
    ...(sent.postcode ? { address: [{ postalCode: sent.postcode }] } : {}),
    // What the referral said (never the record's answers from anyone else), as UK Core carries it.
    ...patientDemographics(sent),
  };
}
