// Plain-language meaning of a scored questionnaire for the person's record, and of the change between
// two scorings of the same questionnaire. Short sentences, no jargon; the numbers stay visible.
import { answerRange, type Direction, type InstrumentDefinition } from './instruments/definition';
import { scoreScale, type ScoreResult } from './scoring';

/** "Life satisfaction" → "life satisfaction", but "SWEMWBS" and "UCLA-3 loneliness" keep their capitals. */
function inSentence(label: string): string {
  const second = label.charAt(1);
  return second && second === second.toUpperCase() && second !== second.toLowerCase()
    ? label
    : label.charAt(0).toLowerCase() + label.slice(1);
}

/** Decimal places the instrument's scores are published with (SWEMWBS metric scores: 2). */
function scoreDecimals(definition: InstrumentDefinition): number {
  const { scoring } = definition;
  if (scoring.method !== 'sum' || !scoring.conversion) return 0;
  return Math.max(
    0,
    ...scoring.conversion.table.map((row) => (String(row.score).split('.')[1] ?? '').length),
  );
}

function formatScore(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

function directionSentence(direction: Direction, higherScoreMeans: string | undefined): string {
  if (higherScoreMeans) return `A higher score means ${higherScoreMeans}.`;
  return direction === 'higher_is_better' ? 'A higher score is better.' : 'A lower score is better.';
}

function instrumentLabel(definition: InstrumentDefinition): string {
  return definition.shortName ?? definition.name;
}

function describeSeparateItems(definition: InstrumentDefinition, result: ScoreResult): string[] {
  const lines = result.notScoredBecause ? [result.notScoredBecause] : [];
  definition.items.forEach((item, index) => {
    const score = result.items[index];
    if (!score) return;
    if (score.value === null) {
      lines.push(`${score.label} was not answered.`);
      return;
    }
    const { max } = answerRange(item);
    const bandText = score.band ? ` is ${score.band.label.toLowerCase()}` : '';
    const valueText = score.band
      ? `score of ${score.value} out of ${max}${bandText}`
      : `score is ${score.value} out of ${max}`;
    const worseNote =
      score.direction === 'higher_is_worse'
        ? ` ${directionSentence(score.direction, item.higherScoreMeans)}`
        : '';
    lines.push(`Your ${inSentence(score.label)} ${valueText}.${worseNote}`);
  });
  return lines;
}

function describeTotal(definition: InstrumentDefinition, result: ScoreResult): string[] {
  if (result.notScoredBecause || result.rawTotal === null) return [result.notScoredBecause ?? 'No score.'];
  const scale = scoreScale(definition);
  const range = scale ? `, on a scale from ${scale.min} to ${scale.max}` : '';
  const name = inSentence(instrumentLabel(definition));
  const score =
    result.metricScore === null
      ? `${result.rawTotal}`
      : `${formatScore(result.metricScore, scoreDecimals(definition))}`;
  const details = [
    result.metricScore === null ? null : `raw total ${result.rawTotal}`,
    result.prorated
      ? `estimated, with ${result.itemCount - result.answeredCount} of ${result.itemCount} questions unanswered`
      : null,
  ].filter((detail): detail is string => detail !== null);
  const band = result.totalBand ? `, which is ${result.totalBand.label.toLowerCase()}` : '';
  const detailText = details.length > 0 ? ` (${details.join('; ')})` : '';
  return [
    `Your ${name} score is ${score}${range}${detailText}${band}.`,
    directionSentence(definition.direction, definition.higherScoreMeans),
  ];
}

/** A few short sentences saying what a scored questionnaire shows, for the person's record. */
export function describeScore(definition: InstrumentDefinition, result: ScoreResult): string[] {
  switch (definition.scoring.method) {
    case 'none':
      return ['These answers are recorded but not scored.'];
    case 'separate_items':
      return describeSeparateItems(definition, result);
    case 'sum':
      return describeTotal(definition, result);
  }
}

export type ChangeKind = 'improved' | 'declined' | 'no_meaningful_change' | 'not_comparable';

export type ScoreChange = {
  /** The item for separately reported items; null for a total. */
  itemId: string | null;
  label: string;
  before: number | null;
  after: number | null;
  /** after − before, in the score's own units. */
  difference: number | null;
  kind: ChangeKind;
  /** The instrument's meaningful-change threshold for this score, or null when there is none. */
  meaningfulChangeThreshold: number | null;
  text: string;
};

function compare(options: {
  itemId: string | null;
  label: string;
  before: number | null;
  after: number | null;
  direction: Direction;
  threshold: number | null;
  decimals: number;
}): ScoreChange {
  const { itemId, label, before, after, direction, threshold, decimals } = options;
  const base = { itemId, label, before, after, meaningfulChangeThreshold: threshold };
  if (before === null || after === null)
    return {
      ...base,
      difference: null,
      kind: 'not_comparable',
      text: `${label}: no comparison, as there is no score at ${before === null && after === null ? 'either time' : 'one of the two times'}.`,
    };
  // Round away floating-point noise (23.21 − 19.25) before comparing with the threshold.
  const difference = Number((after - before).toFixed(decimals));
  const show = (value: number) => formatScore(value, decimals);
  const movement = `${difference > 0 ? 'up' : 'down'} ${show(Math.abs(difference))}`;
  if (difference === 0)
    return { ...base, difference, kind: 'no_meaningful_change', text: `${label} stayed at ${show(after)}.` };
  if (threshold !== null && Math.abs(difference) < threshold)
    return {
      ...base,
      difference,
      kind: 'no_meaningful_change',
      text: `${label}: no meaningful change, from ${show(before)} to ${show(after)} (${movement}; a change of at least ${threshold} is needed).`,
    };
  const isBetter = difference > 0 === (direction === 'higher_is_better');
  const thresholdNote =
    threshold === null
      ? ' There is no agreed threshold for a meaningful change on this questionnaire.'
      : ` A change of ${threshold} or more counts as meaningful.`;
  return {
    ...base,
    difference,
    kind: isBetter ? 'improved' : 'declined',
    text: `${label} ${isBetter ? 'improved' : 'got worse'}, from ${show(before)} to ${show(after)} (${movement}).${thresholdNote}`,
  };
}

/**
 * The change between an earlier and a later scoring of the same questionnaire: one entry for a total,
 * or one per item for separately reported items. A change smaller than the instrument's
 * meaningful-change threshold is "no meaningful change"; without a threshold any change counts.
 */
export function describeChange(
  definition: InstrumentDefinition,
  before: ScoreResult,
  after: ScoreResult,
): ScoreChange[] {
  for (const result of [before, after])
    if (result.instrumentKey !== definition.key)
      throw new Error(`A ${result.instrumentKey} score cannot be compared as ${definition.key}`);
  const { scoring, meaningfulChange } = definition;
  if (scoring.method === 'none') return [];

  if (scoring.method === 'separate_items')
    return definition.items.map((item, index) =>
      compare({
        itemId: item.id,
        label: before.items[index]?.label ?? item.id,
        before: before.items[index]?.value ?? null,
        after: after.items[index]?.value ?? null,
        direction: item.direction ?? definition.direction,
        threshold: meaningfulChange?.appliesTo === 'each_item' ? meaningfulChange.points : null,
        decimals: 0,
      }),
    );

  // A threshold stated in raw points is compared on raw totals, one in converted points on converted scores.
  const useConverted = scoring.conversion !== undefined && meaningfulChange?.appliesTo !== 'total';
  const pick = (result: ScoreResult) => (useConverted ? result.metricScore : result.rawTotal);
  const thresholdApplies = meaningfulChange?.appliesTo === (useConverted ? 'converted_score' : 'total');
  return [
    compare({
      itemId: null,
      label: instrumentLabel(definition),
      before: pick(before),
      after: pick(after),
      direction: definition.direction,
      threshold: thresholdApplies && meaningfulChange ? meaningfulChange.points : null,
      decimals: useConverted ? scoreDecimals(definition) : 0,
    }),
  ];
}
