// The scores an evaluation report pairs: one per summed instrument (SWEMWBS metric score, UCLA-3 and
// wellbeing-domains totals, programme questionnaires with a summed score) and one per ONS4 item,
// because ONS publishes no composite and anxiety runs the other way.
import { builtInInstruments, type InstrumentDefinition } from '../instruments';
import type { MeaningfulChange } from '../statistics';

export interface EvaluatedScore {
  /** Stable id for the report and the research export, e.g. "swemwbs" or "ons4.anxiety". */
  id: string;
  instrumentKey: string;
  /** The ONS4 item this score is, or null for an instrument's total. */
  itemId: string | null;
  label: string;
  /** Which stored score is paired: the converted score when the instrument has one, else the raw total. */
  scoreKind: 'converted_score' | 'total' | 'item';
  direction: 'higher-is-better' | 'lower-is-better';
  meaningfulChange: (MeaningfulChange & { source: string }) | null;
}

function directionOf(direction: InstrumentDefinition['direction']): EvaluatedScore['direction'] {
  return direction === 'higher_is_better' ? 'higher-is-better' : 'lower-is-better';
}

/** The scores a definition contributes; none for an instrument that is not scored. */
export function scoresOf(definition: InstrumentDefinition): EvaluatedScore[] {
  const label = definition.shortName ?? definition.name;
  const threshold = definition.meaningfulChange;
  const meaningfulFor = (kind: EvaluatedScore['scoreKind'], direction: EvaluatedScore['direction']) => {
    const appliesTo = kind === 'item' ? 'each_item' : kind;
    return threshold && threshold.appliesTo === appliesTo
      ? { minimumChange: threshold.points, direction, source: threshold.source }
      : null;
  };
  switch (definition.scoring.method) {
    case 'none':
      return [];
    case 'separate_items':
      return definition.items.map((item) => {
        const direction = directionOf(item.direction ?? definition.direction);
        return {
          id: `${definition.key}.${item.id}`,
          instrumentKey: definition.key,
          itemId: item.id,
          label: `${label}: ${item.label ?? item.id}`,
          scoreKind: 'item' as const,
          direction,
          meaningfulChange: meaningfulFor('item', direction),
        };
      });
    case 'sum': {
      const scoreKind = definition.scoring.conversion ? 'converted_score' : 'total';
      const direction = directionOf(definition.direction);
      return [
        {
          id: definition.key,
          instrumentKey: definition.key,
          itemId: null,
          label: definition.scoring.conversion ? `${label} (${definition.scoring.conversion.name})` : label,
          scoreKind,
          direction,
          meaningfulChange: meaningfulFor(scoreKind, direction),
        },
      ];
    }
  }
}

/** Built-in scores first (in a fixed order), then the programme's own questionnaires. */
export function evaluatedScores(programmeQuestionnaires: readonly InstrumentDefinition[]): EvaluatedScore[] {
  const order = ['swemwbs', 'ons4', 'ucla3', 'wellbeing_domains'];
  const builtIns = [...builtInInstruments].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  return [...builtIns, ...programmeQuestionnaires].flatMap(scoresOf);
}
