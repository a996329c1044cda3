// Insight figures (issue 13): every panel of the commissioner dashboard for the whole platform, as a
// regional commissioner sees it (all programmes, suppressed), over a year of referrals — 1,300,000 on
// PostgreSQL (about a year of England's volume), 100,000 on PGlite. Target on PostgreSQL: under 500 ms.
// Also `insight.facts_rebuild_s`, the set-based rebuild of referral_facts after a bulk load.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client';
import { queryRows } from '../src/db/client';
import { loadGeography } from '../src/geo';
import type { UserActor } from '../src/access/actor';
import { buildOrganisation, buildUser } from '../test/support/factories';
import { createFreshDatabase } from './databases';
import type { BenchContext, BenchGroup } from './group';
import { buildDashboardForBench } from './insight-dashboard';

export const insight: BenchGroup = {
  name: 'insight',
  description: 'commissioner dashboard (every panel, all programmes) over 1.3M referrals (PGlite: 100,000)',
  run: runInsightBench,
};

const practicesPerProgramme = 12;

/**
 * One programme per London borough (33), twelve GP practices each, and `count` referrals over the
 * last 365 days with one person each. A person lives at a real postcode of the programme's borough
 * (so LSOA and IMD decile are real), with Census-style answers spread deterministically; referral
 * outcomes are worse in the most deprived deciles, as the demo's story has it. Inserted with the
 * facts triggers disabled, then referral_facts is rebuilt set-based (insight_rebuild_referral_facts),
 * as a bulk import would; engagement and connection times are then set on the facts directly.
 */
