// Rows → the coordinator's full evaluation report. Pure: the SQL is in cohort-queries.ts and the
// statistics in ../statistics.ts; this module only groups pairs and names what each figure means.
import {
  describeLossToFollowUp,
  pairedChange,
  shareImproved,
  type LossToFollowUp,
  type Pair,
  type PairedChange,
  type ShareImproved,
} from '../statistics';
import type { CohortSize, HealthUseRow, ScorePairRow } from './cohort-queries';
import type { EvaluatedScore } from './scores';

export const HEALTH_USE_CAVEAT =
  'These figures compare the same people’s GP appointments and A&E attendances before and after referral. ' +
  'They are observational: without a comparison group they do not show that the programme caused any change, ' +
  'and people are often referred at a time of crisis, after which use tends to fall anyway (regression to the mean).';

export interface MeasureFigures {
  scoreId: string;
  instrumentKey: string;
  itemId: string | null;
  label: string;
  direction: EvaluatedScore['direction'];
  lossToFollowUp: LossToFollowUp;
  change: PairedChange;
  /** Null when the instrument defines no meaningful-change threshold for this score. */
  improvement: (ShareImproved & { source: string }) | null;
}

export interface HealthUseFigures {
  windowMonths: number;
  gpAppointments: PairedChange;
  aeAttendances: PairedChange;
  /** People with a "before" count but no "after" one yet. */
  withoutAfter: number;
}

export interface EvaluationReport {
  programmeId: string;
  from: string;
  to: string;
  asOf: string;
  cohort: CohortSize;
  measures: MeasureFigures[];
  healthServiceUse: { windows: HealthUseFigures[]; caveat: string };
}

export const HEALTH_USE_WINDOWS = [3, 6] as const;

/** One score's figures, or null when nobody in the cohort has a baseline for it. */
function measureFigures(score: EvaluatedScore, rows: readonly ScorePairRow[]): MeasureFigures | null {
  if (rows.length === 0) return null;
  // Grouped pairs (one per distinct before/after, with how many people had it): the statistics
  // take counts, so 100,000 people are a few hundred entries, never expanded one by one.
  const pairs: Pair[] = [];
  let eligible = 0;
  let paired = 0;
  for (const row of rows) {
    if (row.after !== null) {
      pairs.push({ before: row.before, after: row.after, count: row.count });
      paired += row.count;
    }
    // Anyone with a follow-up is plainly due one, even if it came before the review date.
    if (row.isDue || row.after !== null) eligible += row.count;
  }
  const { meaningfulChange } = score;
  return {
    scoreId: score.id,
    instrumentKey: score.instrumentKey,
    itemId: score.itemId,
    label: score.label,
    direction: score.direction,
    lossToFollowUp: describeLossToFollowUp(eligible, paired),
    change: pairedChange(pairs),
    improvement: meaningfulChange
      ? {
          ...shareImproved(
            pairs.map((pair) => ({ change: pair.after - pair.before, count: pair.count ?? 1 })),
            { minimumChange: meaningfulChange.minimumChange, direction: meaningfulChange.direction },
          ),
          source: meaningfulChange.source,
        }
      : null,
  };
}

function healthUseFigures(windowMonths: number, rows: readonly HealthUseRow[]): HealthUseFigures {
  const inWindow = rows.filter((row) => row.windowMonths === windowMonths);
  const pairsOf = (before: 'gpBefore' | 'aeBefore', after: 'gpAfter' | 'aeAfter'): Pair[] =>
    inWindow.flatMap((row) => {
      const [valueBefore, valueAfter] = [row[before], row[after]];
      if (valueBefore === null || valueAfter === null) return [];
      return [{ before: valueBefore, after: valueAfter, count: row.count }];
    });
  return {
    windowMonths,
    gpAppointments: pairedChange(pairsOf('gpBefore', 'gpAfter')),
    aeAttendances: pairedChange(pairsOf('aeBefore', 'aeAfter')),
    withoutAfter: inWindow
      .filter((row) => row.gpAfter === null && row.aeAfter === null)
      .reduce((sum, row) => sum + row.count, 0),
  };
}

export function buildEvaluationReport(input: {
  programmeId: string;
  from: string;
  to: string;
  asOf: string;
  cohort: CohortSize;
  scores: readonly EvaluatedScore[];
  scorePairs: readonly ScorePairRow[];
  healthUse: readonly HealthUseRow[];
}): EvaluationReport {
  const rowsByScore = new Map<string, ScorePairRow[]>();
  for (const row of input.scorePairs) {
    const list = rowsByScore.get(row.scoreId);
    if (list) list.push(row);
    else rowsByScore.set(row.scoreId, [row]);
  }
  const measures = input.scores.flatMap((score) => {
    const figures = measureFigures(score, rowsByScore.get(score.id) ?? []);
    return figures ? [figures] : [];
  });
  return {
    programmeId: input.programmeId,
    from: input.from,
    to: input.to,
    asOf: input.asOf,
    cohort: input.cohort,
    measures,
    healthServiceUse: {
      windows: HEALTH_USE_WINDOWS.map((window) => healthUseFigures(window, input.healthUse)),
      caveat: HEALTH_USE_CAVEAT,
    },
  };
}

/** What the social-return calculator needs from the cohort: people with both counts in one window. */
export function socialReturnBasis(
  report: EvaluationReport,
  healthUse: readonly HealthUseRow[],
  windowMonths: number,
) {
  let people = 0;
  let gpChange = 0;
  let aeChange = 0;
  for (const row of healthUse) {
    if (row.windowMonths !== windowMonths) continue;
    const { gpBefore, gpAfter, aeBefore, aeAfter } = row;
    if (gpBefore === null || gpAfter === null || aeBefore === null || aeAfter === null) continue;
    people += row.count;
    gpChange += row.count * (gpAfter - gpBefore);
    aeChange += row.count * (aeAfter - aeBefore);
  }
  const lifeSatisfaction = report.measures.find((measure) => measure.scoreId === 'ons4.life_satisfaction');
  return {
    people,
    meanChangeGpAppointments: people === 0 ? 0 : gpChange / people,
    meanChangeAeAttendances: people === 0 ? 0 : aeChange / people,
    lifeSatisfaction:
      lifeSatisfaction && lifeSatisfaction.change.meanChange !== null
        ? { people: lifeSatisfaction.change.n, meanChange: lifeSatisfaction.change.meanChange }
        : null,
  };
}
