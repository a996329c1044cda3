// An outcome questionnaire ("instrument") as data: items, answer options, scoring rule, missing-item
// rule, bands and licence note. Built-in instruments (ONS4, SWEMWBS, UCLA-3, the wellbeing self-rating)
// and questionnaires a coordinator builds for a programme are the same JSON, checked by one schema,
// so one scoring engine (../scoring.ts) serves them all.
import { z } from 'zod';

const identifierSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'Use lower-case letters, digits and underscores, starting with a letter');
const textSchema = z.string().trim().min(1);
const wholeNumberSchema = z.number().int('Use a whole number');

export const directionSchema = z.enum(['higher_is_better', 'higher_is_worse']);

/** A labelled score range, both ends included (ONS "low" is 0 to 4). */
export const bandSchema = z.strictObject({
  key: identifierSchema,
  label: textSchema,
  min: wholeNumberSchema,
  max: wholeNumberSchema,
});

const answerOptionSchema = z.strictObject({ value: wholeNumberSchema, label: textSchema });

const responseSchema = z.discriminatedUnion('kind', [
  /** A fixed list of answers, each with its value ("Hardly ever or never" = 1). */
  z.strictObject({ kind: z.literal('options'), options: z.array(answerOptionSchema).min(2) }),
  /** Any whole number from min to max, with labels at some points ("0 = not at all"). */
  z.strictObject({
    kind: z.literal('scale'),
    min: wholeNumberSchema,
    max: wholeNumberSchema,
    anchors: z.array(answerOptionSchema).default([]),
  }),
]);

export const itemSchema = z.strictObject({
  id: identifierSchema,
  /** Position on the printed form. */
  number: z.number().int().positive().optional(),
  /** The publisher's own reference for the item, e.g. "WEMWBS item 6". */
  reference: textSchema.optional(),
  /** Short name used in reports and messages. Left out only when a licence keeps the wording out of Linkwell. */
  label: textSchema.optional(),
  /** The full question as asked. */
  question: textSchema.optional(),
  response: responseSchema,
  /** Overrides the instrument's direction for this item (ONS4 anxiety: higher is worse). */
  direction: directionSchema.optional(),
  /** Plain words for what a higher answer means, e.g. "more anxious". */
  higherScoreMeans: textSchema.optional(),
  bands: z.array(bandSchema).optional(),
});

const scoringSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('sum'),
    /** Raw total → published interval score (SWEMWBS metric score). One row per possible raw total. */
    conversion: z
      .strictObject({
        name: textSchema,
        table: z.array(z.strictObject({ raw: wholeNumberSchema, score: z.number() })).min(1),
      })
      .optional(),
    /** Bands on the raw total. */
    bands: z.array(bandSchema).optional(),
  }),
  /** Each item is reported on its own and never added up (ONS4). */
  z.strictObject({ method: z.literal('separate_items') }),
  /** Answers are kept but not scored. */
  z.strictObject({ method: z.literal('none') }),
]);

const missingItemsSchema = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('all_required') }),
  /** Up to maxMissing unanswered items are filled with the mean of the answered ones. */
  z.strictObject({ rule: z.literal('prorate_up_to'), maxMissing: z.number().int().positive() }),
  /** Answered items are reported, unanswered ones are not (separately reported items only). */
  z.strictObject({ rule: z.literal('score_what_is_answered') }),
]);

const baseDefinitionSchema = z.strictObject({
  key: identifierSchema,
  name: textSchema,
  shortName: textSchema.optional(),
  version: textSchema,
  description: textSchema.optional(),
  licence: z.strictObject({
    note: textSchema,
    copyright: textSchema.optional(),
    attribution: textSchema.optional(),
    /** True when the item wording may not ship with Linkwell and each programme supplies it. */
    wordingSuppliedByProgramme: z.boolean().default(false),
  }),
  recallPeriod: textSchema.optional(),
  items: z.array(itemSchema).min(1),
  scoring: scoringSchema,
  missingItems: missingItemsSchema,
  direction: directionSchema,
  higherScoreMeans: textSchema.optional(),
  meaningfulChange: z
    .strictObject({
      points: z.number().positive(),
      /** Which score the threshold is in: the converted score, the raw total, or each item. */
      appliesTo: z.enum(['converted_score', 'total', 'each_item']),
      source: textSchema,
    })
    .optional(),
  /** Code for the score when it is sent to another system (e.g. as a FHIR Observation). */
  code: z
    .strictObject({
      system: z.enum(['http://snomed.info/sct', 'http://loinc.org']),
      code: textSchema,
      display: textSchema,
      note: textSchema.optional(),
    })
    .optional(),
  sources: z
    .array(z.strictObject({ what: textSchema, url: z.url().optional(), citation: textSchema.optional() }))
    .default([]),
});

