// Rows → API JSON for measures and instruments. Scores are shown with their bands, a few sentences
// of plain-language meaning, and the change since the same referral's baseline.
import type { InstrumentDefinition } from '../instruments';
import { itemDisplayName } from '../instruments';
import { describeChange, describeScore, type ScoreChange } from '../meaning';
import { scoreAnswers, type Answers, type ScoreResult } from '../scoring';
import { timepointLabels, timepoints, type Timepoint } from '../timepoints';
import type { AvailableInstrument } from './instruments-for-programme';
import type { MeasureRow } from './record-measure';

export function presentInstrument({ definition, questionnaireId }: AvailableInstrument) {
  return {
    key: definition.key,
    name: definition.name,
    shortName: definition.shortName ?? null,
    version: definition.version,
    description: definition.description ?? null,
    recallPeriod: definition.recallPeriod ?? null,
    source: questionnaireId === null ? ('built_in' as const) : ('programme' as const),
    licence: {
      note: definition.licence.note,
      copyright: definition.licence.copyright ?? null,
      attribution: definition.licence.attribution ?? null,
      wordingSuppliedByProgramme: definition.licence.wordingSuppliedByProgramme,
    },
    scoringMethod: definition.scoring.method,
    items: definition.items.map((item) => ({
      id: item.id,
      number: item.number ?? null,
      label: itemDisplayName(item),
      question: item.question ?? null,
      response:
        item.response.kind === 'options'
          ? { kind: 'options' as const, options: item.response.options }
          : {
              kind: 'scale' as const,
              min: item.response.min,
              max: item.response.max,
              anchors: item.response.anchors,
            },
    })),
  };
}

/**
 * The score of a stored measure, re-derived from its answers with the instrument (scoring is pure,
 * so this equals what was stored when the definition is unchanged). Null when the answers no longer
 * fit a changed programme questionnaire; the stored numbers are still shown.
 */
export function rescore(definition: InstrumentDefinition | undefined, row: MeasureRow): ScoreResult | null {
  if (!definition) return null;
  const outcome = scoreAnswers(definition, row.answers as Answers);
  return outcome.ok ? outcome.result : null;
}

function presentChange(change: ScoreChange) {
  return {
    itemId: change.itemId,
    label: change.label,
    before: change.before,
    after: change.after,
    difference: change.difference,
    kind: change.kind,
    text: change.text,
  };
}

/** Who recorded the measure, as the record shows it; self-completion and FHIR have no staff user. */
function recordedByLabel(row: MeasureRow, recordedByName: string | null): string | null {
  if (row.source === 'self') return 'The person (self-completion link)';
  if (row.source === 'connected_system') return 'A connected clinical system (FHIR)';
  return recordedByName;
}

type PresentContext = {
  definition: InstrumentDefinition | undefined;
  /** The same referral's baseline for this instrument, when this measure is a later one. */
  baseline: MeasureRow | undefined;
  recordedByName: string | null;
};

export function presentMeasure(row: MeasureRow, { definition, baseline, recordedByName }: PresentContext) {
  const result = rescore(definition, row);
  const baselineResult = baseline && baseline.id !== row.id ? rescore(definition, baseline) : null;
  const isCurrentVersion = definition?.version === row.instrumentVersion;
  return {
    id: row.id,
    referralId: row.referralId,
    personId: row.personId,
    instrument: {
      key: row.instrumentKey,
      name: definition?.name ?? row.instrumentKey,
      shortName: definition?.shortName ?? null,
      version: row.instrumentVersion,
    },
    timepoint: row.timepoint,
    timepointLabel: timepointLabels[row.timepoint] ?? row.timepoint,
    completedOn: row.completedOn,
    source: row.source,
    answers: row.answers as Record<string, number | null>,
    score: {
      items: (result?.items ?? []).map((item) => ({
        itemId: item.itemId,
        label: item.label,
        value: item.value,
        band: item.band,
      })),
      rawTotal: row.rawTotal,
      metricScore: row.metricScore,
      band: result?.totalBand ?? null,
      isComplete: row.isComplete,
      prorated: result?.prorated ?? false,
      notScoredBecause: row.notScoredBecause,
    },
    meaning: definition && result && isCurrentVersion ? describeScore(definition, result) : [],
    changeSinceBaseline:
      definition && result && baselineResult
        ? describeChange(definition, baselineResult, result).map(presentChange)
        : null,
    recordedBy: recordedByLabel(row, recordedByName),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const timepointOrder = (timepoint: string) => {
  const index = timepoints.indexOf(timepoint as Timepoint);
  return index === -1 ? timepoints.length : index;
};

/** Oldest first, as a chart reads: by date, then by timepoint when two share a date. */
export function inChartOrder(rows: readonly MeasureRow[]): MeasureRow[] {
  return [...rows].sort(
    (a, b) =>
      a.completedOn.localeCompare(b.completedOn) ||
      timepointOrder(a.timepoint) - timepointOrder(b.timepoint) ||
      a.instrumentKey.localeCompare(b.instrumentKey),
  );
}

/** Presents a list of measures, pairing each later one with its referral's baseline of the same instrument. */
export function presentMeasures(
  rows: readonly MeasureRow[],
  definitions: ReadonlyMap<string, InstrumentDefinition>,
  userNames: ReadonlyMap<string, string>,
) {
  const baselines = new Map(
    rows
      .filter((row) => row.timepoint === 'baseline')
      .map((row) => [`${row.referralId}:${row.instrumentKey}`, row]),
  );
  return inChartOrder(rows).map((row) =>
    presentMeasure(row, {
      definition: definitions.get(row.instrumentKey),
      baseline: baselines.get(`${row.referralId}:${row.instrumentKey}`),
      recordedByName: row.recordedByUserId ? (userNames.get(row.recordedByUserId) ?? null) : null,
    }),
  );
}

export type PresentedMeasure = ReturnType<typeof presentMeasure>;
