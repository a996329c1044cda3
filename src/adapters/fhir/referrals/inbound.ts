// An inbound FHIR ServiceRequest (already valid R4 by the JSON schema) mapped onto the body of a
// Linkwell referral, remembering which FHIR element each domain field came from so the domain's
// refusals ("Enter a real UK postcode") come back naming the element the sender must fix.
import { needDomainCodes, type NeedDomain } from '../../../referrals/needs';
import { invalidElement } from '../outcome';
import type { Consent, ContactPoint, FhirResource, Patient, Reference, ServiceRequest } from '../types';
import { codeSystems, identifierSystems } from '../urls';
import { ethnicityOfPatient, sexOfPatientGender } from './demographics';

/** UK Core extension carrying "interpreter required" on Patient.communication. */
const ukCoreCommunication = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication';

/** What a person agreeing to share details with services allows by default (the least useful set). */
const defaultSharedFields = ['contact_details', 'needs', 'language'];

export type InboundReferral = {
  /** Input for createReferralBody (zod) — validated by the caller with the same schema as the web form. */
  body: Record<string, unknown>;
  external: { system: string | null; value: string } | undefined;
  /** Domain field (e.g. "person.postcode") → FHIR element (e.g. "ServiceRequest.contained[0].address[0].postalCode"). */
  expressions: Map<string, string>;
};

function resolveContained<T extends FhirResource['resourceType']>(
  resource: ServiceRequest,
  reference: Reference | undefined,
  type: T,
  expression: string,
): { resource: Extract<FhirResource, { resourceType: T }>; index: number } | undefined {
  const ref = reference?.reference;
  if (!ref) return undefined;
  if (!ref.startsWith('#'))
    throw invalidElement(
      expression,
      `Linkwell cannot fetch ${ref}: include the ${type} in ServiceRequest.contained and reference it as "#<id>".`,
      'not-supported',
    );
  const index = (resource.contained ?? []).findIndex((item) => item.id === ref.slice(1));
  const found = index >= 0 ? resource.contained![index] : undefined;
  if (!found || found.resourceType !== type)
    throw invalidElement(expression, `${ref} does not name a contained ${type}.`, 'not-found');
  return { resource: found as Extract<FhirResource, { resourceType: T }>, index };
}

function telecom(
  points: ContactPoint[] | undefined,
  system: 'phone' | 'email',
): { value: string; index: number } | undefined {
  const list = (points ?? [])
    .map((point, index) => ({ point, index }))
    .filter(({ point }) => point.system === system && point.value);
  const preferred = list.find(({ point }) => point.use === 'mobile') ?? list[0];
  return preferred ? { value: preferred.point.value!, index: preferred.index } : undefined;
}

