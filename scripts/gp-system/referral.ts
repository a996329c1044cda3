// A realistic inbound referral from a GP system: a ServiceRequest with a contained Patient,
// Practitioner and Consents (agreement to the referral; to share details with services), coded
// with SNOMED CT and Linkwell's need domains. Sent by the simulated GP system and by the tests.
import type { Consent, ServiceRequest } from 'fhir/r4';
import { randomUUID } from 'node:crypto';

export function gpServiceRequest(
  overrides: {
    identifier?: string;
    givenName?: string;
    familyName?: string;
    birthDate?: string;
    postcode?: string;
    nhsNumber?: string;
    withConsent?: boolean;
    shareWithServices?: boolean;
    reason?: string;
  } = {},
): ServiceRequest {
  const consents: Consent[] = [
    {
      resourceType: 'Consent',
      id: 'consent-referral',
      status: 'active',
      scope: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }],
      },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
      patient: { reference: '#patient' },
      performer: [{ display: 'Dr Amara Okafor' }],
    },
    ...(overrides.shareWithServices === false
      ? []
      : [
          {
            resourceType: 'Consent' as const,
            id: 'consent-share',
            status: 'active' as const,
            scope: {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' },
              ],
            },
            category: [
              { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
            ],
            patient: { reference: '#patient' },
            provision: { type: 'permit' as const },
          },
        ]),
  ];
  return {
    resourceType: 'ServiceRequest',
    identifier: [
      { system: 'https://gp-system.example/referrals', value: overrides.identifier ?? `gp-${randomUUID()}` },
    ],
    contained: [
      {
        resourceType: 'Patient',
        id: 'patient',
        identifier: overrides.nhsNumber
          ? [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: overrides.nhsNumber }]
          : undefined,
        name: [
          {
            use: 'official',
            family: overrides.familyName ?? 'Fhirington',
            given: [overrides.givenName ?? 'Mabel'],
          },
        ],
        birthDate: overrides.birthDate ?? '1944-03-12',
        telecom: [{ system: 'phone', value: '07700 900321', use: 'mobile' }],
        address: [
          {
            use: 'home',
            line: ['12 Example Road'],
            city: 'London',
            postalCode: overrides.postcode ?? 'N17 6HB',
          },
        ],
        communication: [
          {
            language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'en-GB', display: 'English' }] },
            preferred: true,
          },
        ],
      },
      {
        resourceType: 'Practitioner',
        id: 'gp',
        name: [{ prefix: ['Dr'], given: ['Amara'], family: 'Okafor' }],
        telecom: [{ system: 'email', value: 'amara.okafor@nhs.example' }],
      },
      ...(overrides.withConsent === false ? [] : consents),
    ],
    status: 'active',
    intent: 'order',
    priority: 'routine',
    code: {
      coding: [
        {
          system: 'http://snomed.info/sct',
          code: '871731000000106',
          display: 'Referral to social prescribing service',
        },
      ],
    },
    subject: { reference: '#patient' },
    authoredOn: new Date().toISOString(),
    requester: { reference: '#gp' },
    reasonCode: [
      { coding: [{ system: 'https://linkwell.example/fhir/CodeSystem/need-domain', code: 'loneliness' }] },
      { text: 'Worried about rent arrears' },
    ],
    note: [{ text: overrides.reason ?? 'Lives alone since her husband died; rarely leaves the house.' }],
    supportingInfo: (overrides.withConsent === false ? [] : consents).map((consent) => ({
      reference: `#${consent.id}`,
    })),
  };
}
