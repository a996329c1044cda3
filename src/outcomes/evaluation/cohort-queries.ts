// The evaluation cohort in SQL: referrals of one programme received within [from, to], their
// baseline-to-latest-follow-up pairs per score, and their health-service use before and after.
// One round trip per report section; statistics are computed in TypeScript (build-report.ts).
//
// Rows are grouped: scores and counts take few distinct values (SWEMWBS has 29, an ONS4 item 11),
// so the database sends one row per distinct (before, after) with how many referrals have it, and
// build-report.ts expands them back into pairs. The statistics are unchanged; what crosses the wire
// for 100,000 referrals drops from 100,000 rows to a few thousand.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { followUpTimepoints } from '../timepoints';
import type { EvaluatedScore } from './scores';

export interface CohortWindow {
  programmeId: string;
  /** ISO dates, both inclusive: referrals received on `to` count. */
  from: string;
  to: string;
}

export interface ScorePairRow {
  scoreId: string;
  before: number;
  /** The latest later timepoint's score; null when the person has none (or left this score blank). */
  after: number | null;
  /** Due a follow-up: the referral is closed (completed) or its review date has passed. */
  isDue: boolean;
  /** How many referrals share exactly these values (see "Rows are grouped" below). */
  count: number;
}

export interface HealthUseRow {
  windowMonths: number;
  gpBefore: number | null;
  gpAfter: number | null;
  aeBefore: number | null;
  aeAfter: number | null;
  count: number;
}

export interface CohortSize {
  referrals: number;
  people: number;
}

/** A text[] literal of bound parameters (Drizzle expands a bare array into a parenthesised list). */
function textArray(values: readonly string[]) {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

// The cohort is written once and inlined in each query, so every section sees the same definition.
function cohortSql(window: CohortWindow) {
  return sql`select id, person_id, status from referrals
    where programme_id = ${window.programmeId}::uuid
      and received_at >= ${window.from}::date
      and received_at < ${window.to}::date + 1`;
}

export async function loadCohortSize(db: Executor, window: CohortWindow): Promise<CohortSize> {
  const [row] = await queryRows<{ referrals: number | string; people: number | string }>(
    db,
    sql`select count(*) as referrals, count(distinct person_id) as people from (${cohortSql(window)}) cohort`,
  );
  return { referrals: Number(row?.referrals ?? 0), people: Number(row?.people ?? 0) };
}

/**
 * One row per referral × score with a baseline value. "After" is the latest later timepoint the
 * person has for that instrument (review < discharge < 6-month < 12-month follow-up). The review is
 * due `reviewWeeks` after the baseline was completed, and counted as past due on `asOf`.
 */
export async function loadScorePairs(
  db: Executor,
  options: CohortWindow & { scores: readonly EvaluatedScore[]; reviewWeeks: number; asOf: string },
): Promise<ScorePairRow[]> {
  if (options.scores.length === 0) return [];
  const scoreIds = options.scores.map((score) => score.id);
  const instrumentKeys = options.scores.map((score) => score.instrumentKey);
  // An empty string stands for "the instrument's total" so the arrays stay text[] on both engines.
  const itemIds = options.scores.map((score) => score.itemId ?? '');
  const order = sql.raw(`array[${followUpTimepoints.map((timepoint) => `'${timepoint}'`).join(',')}]`);
  const valueOf = (alias: string) =>
    sql.raw(`case when s.item_id = '' then coalesce(${alias}.metric_score, ${alias}.raw_total)
      else (${alias}.item_scores ->> s.item_id)::float8 end`);
  return queryRows<ScorePairRow>(
    db,
    sql`with cohort as (${cohortSql(options)}),
      scores as (
        select * from unnest(${textArray(scoreIds)}, ${textArray(instrumentKeys)}, ${textArray(itemIds)})
          as s(score_id, instrument_key, item_id)
      ),
      baseline as (
        select m.referral_id, m.instrument_key, m.completed_on, m.raw_total, m.metric_score, m.item_scores,
          c.status
        from measures m join cohort c on c.id = m.referral_id
        where m.programme_id = ${options.programmeId}::uuid and m.timepoint = 'baseline'
      ),
      latest as (
        select distinct on (m.referral_id, m.instrument_key)
          m.referral_id, m.instrument_key, m.raw_total, m.metric_score, m.item_scores
        from measures m join cohort c on c.id = m.referral_id
        where m.programme_id = ${options.programmeId}::uuid and m.timepoint = any(${order})
        order by m.referral_id, m.instrument_key, array_position(${order}, m.timepoint) desc
      ),
      paired as (
        select s.score_id, ${valueOf('b')} as before, ${valueOf('l')} as after,
          (b.status = 'completed' or b.completed_on + ${options.reviewWeeks * 7}::int <= ${options.asOf}::date)
            as is_due
        from baseline b
        join scores s on s.instrument_key = b.instrument_key
        left join latest l on l.referral_id = b.referral_id and l.instrument_key = b.instrument_key
      )
      select score_id as "scoreId", before, after, is_due as "isDue", count(*)::int as count
      from paired where before is not null
      group by score_id, before, after, is_due`,
  );
}

/** Before/after GP appointments and A&E attendances per referral and window (3 or 6 months). */
export async function loadHealthUse(db: Executor, window: CohortWindow): Promise<HealthUseRow[]> {
  return queryRows<HealthUseRow>(
    db,
    sql`with cohort as (${cohortSql(window)})
      select b.window_months as "windowMonths",
        b.gp_appointments as "gpBefore", a.gp_appointments as "gpAfter",
        b.ae_attendances as "aeBefore", a.ae_attendances as "aeAfter", count(*)::int as count
      from health_service_use b
      join cohort c on c.id = b.referral_id
      left join health_service_use a
        on a.referral_id = b.referral_id and a.window_months = b.window_months and a.period = 'after'
      where b.programme_id = ${window.programmeId}::uuid and b.period = 'before'
      group by 1, 2, 3, 4, 5`,
  );
}
