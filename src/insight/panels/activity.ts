// The activity panel: how many referrals arrive, from where, how far they get, how fast first contact
// happens, who carries the open cases, where people are referred on, how providers answer, progress
// against reach targets and which referrals were not appropriate. Every figure is a GROUP BY over
// referral_facts (kept current by triggers, migration 0021), joined to onward referrals, users and
// the directory where needed, with the filters bound as parameters. Suppression happens in the routes.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { readTogether } from '../../db/read-together';
import { readProgrammeSettings } from '../../programmes/settings';
import { closureReasons, rejectionReasons, type SourceType } from '../../vocabulary/referral';
import { closureReasonLabels, monthLabel, rejectionReasonLabels, sourceTypeLabels } from '../labels';
import type { InsightFilters, PanelBuilder, RawCell, RawPanel, RawTable } from '../panel';
import { factsConditions, toNumber, uuidArray } from './facts-scope';

const count = (value: number): RawCell => ({ value, people: value });
const share = (people: number, of: number): RawCell => ({ value: of === 0 ? null : people / of, people, of });
const statistic = (value: number | null, people: number): RawCell => ({ value, people });

/** Statuses of an open case (on someone's caseload or waiting to be). */
const openStatuses = ['accepted', 'contacting', 'in_progress', 'on_hold'];
/** A provider said yes to an onward referral (whatever happened after). */
const providerAcceptedStatuses = ['accepted', 'waitlisted', 'started', 'completed', 'dropped_out'];
const topOrganisations = 10;
const topServices = 15;

/** The filters without the period: for what is true now (open caseloads). */
function currentConditions(filters: InsightFilters, alias = 'f'): SQL {
  const f = sql.raw(alias);
  const conditions = [sql`${f}.programme_id = any(${uuidArray(filters.programmeIds)})`];
  if (filters.borough) conditions.push(sql`${f}.borough_code = ${filters.borough}`);
  if (filters.source) conditions.push(sql`${f}.source_type = ${filters.source}`);
  return sql.join(conditions, sql` and `);
}

/** Onward referrals sent in the period by the programmes in scope, for people the filters select. */
function onwardConditions(filters: InsightFilters): SQL {
  const conditions = [
    sql`o.programme_id = any(${uuidArray(filters.programmeIds)})`,
    sql`o.sent_at >= ${filters.start.toISOString()}::timestamptz`,
    sql`o.sent_at < ${filters.end.toISOString()}::timestamptz`,
  ];
  if (filters.borough) conditions.push(sql`f.borough_code = ${filters.borough}`);
  if (filters.source) conditions.push(sql`f.source_type = ${filters.source}`);
  return sql.join(conditions, sql` and `);
}

