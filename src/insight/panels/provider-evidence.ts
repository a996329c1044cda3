// A provider's evidence of its own services (GET /api/insight/provider): for each service its
// organisation runs, the onward referrals it was sent in the period, how many it accepted, how many
// people attended at least one session and completed, why it declined, how fast it answered, and
// the average change in outcome measures of the people referred to it (baseline against their
// latest review or discharge score, only with at least 5 pairs). Always served suppressed: a provider
// sees aggregates, never a person, and the outcome figures are other organisations' records.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { pairedChange } from '../../outcomes/statistics';
import { declineReasons } from '../../vocabulary/onward';
import { declineReasonLabels } from '../labels';
import type { InsightFilters, RawCell, RawPanel, RawTable } from '../panel';
import { toNumber, uuidArray } from './facts-scope';

const count = (value: number): RawCell => ({ value, people: value });
const providerAcceptedStatuses = ['accepted', 'waitlisted', 'started', 'completed', 'dropped_out'];

/** The programmes that have sent onward referrals to the organisation's services (the filter's choices). */
export async function findReferringProgrammes(
  db: Executor,
  organisationId: string,
): Promise<{ id: string; name: string; areas: string[] }[]> {
  return queryRows(
    db,
    sql`select p.id, p.name, p.areas from programmes p
      where exists (select 1 from onward_referrals o join services s on s.id = o.service_id
        where o.programme_id = p.id and s.organisation_id = ${organisationId})
      order by p.name, p.id`,
  );
}

function onwardConditions(filters: InsightFilters, organisationId: string): SQL {
  const conditions = [
    sql`s.organisation_id = ${organisationId}`,
    sql`o.programme_id = any(${uuidArray(filters.programmeIds)})`,
    sql`o.sent_at >= ${filters.start.toISOString()}::timestamptz`,
    sql`o.sent_at < ${filters.end.toISOString()}::timestamptz`,
  ];
  if (filters.borough) conditions.push(sql`f.borough_code = ${filters.borough}`);
  if (filters.source) conditions.push(sql`f.source_type = ${filters.source}`);
  return sql.join(conditions, sql` and `);
}

