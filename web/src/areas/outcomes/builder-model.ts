// The builder's form state and its translation to and from an instrument definition (the JSON the
// server checks with src/outcomes/instruments/definition.ts). Form fields hold text as typed; the
// server's checks decide what is valid, and its field paths map back onto the form's inputs.

export type AnswerOption = { value: number; label: string };
export type QuestionnaireDefinition = {
  key: string;
  name: string;
  description?: string;
  items: {
    id: string;
    label: string;
    question: string;
    response:
      | { kind: 'options'; options: AnswerOption[] }
      | { kind: 'scale'; min: number; max: number; anchors: AnswerOption[] };
  }[];
  scoring: { method: 'sum' } | { method: 'none' };
  missingItems: { rule: 'all_required' } | { rule: 'prorate_up_to'; maxMissing: number };
  direction: 'higher_is_better' | 'higher_is_worse';
  higherScoreMeans?: string;
  meaningfulChange?: { points: number; appliesTo: 'total'; source: string };
  licence?: unknown;
};

export type DraftOption = { rowKey: string; label: string; value: string };
export type DraftItem = {
  rowKey: string;
  /** Kept across edits: stored answers are filed under it. */
  id: string;
  label: string;
  question: string;
  kind: 'options' | 'scale';
  min: string;
  max: string;
  minLabel: string;
  maxLabel: string;
  options: DraftOption[];
};
export type Draft = {
  key: string;
  name: string;
  description: string;
  items: DraftItem[];
  scoring: 'sum' | 'none';
  missingRule: 'all_required' | 'prorate_up_to';
  maxMissing: string;
  direction: 'higher_is_better' | 'higher_is_worse';
  higherScoreMeans: string;
  meaningfulChange: string;
};

let rowCounter = 0;
export const newRowKey = () => `row-${++rowCounter}`;

export const newOption = (value: number): DraftOption => ({
  rowKey: newRowKey(),
  label: '',
  value: String(value),
});

/** A fresh question id that no other question of the draft uses ("q1", "q2", …). */
export function newItem(existing: readonly DraftItem[]): DraftItem {
  let number = existing.length + 1;
  while (existing.some((item) => item.id === `q${number}`)) number++;
  return {
    rowKey: newRowKey(),
    id: `q${number}`,
    label: '',
    question: '',
    kind: 'options',
    min: '0',
    max: '10',
    minLabel: '',
    maxLabel: '',
    options: [newOption(0), newOption(1)],
  };
}

export function emptyDraft(): Draft {
  return {
    key: '',
    name: '',
    description: '',
    items: [newItem([])],
    scoring: 'sum',
    missingRule: 'all_required',
    maxMissing: '1',
    direction: 'higher_is_better',
    higherScoreMeans: '',
    meaningfulChange: '',
  };
}

/** "Feeling connected" → "feeling_connected": the key format the server accepts. */
export function keyFromName(name: string): string {
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return key.slice(0, 40);
}

/** Text as typed → number, or NaN for the server to refuse by name. */
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function toDefinition(draft: Draft): QuestionnaireDefinition {
  const scored = draft.scoring === 'sum';
  return {
    key: draft.key.trim(),
    name: draft.name.trim(),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    items: draft.items.map((item) => ({
      id: item.id,
      label: item.label.trim(),
      question: item.question.trim(),
      response:
        item.kind === 'options'
          ? {
              kind: 'options',
              options: item.options.map((option) => ({
                value: toNumber(option.value),
                label: option.label.trim(),
              })),
            }
          : {
              kind: 'scale',
              min: toNumber(item.min),
              max: toNumber(item.max),
              anchors: [
                ...(item.minLabel.trim() ? [{ value: toNumber(item.min), label: item.minLabel.trim() }] : []),
                ...(item.maxLabel.trim() ? [{ value: toNumber(item.max), label: item.maxLabel.trim() }] : []),
              ],
            },
    })),
    scoring: { method: draft.scoring },
    missingItems:
      scored && draft.missingRule === 'prorate_up_to'
        ? { rule: 'prorate_up_to', maxMissing: toNumber(draft.maxMissing) }
        : { rule: 'all_required' },
    direction: draft.direction,
    ...(draft.higherScoreMeans.trim() ? { higherScoreMeans: draft.higherScoreMeans.trim() } : {}),
    ...(scored && draft.meaningfulChange.trim()
      ? {
          meaningfulChange: {
            points: toNumber(draft.meaningfulChange),
            appliesTo: 'total',
            source: 'Set by the programme',
          },
        }
      : {}),
  };
}

export function toDraft(definition: QuestionnaireDefinition): Draft {
  const { missingItems, meaningfulChange } = definition;
  return {
    key: definition.key,
    name: definition.name,
    description: definition.description ?? '',
    items: definition.items.map((item) => {
      const { response } = item;
      const anchorAt = (value: number) =>
        response.kind === 'scale'
          ? (response.anchors.find((anchor) => anchor.value === value)?.label ?? '')
          : '';
      return {
        rowKey: newRowKey(),
        id: item.id,
        label: item.label,
        question: item.question ?? '',
        kind: response.kind,
        min: response.kind === 'scale' ? String(response.min) : '0',
        max: response.kind === 'scale' ? String(response.max) : '10',
        minLabel: response.kind === 'scale' ? anchorAt(response.min) : '',
        maxLabel: response.kind === 'scale' ? anchorAt(response.max) : '',
        options:
          response.kind === 'options'
            ? response.options.map((option) => ({
                rowKey: newRowKey(),
                label: option.label,
                value: String(option.value),
              }))
            : [newOption(0), newOption(1)],
      };
    }),
    scoring: definition.scoring.method === 'sum' ? 'sum' : 'none',
    missingRule: missingItems.rule === 'prorate_up_to' ? 'prorate_up_to' : 'all_required',
    maxMissing: missingItems.rule === 'prorate_up_to' ? String(missingItems.maxMissing) : '1',
    direction: definition.direction,
    higherScoreMeans: definition.higherScoreMeans ?? '',
    meaningfulChange: meaningfulChange ? String(meaningfulChange.points) : '',
  };
}

/**
 * The input a server field path is about: "definition.items.2.response.options.1.value" →
 * "item-2-option-1-value". Unknown paths land on the nearest input that exists.
 */
export function fieldIdForPath(path: string, draft: Draft): string {
  const parts = path.replace(/^definition\.?/, '').split('.');
  const [head, index, ...rest] = parts;
  if (head === 'items') {
    if (index === undefined || !/^\d+$/.test(index)) return 'item-0-question';
    const item = `item-${index}`;
    const [part, sub, optionIndex, optionField] = rest;
    if (part === 'label') return `${item}-label`;
    if (part === 'response') {
      const kind = draft.items[Number(index)]?.kind ?? 'options';
      if (kind === 'scale') return sub === 'max' ? `${item}-max` : `${item}-min`;
      if (sub === 'options' && optionIndex !== undefined)
        return `${item}-option-${optionIndex}-${optionField === 'value' ? 'value' : 'label'}`;
      return `${item}-option-0-label`;
    }
    return `${item}-question`;
  }
  const topLevel: Record<string, string> = {
    key: 'questionnaire-key',
    name: 'questionnaire-name',
    description: 'questionnaire-description',
    scoring: 'scoring',
    missingItems: head === 'missingItems' && index === 'maxMissing' ? 'max-missing' : 'missing-rule',
    direction: 'direction',
    higherScoreMeans: 'higher-score-means',
    meaningfulChange: 'meaningful-change',
  };
  return topLevel[head ?? ''] ?? 'questionnaire-name';
}
