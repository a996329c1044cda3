// Three-item UCLA loneliness scale as ONS recommends it, built from assets/standards/measures/ucla3.json.
// Total 3–9, higher is lonelier. There is no official cut-off, so no bands are shipped: a programme
// that picks one should build its own questionnaire definition rather than change this one.
import ucla3Data from '../../../assets/standards/measures/ucla3.json' with { type: 'json' };
import { instrumentDefinitionSchema, type InstrumentDefinitionInput } from './definition';

const definition: InstrumentDefinitionInput = {
  key: 'ucla3',
  name: ucla3Data.name,
  shortName: 'UCLA-3 loneliness',
  version: '1',
  description: `Sum of the three items, 3 to 9. ${ucla3Data.cut_offs_note}`,
  licence: {
    note: 'Items as published by ONS in its loneliness measurement guidance, under the Open Government Licence v3.0. Short form from Hughes et al. (2004).',
    attribution: 'Source: Office for National Statistics',
  },
  items: ucla3Data.items.map((item, index) => ({
    id: item.id,
    number: index + 1,
    label: item.short_label,
    question: item.question,
    response: { kind: 'options', options: ucla3Data.response_scale },
  })),
  scoring: { method: 'sum' },
  missingItems: { rule: 'all_required' },
  direction: 'higher_is_worse',
  higherScoreMeans: 'feeling lonelier',
  sources: ucla3Data.sources.map((source) =>
    'url' in source
      ? { what: source.what, url: source.url }
      : { what: source.what, citation: source.citation },
  ),
};

export const ucla3 = instrumentDefinitionSchema.parse(definition);
