// Evaluation figures (docs/DESIGN.md §7): time to compute a programme's evaluation report (three queries and
// the paired statistics, in-process) with 100,000 referrals and 200,000 outcome measures, and the
// de-identified research export over the same cohort. Target on PostgreSQL: report under 1 s.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client';
import { buildEvaluationReport } from '../src/outcomes/evaluation/build-report';
import {
  getEvaluation,
  loadEvaluationInputs,
  loadProgrammeScores,
} from '../src/outcomes/evaluation/get-evaluation';
import { presentReport } from '../src/outcomes/evaluation/present-report';
import { buildResearchExport } from '../src/outcomes/evaluation/research-export';
import { buildOrganisation, buildProgramme } from '../test/support/factories';
import { createFreshDatabase } from './databases';
import type { BenchContext, BenchGroup } from './group';

export const evaluation: BenchGroup = {
  name: 'evaluation',
  description: 'evaluation report and research export with 100,000 referrals and 200,000 measures',
  run: runEvaluationBench,
};

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * One programme with `count` referrals over 18 months (one person each, 85% completed), and
 * 2·count measures: a SWEMWBS baseline for everyone, a SWEMWBS follow-up for 70% (review,
 * discharge or 6-month), ONS4 at baseline for 20% and at discharge for 10%. Half the referrals
 * have GP/A&E counts before and after in both windows. Written with INSERT … SELECT generate_series.
 */
