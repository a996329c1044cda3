// Loads a programme's evaluation cohort and builds its report: three queries (cohort size, score
// pairs, health-service use), then pure statistics. Shared by the report, the social-return
// calculator and the bench.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { questionnaires } from '../../db/schema';
import { invalidField } from '../../http/errors';
import { readProgrammeSettings } from '../../programmes/settings';
import { parseInstrumentDefinition, type InstrumentDefinition } from '../instruments';
import { buildEvaluationReport, type EvaluationReport } from './build-report';
import { loadCohortSize, loadHealthUse, loadScorePairs, type HealthUseRow } from './cohort-queries';
import { evaluatedScores, type EvaluatedScore } from './scores';
import { readTogether } from '../../db/read-together';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** [from, to] from the query, defaulting to the 12 months up to and including today. */
export function resolvePeriod(
  query: { from?: string | undefined; to?: string | undefined },
  today: Date,
  location: 'querystring' | 'body' = 'querystring',
): { from: string; to: string; asOf: string } {
  const asOf = isoDay(today);
  const to = query.to ?? asOf;
  let from = query.from;
  if (from === undefined) {
    const start = new Date(`${to}T00:00:00Z`);
    start.setUTCFullYear(start.getUTCFullYear() - 1);
    start.setUTCDate(start.getUTCDate() + 1);
    from = isoDay(start);
  }
  if (from > to) throw invalidField('from', 'The start of the period must not be after its end', location);
  return { from, to, asOf };
}

/** The programme's own questionnaires with a summed score, archived ones included (old measures). */
export async function loadProgrammeScores(db: Executor, programmeId: string): Promise<EvaluatedScore[]> {
  const rows = await db
    .select({ definition: questionnaires.definition })
    .from(questionnaires)
    .where(eq(questionnaires.programmeId, programmeId));
  const definitions: InstrumentDefinition[] = rows.flatMap((row) => {
    const parsed = parseInstrumentDefinition(row.definition);
    return parsed.ok ? [parsed.definition] : [];
  });
  return evaluatedScores(definitions);
}

/** The three queries behind a report (exported so the bench can time them apart from the statistics). */
export async function loadEvaluationInputs(
  db: Executor,
  options: { programme: { id: string; settings: unknown }; from: string; to: string; asOf: string },
) {
  const { programme, from, to, asOf } = options;
  const window = { programmeId: programme.id, from, to };
  const scores = await loadProgrammeScores(db, programme.id);
  const { reviewWeeks } = readProgrammeSettings(programme.settings);
  const [cohort, scorePairs, healthUse] = await readTogether(db, [
    () => loadCohortSize(db, window),
    () => loadScorePairs(db, { ...window, scores, reviewWeeks, asOf }),
    () => loadHealthUse(db, window),
  ]);
  return { programmeId: programme.id, from, to, asOf, cohort, scores, scorePairs, healthUse };
}

export async function getEvaluation(
  db: Executor,
  options: {
    programme: { id: string; settings: unknown };
    from: string;
    to: string;
    asOf: string;
  },
): Promise<{ report: EvaluationReport; healthUse: HealthUseRow[] }> {
  const inputs = await loadEvaluationInputs(db, options);
  return { report: buildEvaluationReport(inputs), healthUse: inputs.healthUse };
}
