// Linkwell's own eight-area wellbeing self-rating: each area rated 0 (very poor) to 5 (very good).
// Defined by Linkwell and free of licence, modelled on the multi-domain 0–5 self-ratings that social
// prescribing programmes such as Merton's report; it is not a validated published scale, so it has
// no bands or meaningful-change threshold, and its total is only given when every area is rated.
import { instrumentDefinitionSchema, type InstrumentDefinitionInput } from './definition';

const areas = [
  { id: 'mental_wellbeing', label: 'Mental wellbeing', topic: 'your mental wellbeing' },
  { id: 'physical_health', label: 'Physical health', topic: 'your physical health' },
  { id: 'social_connection', label: 'Social connection', topic: 'your contact with other people' },
  { id: 'money', label: 'Money', topic: 'your money and finances' },
  { id: 'housing', label: 'Housing', topic: 'your housing' },
  {
    id: 'daily_activities',
    label: 'Daily activities and work',
    topic: 'your daily activities, work or study',
  },
  { id: 'confidence', label: 'Confidence', topic: 'your confidence' },
  { id: 'independence', label: 'Independence', topic: 'being able to manage day to day by yourself' },
] as const;

const definition: InstrumentDefinitionInput = {
  key: 'wellbeing_domains',
  name: 'Wellbeing self-rating (eight areas of life)',
  shortName: 'Wellbeing self-rating',
  version: '1',
  description:
    'Linkwell-defined. Each area is rated 0 to 5 and reported on its own; the total (0 to 40) is given only when all eight areas are rated.',
  licence: {
    note: 'Defined by Linkwell; free to use under the project licence (MIT). No third-party wording.',
  },
  recallPeriod: 'At the moment',
  items: areas.map((area, index) => ({
    id: area.id,
    number: index + 1,
    label: area.label,
    question: `How would you rate ${area.topic} at the moment?`,
    response: {
      kind: 'scale',
      min: 0,
      max: 5,
      anchors: [
        { value: 0, label: 'Very poor' },
        { value: 5, label: 'Very good' },
      ],
    },
  })),
  scoring: { method: 'sum' },
  missingItems: { rule: 'all_required' },
  direction: 'higher_is_better',
  higherScoreMeans: 'better wellbeing across the eight areas',
};

export const wellbeingDomains = instrumentDefinitionSchema.parse(definition);
