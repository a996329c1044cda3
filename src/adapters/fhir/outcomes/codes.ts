// Canonical URLs the outcomes part of the FHIR API defines (built from linkwellCanonical, like
// urls.ts): Questionnaire canonicals, the code system for scores that have no SNOMED CT or LOINC
// code, the answer codes of choice items, and the ONS4 threshold bands used as interpretation.
import { linkwellCanonical } from '../urls';

/** Scores Linkwell codes itself: "swemwbs.metric", "ucla3.total", "ons4.anxiety", … */
export const outcomeScoreSystem = `${linkwellCanonical}/CodeSystem/outcome-score`;

/** Threshold bands an instrument publishes (ONS4: very_low … very_high), as Observation.interpretation. */
export const scoreBandSystem = `${linkwellCanonical}/CodeSystem/outcome-score-band`;

export const observationCategorySystem = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const ucumSystem = 'http://unitsofmeasure.org';

/** FHIR ids allow letters, digits, "-" and "."; instrument and item keys use "_", which maps to "-". */
export const toFhirId = (key: string): string => key.replaceAll('_', '-');
export const fromFhirId = (id: string): string => id.replaceAll('-', '_');

export const questionnaireUrl = (instrumentKey: string): string =>
  `${linkwellCanonical}/Questionnaire/${toFhirId(instrumentKey)}`;

/** The code system of one instrument's answer values, e.g. ".../CodeSystem/swemwbs-answer". */
export const answerSystem = (instrumentKey: string): string =>
  `${linkwellCanonical}/CodeSystem/${toFhirId(instrumentKey)}-answer`;

/** Standard R4 extensions the Questionnaire uses. */
export const standardExtensions = {
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
} as const;
