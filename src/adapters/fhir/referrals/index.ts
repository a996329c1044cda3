// The referral loop over FHIR: ServiceRequest in, Task flowback, Patient for the referrer.
import type { FhirModule } from '../module';
import { referralRoutes } from './routes';

const searchParam = (
  name: string,
  type: 'token' | 'reference' | 'date' | 'string',
  documentation: string,
) => ({
  name,
  type,
  documentation,
});

export const referralsFhirModule: FhirModule = {
  capabilities: [
    {
      type: 'ServiceRequest',
      documentation:
        'POST a referral with a contained Patient, reasonCode, requester, and a contained active Consent in supportingInfo. ' +
        'An identifier (or If-None-Exist: identifier=system|value) makes retries safe: a repeat answers 200 with the first referral. ' +
        'The referral’s Task has the same id as the ServiceRequest. Onward referrals to directory services are ServiceRequests ' +
        'performed by a HealthcareService, listed in Task.output.',
      interaction: [{ code: 'create' }, { code: 'read' }, { code: 'search-type' }],
      conditionalCreate: true,
      searchParam: [
        searchParam('identifier', 'token', 'The sender’s identifier, or Linkwell’s reference (LW-…)'),
        searchParam('patient', 'reference', 'The person referred'),
        searchParam('subject', 'reference', 'The person referred'),
        searchParam('_lastUpdated', 'date', 'When the referral last changed'),
        searchParam('_id', 'token', 'The referral id'),
      ],
    },
    {
      type: 'Task',
      documentation:
        'One Task per referral (Gravity Project closed loop): status requested→received→accepted/rejected→in-progress→on-hold→completed/cancelled; ' +
        'businessStatus carries Linkwell’s finer state; output lists onward referrals, the outcome at closure and SNOMED CT coded events ' +
        '(contained Procedures). Poll with _lastUpdated=gt<last seen> (use a small overlap and de-duplicate by meta.versionId), ' +
        'or create a Subscription.',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [
        searchParam(
          '_lastUpdated',
          'date',
          'When the Task last changed (gt, ge, lt, le, eq); results oldest change first',
        ),
        searchParam('status', 'token', 'Task status (comma-separated for any of)'),
        searchParam('focus', 'reference', 'The ServiceRequest the Task fulfils'),
        searchParam('based-on', 'reference', 'The ServiceRequest the Task fulfils'),
        searchParam('patient', 'reference', 'The person referred'),
        searchParam('identifier', 'token', 'Linkwell’s referral reference (LW-…)'),
        searchParam('_id', 'token', 'The Task id'),
      ],
    },
    {
      type: 'Patient',
      documentation: 'Only people the client’s organisation referred; identity fields only.',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [
        searchParam('identifier', 'token', 'NHS number (https://fhir.nhs.uk/Id/nhs-number|<number>)'),
        searchParam('_id', 'token', 'The Patient id'),
      ],
    },
  ],
  routes: referralRoutes,
};