type Band = z.output<typeof bandSchema>;
type Item = z.output<typeof itemSchema>;

/** The name an item goes by in messages: its label, or its number when the wording is licensed. */
export function itemDisplayName(item: Pick<Item, 'id' | 'label' | 'number'>): string {
  return item.label ?? (item.number === undefined ? item.id : `Item ${item.number}`);
}

/** Every value an answer to this item may take, lowest first. */
export function allowedValues(item: Pick<Item, 'response'>): number[] {
  const { response } = item;
  if (response.kind === 'options')
    return response.options.map((option) => option.value).sort((a, b) => a - b);
  const values: number[] = [];
  for (let value = response.min; value <= response.max; value++) values.push(value);
  return values;
}

export function answerRange(item: Pick<Item, 'response'>): { min: number; max: number } {
  const values = allowedValues(item);
  return { min: values[0] ?? 0, max: values[values.length - 1] ?? 0 };
}

/** Lowest and highest possible raw total when every item is answered. */
export function totalRange(items: readonly Pick<Item, 'response'>[]): { min: number; max: number } {
  return items.reduce(
    (range, item) => {
      const { min, max } = answerRange(item);
      return { min: range.min + min, max: range.max + max };
    },
    { min: 0, max: 0 },
  );
}

function wholeNumbersFrom(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, index) => min + index);
}

type Report = (message: string, path: (string | number)[]) => void;

/** Every possible score falls in exactly one band and no band reaches outside the possible scores. */
function checkBands(
  bands: readonly Band[],
  possible: readonly number[],
  owner: string,
  path: (string | number)[],
  report: Report,
) {
  const lowest = possible[0] ?? 0;
  const highest = possible[possible.length - 1] ?? 0;
  bands.forEach((band, index) => {
    if (band.min > band.max)
      report(`Band '${band.label}' for ${owner} starts at ${band.min}, above its end ${band.max}`, [
        ...path,
        index,
      ]);
    if (band.min < lowest || band.max > highest)
      report(
        `Band '${band.label}' (${band.min}–${band.max}) for ${owner} goes outside the possible scores ${lowest}–${highest}`,
        [...path, index],
      );
  });
  const duplicateKey = bands.find(
    (band, index) => bands.findIndex((other) => other.key === band.key) !== index,
  );
  if (duplicateKey) report(`Band key '${duplicateKey.key}' is used twice for ${owner}`, path);
  for (const value of possible) {
    const holders = bands.filter((band) => band.min <= value && value <= band.max);
    if (holders.length === 0) report(`The bands for ${owner} leave a score of ${value} without a band`, path);
    if (holders.length > 1)
      report(
        `Bands ${holders.map((band) => `'${band.label}'`).join(' and ')} for ${owner} overlap at ${value}`,
        path,
      );
  }
}

function checkItem(item: Item, index: number, wordingSuppliedByProgramme: boolean, report: Report) {
  const name = `'${itemDisplayName(item)}'`;
  const path: (string | number)[] = ['items', index];
  if (item.label === undefined && !wordingSuppliedByProgramme)
    report(
      `Question ${index + 1} needs a label (only licensed wording supplied by the programme may be left out)`,
      [...path, 'label'],
    );
  const { response } = item;
  if (response.kind === 'scale') {
    if (response.min >= response.max)
      report(`The scale for ${name} must run from a lower to a higher number`, [...path, 'response']);
    for (const anchor of response.anchors)
      if (anchor.value < response.min || anchor.value > response.max)
        report(
          `The label '${anchor.label}' for ${name} is at ${anchor.value}, outside ${response.min}–${response.max}`,
          [...path, 'response'],
        );
  }
  const values = response.kind === 'options' ? response.options.map((option) => option.value) : [];
  if (new Set(values).size !== values.length)
    report(`Two answers to ${name} have the same value`, [...path, 'response', 'options']);
  if (item.bands) checkBands(item.bands, allowedValues(item), name, [...path, 'bands'], report);
}

