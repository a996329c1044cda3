// Short Warwick-Edinburgh Mental Wellbeing Scale, built from assets/standards/measures/swemwbs-conversion.json.
// Licensing: Linkwell ships no item wording (the items carry numbers only); a programme that has
// registered with the University of Warwick supplies the wording as configuration. Any copy shown
// must carry the copyright line below.
import swemwbsData from '../../../assets/standards/measures/swemwbs-conversion.json' with { type: 'json' };
import { instrumentDefinitionSchema, type InstrumentDefinitionInput } from './definition';

const definition: InstrumentDefinitionInput = {
  key: 'swemwbs',
  name: swemwbsData.name,
  shortName: 'SWEMWBS',
  version: '1',
  description:
    'Seven items scored 1 to 5. The raw total (7 to 35) is converted to the metric score with the published table; use the metric score for means, change and comparison.',
  licence: {
    note: swemwbsData.licence_note,
    copyright: swemwbsData.copyright,
    wordingSuppliedByProgramme: true,
  },
  recallPeriod: swemwbsData.items.recall_period,
  items: swemwbsData.items.wemwbs_item_numbers.map((wemwbsNumber, index) => ({
    id: `item_${index + 1}`,
    number: index + 1,
    reference: `WEMWBS item ${wemwbsNumber}`,
    response: { kind: 'options', options: swemwbsData.items.response_scale },
  })),
  scoring: {
    method: 'sum',
    conversion: {
      name: 'metric score',
      table: swemwbsData.conversion.map(({ raw, metric }) => ({ raw, score: metric })),
    },
  },
  // Warwick's rule: every item answered, no prorating, or the form has no score.
  missingItems: { rule: 'all_required' },
  direction: 'higher_is_better',
  higherScoreMeans: 'better mental wellbeing',
  meaningfulChange: {
    points: 3,
    appliesTo: 'converted_score',
    source:
      'Responsiveness of the Short Warwick Edinburgh Mental Well-Being Scale (SWEMWBS): evaluation a clinical sample. Health Qual Life Outcomes 2018;16:239, doi:10.1186/s12955-018-1060-2 (Shah et al.): at individual level a change of between 1 and 3 points meets thresholds for statistically important change (2.77 SEM = 2.87 points); 3 is the stricter end. Distribution-based, not anchor-based; to be confirmed against Warwick’s user guide.',
  },
  code: {
    system: 'http://snomed.info/sct',
    code: swemwbsData.snomed_ct.code,
    display: swemwbsData.snomed_ct.display,
    note: 'State in the record whether the value is the raw or the metric score.',
  },
  sources: swemwbsData.sources.flatMap((source) => {
    if ('url' in source) return [{ what: source.what, url: source.url }];
    if ('citation' in source) return [{ what: source.what, citation: source.citation }];
    if ('source' in source) return [{ what: source.what, citation: source.source }];
    return [{ what: source.what }];
  }),
};

export const swemwbs = instrumentDefinitionSchema.parse(definition);
