// The built-in instruments as FHIR Questionnaires. They are the same for every programme, so they
// never carry a programme's licensed wording: SWEMWBS items are "Item N" here, exactly as the web
// app shows them until a programme registered with Warwick enters its wording (src/outcomes/wording).
import {
  allowedValues,
  builtInInstruments,
  itemDisplayName,
  type InstrumentDefinition,
  type InstrumentItem,
} from '../../../outcomes/instruments';
import type { Questionnaire, QuestionnaireItem } from 'fhir/r4';
import { answerSystem, fromFhirId, questionnaireUrl, standardExtensions, toFhirId } from './codes';

/** "UCLA-3 loneliness" → "UCLA3Loneliness": Questionnaire.name must be a computable name. */
function computableName(definition: InstrumentDefinition): string {
  return (definition.shortName ?? definition.name)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** Whether a completed response must answer every item: the instrument scores nothing otherwise. */
export function isEveryItemRequired(definition: InstrumentDefinition): boolean {
  return definition.missingItems.rule === 'all_required';
}

const licensedWordingNote =
  'The item wording is licensed and Linkwell ships none: items are numbered ("Item 1" … "Item 7") in the ' +
  'order of the published short form. Show the wording only under your own licence from the University of Warwick.';

function toItem(definition: InstrumentDefinition, item: InstrumentItem): QuestionnaireItem {
  const { response } = item;
  const base: QuestionnaireItem = {
    linkId: item.id,
    ...(item.number !== undefined ? { prefix: String(item.number) } : {}),
    // Licensed wording never leaves Linkwell through the FHIR API (the built-in has none).
    text: definition.licence.wordingSuppliedByProgramme
      ? itemDisplayName(item)
      : (item.question ?? itemDisplayName(item)),
    type: response.kind === 'options' ? 'choice' : 'integer',
    required: isEveryItemRequired(definition),
  };
  if (response.kind === 'options')
    return {
      ...base,
      answerOption: response.options.map((option) => ({
        valueCoding: {
          system: answerSystem(definition.key),
          code: String(option.value),
          display: option.label,
          extension: [{ url: standardExtensions.ordinalValue, valueDecimal: option.value }],
        },
      })),
    };
  const anchors = response.anchors.map((anchor) => `${anchor.value} = ${anchor.label}`).join('; ');
  return {
    ...base,
    extension: [
      { url: standardExtensions.minValue, valueInteger: response.min },
      { url: standardExtensions.maxValue, valueInteger: response.max },
    ],
    answerOption: allowedValues(item).map((value) => ({ valueInteger: value })),
    ...(anchors ? { item: [{ linkId: `${item.id}.scale`, type: 'display' as const, text: anchors }] } : {}),
  };
}

export function presentQuestionnaire(definition: InstrumentDefinition): Questionnaire {
  const { licence } = definition;
  const copyright = [licence.copyright, licence.attribution, licence.note].filter(Boolean).join(' ');
  const description = [
    definition.description,
    definition.recallPeriod ? `Recall period: ${definition.recallPeriod}.` : undefined,
    licence.wordingSuppliedByProgramme ? licensedWordingNote : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    resourceType: 'Questionnaire',
    id: toFhirId(definition.key),
    meta: { versionId: definition.version },
    url: questionnaireUrl(definition.key),
    version: definition.version,
    name: computableName(definition),
    title: definition.name,
    status: 'active',
    experimental: false,
    subjectType: ['Patient'],
    publisher: 'Linkwell',
    ...(description ? { description } : {}),
    copyright,
    item: definition.items.map((item) => toItem(definition, item)),
  };
}

/** A built-in instrument by Questionnaire id ("wellbeing-domains") or key ("wellbeing_domains"). */
export function findInstrumentById(id: string): InstrumentDefinition | undefined {
  return builtInInstruments.find((definition) => definition.key === fromFhirId(id));
}

/** A built-in instrument by canonical, with or without "|version"; another version is not ours. */
export function findInstrumentByCanonical(canonical: string): InstrumentDefinition | undefined {
  const [url, version] = canonical.split('|');
  const definition = builtInInstruments.find((candidate) => questionnaireUrl(candidate.key) === url);
  if (!definition || (version !== undefined && version !== definition.version)) return undefined;
  return definition;
}

export const builtInKeys = builtInInstruments.map((definition) => definition.key);

/** Questionnaire search: url (exact, optional |version), name (starts with, any case), status. */
export function searchQuestionnaires(query: Record<string, string | undefined>): InstrumentDefinition[] {
  return builtInInstruments.filter((definition) => {
    if (query.url !== undefined && findInstrumentByCanonical(query.url)?.key !== definition.key) return false;
    const name = computableName(definition).toLowerCase();
    if (query.name !== undefined && !name.startsWith(query.name.toLowerCase())) return false;
    // Every built-in is active; "status=draft,retired" finds none.
    if (query.status !== undefined && !query.status.split(',').includes('active')) return false;
    return true;
  });
}
