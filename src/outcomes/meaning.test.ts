import { describe, expect, it } from 'vitest';
import { instrumentDefinitionSchema, type InstrumentDefinition } from './instruments/definition';
import { ons4, swemwbs, ucla3, wellbeingDomains } from './instruments';
import { describeChange, describeScore } from './meaning';
import { scoreAnswers, type Answers, type ScoreResult } from './scoring';

function scored(definition: InstrumentDefinition, answers: Answers): ScoreResult {
  const outcome = scoreAnswers(definition, answers);
  if (!outcome.ok) throw new Error(`Expected a score, got ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
}

/** SWEMWBS answers adding up to the given raw total. */
function swemwbsTotalling(total: number): ScoreResult {
  let remaining = total - 7;
  const answers = Object.fromEntries(
    swemwbs.items.map((item) => {
      const extra = Math.min(4, remaining);
      remaining -= extra;
      return [item.id, 1 + extra];
    }),
  );
  return scored(swemwbs, answers);
}

describe('describeScore', () => {
  it('says what each ONS4 answer means, with its band', () => {
    const result = scored(ons4, { life_satisfaction: 8, worthwhile: 9, anxiety: 7 });
    expect(describeScore(ons4, result)).toEqual([
      'Your life satisfaction score of 8 out of 10 is high.',
      'Your worthwhile score of 9 out of 10 is very high.',
      'Happiness (yesterday) was not answered.',
      'Your anxiety (yesterday) score of 7 out of 10 is high. A higher score means more anxiety, which means lower well-being.',
    ]);
  });

  it('gives the SWEMWBS metric score with its raw total', () => {
    expect(describeScore(swemwbs, swemwbsTotalling(21))).toEqual([
      'Your SWEMWBS score is 19.25, on a scale from 7 to 35 (raw total 21).',
      'A higher score means better mental wellbeing.',
    ]);
    expect(describeScore(swemwbs, swemwbsTotalling(7))[0]).toBe(
      'Your SWEMWBS score is 7.00, on a scale from 7 to 35 (raw total 7).',
    );
  });

  it('gives the reason when there is no score', () => {
    const result = scored(swemwbs, { item_1: 3 });
    expect(describeScore(swemwbs, result)).toEqual([result.notScoredBecause]);
  });

  it('says which way is better for a loneliness total', () => {
    const result = scored(ucla3, { lack_companionship: 1, left_out: 2, isolated: 1 });
    expect(describeScore(ucla3, result)).toEqual([
      'Your UCLA-3 loneliness score is 4, on a scale from 3 to 9.',
      'A higher score means feeling lonelier.',
    ]);
  });

  it('names a band and a prorated estimate', () => {
    const programme = instrumentDefinitionSchema.parse({
      key: 'garden',
      name: 'Garden club check-in',
      version: '1',
      licence: { note: 'Programme-defined.' },
      items: ['a', 'b', 'c'].map((id) => ({
        id,
        label: id.toUpperCase(),
        response: { kind: 'scale', min: 1, max: 4 },
      })),
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
    expect(describeScore(programme, scored(programme, { a: 4, b: 4 }))[0]).toBe(
      'Your garden club check-in score is 12, on a scale from 3 to 12 (estimated, with 1 of 3 questions unanswered), which is good.',
    );
  });
});

describe('describeChange', () => {
  it('counts a SWEMWBS change of 3 metric points or more as meaningful', () => {
    // Raw 21 → 26 is 19.25 → 23.21 metric: up 3.96.
    const [change] = describeChange(swemwbs, swemwbsTotalling(21), swemwbsTotalling(26));
    expect(change).toMatchObject({ kind: 'improved', difference: 3.96, meaningfulChangeThreshold: 3 });
    expect(change?.text).toBe(
      'SWEMWBS improved, from 19.25 to 23.21 (up 3.96). A change of 3 or more counts as meaningful.',
    );
    const [decline] = describeChange(swemwbs, swemwbsTotalling(26), swemwbsTotalling(21));
    expect(decline).toMatchObject({ kind: 'declined', difference: -3.96 });
  });

  it('calls a smaller SWEMWBS change no meaningful change', () => {
    // Raw 21 → 24 is 19.25 → 21.54 metric: up 2.29, under the threshold.
    const [change] = describeChange(swemwbs, swemwbsTotalling(21), swemwbsTotalling(24));
    expect(change).toMatchObject({ kind: 'no_meaningful_change', difference: 2.29 });
    expect(change?.text).toBe(
      'SWEMWBS: no meaningful change, from 19.25 to 21.54 (up 2.29; a change of at least 3 is needed).',
    );
  });

  it('reads a lower loneliness score as an improvement', () => {
    const before = scored(ucla3, { lack_companionship: 3, left_out: 2, isolated: 3 });
    const after = scored(ucla3, { lack_companionship: 2, left_out: 1, isolated: 2 });
    const [change] = describeChange(ucla3, before, after);
    expect(change).toMatchObject({ kind: 'improved', difference: -3, meaningfulChangeThreshold: null });
    expect(change?.text).toBe(
      'UCLA-3 loneliness improved, from 8 to 5 (down 3). There is no agreed threshold for a meaningful change on this questionnaire.',
    );
  });

  it('compares ONS4 item by item, with anxiety the other way round', () => {
    const before = scored(ons4, { life_satisfaction: 4, worthwhile: 6, happiness: 5, anxiety: 7 });
    const after = scored(ons4, { life_satisfaction: 7, worthwhile: 6, anxiety: 3 });
    expect(describeChange(ons4, before, after).map((change) => [change.itemId, change.kind])).toEqual([
      ['life_satisfaction', 'improved'],
      ['worthwhile', 'no_meaningful_change'],
      ['happiness', 'not_comparable'],
      ['anxiety', 'improved'],
    ]);
  });

  it('cannot compare a total that was not scored', () => {
    const complete = scored(
      wellbeingDomains,
      Object.fromEntries(wellbeingDomains.items.map((item) => [item.id, 3])),
    );
    const partial = scored(wellbeingDomains, { money: 2 });
    const [change] = describeChange(wellbeingDomains, complete, partial);
    expect(change).toMatchObject({ kind: 'not_comparable', difference: null });
    expect(change?.text).toBe(
      'Wellbeing self-rating: no comparison, as there is no score at one of the two times.',
    );
  });

  it('refuses to compare scores from another questionnaire', () => {
    const loneliness = scored(ucla3, { lack_companionship: 1, left_out: 1, isolated: 1 });
    expect(() => describeChange(swemwbs, loneliness, loneliness)).toThrow(
      'A ucla3 score cannot be compared as swemwbs',
    );
  });
});
