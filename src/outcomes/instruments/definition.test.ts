import { describe, expect, it } from 'vitest';
import { parseInstrumentDefinition, type InstrumentDefinitionInput } from './definition';
import { swemwbs } from './swemwbs';

const scale0to10 = { kind: 'scale', min: 0, max: 10 } as const;

function programmeQuestionnaire(
  overrides: Partial<InstrumentDefinitionInput> = {},
): InstrumentDefinitionInput {
  return {
    key: 'confidence_check',
    name: 'Confidence check',
    version: '1',
    licence: { note: 'Written by the programme team.' },
    items: [
      { id: 'out_alone', label: 'Going out alone', response: scale0to10 },
      { id: 'new_people', label: 'Meeting new people', response: scale0to10 },
    ],
    scoring: { method: 'sum' },
    missingItems: { rule: 'all_required' },
    direction: 'higher_is_better',
    ...overrides,
  };
}

function problemsWith(input: unknown): string[] {
  const parsed = parseInstrumentDefinition(input);
  return parsed.ok ? [] : parsed.problems.map((problem) => problem.message);
}

describe('instrumentDefinitionSchema', () => {
  it('accepts a consistent programme questionnaire and fills in defaults', () => {
    const parsed = parseInstrumentDefinition(programmeQuestionnaire());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.definition.licence.wordingSuppliedByProgramme).toBe(false);
    expect(parsed.definition.sources).toEqual([]);
  });

  it('refuses two questions with the same id', () => {
    const items = [
      { id: 'out_alone', label: 'Going out alone', response: scale0to10 },
      { id: 'out_alone', label: 'Going out with others', response: scale0to10 },
    ];
    expect(problemsWith(programmeQuestionnaire({ items }))).toEqual([
      "Two questions have the id 'out_alone'; each needs its own",
    ]);
  });

  it('refuses bands that reach outside the scale or leave a gap, saying which', () => {
    const items = [
      {
        id: 'out_alone',
        label: 'Going out alone',
        response: scale0to10,
        bands: [
          { key: 'low', label: 'Low', min: 0, max: 4 },
          { key: 'high', label: 'High', min: 6, max: 12 },
        ],
      },
    ];
    expect(problemsWith(programmeQuestionnaire({ items }))).toEqual([
      "Band 'High' (6–12) for 'Going out alone' goes outside the possible scores 0–10",
      "The bands for 'Going out alone' leave a score of 5 without a band",
    ]);
  });

  it('refuses overlapping total bands', () => {
    const scoring: InstrumentDefinitionInput['scoring'] = {
      method: 'sum',
      bands: [
        { key: 'low', label: 'Low', min: 0, max: 10 },
        { key: 'high', label: 'High', min: 10, max: 20 },
      ],
    };
    expect(problemsWith(programmeQuestionnaire({ scoring }))).toEqual([
      "Bands 'Low' and 'High' for the total overlap at 10",
    ]);
  });

  it('refuses a conversion table that does not cover the raw range', () => {
    const table = Array.from({ length: 20 }, (_, index) => ({ raw: index, score: index * 2 }));
    const scoring: InstrumentDefinitionInput['scoring'] = {
      method: 'sum',
      conversion: { name: 'scaled score', table },
    };
    expect(problemsWith(programmeQuestionnaire({ scoring }))).toEqual([
      'The conversion table has no row for the raw total 20',
    ]);
  });

  it('refuses prorating a score that has a conversion table (SWEMWBS must be complete)', () => {
    const { scoring, items, licence, key, name, version, direction } = swemwbs;
    const problems = problemsWith({
      key,
      name,
      version,
      direction,
      licence,
      items,
      scoring,
      missingItems: { rule: 'prorate_up_to', maxMissing: 1 },
    });
    expect(problems).toEqual([
      'A score with a conversion table needs every item answered; prorating is not allowed',
    ]);
  });

  it('refuses a missing-item rule that does not fit the scoring rule', () => {
    expect(
      problemsWith(programmeQuestionnaire({ missingItems: { rule: 'score_what_is_answered' } })),
    ).toEqual([
      'A total cannot be scored from whatever was answered: use all_required or prorate_up_to for a summed score',
    ]);
  });

  it('refuses a question without a label unless the programme supplies licensed wording', () => {
    const items = [{ id: 'out_alone', response: scale0to10 }];
    expect(problemsWith(programmeQuestionnaire({ items }))).toEqual([
      'Question 1 needs a label (only licensed wording supplied by the programme may be left out)',
    ]);
    const licence = {
      note: 'Licensed; wording entered by each programme.',
      wordingSuppliedByProgramme: true,
    };
    expect(problemsWith(programmeQuestionnaire({ items, licence }))).toEqual([]);
  });

  it('refuses a reverse-scored item in a summed score', () => {
    const items = [
      { id: 'out_alone', label: 'Going out alone', response: scale0to10 },
      { id: 'worried', label: 'Worried', response: scale0to10, direction: 'higher_is_worse' as const },
    ];
    expect(problemsWith(programmeQuestionnaire({ items }))).toEqual([
      "'Worried' points the other way from the questionnaire, so it cannot be added up",
    ]);
  });

  it('refuses a meaningful-change threshold for a score the questionnaire does not give', () => {
    const meaningfulChange = { points: 2, appliesTo: 'converted_score' as const, source: 'Programme choice' };
    expect(problemsWith(programmeQuestionnaire({ meaningfulChange }))).toEqual([
      'A meaningful change in the converted score needs a score of that kind',
    ]);
  });

  it('refuses an id that is not a plain identifier, giving the path', () => {
    const items = [{ id: 'Out Alone', label: 'Going out alone', response: scale0to10 }];
    const parsed = parseInstrumentDefinition(programmeQuestionnaire({ items }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      {
        path: 'items.0.id',
        message: 'Use lower-case letters, digits and underscores, starting with a letter',
      },
    ]);
  });

  it('refuses two answers with the same value', () => {
    const items = [
      {
        id: 'out_alone',
        label: 'Going out alone',
        response: {
          kind: 'options' as const,
          options: [
            { value: 1, label: 'Yes' },
            { value: 1, label: 'No' },
          ],
        },
      },
    ];
    expect(problemsWith(programmeQuestionnaire({ items }))).toEqual([
      "Two answers to 'Going out alone' have the same value",
    ]);
  });
});
