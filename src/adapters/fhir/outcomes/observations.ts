// Scores as Observations a GP system can file. A summed instrument gives one Observation for the
// measure, its value the raw total; SWEMWBS adds the metric score as a component, and carries SNOMED
// CT 718466001 (whose range, 7–35, is the raw score's). ONS4 is never added up, so each of its four
// items is its own Observation with its ONS threshold band: GP systems file one coded value per
// entry and mostly ignore components, so four components on a value-less panel would file nothing.
import type { CodeableConcept, Coding, Observation, ObservationComponent, Quantity } from 'fhir/r4';
import { totalRange, type InstrumentDefinition } from '../../../outcomes/instruments';
import type { MeasureRow } from '../../../outcomes/measures/record-measure';
import { rescore } from '../../../outcomes/measures/present';
import type { BandResult } from '../../../outcomes/scoring';
import { scoreScale } from '../../../outcomes/scoring';
import {
  observationCategorySystem,
  outcomeScoreSystem,
  scoreBandSystem,
  toFhirId,
  ucumSystem,
} from './codes';

const surveyCategory: CodeableConcept[] = [
  { coding: [{ system: observationCategorySystem, code: 'survey', display: 'Survey' }] },
];

const score = (value: number, unit: string): Quantity => ({
  value,
  unit,
  system: ucumSystem,
  code: '{score}',
});

const nameOf = (definition: InstrumentDefinition) => definition.shortName ?? definition.name;

function interpretation(definition: InstrumentDefinition, band: BandResult | null) {
  if (!band) return {};
  const coding: Coding = {
    system: scoreBandSystem,
    code: `${definition.key}.${band.key}`,
    display: band.label,
  };
  return { interpretation: [{ coding: [coding], text: band.label }] };
}

function common(row: MeasureRow, id: string): Omit<Observation, 'code'> {
  return {
    resourceType: 'Observation',
    id,
    meta: { versionId: String(row.version), lastUpdated: row.updatedAt.toISOString() },
    basedOn: [{ reference: `ServiceRequest/${row.referralId}` }],
    // A corrected measure was re-scored: the value changed after it was first reported.
    status: row.version > 1 ? 'amended' : 'final',
    category: surveyCategory,
    subject: { reference: `Patient/${row.personId}` },
    effectiveDateTime: row.completedOn,
    issued: row.createdAt.toISOString(),
    derivedFrom: [{ reference: `QuestionnaireResponse/${row.id}` }],
  };
}

/** The Linkwell code of a score: "swemwbs.raw-total", "swemwbs.metric-score", "ons4.anxiety". */
export const scoreCode = (instrumentKey: string, part: string) => `${instrumentKey}.${part}`;

function totalObservation(row: MeasureRow, definition: InstrumentDefinition): Observation | undefined {
  const { scoring, items } = definition;
  if (scoring.method !== 'sum' || row.rawTotal === null) return undefined;
  const result = rescore(definition, row);
  const name = nameOf(definition);
  const rawRange = totalRange(items);
  const rawDisplay = `${name} raw total (${rawRange.min} to ${rawRange.max})`;
  const coding: Coding[] = [
    ...(definition.code
      ? [{ system: definition.code.system, code: definition.code.code, display: definition.code.display }]
      : []),
    { system: outcomeScoreSystem, code: scoreCode(definition.key, 'raw-total'), display: rawDisplay },
  ];
  const component: ObservationComponent[] = [];
  const notes = [
    `The value is the raw total: the sum of the item answers, ${rawRange.min} to ${rawRange.max}.`,
  ];
  if (scoring.conversion && row.metricScore !== null) {
    const scale = scoreScale(definition)!;
    const metricName = `${name} ${scoring.conversion.name}`;
    component.push({
      code: {
        coding: [
          {
            system: outcomeScoreSystem,
            code: scoreCode(definition.key, scoring.conversion.name.replaceAll(' ', '-')),
            display: `${metricName} (converted from the raw total with the published table)`,
          },
        ],
        text: metricName,
      },
      valueQuantity: score(row.metricScore, scoring.conversion.name),
    });
    notes.push(
      `The component is the ${scoring.conversion.name} (${scale.min} to ${scale.max}), converted from the raw total with the published table; use it for means and change.`,
    );
  }
  if (result?.prorated)
    notes.push('Prorated: unanswered items were filled with the mean of the answered ones.');
  return {
    ...common(row, row.id),
    code: { coding, text: rawDisplay },
    valueQuantity: score(row.rawTotal, 'raw total'),
    ...interpretation(definition, result?.totalBand ?? null),
    note: [{ text: notes.join(' ') }],
    ...(component.length ? { component } : {}),
  };
}

function itemObservations(row: MeasureRow, definition: InstrumentDefinition): Observation[] {
  if (definition.scoring.method !== 'separate_items') return [];
  const result = rescore(definition, row);
  return (result?.items ?? []).flatMap((item) => {
    if (item.value === null) return [];
    const question = definition.items.find((candidate) => candidate.id === item.itemId)!;
    const range =
      question.response.kind === 'scale' ? ` (${question.response.min} to ${question.response.max})` : '';
    const display = `${nameOf(definition)} ${item.label.toLowerCase()}${range}`;
    return [
      {
        ...common(row, `${row.id}-${toFhirId(item.itemId)}`),
        code: {
          coding: [{ system: outcomeScoreSystem, code: scoreCode(definition.key, item.itemId), display }],
          text: display,
        },
        valueQuantity: score(item.value, 'score'),
        ...interpretation(definition, item.band),
        ...(question.higherScoreMeans
          ? { note: [{ text: `A higher score means ${question.higherScoreMeans}.` }] }
          : {}),
      },
    ];
  });
}

/** Every Observation a measure gives: none when it has no score (e.g. SWEMWBS with an item missing). */
export function observationsFor(row: MeasureRow, definition: InstrumentDefinition): Observation[] {
  const total = totalObservation(row, definition);
  return [...(total ? [total] : []), ...itemObservations(row, definition)];
}

/** "<measure id>" or "<measure id>-<item>" → the measure id (a uuid is 36 characters). */
export function measureIdOfObservation(id: string): string {
  return id.slice(0, 36);
}

/** The token search: "system|code", "|code" or "code" against any coding of the Observation. */
export function hasCode(
  observation: Observation,
  token: { system: string | undefined; code: string },
): boolean {
  return (observation.code.coding ?? []).some(
    (coding) => coding.code === token.code && (token.system === undefined || coding.system === token.system),
  );
}
