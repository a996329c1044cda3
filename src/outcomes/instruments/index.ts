// The instruments every programme can use without setting anything up. Programme-defined
// questionnaires are stored elsewhere as the same JSON and checked with instrumentDefinitionSchema.
import type { InstrumentDefinition } from './definition';
import { ons4 } from './ons4';
import { swemwbs } from './swemwbs';
import { ucla3 } from './ucla3';
import { wellbeingDomains } from './wellbeing-domains';

export const builtInInstruments: readonly InstrumentDefinition[] = [ons4, swemwbs, ucla3, wellbeingDomains];

export function findBuiltInInstrument(key: string): InstrumentDefinition | undefined {
  return builtInInstruments.find((instrument) => instrument.key === key);
}

export { ons4, swemwbs, ucla3, wellbeingDomains };
export {
  instrumentDefinitionSchema,
  parseInstrumentDefinition,
  itemDisplayName,
  allowedValues,
  answerRange,
  totalRange,
} from './definition';
export type {
  InstrumentDefinition,
  InstrumentDefinitionInput,
  InstrumentItem,
  ScoreBand,
  Direction,
  DefinitionProblem,
} from './definition';
