// One pure scoring engine for every instrument definition (built-in or programme-defined): it checks
// each answer against the item's options or scale, applies the instrument's missing-item rule, sums or
// keeps items separate, converts the raw total with a published table and finds the bands.
import {
  allowedValues,
  itemDisplayName,
  totalRange,
  type Direction,
  type InstrumentDefinition,
  type InstrumentItem,
  type ScoreBand,
} from './instruments/definition';

/** Item id → the value chosen; null or undefined (or no key) means not answered. */
export type Answers = Record<string, number | null | undefined>;

export type BandResult = { key: string; label: string };

export type ItemScore = {
  itemId: string;
  /** The item's label, or "Item 3" when the licensed wording is not held by Linkwell. */
  label: string;
  value: number | null;
  band: BandResult | null;
  direction: Direction;
};

export type ScoreResult = {
  instrumentKey: string;
  instrumentVersion: string;
  scoringMethod: InstrumentDefinition['scoring']['method'];
  items: ItemScore[];
  answeredCount: number;
  itemCount: number;
  missingItemIds: string[];
  /** Every item answered. */
  complete: boolean;
  /** Sum of the items (estimated when prorated); null when not scored or not a summed instrument. */
  rawTotal: number | null;
  prorated: boolean;
  /** The raw total looked up in the instrument's conversion table (SWEMWBS metric score). */
  metricScore: number | null;
  totalBand: BandResult | null;
  /** Why a score the instrument normally gives could not be given. */
  notScoredBecause?: string;
};

export type AnswerError = { itemId: string; message: string };

export type ScoreOutcome = { ok: true; result: ScoreResult } | { ok: false; errors: AnswerError[] };

function listInWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function optionsInWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** "Answer 'Life satisfaction' with a whole number from 0 to 10" — names the item and what it accepts. */
function describeAllowedAnswer(item: InstrumentItem): string {
  const name = `'${itemDisplayName(item)}'`;
  const { response } = item;
  if (response.kind === 'scale')
    return `Answer ${name} with a whole number from ${response.min} to ${response.max}`;
  return `Answer ${name} with ${optionsInWords(response.options.map((option) => `${option.value} (${option.label})`))}`;
}

function checkAnswer(item: InstrumentItem, value: unknown): AnswerError | null {
  if (value === null || value === undefined) return null;
  const isAllowed =
    typeof value === 'number' && Number.isInteger(value) && allowedValues(item).includes(value);
  return isAllowed ? null : { itemId: item.id, message: describeAllowedAnswer(item) };
}

function findBand(bands: readonly ScoreBand[] | undefined, value: number | null): BandResult | null {
  if (!bands || value === null) return null;
  const band = bands.find((candidate) => candidate.min <= value && value <= candidate.max);
  return band ? { key: band.key, label: band.label } : null;
}

function quotedNames(items: readonly InstrumentItem[]): string {
  return listInWords(items.map((item) => `'${itemDisplayName(item)}'`));
}

function questions(count: number): string {
  return count === 1 ? '1 question' : `${count} questions`;
}

type TotalScore = Pick<
  ScoreResult,
  'rawTotal' | 'prorated' | 'metricScore' | 'totalBand' | 'notScoredBecause'
>;

const noTotal: TotalScore = { rawTotal: null, prorated: false, metricScore: null, totalBand: null };