/** Every month of the period, as YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** The median of values given as a histogram (value → how many), as percentile_cont(0.5) would. */
export function medianOfHistogram(histogram: readonly { value: number; n: number }[]): number | null {
  const sorted = [...histogram].filter((bin) => bin.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, bin) => sum + bin.n, 0);
  if (total === 0) return null;
  const at = (position: number) => {
    let seen = 0;
    for (const bin of sorted) {
      seen += bin.n;
      if (position < seen) return bin.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

async function referralsByMonthAndSource(db: Executor, filters: InsightFilters): Promise<RawTable> {
  const rows = await queryRows<{ month: string; source: SourceType; n: number | string }>(
    db,
    sql`select to_char(f.received_at at time zone 'Europe/London', 'YYYY-MM') as month,
        f.source_type as source, count(*) as n
      from referral_facts f where ${factsConditions(filters)} group by 1, 2`,
  );
  const sources = [...new Set(rows.map((row) => row.source))].sort(
    (a, b) => Object.keys(sourceTypeLabels).indexOf(a) - Object.keys(sourceTypeLabels).indexOf(b),
  );
  const byMonth = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const cells = byMonth.get(row.month) ?? new Map<string, number>();
    cells.set(row.source, toNumber(row.n));
    byMonth.set(row.month, cells);
  }
  const cellsFor = (of: (source: SourceType) => number) => {
    const cells: Record<string, RawCell> = {};
    let total = 0;
    for (const source of sources) {
      const n = of(source);
      cells[source] = count(n);
      total += n;
    }
    cells.total = count(total);
    return cells;
  };
  return {
    id: 'by-month-source',
    title: 'Referrals received each month, by source',
    description: 'Referrals received in each calendar month (London time), by where they came from.',
    chart: 'stacked-bar',
    unit: 'count',
    columns: [
      ...sources.map((source) => ({ key: source, label: sourceTypeLabels[source] })),
      { key: 'total', label: 'All sources' },
    ],
    rows: monthsOf(filters.from, filters.to).map((month) => ({
      key: month,
      label: monthLabel(month),
      cells: cellsFor((source) => byMonth.get(month)?.get(source) ?? 0),
    })),
    total: {
      label: 'Whole period',
      cells: cellsFor((source) =>
        rows.filter((row) => row.source === source).reduce((sum, row) => sum + toNumber(row.n), 0),
      ),
    },
  };
}

async function referralsByOrganisation(db: Executor, filters: InsightFilters): Promise<RawTable> {
  const rows = await queryRows<{ id: string | null; name: string | null; n: number | string }>(
    db,
    sql`select f.referring_organisation_id as id, o.name, count(*) as n
      from referral_facts f left join organisations o on o.id = f.referring_organisation_id
      where ${factsConditions(filters)}
      group by 1, 2 order by count(*) desc, o.name, f.referring_organisation_id`,
  );
  const named = rows.filter((row) => row.id !== null);
  const top = named.slice(0, topOrganisations);
  const others = named.slice(topOrganisations).reduce((sum, row) => sum + toNumber(row.n), 0);
  const withoutOrganisation = toNumber(rows.find((row) => row.id === null)?.n);
  const total = rows.reduce((sum, row) => sum + toNumber(row.n), 0);
  return {
    id: 'by-organisation',
    title: 'Referrals by referring organisation',
    description: `The ${topOrganisations} organisations that referred most, then all others together; self-referrals and referrals made by programme staff have no referring organisation.`,
    chart: 'bar',
    unit: 'count',
    columns: [{ key: 'referrals', label: 'Referrals' }],
    rows: [
      ...top.map((row) => ({
        key: row.id!,
        label: row.name ?? 'Unknown',
        cells: { referrals: count(toNumber(row.n)) },
      })),
      ...(named.length > topOrganisations
        ? [{ key: 'others', label: 'Other organisations', cells: { referrals: count(others) } }]
        : []),
      { key: 'none', label: 'No referring organisation', cells: { referrals: count(withoutOrganisation) } },
    ],
    total: { label: 'All referrals', cells: { referrals: count(total) } },
  };
}

const funnelStages = [
  { key: 'received', label: 'Received', condition: sql`true` },
  { key: 'accepted', label: 'Accepted', condition: sql`f.accepted_at is not null` },
  { key: 'first_contact', label: 'First contact made', condition: sql`f.first_contact_at is not null` },
  { key: 'engaged', label: 'Engaged (support under way)', condition: sql`f.engaged_at is not null` },
  { key: 'connected', label: 'Connected to a service', condition: sql`f.connected_at is not null` },
  { key: 'completed', label: 'Completed', condition: sql`f.completed_at is not null` },
];

async function funnel(db: Executor, filters: InsightFilters): Promise<{ table: RawTable; received: number }> {
  // Each stage counts referrals that reached it and every stage before it, so the stages nest and the
  // drop-off between two stages is a plain difference (which suppression then protects).
  const reached = funnelStages.map((_, index) =>
    sql.join(
      funnelStages.slice(0, index + 1).map((stage) => stage.condition),
      sql` and `,
    ),
  );
  const [row] = await queryRows<Record<string, number | string>>(
    db,
    sql`select ${sql.join(
      funnelStages.map(
        (stage, index) => sql`count(*) filter (where ${reached[index]}) as ${sql.identifier(stage.key)}`,
      ),
      sql`, `,
    )} from referral_facts f where ${factsConditions(filters)}`,
  );
  const counts = funnelStages.map((stage) => toNumber(row?.[stage.key]));
  const received = counts[0] ?? 0;
  const table: RawTable = {
    id: 'funnel',
    title: 'From referral to completion',
    description:
      'Referrals received in the period and how far they have got. Each stage counts referrals that reached it and every stage before it; "did not reach this stage" is the difference from the stage before; shares are of referrals received. A case can complete without a connection to a service: it then stops at "Engaged".',
    chart: 'funnel',
    unit: 'count',
    columns: [
      { key: 'count', label: 'Referrals' },
      { key: 'dropped', label: 'Did not reach this stage' },
      { key: 'share', label: 'Share of received', unit: 'share' },
    ],
    rows: funnelStages.map((stage, index) => {
      const cells: Record<string, RawCell> =
        index === 0
          ? { count: count(received), share: share(received, received) }
          : {
              count: count(counts[index]!),
              dropped: count(counts[index - 1]! - counts[index]!),
              share: share(counts[index]!, received),
            };
      return { key: stage.key, label: stage.label, cells };
    }),
    sums: funnelStages.slice(1).map((stage, index) => ({
      total: { row: funnelStages[index]!.key, column: 'count' },
      parts: [
        { row: stage.key, column: 'count' },
        { row: stage.key, column: 'dropped' },
      ],
    })),
  };
  return { table, received };
}

async function reasons(
  db: Executor,
  filters: InsightFilters,
  column: 'rejection_reason' | 'closure_reason',
): Promise<RawTable> {
  const rows = await queryRows<{ reason: string; n: number | string }>(
    db,
    sql`select ${sql.identifier(column)} as reason, count(*) as n from referral_facts f
      where ${factsConditions(filters)} and ${sql.identifier(column)} is not null group by 1`,
  );
  const n = (reason: string) => toNumber(rows.find((row) => row.reason === reason)?.n);
  const isRejection = column === 'rejection_reason';
  const vocabulary: readonly string[] = isRejection ? rejectionReasons : closureReasons;
  const labels: Record<string, string> = isRejection ? rejectionReasonLabels : closureReasonLabels;
  return {
    id: isRejection ? 'rejection-reasons' : 'closure-reasons',
    title: isRejection ? 'Why referrals were not accepted' : 'Why cases closed',
    description: isRejection
      ? 'Referrals received in the period that were rejected, by the reason recorded.'
      : 'Referrals received in the period whose case has closed (completed or not), by the reason recorded.',
    chart: 'bar',
    unit: 'count',
    columns: [{ key: 'referrals', label: 'Referrals' }],
    rows: vocabulary.map((reason) => ({
      key: reason,
      label: labels[reason] ?? reason,
      cells: { referrals: count(n(reason)) },
    })),
    total: {
      label: 'All',
      cells: { referrals: count(vocabulary.reduce((sum, reason) => sum + n(reason), 0)) },
    },
  };
}

/**
 * Weekdays from Monday 3 January 2000 up to and including `day` (a date expression), in closed form so
 * a year of referrals costs no more than counting them: the difference of two is the working days
 * after the first day up to the second (bank holidays not excluded).
 */
function weekdaysTo(day: SQL): SQL {
  const days = sql`(${day} - date '2000-01-03')`;
  return sql`(floor(${days} / 7.0)::int * 5 + least(((${days} % 7) + 7) % 7 + 1, 5))`;
}

type ProgrammeFacts = { id: string; name: string; settings: unknown };

async function timeToFirstContact(
  db: Executor,
  filters: InsightFilters,
  programmes: ProgrammeFacts[],
): Promise<{ table: RawTable; headlines: RawPanel['headlines'] }> {
  // Working days from acceptance to first contact: London weekdays after the day of acceptance up to
  // and including the day of contact. Bank holidays are not excluded here (an approximation that
  // can only make a case look slower, by a day).
  const rows = await queryRows<{ programme_id: string; days: number | string; n: number | string }>(
    db,
    sql`select x.programme_id, greatest(${weekdaysTo(sql`x.contacted`)} - ${weekdaysTo(sql`x.accepted`)}, 0) as days,
        count(*) as n from (
        select f.programme_id, (f.accepted_at at time zone 'Europe/London')::date as accepted,
          (f.first_contact_at at time zone 'Europe/London')::date as contacted
        from referral_facts f
        where ${factsConditions(filters)} and f.accepted_at is not null and f.first_contact_at is not null
      ) x group by 1, 2`,
  );
  const histogramOf = (programmeId: string | null) =>
    rows
      .filter((row) => programmeId === null || row.programme_id === programmeId)
      .map((row) => ({ value: toNumber(row.days), n: toNumber(row.n) }));
  const targetOf = (programme: ProgrammeFacts) =>
    readProgrammeSettings(programme.settings).firstContactWorkingDays;
  let allWithin = 0;
  let allContacted = 0;
  const tableRows = programmes.map((programme) => {
    const histogram = histogramOf(programme.id);
    const contacted = histogram.reduce((sum, bin) => sum + bin.n, 0);
    const within = histogram
      .filter((bin) => bin.value <= targetOf(programme))
      .reduce((sum, bin) => sum + bin.n, 0);
    allWithin += within;
    allContacted += contacted;
    return {
      key: programme.id,
      label: programme.name,
      cells: {
        contacted: count(contacted),
        median: statistic(medianOfHistogram(histogram), contacted),
        target: { value: targetOf(programme) },
        within: share(within, contacted),
      },
    };
  });
  const overallMedian = medianOfHistogram(histogramOf(null));
  return {
    table: {
      id: 'first-contact',
      title: 'Time from acceptance to first contact',
      description:
        'Accepted referrals received in the period with a first contact recorded. Working days are London weekdays after the day of acceptance up to the day of contact; bank holidays are not excluded (an approximation). The target is each programme’s setting.',
      chart: 'bar',
      unit: 'days',
      columns: [
        { key: 'contacted', label: 'Contacted', unit: 'count' },
        { key: 'median', label: 'Median working days', unit: 'days' },
        { key: 'target', label: 'Target (working days)', unit: 'days' },
        { key: 'within', label: 'Share within target', unit: 'share' },
      ],
      rows: tableRows,
    },
    headlines: [
      {
        id: 'median-first-contact',
        label: 'Median working days to first contact',
        unit: 'days',
        method:
          'Median over accepted referrals with a first contact, weekdays only (bank holidays not excluded).',
        cell: statistic(overallMedian, allContacted),
      },
      {
        id: 'first-contact-within-target',
        label: 'First contact within the programme’s target',
        unit: 'share',
        method: 'Share of contacted referrals whose first contact came within their programme’s target.',
        cell: share(allWithin, allContacted),
      },
    ],
  };
}

async function caseloads(db: Executor, filters: InsightFilters): Promise<RawTable> {
  const rows = await queryRows<{ id: string | null; name: string | null; n: number | string }>(
    db,
    sql`select r.assigned_link_worker_id as id, u.name, count(*) as n
      from referrals r join referral_facts f on f.referral_id = r.id
      left join users u on u.id = r.assigned_link_worker_id
      where ${currentConditions(filters)} and r.status in (${sql.join(
        openStatuses.map((status) => sql`${status}`),
        sql`, `,
      )})
      group by 1, 2 order by count(*) desc, u.name`,
  );
  const assigned = rows.filter((row) => row.id !== null);
  const unassigned = toNumber(rows.find((row) => row.id === null)?.n);
  return {
    id: 'caseloads',
    title: 'Open cases per link worker',
    description:
      'Cases open today (accepted, contacting, in progress or on hold), whatever the period, by the link worker they are assigned to. Outside the programme’s own team, link workers are numbered, not named.',
    chart: 'bar',
    unit: 'count',
    anonymiseRowsAs: 'Link worker',
    keepLabelsOf: ['unassigned'],
    columns: [{ key: 'open', label: 'Open cases' }],
    rows: [
      ...assigned.map((row) => ({
        key: row.id!,
        label: row.name ?? 'Unknown',
        cells: { open: count(toNumber(row.n)) },
      })),
      ...(unassigned > 0
        ? [{ key: 'unassigned', label: 'Not yet assigned', cells: { open: count(unassigned) } }]
        : []),
    ],
    total: {
      label: 'All open cases',
      cells: { open: count(rows.reduce((sum, row) => sum + toNumber(row.n), 0)) },
    },
  };
}

async function onwardByService(db: Executor, filters: InsightFilters): Promise<RawTable> {
  const rows = await queryRows<{ id: string; name: string; n: number | string; accepted: number | string }>(
    db,
    sql`select s.id, s.name, count(*) as n,
        count(*) filter (where o.status in (${sql.join(
          providerAcceptedStatuses.map((status) => sql`${status}`),
          sql`, `,
        )})) as accepted
      from onward_referrals o join referral_facts f on f.referral_id = o.referral_id
      join services s on s.id = o.service_id
      where ${onwardConditions(filters)}
      group by 1, 2 order by count(*) desc, s.name`,
  );
  const top = rows.slice(0, topServices);
  const rest = rows.slice(topServices);
  const sum = (list: typeof rows, key: 'n' | 'accepted') =>
    list.reduce((total, row) => total + toNumber(row[key]), 0);
  const cells = (list: typeof rows) => ({
    sent: count(sum(list, 'n')),
    accepted: count(sum(list, 'accepted')),
  });
  return {
    id: 'onward-by-service',
    title: 'Onward referrals by service',
    description: `Onward referrals sent in the period, for the ${topServices} services sent most, then all others; accepted counts those the provider accepted or put on a waiting list.`,
    chart: 'bar',
    unit: 'count',
    columns: [
      { key: 'sent', label: 'Sent' },
      { key: 'accepted', label: 'Accepted by the provider' },
    ],
    rows: [
      ...top.map((row) => ({ key: row.id, label: row.name, cells: cells([row]) })),
      ...(rest.length > 0 ? [{ key: 'others', label: 'Other services', cells: cells(rest) }] : []),
    ],
    total: { label: 'All onward referrals', cells: cells(rows) },
  };
}

async function onwardByTaxonomy(db: Executor, filters: InsightFilters): Promise<RawTable> {
  const rows = await queryRows<{ id: string; name: string; n: number | string }>(
    db,
    sql`select t.id, t.name, count(distinct o.id) as n
      from onward_referrals o join referral_facts f on f.referral_id = o.referral_id
      join service_taxonomy_terms st on st.service_id = o.service_id
      join taxonomy_terms t on t.id = st.taxonomy_term_id
      where ${onwardConditions(filters)}
      group by 1, 2 order by count(distinct o.id) desc, t.name limit ${topServices}`,
  );
  return {
    id: 'onward-by-taxonomy',
    title: 'Onward referrals by kind of support',
    description: `Onward referrals sent in the period by the directory terms of the service (the ${topServices} most used). A service can carry several terms, so the rows do not add up to the number of referrals.`,
    chart: 'bar',
    unit: 'count',
    columns: [{ key: 'sent', label: 'Sent' }],
    rows: rows.map((row) => ({ key: row.id, label: row.name, cells: { sent: count(toNumber(row.n)) } })),
  };
}

async function providerResponses(db: Executor, filters: InsightFilters): Promise<RawTable> {
  const accepted = sql.join(
    providerAcceptedStatuses.map((status) => sql`${status}`),
    sql`, `,
  );
  const rows = await queryRows<{
    id: string;
    name: string;
    sent: number | string;
    answered: number | string;
    accepted: number | string;
    started: number | string;
    median_reply: number | string | null;
    median_wait: number | string | null;
  }>(
    db,
    sql`select org.id, org.name, count(*) as sent,
        count(*) filter (where o.status = 'declined' or o.status in (${accepted})) as answered,
        count(*) filter (where o.status in (${accepted})) as accepted,
        count(*) filter (where o.started_at is not null) as started,
        percentile_cont(0.5) within group (order by extract(epoch from o.responded_at - o.sent_at) / 86400)
          filter (where o.responded_at is not null) as median_reply,
        percentile_cont(0.5) within group (order by extract(epoch from o.started_at - o.sent_at) / 86400)
          filter (where o.started_at is not null) as median_wait
      from onward_referrals o join referral_facts f on f.referral_id = o.referral_id
      join organisations org on org.id = o.provider_organisation_id
      where ${onwardConditions(filters)}
      group by 1, 2 order by count(*) desc, org.name limit ${topServices}`,
  );
  const replied = (row: (typeof rows)[number]) => toNumber(row.answered);
  return {
    id: 'provider-responses',
    title: 'How providers answer onward referrals',
    description:
      'Per provider organisation (the most sent to): onward referrals sent in the period; the share accepted of those answered; median calendar days from sending to the provider’s answer, and to the person starting.',
    chart: 'bar',
    unit: 'days',
    columns: [
      { key: 'sent', label: 'Sent', unit: 'count' },
      { key: 'acceptance', label: 'Accepted (of answered)', unit: 'share' },
      { key: 'reply', label: 'Median days to answer', unit: 'days' },
      { key: 'wait', label: 'Median days to start', unit: 'days' },
    ],
    rows: rows.map((row) => ({
      key: row.id,
      label: row.name,
      cells: {
        sent: count(toNumber(row.sent)),
        acceptance: share(toNumber(row.accepted), replied(row)),
        reply: statistic(row.median_reply === null ? null : toNumber(row.median_reply), replied(row)),
        wait: statistic(row.median_wait === null ? null : toNumber(row.median_wait), toNumber(row.started)),
      },
    })),
  };
}

async function reachProgress(
  db: Executor,
  filters: InsightFilters,
  programmes: ProgrammeFacts[],
): Promise<RawTable> {
  const targets = await queryRows<{
    programme_id: string;
    organisation_id: string | null;
    organisation_name: string | null;
    people_per_year: number;
  }>(
    db,
    sql`select t.programme_id, t.organisation_id, o.name as organisation_name, t.people_per_year
      from reach_targets t left join organisations o on o.id = t.organisation_id
      where t.programme_id = any(${uuidArray(filters.programmeIds)})
      order by t.organisation_id nulls first, o.name`,
  );
  // Reach is people, not referrals: someone referred twice in the period counts once. The borough
  // and source filters are not applied, because targets are set for the whole programme or practice.
  const reached = await queryRows<{
    programme_id: string;
    organisation_id: string | null;
    people: number | string;
  }>(
    db,
    sql`select r.programme_id, r.referring_organisation_id as organisation_id, count(distinct r.person_id) as people
      from referrals r
      where r.programme_id = any(${uuidArray(filters.programmeIds)})
        and r.received_at >= ${filters.start.toISOString()}::timestamptz
        and r.received_at < ${filters.end.toISOString()}::timestamptz
      group by 1, 2`,
  );
  const peopleFor = (programmeId: string, organisationId: string) =>
    toNumber(
      reached.find((row) => row.programme_id === programmeId && row.organisation_id === organisationId)
        ?.people,
    );
  // A person referred by two organisations counts for each, but once for the programme: its own query.
  const programmeWide = await queryRows<{ programme_id: string; people: number | string }>(
    db,
    sql`select r.programme_id, count(distinct r.person_id) as people from referrals r
      where r.programme_id = any(${uuidArray(filters.programmeIds)})
        and r.received_at >= ${filters.start.toISOString()}::timestamptz
        and r.received_at < ${filters.end.toISOString()}::timestamptz
      group by 1`,
  );
  const periodDays = (filters.end.getTime() - filters.start.getTime()) / 86_400_000;
  const nameOf = new Map(programmes.map((programme) => [programme.id, programme.name]));
  return {
    id: 'reach',
    title: 'Reach against targets',
    description:
      'People referred in the period (each person once) against the yearly target set by the programme, pro rata for the length of the period; targets may be set for the whole programme and for each referring organisation. Borough and source filters do not apply.',
    chart: 'bar',
    unit: 'people',
    columns: [
      { key: 'target', label: 'Target per year', unit: 'people' },
      { key: 'expected', label: 'Target for the period', unit: 'people' },
      { key: 'people', label: 'People referred', unit: 'people' },
      { key: 'progress', label: 'Progress', unit: 'share' },
    ],
    rows: targets.map((target) => {
      const people =
        target.organisation_id === null
          ? toNumber(programmeWide.find((row) => row.programme_id === target.programme_id)?.people)
          : peopleFor(target.programme_id, target.organisation_id);
      const expected = Math.round((target.people_per_year * periodDays) / 365.25);
      return {
        key: `${target.programme_id}:${target.organisation_id ?? 'programme'}`,
        label:
          target.organisation_id === null
            ? `${nameOf.get(target.programme_id) ?? 'Programme'} (whole programme)`
            : `${target.organisation_name ?? 'Organisation'} (${nameOf.get(target.programme_id) ?? 'programme'})`,
        cells: {
          // A target is not a count of people, so it rests on none and is never suppressed.
          target: { value: target.people_per_year, people: 0 },
          expected: { value: expected, people: 0 },
          people: count(people),
          progress: statistic(expected === 0 ? null : people / expected, people),
        },
      };
    }),
  };
}

const inappropriateReasons = ['not_appropriate', 'ineligible', 'needs_clinical_care'] as const;

async function inappropriateReferrals(db: Executor, filters: InsightFilters): Promise<RawTable> {
  const rows = await queryRows<{
    id: string | null;
    name: string | null;
    reason: string;
    n: number | string;
  }>(
    db,
    sql`select f.referring_organisation_id as id, o.name, f.rejection_reason as reason, count(*) as n
      from referral_facts f left join organisations o on o.id = f.referring_organisation_id
      where ${factsConditions(filters)} and f.rejection_reason in (${sql.join(
        inappropriateReasons.map((reason) => sql`${reason}`),
        sql`, `,
      )})
      group by 1, 2, 3`,
  );
  const organisations = new Map<string, { label: string; counts: Map<string, number> }>();
  for (const row of rows) {
    const key = row.id ?? 'none';
    const entry = organisations.get(key) ?? {
      label: row.id === null ? 'No referring organisation' : (row.name ?? 'Unknown'),
      counts: new Map<string, number>(),
    };
    entry.counts.set(row.reason, toNumber(row.n));
    organisations.set(key, entry);
  }
  const cellsFor = (of: (reason: string) => number) => {
    const cells: Record<string, RawCell> = {};
    let total = 0;
    for (const reason of inappropriateReasons) {
      cells[reason] = count(of(reason));
      total += of(reason);
    }
    cells.total = count(total);
    return cells;
  };
  const tableRows = [...organisations.entries()]
    .map(([key, entry]) => ({
      key,
      label: entry.label,
      cells: cellsFor((reason) => entry.counts.get(reason) ?? 0),
    }))
    .sort(
      (a, b) => (b.cells.total?.value ?? 0) - (a.cells.total?.value ?? 0) || a.label.localeCompare(b.label),
    );
  return {
    id: 'inappropriate',
    title: 'Referrals not appropriate for the programme',
    description:
      'Referrals received in the period and rejected as not appropriate for social prescribing, not eligible, or needing clinical care first, by referring organisation.',
    chart: 'stacked-bar',
    unit: 'count',
    columns: [
      ...inappropriateReasons.map((reason) => ({ key: reason, label: rejectionReasonLabels[reason] })),
      { key: 'total', label: 'All three' },
    ],
    rows: tableRows,
    total: {
      label: 'All organisations',
      cells: cellsFor((reason) =>
        rows.filter((row) => row.reason === reason).reduce((sum, row) => sum + toNumber(row.n), 0),
      ),
    },
  };
}

export const buildActivityPanel: PanelBuilder = async (db, filters) => {
  const programmes = await queryRows<ProgrammeFacts>(
    db,
    sql`select id, name, settings from programmes where id = any(${uuidArray(filters.programmeIds)}) order by name, id`,
  );
  // Independent GROUP BYs: side by side on the pool (PostgreSQL), one after another in a
  // transaction or on PGlite (readTogether).
  const [
    byMonth,
    byOrganisation,
    { table: funnelTable, received },
    rejections,
    closures,
    firstContact,
    caseloadTable,
    onwardServices,
    onwardTaxonomy,
    providers,
    reach,
    inappropriate,
  ] = await readTogether(db, [
    () => referralsByMonthAndSource(db, filters),
    () => referralsByOrganisation(db, filters),
    () => funnel(db, filters),
    () => reasons(db, filters, 'rejection_reason'),
    () => reasons(db, filters, 'closure_reason'),
    () => timeToFirstContact(db, filters, programmes),
    () => caseloads(db, filters),
    () => onwardByService(db, filters),
    () => onwardByTaxonomy(db, filters),
    () => providerResponses(db, filters),
    () => reachProgress(db, filters, programmes),
    () => inappropriateReferrals(db, filters),
  ]);
  return {
    title: 'Activity',
    headlines: [
      {
        id: 'referrals',
        label: 'Referrals received',
        unit: 'count',
        method: 'Referrals received in the period for the programmes and filters chosen.',
        cell: count(received),
      },
      ...firstContact.headlines,
    ],
    tables: [
      byMonth,
      byOrganisation,
      funnelTable,
      rejections,
      closures,
      firstContact.table,
      caseloadTable,
      onwardServices,
      onwardTaxonomy,
      providers,
      reach,
      inappropriate,
    ],
    notes: [
      'Working days to first contact count London weekdays; bank holidays are not excluded.',
      'Open caseloads are as of today, whatever the period chosen.',
    ],
  };
};