function checkConversion(
  table: readonly { raw: number; score: number }[],
  possibleTotals: readonly number[],
  report: Report,
) {
  const path = ['scoring', 'conversion', 'table'];
  const raws = table.map((row) => row.raw);
  const repeated = raws.find((raw, index) => raws.indexOf(raw) !== index);
  if (repeated !== undefined) report(`The conversion table lists the raw total ${repeated} twice`, path);
  const missing = possibleTotals.filter((total) => !raws.includes(total));
  if (missing.length > 0)
    report(
      `The conversion table has no row for the raw total${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      path,
    );
  const impossible = raws.filter((raw) => !possibleTotals.includes(raw));
  if (impossible.length > 0)
    report(`The conversion table has rows for raw totals that cannot occur: ${impossible.join(', ')}`, path);
}

export const instrumentDefinitionSchema = baseDefinitionSchema.superRefine((definition, context) => {
  const report: Report = (message, path) => context.addIssue({ code: 'custom', message, path });
  const { items, scoring, missingItems, meaningfulChange } = definition;

  const ids = items.map((item) => item.id);
  const repeatedId = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeatedId) report(`Two questions have the id '${repeatedId}'; each needs its own`, ['items']);
  const numbers = items.flatMap((item) => (item.number === undefined ? [] : [item.number]));
  const repeatedNumber = numbers.find((number, index) => numbers.indexOf(number) !== index);
  if (repeatedNumber !== undefined) report(`Two questions are numbered ${repeatedNumber}`, ['items']);
  items.forEach((item, index) =>
    checkItem(item, index, definition.licence.wordingSuppliedByProgramme, report),
  );

  if (scoring.method === 'sum') {
    // Summing assumes every item points the same way; reverse-scored items are not supported.
    items.forEach((item, index) => {
      if (item.direction !== undefined && item.direction !== definition.direction)
        report(
          `'${itemDisplayName(item)}' points the other way from the questionnaire, so it cannot be added up`,
          ['items', index, 'direction'],
        );
    });
    const range = totalRange(items);
    const possibleTotals = wholeNumbersFrom(range.min, range.max);
    if (scoring.conversion) checkConversion(scoring.conversion.table, possibleTotals, report);
    if (scoring.bands) checkBands(scoring.bands, possibleTotals, 'the total', ['scoring', 'bands'], report);
  }

  if (missingItems.rule === 'score_what_is_answered' && scoring.method === 'sum')
    report(
      'A total cannot be scored from whatever was answered: use all_required or prorate_up_to for a summed score',
      ['missingItems'],
    );
  if (missingItems.rule === 'prorate_up_to') {
    if (scoring.method !== 'sum') report('Prorating only applies to a summed score', ['missingItems']);
    // A conversion table is published for exact raw totals, so an estimated total must not be looked up.
    if (scoring.method === 'sum' && scoring.conversion)
      report('A score with a conversion table needs every item answered; prorating is not allowed', [
        'missingItems',
      ]);
    if (missingItems.maxMissing >= items.length)
      report(
        `Prorating up to ${missingItems.maxMissing} missing answers would allow a score with none answered`,
        ['missingItems', 'maxMissing'],
      );
    const ranges = new Set(items.map((item) => allowedValues(item).join(',')));
    if (ranges.size > 1)
      report('Prorating needs every question to have the same answer values', ['missingItems']);
  }

  if (meaningfulChange) {
    const { appliesTo } = meaningfulChange;
    const fits =
      (appliesTo === 'converted_score' && scoring.method === 'sum' && scoring.conversion !== undefined) ||
      (appliesTo === 'total' && scoring.method === 'sum') ||
      (appliesTo === 'each_item' && scoring.method === 'separate_items');
    if (!fits)
      report(`A meaningful change in the ${appliesTo.replaceAll('_', ' ')} needs a score of that kind`, [
        'meaningfulChange',
        'appliesTo',
      ]);
  }
});

export type InstrumentDefinition = z.output<typeof instrumentDefinitionSchema>;
/** What a coordinator or a built-in file writes; defaults are filled in by parsing. */
export type InstrumentDefinitionInput = z.input<typeof instrumentDefinitionSchema>;
export type InstrumentItem = InstrumentDefinition['items'][number];
export type ScoreBand = z.output<typeof bandSchema>;
export type Direction = z.output<typeof directionSchema>;

export type DefinitionProblem = { path: string; message: string };

/** Checks a stored or submitted definition, answering every problem in plain words. */
export function parseInstrumentDefinition(
  input: unknown,
): { ok: true; definition: InstrumentDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const parsed = instrumentDefinitionSchema.safeParse(input);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}