export async function generateCohort(context: BenchContext, db: Database, count: number) {
  const host = await buildOrganisation(db, { type: 'cvs', name: 'Bench CVS' });
  const programme = await buildProgramme(db, { areas: ['Haringey'], hostOrganisationId: host.id });
  const programmeId = programme.id;
  const received = sql.raw(`now() - make_interval(days => g % 540, mins => g % 1440)`);

  context.progress(`inserting ${count.toLocaleString('en-GB')} people and referrals`);
  await db.execute(sql`insert into people (id, programme_id, given_name, family_name, date_of_birth, postcode)
    select md5('eval-person-' || g)::uuid, ${programmeId}::uuid, 'Bench', 'Eval-' || g,
      date '1935-01-01' + (g % 25000), 'N17 6HB'
    from generate_series(1, ${count}::int) g`);
  await db.execute(sql`insert into referrals (id, programme_id, person_id, reference, source_type,
      referrer_name, needs, reason_text, consent_to_referral, consent_method, consent_recorded_by,
      consent_recorded_at, status, received_at, closed_at, closure_reason)
    select md5('eval-referral-' || g)::uuid, ${programmeId}::uuid, md5('eval-person-' || g)::uuid,
      'E' || lpad(g::text, 9, '0'), 'gp_practice', 'Dr Bench', array['loneliness'], 'Bench referral',
      true, 'verbal', 'Dr Bench', ${received},
      case when g % 20 < 17 then 'completed' else 'in_progress' end,
      ${received},
      case when g % 20 < 17 then ${received} + interval '120 days' end,
      case when g % 20 < 17 then 'connected_to_services' end
    from generate_series(1, ${count}::int) g`);

  context.progress(`inserting ${(2 * count).toLocaleString('en-GB')} measures`);
  const measureColumns = sql.raw(`(programme_id, referral_id, person_id, instrument_key, instrument_version,
    timepoint, completed_on, answers, item_scores, raw_total, metric_score, is_complete, source)`);
  // Raw SWEMWBS 7–35 from a hash of g; the metric score is a stand-in (the report only reads it).
  await db.execute(sql`insert into measures ${measureColumns}
    select ${programmeId}::uuid, md5('eval-referral-' || g)::uuid, md5('eval-person-' || g)::uuid,
      'swemwbs', '1', 'baseline', (${received} + interval '7 days')::date, '{}', '{}',
      raw, round((raw * 0.85 + 3)::numeric, 2)::float8, true, 'link_worker'
    from generate_series(1, ${count}::int) g, lateral (select 7 + (g * 7919) % 29 as raw) r`);
  await db.execute(sql`insert into measures ${measureColumns}
    select ${programmeId}::uuid, md5('eval-referral-' || g)::uuid, md5('eval-person-' || g)::uuid,
      'swemwbs', '1', (array['review','discharge','follow_up_6m'])[1 + g % 3],
      (${received} + interval '100 days')::date, '{}', '{}',
      raw, round((raw * 0.85 + 3)::numeric, 2)::float8, true, 'link_worker'
    from generate_series(1, ${count}::int) g,
      lateral (select least(35, greatest(7, 7 + (g * 7919) % 29 + (g % 7) - 2)) as raw) r
    where g % 10 < 7`);
  const onsItems = sql.raw(`jsonb_build_object('life_satisfaction', (g * 3 + shift) % 11,
    'worthwhile', (g * 5 + shift) % 11, 'happiness', (g * 7 + shift) % 11, 'anxiety', (g * 11 + shift) % 11)`);
  await db.execute(sql`insert into measures ${measureColumns}
    select ${programmeId}::uuid, md5('eval-referral-' || g)::uuid, md5('eval-person-' || g)::uuid,
      'ons4', '1', timepoint, (${received} + days * interval '1 day')::date, '{}', ${onsItems},
      null, null, true, 'link_worker'
    from generate_series(1, ${count}::int) g,
      lateral (values ('baseline', 7, 0), ('discharge', 120, 1)) t(timepoint, days, shift)
    where g % 10 < 2 and (timepoint = 'baseline' or g % 10 = 0)`);

  context.progress('inserting health-service use');
  await db.execute(sql`insert into health_service_use (programme_id, referral_id, person_id, period,
      window_months, gp_appointments, ae_attendances, source)
    select ${programmeId}::uuid, md5('eval-referral-' || g)::uuid, md5('eval-person-' || g)::uuid,
      period, window_months, (g + window_months + length(period)) % 9, (g + length(period)) % 3, 'practice'
    from generate_series(1, ${count}::int) g,
      lateral (values ('before'), ('after')) p(period), lateral (values (3), (6)) w(window_months)
    where g % 2 = 0`);
  // As autovacuum leaves a table that grew over 18 months: statistics current, visibility map set and
  // hint bits written. A bulk load read straight away instead pays for setting hint bits in the runs.
  await db.execute(sql`vacuum analyze`);
  return programme;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function runEvaluationBench(context: BenchContext): Promise<void> {
  const count = context.isQuick ? 10_000 : 100_000;
  const repetitions = context.isQuick ? 2 : 5;
  const database = await createFreshDatabase(context.target, 'evaluation');
  try {
    const handle = await database.open();
    try {
      await handle.migrate();
      const started = performance.now();
      const programme = await generateCohort(context, handle.db, count);
      context.record('evaluation.generate_s', (performance.now() - started) / 1000, 's', {
        referrals: count,
      });

      // The whole cohort: from before the first referral to today.
      const today = new Date();
      const period = { from: isoDay(new Date(today.getTime() - 600 * 86_400_000)), to: isoDay(today) };
      const params = { referrals: count, measures: 2 * count, repetitions, inProcess: true };

      context.progress(`evaluation report, ${repetitions} runs after a warm-up`);
      const reportTimes: number[] = [];
      for (let run = 0; run <= repetitions; run++) {
        const begun = performance.now();
        const { report } = await getEvaluation(handle.db, { programme, ...period, asOf: period.to });
        presentReport(report, programme, 'full');
        if (run > 0) reportTimes.push(performance.now() - begun);
      }
      context.record('evaluation.report_ms', median(reportTimes), 'ms', params);

      // Where the time goes: the three queries, then the statistics on what they return.
      const queryTimes: number[] = [];
      const statisticsTimes: number[] = [];
      for (let run = 0; run < repetitions; run++) {
        const queried = performance.now();
        const inputs = await loadEvaluationInputs(handle.db, { programme, ...period, asOf: period.to });
        const computed = performance.now();
        presentReport(buildEvaluationReport(inputs), programme, 'full');
        statisticsTimes.push(performance.now() - computed);
        queryTimes.push(computed - queried);
      }
      context.record('evaluation.report_queries_ms', median(queryTimes), 'ms', params);
      context.record('evaluation.report_statistics_ms', median(statisticsTimes), 'ms', params);

      const exportRepetitions = context.isQuick ? 1 : 3;
      context.progress(`research export, ${exportRepetitions} runs`);
      const scores = await loadProgrammeScores(handle.db, programme.id);
      const exportTimes: number[] = [];
      let exportedRows = 0;
      for (let run = 0; run < exportRepetitions; run++) {
        const begun = performance.now();
        const exported = await buildResearchExport(handle.db, {
          programmeId: programme.id,
          ...period,
          scores,
          pseudonymKey: Buffer.alloc(32, 1),
        });
        exportTimes.push(performance.now() - begun);
        exportedRows = exported.rows;
      }
      context.record('evaluation.export_ms', median(exportTimes), 'ms', {
        ...params,
        repetitions: exportRepetitions,
        rows: exportedRows,
      });
    } finally {
      await handle.close();
    }
  } finally {
    await database.dispose();
  }
}