function mapPatient(patient: Patient, at: string, expressions: Map<string, string>): Record<string, unknown> {
  const nameIndex = Math.max(
    0,
    (patient.name ?? []).findIndex((name) => name.use === 'official'),
  );
  const name = patient.name?.[nameIndex];
  const person: Record<string, unknown> = {
    givenName: name?.given?.[0] ?? '',
    familyName: name?.family ?? '',
    dateOfBirth: patient.birthDate ?? '',
  };
  expressions.set('person.givenName', `${at}.name[${nameIndex}].given[0]`);
  expressions.set('person.familyName', `${at}.name[${nameIndex}].family`);
  expressions.set('person.dateOfBirth', `${at}.birthDate`);
  const nhsIndex = (patient.identifier ?? []).findIndex((id) => id.system === identifierSystems.nhsNumber);
  if (nhsIndex >= 0) {
    person.nhsNumber = patient.identifier![nhsIndex]!.value ?? '';
    expressions.set('person.nhsNumber', `${at}.identifier[${nhsIndex}].value`);
  }
  const addressIndex = Math.max(
    0,
    (patient.address ?? []).findIndex((address) => address.use === 'home'),
  );
  const address = patient.address?.[addressIndex];
  person.postcode = address?.postalCode ?? '';
  expressions.set('person.postcode', `${at}.address[${addressIndex}].postalCode`);
  if (address?.line?.length) {
    person.addressLine = address.line.join(', ');
    expressions.set('person.addressLine', `${at}.address[${addressIndex}].line`);
  }
  const phone = telecom(patient.telecom, 'phone');
  if (phone) {
    person.phone = phone.value;
    expressions.set('person.phone', `${at}.telecom[${phone.index}].value`);
  }
  const email = telecom(patient.telecom, 'email');
  if (email) {
    person.email = email.value;
    expressions.set('person.email', `${at}.telecom[${email.index}].value`);
  }
  const communication = patient.communication?.find((item) => item.preferred) ?? patient.communication?.[0];
  if (communication) {
    const language = communication.language.text ?? communication.language.coding?.[0]?.display;
    if (language) person.language = language;
    const interpreter = communication.extension
      ?.find((extension) => extension.url === ukCoreCommunication)
      ?.extension?.find((extension) => extension.url === 'interpreterRequired');
    if (interpreter?.valueBoolean !== undefined) person.needsInterpreter = interpreter.valueBoolean;
  }
  // Equality monitoring, where UK Core carries it; absent or unmapped values are simply not asked.
  const sex = sexOfPatientGender(patient.gender);
  if (sex) {
    person.sex = sex;
    expressions.set('person.sex', `${at}.gender`);
  }
  const ethnic = ethnicityOfPatient(patient);
  if (ethnic) {
    person.ethnicity = ethnic.ethnicity;
    expressions.set('person.ethnicity', `${at}.extension[${ethnic.index}]`);
  }
  return person;
}

function mapConsent(resource: ServiceRequest, requesterName: string | undefined) {
  const consents = (resource.supportingInfo ?? [])
    .map((reference, index) => ({ reference, index }))
    .filter(({ reference }) => reference.reference?.startsWith('#'))
    .map(({ reference, index }) => ({
      index,
      consent: resolveContained(resource, reference, 'Consent', `ServiceRequest.supportingInfo[${index}]`),
    }))
    .filter(
      (item): item is { index: number; consent: { resource: Consent; index: number } } => !!item.consent,
    )
    .map(({ index, consent }) => ({ index, consent: consent.resource }));
  const active = consents.filter(({ consent }) => consent.status === 'active');
  if (active.length === 0)
    throw invalidElement(
      'ServiceRequest.supportingInfo',
      'Include the person’s agreement to the referral: a contained Consent with status "active", referenced from supportingInfo.',
      'required',
    );
  const isPrivacy = (consent: Consent) =>
    consent.scope.coding?.some((coding) => coding.code === 'patient-privacy') ?? false;
  const sharing = active.find(({ consent }) => isPrivacy(consent) && consent.provision?.type === 'permit');
  const first = active[0]!.consent;
  return {
    toReferral: true,
    toShare: sharing !== undefined,
    sharedFields: sharing ? defaultSharedFields : [],
    method: first.sourceAttachment || first.sourceReference ? 'written' : 'verbal',
    ...(first.performer?.[0]?.display || requesterName
      ? { recordedBy: first.performer?.[0]?.display ?? requesterName }
      : {}),
  };
}

function mapNeeds(resource: ServiceRequest): { needs: string[]; texts: string[] } {
  const needs = new Set<string>();
  const texts: string[] = [];
  for (const concept of resource.reasonCode ?? []) {
    const known = concept.coding?.find(
      (coding) =>
        coding.system === codeSystems.needDomain && needDomainCodes.includes(coding.code as NeedDomain),
    );
    // A GP system codes reasons in SNOMED CT or free text; what Linkwell cannot place is "other",
    // with the words kept in the reason so the link worker reads them.
    needs.add(known?.code ?? 'other');
    const words = concept.text ?? concept.coding?.find((coding) => coding.display)?.display;
    if (words && !known) texts.push(words);
  }
  return { needs: [...needs], texts };
}