async function generate(context: BenchContext, db: Database, count: number): Promise<void> {
  context.progress('loading the London geography');
  await loadGeography(db);
  const host = await buildOrganisation(db, { type: 'cvs', name: 'Bench CVS' });
  await db.execute(sql`insert into programmes (id, name, slug, host_organisation_id, areas)
    select md5('insight-programme-' || b.code)::uuid, b.name || ' Social Prescribing', 'bench-' || b.code,
      ${host.id}::uuid, array[b.name]
    from boroughs b`);
  await db.execute(sql`insert into organisations (id, name, type, borough)
    select md5('insight-practice-' || b.code || '-' || p)::uuid, b.name || ' Practice ' || p, 'gp_practice', b.name
    from boroughs b, generate_series(1, ${practicesPerProgramme}::int) p`);
  await db.execute(sql`insert into programme_referring_organisations (programme_id, organisation_id)
    select md5('insight-programme-' || b.code)::uuid, md5('insight-practice-' || b.code || '-' || p)::uuid
    from boroughs b, generate_series(1, ${practicesPerProgramme}::int) p`);

  // Postcodes numbered within their borough, so person g takes one deterministically.
  await db.execute(sql`create temporary table bench_postcodes as
    select row_number() over (partition by p.borough_code order by p.postcode) as n,
      count(*) over (partition by p.borough_code) as of, p.postcode, p.borough_code, p.lsoa_code, l.imd_decile
    from postcodes p join lsoas l on l.code = p.lsoa_code`);
  await db.execute(sql`create index on bench_postcodes (borough_code, n)`);
  await db.execute(sql`create temporary table bench_boroughs as
    select row_number() over (order by b.code) - 1 as i, b.code,
      (select count(*) from bench_postcodes pc where pc.borough_code = b.code) as of
    from boroughs b`);

  await db.execute(sql`alter table referrals disable trigger referral_facts_on_referral`);
  context.progress(`inserting ${count.toLocaleString('en-GB')} people`);
  const ethnicities = sql.raw(`(array['white_british','white_british','white_british','white_other',
    'white_irish','asian_indian','asian_bangladeshi','asian_pakistani','asian_chinese','asian_other',
    'black_african','black_caribbean','black_other','mixed_white_black_caribbean','mixed_other',
    'other_arab','other_any','prefer_not_to_say'])`);
  await db.execute(sql`insert into people (id, programme_id, given_name, family_name, date_of_birth,
      postcode, language, sex, ethnicity, disability, carer, lsoa_code, borough_code, imd_decile)
    select md5('insight-person-' || g)::uuid, md5('insight-programme-' || b.code)::uuid, 'Bench', 'Insight-' || g,
      date '1930-01-01' + (g::bigint * 7919 % 30000)::int, pc.postcode,
      (array['en','en','en','en','bn','so','pl','tr','ur','es'])[1 + g % 10],
      case when g % 20 = 0 then null when g % 20 = 1 then 'prefer_not_to_say'
           when g % 2 = 0 then 'female' else 'male' end,
      case when g % 7 = 0 then null else ${ethnicities}[1 + g % 18] end,
      case when g % 9 = 0 then null else (array['not_limited','not_limited','limited_a_little','limited_a_lot'])[1 + g % 4] end,
      case when g % 11 = 0 then null else (array['no','no','no','yes_under_20_hours','yes_50_hours_or_more'])[1 + g % 5] end,
      pc.lsoa_code, pc.borough_code, pc.imd_decile
    from generate_series(1, ${count}::int) g
    join bench_boroughs b on b.i = g % 33
    join bench_postcodes pc on pc.borough_code = b.code and pc.n = 1 + (g::bigint * 104729) % b.of`);

  // Deprivation lowers the chance of going on: h is 0–99 from g, compared with a decile-dependent line.
  context.progress(`inserting ${count.toLocaleString('en-GB')} referrals`);
  await db.execute(sql`insert into referrals (id, programme_id, person_id, reference, source_type,
      referring_organisation_id, referrer_name, needs, reason_text, consent_to_referral, consent_to_share,
      consent_method, consent_recorded_by, consent_recorded_at, status, rejection_reason, closure_reason,
      received_at, accepted_at, first_contact_at, closed_at)
    select md5('insight-referral-' || g)::uuid, p.programme_id, p.id, 'I' || lpad(g::text, 9, '0'),
      case when g % 10 < 7 then 'gp_practice' when g % 10 = 7 then 'self' when g % 10 = 8 then 'hospital'
           else 'adult_social_care' end,
      case when g % 10 < 7 then md5('insight-practice-' || p.borough_code || '-' || (1 + g % ${practicesPerProgramme}))::uuid end,
      'Dr Bench', array[(array['loneliness','money_debt','housing','mental_wellbeing','physical_activity'])[1 + g % 5]],
      'Bench referral', true, g % 8 <> 0, 'verbal', 'Dr Bench', received,
      case when h < 6 then 'rejected' when h < 6 + 12 - coalesce(p.imd_decile, 5) then 'cancelled'
           when h < 30 then 'in_progress' when h < 40 then 'contacting' else 'completed' end,
      case when h < 6 then (array['not_appropriate','ineligible','needs_clinical_care','out_of_area'])[1 + g % 4] end,
      case when h >= 40 then 'connected_to_services' end,
      received,
      case when h >= 6 then received + interval '2 days' end,
      case when h >= 18 then received + make_interval(days => 3 + g % 9) end,
      case when h < 6 + 12 - coalesce(p.imd_decile, 5) or h >= 40 then received + interval '90 days' end
    from generate_series(1, ${count}::int) g
    join people p on p.id = md5('insight-person-' || g)::uuid,
      lateral (select now() - make_interval(days => g % 365, mins => g % 1440) as received,
        (g * 37) % 100 as h) r`);
  await db.execute(sql`alter table referrals enable trigger referral_facts_on_referral`);

  context.progress('unmet needs: 4% of referrals');
  await db.execute(sql`insert into unmet_needs (programme_id, referral_id, need, borough_code, reason)
    select r.programme_id, r.id, r.needs[1], p.borough_code,
      (array['no_service','no_capacity','not_eligible','too_far'])[1 + (hashtext(r.id::text) & 3)]
    from referrals r join people p on p.id = r.person_id
    where r.reference like 'I%' and substr(r.reference, 2)::int % 25 = 0`);

  const started = performance.now();
  const [rebuilt] = await queryRows<{ inserted: number }>(
    db,
    sql`select insight_rebuild_referral_facts() as inserted`,
  );
  context.record('insight.facts_rebuild_s', (performance.now() - started) / 1000, 's', {
    referrals: Number(rebuilt?.inserted ?? 0),
  });
  await db.execute(sql`update referral_facts set
      engaged_at = case when status in ('in_progress', 'completed') then received_at + interval '10 days' end,
      connected_at = case when status = 'completed' then received_at + interval '30 days' end,
      onward_referrals = case when status = 'completed' then 1 else 0 end,
      has_baseline_measure = status in ('in_progress', 'completed')`);
  // As autovacuum leaves a table that grew over a year: statistics current, visibility map set.
  await db.execute(sql`vacuum analyze`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function runInsightBench(context: BenchContext): Promise<void> {
  const full = context.target.db === 'postgres' ? 1_300_000 : 100_000;
  const count = context.isQuick ? Math.min(full, 50_000) : full;
  const repetitions = context.isQuick ? 2 : 5;
  const database = await createFreshDatabase(context.target, 'insight');
  try {
    const handle = await database.open();
    try {
      await handle.migrate();
      const started = performance.now();
      await generate(context, handle.db, count);
      context.record('insight.generate_s', (performance.now() - started) / 1000, 's', { referrals: count });

      const { user } = await buildUser(handle.db, { role: 'regional_commissioner', organisationId: null });
      const actor: UserActor = {
        type: 'user',
        userId: user.id,
        role: user.role,
        name: user.name,
        email: user.email,
        programmeId: null,
        organisationId: user.organisationId,
        sessionTokenHash: 'bench',
      };
      context.progress(`commissioner dashboard, ${repetitions} runs after a warm-up`);
      const totals: number[] = [];
      const byPanel = new Map<string, number[]>();
      for (let run = 0; run <= repetitions; run++) {
        const times = await buildDashboardForBench(handle.db, actor);
        if (run === 0) continue;
        totals.push([...times.values()].reduce((sum, time) => sum + time, 0));
        for (const [panel, time] of times) byPanel.set(panel, [...(byPanel.get(panel) ?? []), time]);
      }
      const params = {
        referrals: count,
        programmes: 33,
        repetitions,
        inProcess: true,
        view: 'regional commissioner, whole platform, last 12 months, suppressed',
      };
      context.record('insight.dashboard_ms', median(totals), 'ms', { ...params, panels: byPanel.size - 1 });
      // Where the time goes: each panel (and resolving the scope) on its own.
      for (const [panel, times] of byPanel)
        context.record(`insight.panel.${panel}_ms`, median(times), 'ms', params);
    } finally {
      await handle.close();
    }
  } finally {
    await database.dispose();
  }
}
