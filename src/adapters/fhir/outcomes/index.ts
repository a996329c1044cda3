// The outcomes part of the FHIR API: what it declares in the CapabilityStatement, beside its routes.
import type { FhirModule } from '../module';
import { extensions } from '../urls';
import { outcomesRoutes } from './routes';

export const outcomesFhirModule: FhirModule = {
  capabilities: [
    {
      type: 'Questionnaire',
      documentation:
        'The built-in outcome measures (ONS4, SWEMWBS, UCLA-3, wellbeing self-rating); id is the instrument key ' +
        'with "-" for "_". SWEMWBS item wording is licensed and not included: its items read "Item N".',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [
        { name: 'url', type: 'uri', documentation: 'Canonical URL, optionally with |version' },
        { name: 'name', type: 'string', documentation: 'Computable name, starts with (any case)' },
        { name: 'status', type: 'token' },
      ],
    },
    {
      type: 'QuestionnaireResponse',
      documentation:
        'A completed response records an outcome measure on a referral your organisation made (basedOn ' +
        `ServiceRequest/<id>, subject Patient/<id>), scored as the web form is. Timepoint: extension ${extensions.measureTimepoint} ` +
        '(valueCode baseline, review, discharge, follow_up_6m, follow_up_12m); without it, baseline when this ' +
        'questionnaire is not yet recorded on the referral. One response per questionnaire and timepoint (409 otherwise). ' +
        'Safe retries: send Idempotency-Key, or If-None-Exist with the search parameters below. Only responses on ' +
        'referrals your organisation made can be read.',
      interaction: [{ code: 'create' }, { code: 'read' }, { code: 'search-type' }],
      conditionalCreate: true,
      searchParam: [
        { name: 'subject', type: 'reference', documentation: 'Patient/<id>' },
        { name: 'based-on', type: 'reference', documentation: 'ServiceRequest/<id> (the referral)' },
        { name: 'questionnaire', type: 'reference', documentation: 'The Questionnaire canonical URL' },
      ],
    },
    {
      type: 'Observation',
      documentation:
        'Scores of recorded measures (category survey), derivedFrom their QuestionnaireResponse. Summed ' +
        'instruments: one Observation whose value is the raw total; SWEMWBS is coded SNOMED CT 718466001 ' +
        '(raw, 7-35) with the metric score as a component. ONS4: one Observation per item with its ONS band as ' +
        'interpretation. Scores without a SNOMED CT or LOINC code use Linkwell codes. Only for referrals your ' +
        'organisation made. date compares by calendar day (Europe/London).',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [
        { name: 'subject', type: 'reference', documentation: 'Patient/<id>' },
        { name: 'based-on', type: 'reference', documentation: 'ServiceRequest/<id> (the referral)' },
        { name: 'code', type: 'token', documentation: 'system|code, |code or code' },
        { name: 'date', type: 'date', documentation: 'The completion date, with eq, gt, ge, lt, le' },
      ],
    },
  ],
  routes: outcomesRoutes,
};