function scoreSum(
  definition: InstrumentDefinition,
  scoring: Extract<InstrumentDefinition['scoring'], { method: 'sum' }>,
  values: readonly (number | null)[],
  missing: readonly InstrumentItem[],
): TotalScore {
  const { items, missingItems } = definition;
  const answered = values.filter((value): value is number => value !== null);
  const shortName = definition.shortName ?? definition.name;
  let rawTotal = answered.reduce((sum, value) => sum + value, 0);
  let prorated = false;

  if (missing.length > 0) {
    if (missingItems.rule === 'prorate_up_to' && missing.length <= missingItems.maxMissing) {
      // Fill each gap with the mean of the answers given; round so the total stays a possible score.
      rawTotal = Math.round((rawTotal / answered.length) * items.length);
      prorated = true;
    } else if (missingItems.rule === 'prorate_up_to') {
      return {
        ...noTotal,
        notScoredBecause: `No total: ${shortName} allows up to ${questions(missingItems.maxMissing)} unanswered, but ${missing.length} were not answered (${quotedNames(missing)}).`,
      };
    } else {
      return {
        ...noTotal,
        notScoredBecause: `No total: ${shortName} is only scored when all ${questions(items.length)} are answered, and ${quotedNames(missing)} ${missing.length === 1 ? 'was' : 'were'} not answered.`,
      };
    }
  }

  const metricRow = scoring.conversion?.table.find((row) => row.raw === rawTotal);
  return {
    rawTotal,
    prorated,
    metricScore: metricRow?.score ?? null,
    totalBand: findBand(scoring.bands, rawTotal),
  };
}

/**
 * Scores one set of answers. Invalid answers (outside the options or scale, not a whole number, or
 * for a question the instrument does not have) are refused, each with a message naming the question.
 * Unanswered questions are allowed; the instrument's missing-item rule decides what can be scored,
 * and `notScoredBecause` says why when a score is withheld.
 */
export function scoreAnswers(definition: InstrumentDefinition, answers: Answers): ScoreOutcome {
  const errors: AnswerError[] = [];
  const knownIds = new Set(definition.items.map((item) => item.id));
  for (const itemId of Object.keys(answers)) {
    if (!knownIds.has(itemId))
      errors.push({ itemId, message: `There is no question '${itemId}' in ${definition.name}` });
  }
  // Own keys only, so an item id such as 'constructor' never reads Object.prototype.
  const answerTo = (itemId: string) => (Object.hasOwn(answers, itemId) ? answers[itemId] : undefined);
  for (const item of definition.items) {
    const error = checkAnswer(item, answerTo(item.id));
    if (error) errors.push(error);
  }
  if (errors.length > 0) return { ok: false, errors };

  const values = definition.items.map((item) => answerTo(item.id) ?? null);
  const missing = definition.items.filter((_, index) => values[index] === null);
  const { scoring, missingItems } = definition;
  // With "all required", separately reported items show their answers but no bands when one is missing.
  const withholdItemBands =
    scoring.method === 'separate_items' && missingItems.rule === 'all_required' && missing.length > 0;

  const items: ItemScore[] = definition.items.map((item, index) => {
    const value = values[index] ?? null;
    return {
      itemId: item.id,
      label: itemDisplayName(item),
      value,
      band: withholdItemBands ? null : findBand(item.bands, value),
      direction: item.direction ?? definition.direction,
    };
  });

  let total: TotalScore = noTotal;
  if (scoring.method !== 'none' && missing.length === definition.items.length) {
    total = { ...noTotal, notScoredBecause: 'No score: none of the questions were answered.' };
  } else if (scoring.method === 'sum') {
    total = scoreSum(definition, scoring, values, missing);
  } else if (withholdItemBands) {
    total = {
      ...noTotal,
      notScoredBecause: `No score: every question must be answered, and ${quotedNames(missing)} ${missing.length === 1 ? 'was' : 'were'} not answered.`,
    };
  }

  return {
    ok: true,
    result: {
      instrumentKey: definition.key,
      instrumentVersion: definition.version,
      scoringMethod: scoring.method,
      items,
      answeredCount: definition.items.length - missing.length,
      itemCount: definition.items.length,
      missingItemIds: missing.map((item) => item.id),
      complete: missing.length === 0,
      ...total,
    },
  };
}

/** Lowest and highest score a result can show: the converted range, or the raw total range. */
export function scoreScale(definition: InstrumentDefinition): { min: number; max: number } | null {
  const { scoring } = definition;
  if (scoring.method !== 'sum') return null;
  if (scoring.conversion) {
    const scores = scoring.conversion.table.map((row) => row.score);
    return { min: Math.min(...scores), max: Math.max(...scores) };
  }
  return totalRange(definition.items);
}
