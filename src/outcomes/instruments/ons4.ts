// ONS4 personal well-being, built from assets/standards/measures/ons4.json (ONS's GSS harmonised
// standard wording and threshold bands). The four items are reported separately and never added up:
// ONS publishes no composite score.
import ons4Data from '../../../assets/standards/measures/ons4.json' with { type: 'json' };
import { instrumentDefinitionSchema, type InstrumentDefinitionInput } from './definition';

const bandLabels: Record<string, string> = {
  very_low: 'Very low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
};

function bandsFor(bandSet: string) {
  const bands = bandSet === 'anxiety' ? ons4Data.bands.anxiety : ons4Data.bands.positive;
  return bands.map(({ band, min, max }) => ({ key: band, label: bandLabels[band] ?? band, min, max }));
}

function anchorsFor(itemId: string) {
  // The anxiety question names its own ends ("not at all anxious" … "completely anxious").
  const suffix = itemId === 'anxiety' ? ' anxious' : '';
  return Object.entries(ons4Data.scale.anchors).map(([value, label]) => ({
    value: Number(value),
    label: `${label}${suffix}`,
  }));
}

const definition: InstrumentDefinitionInput = {
  key: 'ons4',
  name: ons4Data.name,
  shortName: 'ONS4',
  version: '1',
  description: ons4Data.composite_note,
  licence: {
    note: ons4Data.licence,
    copyright: 'Crown copyright',
    attribution: 'Source: Office for National Statistics',
  },
  recallPeriod: 'Nowadays (life satisfaction, worthwhile); yesterday (happiness, anxiety)',
  items: ons4Data.items.map((item, index) => ({
    id: item.id,
    number: index + 1,
    label: item.short_label,
    question: item.question,
    response: {
      kind: 'scale',
      min: ons4Data.scale.min,
      max: ons4Data.scale.max,
      anchors: anchorsFor(item.id),
    },
    direction: item.higher_is_better ? 'higher_is_better' : 'higher_is_worse',
    ...(item.higher_is_better ? {} : { higherScoreMeans: 'more anxiety, which means lower well-being' }),
    bands: bandsFor(item.band_set),
  })),
  scoring: { method: 'separate_items' },
  // Each item stands alone, so one unanswered item does not stop the other three being reported.
  missingItems: { rule: 'score_what_is_answered' },
  direction: 'higher_is_better',
  sources: ons4Data.sources.map(({ what, url }) => ({ what, url })),
};

export const ons4 = instrumentDefinitionSchema.parse(definition);