export async function buildProviderEvidence(
  db: Executor,
  filters: InsightFilters,
  organisationId: string,
): Promise<RawPanel> {
  const accepted = sql.join(
    providerAcceptedStatuses.map((status) => sql`${status}`),
    sql`, `,
  );
  const where = onwardConditions(filters, organisationId);
  const perService = await queryRows<{
    id: string;
    name: string;
    referred: number | string;
    accepted: number | string;
    attended: number | string;
    completed: number | string;
    answered: number | string;
    median_reply: number | string | null;
  }>(
    db,
    sql`select s.id, s.name,
        count(o.id) as referred,
        count(o.id) filter (where o.status in (${accepted})) as accepted,
        count(o.id) filter (where exists (select 1 from attendances a
          where a.onward_referral_id = o.id and a.status = 'attended')) as attended,
        count(o.id) filter (where o.status = 'completed') as completed,
        count(o.id) filter (where o.responded_at is not null) as answered,
        percentile_cont(0.5) within group (order by extract(epoch from o.responded_at - o.sent_at) / 86400)
          filter (where o.responded_at is not null) as median_reply
      from services s
      left join (onward_referrals o join referral_facts f on f.referral_id = o.referral_id)
        on o.service_id = s.id and ${where}
      where s.organisation_id = ${organisationId}
      group by 1, 2 order by s.name, s.id`,
  );
  const [overall] = await queryRows<{ answered: number | string; median_reply: number | string | null }>(
    db,
    sql`select count(*) filter (where o.responded_at is not null) as answered,
        percentile_cont(0.5) within group (order by extract(epoch from o.responded_at - o.sent_at) / 86400)
          filter (where o.responded_at is not null) as median_reply
      from onward_referrals o join referral_facts f on f.referral_id = o.referral_id
      join services s on s.id = o.service_id where ${where}`,
  );
  const countColumns = ['referred', 'accepted', 'attended', 'completed'] as const;
  const sumOf = (key: (typeof countColumns)[number]) =>
    perService.reduce((sum, row) => sum + toNumber(row[key]), 0);
  const medianCell = (median: number | string | null | undefined, answered: number): RawCell => ({
    value: median === null || median === undefined ? null : toNumber(median),
    people: answered,
  });
  const services: RawTable = {
    id: 'services',
    title: 'Referrals to your services',
    description:
      'Onward referrals sent in the period to each of your organisation’s services: accepted (or waitlisted), attended at least one session, completed; and the median calendar days from sending to your answer.',
    chart: 'bar',
    unit: 'count',
    columns: [
      { key: 'referred', label: 'Referred' },
      { key: 'accepted', label: 'Accepted' },
      { key: 'attended', label: 'Attended a session' },
      { key: 'completed', label: 'Completed' },
      { key: 'reply', label: 'Median days to answer', unit: 'days' },
    ],
    rows: perService.map((row) => ({
      key: row.id,
      label: row.name,
      cells: {
        ...Object.fromEntries(countColumns.map((key) => [key, count(toNumber(row[key]))])),
        reply: medianCell(row.median_reply, toNumber(row.answered)),
      },
    })),
    total: {
      label: 'All your services',
      cells: {
        ...Object.fromEntries(countColumns.map((key) => [key, count(sumOf(key))])),
        reply: medianCell(overall?.median_reply, toNumber(overall?.answered)),
      },
    },
  };

  const declines = await queryRows<{ id: string; reason: string; n: number | string }>(
    db,
    sql`select s.id, o.decline_reason as reason, count(*) as n
      from onward_referrals o join referral_facts f on f.referral_id = o.referral_id
      join services s on s.id = o.service_id
      where ${where} and o.status = 'declined' and o.decline_reason is not null group by 1, 2`,
  );
  const declineCells = (of: (reason: string) => number) => {
    const cells: Record<string, RawCell> = {};
    let total = 0;
    for (const reason of declineReasons) {
      cells[reason] = count(of(reason));
      total += of(reason);
    }
    cells.total = count(total);
    return cells;
  };
  const declineTable: RawTable = {
    id: 'decline-reasons',
    title: 'Why referrals were declined',
    description:
      'Onward referrals sent in the period that your organisation declined, by service and reason.',
    chart: 'stacked-bar',
    unit: 'count',
    columns: [
      ...declineReasons.map((reason) => ({ key: reason, label: declineReasonLabels[reason] })),
      { key: 'total', label: 'All reasons' },
    ],
    rows: perService.map((row) => ({
      key: row.id,
      label: row.name,
      cells: declineCells((reason) =>
        toNumber(declines.find((decline) => decline.id === row.id && decline.reason === reason)?.n),
      ),
    })),
    total: {
      label: 'All your services',
      cells: declineCells((reason) =>
        declines
          .filter((decline) => decline.reason === reason)
          .reduce((sum, decline) => sum + toNumber(decline.n), 0),
      ),
    },
  };

  // Per referral and instrument: the first baseline score and the latest review or discharge score.
  const scores = await queryRows<{ instrument: string; before: number; after: number }>(
    db,
    sql`with referred as (
        select distinct o.referral_id from onward_referrals o
        join referral_facts f on f.referral_id = o.referral_id join services s on s.id = o.service_id
        where ${where}
      ), scored as (
        select m.referral_id, m.instrument_key, m.timepoint, m.completed_on, m.created_at,
          coalesce(m.metric_score, m.raw_total) as score
        from measures m join referred r on r.referral_id = m.referral_id
        where m.is_complete and coalesce(m.metric_score, m.raw_total) is not null
      )
      select b.instrument_key as instrument, b.score as before, a.score as after from
        (select distinct on (referral_id, instrument_key) referral_id, instrument_key, score from scored
          where timepoint = 'baseline' order by referral_id, instrument_key, completed_on, created_at) b
        join (select distinct on (referral_id, instrument_key) referral_id, instrument_key, score from scored
          where timepoint in ('review', 'discharge') order by referral_id, instrument_key, completed_on desc, created_at desc) a
        on a.referral_id = b.referral_id and a.instrument_key = b.instrument_key`,
  );
  const instruments = [...new Set(scores.map((score) => score.instrument))].sort();
  const outcomes: RawTable = {
    id: 'outcomes',
    title: 'Change in outcome measures of people referred to your services',
    description:
      'People referred to your services in the period with a baseline score and a later review or discharge score on the same measure, recorded by the social prescribing programme: the mean of each, and the mean change. Shown only for 5 or more people; the change is not attributable to one service alone.',
    chart: 'none',
    unit: 'index',
    columns: [
      { key: 'pairs', label: 'People with both scores', unit: 'people' },
      { key: 'before', label: 'Mean before' },
      { key: 'after', label: 'Mean after' },
      { key: 'change', label: 'Mean change' },
    ],
    rows: instruments.map((instrument) => {
      const pairs = scores
        .filter((score) => score.instrument === instrument)
        .map((score) => ({ before: Number(score.before), after: Number(score.after) }));
      const change = pairedChange(pairs);
      return {
        key: instrument,
        label: instrument.toUpperCase(),
        cells: {
          pairs: count(change.n),
          before: { value: change.meanBefore, people: change.n },
          after: { value: change.meanAfter, people: change.n },
          change: { value: change.meanChange, people: change.n },
        },
      };
    }),
  };
  return {
    title: 'Your services’ evidence',
    headlines: [],
    tables: [services, declineTable, outcomes],
    notes: ['Counts under 5, and figures that would let one be worked out, are not shown.'],
  };
}
