import { describe, expect, it } from 'vitest';
import { instrumentDefinitionSchema } from './instruments/definition';
import {
  builtInInstruments,
  findBuiltInInstrument,
  ons4,
  swemwbs,
  ucla3,
  wellbeingDomains,
} from './instruments';
import { scoreAnswers, type Answers, type ScoreResult } from './scoring';

function scored(definition: Parameters<typeof scoreAnswers>[0], answers: Answers): ScoreResult {
  const outcome = scoreAnswers(definition, answers);
  if (!outcome.ok) throw new Error(`Expected a score, got ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
}

function every(definition: Parameters<typeof scoreAnswers>[0], value: number): Answers {
  return Object.fromEntries(definition.items.map((item) => [item.id, value]));
}

/** SWEMWBS answers adding up to the given raw total (items filled from the first). */
function swemwbsAnswersTotalling(total: number): Answers {
  let remaining = total - 7;
  return Object.fromEntries(
    swemwbs.items.map((item) => {
      const extra = Math.min(4, remaining);
      remaining -= extra;
      return [item.id, 1 + extra];
    }),
  );
}

describe('the built-in registry', () => {
  it('holds the four instruments, each a valid definition', () => {
    expect(builtInInstruments.map((instrument) => instrument.key)).toEqual([
      'ons4',
      'swemwbs',
      'ucla3',
      'wellbeing_domains',
    ]);
    for (const instrument of builtInInstruments)
      expect(instrumentDefinitionSchema.parse(instrument)).toEqual(instrument);
    expect(findBuiltInInstrument('ucla3')).toBe(ucla3);
    expect(findBuiltInInstrument('phq9')).toBeUndefined();
  });
});

describe('SWEMWBS', () => {
  const table = swemwbs.scoring.method === 'sum' ? (swemwbs.scoring.conversion?.table ?? []) : [];

  it('converts the raw total to the published metric score at the anchors', () => {
    expect(scored(swemwbs, swemwbsAnswersTotalling(7)).metricScore).toBe(7.0);
    expect(scored(swemwbs, swemwbsAnswersTotalling(21)).metricScore).toBe(19.25);
    expect(scored(swemwbs, swemwbsAnswersTotalling(35)).metricScore).toBe(35.0);
  });

  it('has a conversion table that covers 7 to 35 and strictly increases', () => {
    expect(table.map((row) => row.raw)).toEqual(Array.from({ length: 29 }, (_, index) => 7 + index));
    for (let index = 1; index < table.length; index++)
      expect(table[index]!.score).toBeGreaterThan(table[index - 1]!.score);
  });

  it('scores all-minimum as raw 7 and all-maximum as raw 35', () => {
    const lowest = scored(swemwbs, every(swemwbs, 1));
    expect(lowest).toMatchObject({ rawTotal: 7, metricScore: 7, complete: true, prorated: false });
    const highest = scored(swemwbs, every(swemwbs, 5));
    expect(highest).toMatchObject({ rawTotal: 35, metricScore: 35, complete: true });
    expect(highest.notScoredBecause).toBeUndefined();
  });

  it('gives no score when one item is missing, and says why', () => {
    const result = scored(swemwbs, { ...every(swemwbs, 3), item_3: null });
    expect(result).toMatchObject({
      complete: false,
      rawTotal: null,
      metricScore: null,
      answeredCount: 6,
      missingItemIds: ['item_3'],
    });
    expect(result.notScoredBecause).toBe(
      "No total: SWEMWBS is only scored when all 7 questions are answered, and 'Item 3' was not answered.",
    );
    // The answers given are still kept.
    expect(result.items.find((item) => item.itemId === 'item_1')?.value).toBe(3);
  });

  it('ships no item wording: items carry numbers and WEMWBS references only', () => {
    expect(swemwbs.licence.wordingSuppliedByProgramme).toBe(true);
    expect(swemwbs.licence.copyright).toMatch(
      /© NHS Health Scotland, University of Warwick and University of Edinburgh/,
    );
    for (const item of swemwbs.items) {
      expect(item.label).toBeUndefined();
      expect(item.question).toBeUndefined();
    }
    expect(swemwbs.items.map((item) => item.reference)).toEqual(
      [1, 2, 3, 6, 7, 9, 11].map((number) => `WEMWBS item ${number}`),
    );
    expect(swemwbs.code).toMatchObject({ system: 'http://snomed.info/sct', code: '718466001' });
  });

  it('refuses an answer outside 1 to 5, naming the item and the allowed answers', () => {
    const outcome = scoreAnswers(swemwbs, { ...every(swemwbs, 3), item_2: 6 });
    expect(outcome).toEqual({
      ok: false,
      errors: [
        {
          itemId: 'item_2',
          message:
            "Answer 'Item 2' with 1 (None of the time), 2 (Rarely), 3 (Some of the time), 4 (Often) or 5 (All of the time)",
        },
      ],
    });
  });
});

describe('ONS4', () => {
  const positiveEdges: [number, string][] = [
    [0, 'low'],
    [4, 'low'],
    [5, 'medium'],
    [6, 'medium'],
    [7, 'high'],
    [8, 'high'],
    [9, 'very_high'],
    [10, 'very_high'],
  ];
  const anxietyEdges: [number, string][] = [
    [0, 'very_low'],
    [1, 'very_low'],
    [2, 'low'],
    [3, 'low'],
    [4, 'medium'],
    [5, 'medium'],
    [6, 'high'],
    [10, 'high'],
  ];

  it.each(['life_satisfaction', 'worthwhile', 'happiness'])('bands %s at the ONS thresholds', (itemId) => {
    for (const [value, band] of positiveEdges) {
      const item = scored(ons4, { [itemId]: value }).items.find((score) => score.itemId === itemId);
      expect(item?.band?.key, `${itemId} = ${value}`).toBe(band);
    }
  });

  it('bands anxiety with the reversed thresholds, where high is the bad end', () => {
    for (const [value, band] of anxietyEdges) {
      const item = scored(ons4, { anxiety: value }).items.find((score) => score.itemId === 'anxiety');
      expect(item?.band?.key, `anxiety = ${value}`).toBe(band);
    }
    const anxiety = scored(ons4, { anxiety: 7 }).items.find((score) => score.itemId === 'anxiety');
    expect(anxiety).toMatchObject({ direction: 'higher_is_worse', band: { key: 'high', label: 'High' } });
  });

  it('never adds the items up', () => {
    const result = scored(ons4, { life_satisfaction: 8, worthwhile: 7, happiness: 6, anxiety: 2 });
    expect(result).toMatchObject({
      rawTotal: null,
      metricScore: null,
      complete: true,
      scoringMethod: 'separate_items',
    });
    expect(result.notScoredBecause).toBeUndefined();
  });

  it('still reports the other three items when one is missing', () => {
    const result = scored(ons4, { life_satisfaction: 8, worthwhile: 9, anxiety: 3 });
    expect(result.complete).toBe(false);
    expect(result.missingItemIds).toEqual(['happiness']);
    expect(result.notScoredBecause).toBeUndefined();
    expect(result.items.map((item) => [item.itemId, item.value, item.band?.key ?? null])).toEqual([
      ['life_satisfaction', 8, 'high'],
      ['worthwhile', 9, 'very_high'],
      ['happiness', null, null],
      ['anxiety', 3, 'low'],
    ]);
  });

  it('gives nothing to report when no item is answered', () => {
    expect(scored(ons4, {}).notScoredBecause).toBe('No score: none of the questions were answered.');
  });

  it('refuses a non-integer and an out-of-range answer with plain messages', () => {
    const outcome = scoreAnswers(ons4, { life_satisfaction: 7.5, anxiety: 11, worthwhile: -1 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toEqual([
      { itemId: 'life_satisfaction', message: "Answer 'Life satisfaction' with a whole number from 0 to 10" },
      { itemId: 'worthwhile', message: "Answer 'Worthwhile' with a whole number from 0 to 10" },
      { itemId: 'anxiety', message: "Answer 'Anxiety (yesterday)' with a whole number from 0 to 10" },
    ]);
  });

  it('refuses answers to questions the instrument does not have, and values that are not numbers', () => {
    const outcome = scoreAnswers(ons4, {
      life_satisfaction: 5,
      lonely: 2,
      happiness: '7' as unknown as number,
      anxiety: Number.NaN,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toEqual([
      { itemId: 'lonely', message: "There is no question 'lonely' in ONS personal well-being (ONS4)" },
      { itemId: 'happiness', message: "Answer 'Happiness (yesterday)' with a whole number from 0 to 10" },
      { itemId: 'anxiety', message: "Answer 'Anxiety (yesterday)' with a whole number from 0 to 10" },
    ]);
  });
});

describe('UCLA 3-item loneliness', () => {
  it('scores all-minimum as 3 and all-maximum as 9', () => {
    expect(scored(ucla3, every(ucla3, 1))).toMatchObject({ rawTotal: 3, metricScore: null, complete: true });
    expect(scored(ucla3, every(ucla3, 3))).toMatchObject({ rawTotal: 9, totalBand: null });
    expect(scored(ucla3, { lack_companionship: 2, left_out: 1, isolated: 3 }).rawTotal).toBe(6);
  });

  it('gives no total when one item is missing, and says why', () => {
    const result = scored(ucla3, { lack_companionship: 2, left_out: 2 });
    expect(result).toMatchObject({ rawTotal: null, complete: false, missingItemIds: ['isolated'] });
    expect(result.notScoredBecause).toBe(
      "No total: UCLA-3 loneliness is only scored when all 3 questions are answered, and 'Isolated from others' was not answered.",
    );
  });

  it('refuses a value that is not one of the options', () => {
    const outcome = scoreAnswers(ucla3, { lack_companionship: 0, left_out: 2, isolated: 2 });
    expect(outcome).toEqual({
      ok: false,
      errors: [
        {
          itemId: 'lack_companionship',
          message:
            "Answer 'Lack companionship' with 1 (Hardly ever or never), 2 (Some of the time) or 3 (Often)",
        },
      ],
    });
  });
});

describe('wellbeing self-rating (eight areas)', () => {
  it('reports each area and a total from 0 to 40', () => {
    expect(wellbeingDomains.items).toHaveLength(8);
    expect(scored(wellbeingDomains, every(wellbeingDomains, 0)).rawTotal).toBe(0);
    expect(scored(wellbeingDomains, every(wellbeingDomains, 5)).rawTotal).toBe(40);
    const result = scored(wellbeingDomains, { ...every(wellbeingDomains, 3), money: 1, housing: 5 });
    expect(result.rawTotal).toBe(24);
    expect(result.items.find((item) => item.itemId === 'money')).toMatchObject({ label: 'Money', value: 1 });
  });

  it('keeps the areas rated but gives no total when one is missing', () => {
    const result = scored(wellbeingDomains, { ...every(wellbeingDomains, 4), housing: undefined });
    expect(result.rawTotal).toBeNull();
    expect(result.notScoredBecause).toBe(
      "No total: Wellbeing self-rating is only scored when all 8 questions are answered, and 'Housing' was not answered.",
    );
    expect(result.items.filter((item) => item.value === 4)).toHaveLength(7);
  });

  it('refuses a rating of 6', () => {
    const outcome = scoreAnswers(wellbeingDomains, { confidence: 6 });
    expect(outcome).toEqual({
      ok: false,
      errors: [{ itemId: 'confidence', message: "Answer 'Confidence' with a whole number from 0 to 5" }],
    });
  });
});

describe('a programme-defined questionnaire', () => {
  // As a coordinator would build it in the UI and store it as JSON.
  const storedJson = JSON.stringify({
    key: 'garden_club_feedback',
    name: 'Garden club check-in',
    version: '2',
    licence: { note: 'Written by the Merton Garden Club programme team.' },
    items: [
      { id: 'enjoyed', label: 'Enjoyed sessions', response: { kind: 'scale', min: 1, max: 4 } },
      { id: 'met_people', label: 'Met new people', response: { kind: 'scale', min: 1, max: 4 } },
      { id: 'outdoors_more', label: 'Outdoors more', response: { kind: 'scale', min: 1, max: 4 } },
    ],
    scoring: {
      method: 'sum',
      bands: [
        { key: 'low', label: 'Low', min: 3, max: 6 },
        { key: 'good', label: 'Good', min: 7, max: 12 },
      ],
    },
    missingItems: { rule: 'prorate_up_to', maxMissing: 1 },
    direction: 'higher_is_better',
  });
  const garden = instrumentDefinitionSchema.parse(JSON.parse(storedJson));

  it('is validated by the same schema and scored by the same engine', () => {
    expect(garden.licence.wordingSuppliedByProgramme).toBe(false);
    expect(scored(garden, { enjoyed: 4, met_people: 3, outdoors_more: 2 })).toMatchObject({
      rawTotal: 9,
      prorated: false,
      totalBand: { key: 'good', label: 'Good' },
    });
    expect(scored(garden, every(garden, 1))).toMatchObject({ rawTotal: 3, totalBand: { key: 'low' } });
  });

  it('prorates one missing answer and refuses to prorate two', () => {
    expect(scored(garden, { enjoyed: 4, met_people: 3 })).toMatchObject({
      rawTotal: 11,
      prorated: true,
      complete: false,
      totalBand: { key: 'good' },
    });
    const tooFew = scored(garden, { enjoyed: 4 });
    expect(tooFew.rawTotal).toBeNull();
    expect(tooFew.notScoredBecause).toBe(
      "No total: Garden club check-in allows up to 1 question unanswered, but 2 were not answered ('Met new people' and 'Outdoors more').",
    );
  });

  it('keeps answers to an unscored questionnaire without a score', () => {
    const unscored = instrumentDefinitionSchema.parse({
      key: 'contact_preferences',
      name: 'Contact preferences',
      version: '1',
      licence: { note: 'Programme-defined.' },
      items: [
        {
          id: 'best_time',
          label: 'Best time to call',
          response: {
            kind: 'options',
            options: [
              { value: 1, label: 'Morning' },
              { value: 2, label: 'Afternoon' },
            ],
          },
        },
      ],
      scoring: { method: 'none' },
      missingItems: { rule: 'score_what_is_answered' },
      direction: 'higher_is_better',
    });
    expect(scored(unscored, { best_time: 2 })).toMatchObject({
      rawTotal: null,
      complete: true,
      items: [{ value: 2 }],
    });
    expect(scored(unscored, {}).notScoredBecause).toBeUndefined();
  });
});
