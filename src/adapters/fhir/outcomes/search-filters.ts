// Search parameters → the measures filter, shared by QuestionnaireResponse search, its conditional
// create (If-None-Exist) and Observation search, so each parameter means the same everywhere.
import { londonDate } from '../../../outcomes/measures/record-measure';
import { parseDateParam, parseReferenceParam } from '../search';
import type { MeasureFilter } from './measure-access';
import { findInstrumentByCanonical } from './questionnaires';

/** `undefined` when a parameter can match nothing (e.g. a Questionnaire that is not ours). */
export function measureFilter(query: Record<string, string | undefined>): MeasureFilter | undefined {
  const filter: MeasureFilter = {};
  if (query.subject !== undefined) filter.personId = parseReferenceParam('subject', query.subject, 'Patient');
  if (query['based-on'] !== undefined)
    filter.referralId = parseReferenceParam('based-on', query['based-on'], 'ServiceRequest');
  if (query.questionnaire !== undefined) {
    const definition = findInstrumentByCanonical(query.questionnaire);
    if (!definition) return undefined;
    filter.instrumentKey = definition.key;
  }
  if (query.date !== undefined) {
    const { prefix, value } = parseDateParam('date', query.date);
    // Measures are dated by London calendar day, so a dateTime is compared by its London date.
    const date = query.date.includes('T') ? londonDate(value) : value.toISOString().slice(0, 10);
    filter.completedOn = { prefix, date };
  }
  return filter;
}
