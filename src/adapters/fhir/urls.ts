// Canonical URLs of what Linkwell defines itself (code systems, extensions, identifier systems).
// Canonical URLs name things; they stay the same on every deployment, so two Linkwell servers
// speak the same codes. They are not fetched.
export const linkwellCanonical = 'https://linkwell.example/fhir';

export const codeSystems = {
  /** Linkwell's referral states, carried as Task.businessStatus. */
  referralStatus: `${linkwellCanonical}/CodeSystem/referral-status`,
  rejectionReason: `${linkwellCanonical}/CodeSystem/rejection-reason`,
  closureReason: `${linkwellCanonical}/CodeSystem/closure-reason`,
  /** Need domains (src/referrals/needs.ts), carried as ServiceRequest.reasonCode. */
  needDomain: `${linkwellCanonical}/CodeSystem/need-domain`,
  /** Kinds of Task output (onward referral, closure outcome, coded event). */
  taskOutput: `${linkwellCanonical}/CodeSystem/task-output-type`,
  onwardStatus: `${linkwellCanonical}/CodeSystem/onward-referral-status`,
  /** HL7's Task codes: the Gravity closed-loop Task is a "fulfill" of the ServiceRequest. */
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
} as const;

export const identifierSystems = {
  /** Linkwell's short referral reference, e.g. LW-7K3M9Q. */
  referralReference: `${linkwellCanonical}/sid/referral-reference`,
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  odsCode: 'https://fhir.nhs.uk/Id/ods-organization-code',
} as const;

export const extensions = {
  /** On a created Subscription only: the key its notifications are signed with (Standard Webhooks). */
  signingSecret: `${linkwellCanonical}/StructureDefinition/webhook-signing-secret`,
  /** On a QuestionnaireResponse: the timepoint (baseline, review, discharge, follow-up). */
  measureTimepoint: `${linkwellCanonical}/StructureDefinition/measure-timepoint`,
} as const;

export const fhirContentType = 'application/fhir+json';