export function mapInboundServiceRequest(resource: ServiceRequest): InboundReferral {
  const expressions = new Map<string, string>();
  if (resource.status !== 'active')
    throw invalidElement(
      'ServiceRequest.status',
      'A referral to Linkwell must have status "active".',
      'value',
    );
  if (resource.intent !== 'order' && resource.intent !== 'original-order')
    throw invalidElement(
      'ServiceRequest.intent',
      'A referral to Linkwell must have intent "order".',
      'value',
    );
  if (!resource.subject?.reference)
    throw invalidElement(
      'ServiceRequest.subject',
      'Reference the person as a contained Patient ("#<id>").',
      'required',
    );
  const patient = resolveContained(resource, resource.subject, 'Patient', 'ServiceRequest.subject')!;
  const person = mapPatient(patient.resource, `ServiceRequest.contained[${patient.index}]`, expressions);

  if (!resource.reasonCode?.length)
    throw invalidElement(
      'ServiceRequest.reasonCode',
      'Say what the person would like help with in reasonCode (Linkwell need domains, SNOMED CT or text).',
      'required',
    );
  const { needs, texts } = mapNeeds(resource);
  expressions.set('needs', 'ServiceRequest.reasonCode');
  const notes = (resource.note ?? []).map((note) => note.text.trim()).filter(Boolean);
  const reasonText = [...notes, ...texts].join('\n');
  expressions.set('reasonText', notes.length ? 'ServiceRequest.note[0].text' : 'ServiceRequest.reasonCode');

  let requesterName = resource.requester?.display;
  let requesterEmail: string | undefined;
  let requesterPhone: string | undefined;
  if (resource.requester?.reference?.startsWith('#')) {
    const index = (resource.contained ?? []).findIndex(
      (item) => item.id === resource.requester!.reference!.slice(1),
    );
    const found = index >= 0 ? resource.contained![index] : undefined;
    if (found?.resourceType === 'Practitioner') {
      const name = found.name?.[0];
      requesterName ??=
        name?.text ??
        [name?.prefix?.join(' '), name?.given?.join(' '), name?.family].filter(Boolean).join(' ');
      requesterEmail = telecom(found.telecom, 'email')?.value;
      requesterPhone = telecom(found.telecom, 'phone')?.value;
      expressions.set('referrer.email', `ServiceRequest.contained[${index}].telecom`);
      expressions.set('referrer.phone', `ServiceRequest.contained[${index}].telecom`);
    }
  }
  expressions.set('referrer.name', 'ServiceRequest.requester');
  expressions.set('consent', 'ServiceRequest.supportingInfo');

  const identifier = resource.identifier?.find((id) => id.value);
  return {
    body: {
      person,
      needs,
      reasonText,
      urgency: ['urgent', 'asap', 'stat'].includes(resource.priority ?? '') ? 'urgent' : 'routine',
      consent: mapConsent(resource, requesterName || undefined),
      referrer: {
        ...(requesterName ? { name: requesterName } : {}),
        ...(requesterEmail ? { email: requesterEmail } : {}),
        ...(requesterPhone ? { phone: requesterPhone } : {}),
        // The sending system follows the Task; no email on top unless a person asks for one.
        notifyBy: 'none',
      },
    },
    external: identifier ? { system: identifier.system ?? null, value: identifier.value! } : undefined,
    expressions,
  };
}

/** The FHIR element behind a domain field name ("person.postcode", "consent.toShare", "needs.0"). */
export function expressionFor(expressions: Map<string, string>, field: string): string {
  let candidate = field;
  while (candidate) {
    const found = expressions.get(candidate);
    if (found) return found;
    const dot = candidate.lastIndexOf('.');
    candidate = dot === -1 ? '' : candidate.slice(0, dot);
  }
  return field.startsWith('person') ? 'ServiceRequest.subject' : 'ServiceRequest';
}
