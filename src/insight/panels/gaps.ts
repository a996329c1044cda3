// The gaps panel: where the support runs out. Unmet needs by need × reason and by area, onward
// referrals declined (by reason and by the service's taxonomy), the support types with no service
// taking referrals within reach of where referred people live, services full or with long waits, and
// each service's take-up (referred → accepted → attended → completed). Every figure is about the
// referrals received in the period (the facts the filters select), so the panel agrees with the others.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { haversineKm } from '../../geo';
import { needDomains, type NeedDomain } from '../../vocabulary/needs';
import { declineReasons, unmetNeedReasons } from '../../vocabulary/onward';
import { socialPrescribingTaxonomy, socialWelfareLawTaxonomy } from '../../vocabulary/taxonomy';
import type { InsightFilters, PanelBuilder, RawCell, RawTable } from '../panel';
import { factsConditions, textArray, toNumber } from './facts-scope';

export const defaultWithinKm = 3;

const unmetReasonLabels: Record<(typeof unmetNeedReasons)[number], string> = {
  no_service: 'No suitable service',
  no_capacity: 'No capacity',
  not_eligible: 'Not eligible',
  too_far: 'Too far',
  language: 'Language',
  cost: 'Cost',
  timing: 'Timing',
  other: 'Other',
};

const declineReasonLabels: Record<(typeof declineReasons)[number], string> = {
  at_capacity: 'At capacity',
  not_eligible: 'Not eligible',
  not_appropriate: 'Not appropriate',
  service_closed: 'Service closed',
  person_declined: 'Person declined',
};

const needLabel = (need: string): string => needDomains[need as NeedDomain]?.label ?? need;
const count = (value: number): RawCell => ({ value, people: value });

/** Rows shown by name in long tables; the rest are summed into one "other" row. */
const rowsShown = 20;
/** A stated wait longer than this counts as a long wait. */
export const longWaitDays = 28;

/** A count table from (row, column, n) triples, with a 'total' column and a total row. */
function crossTable(options: {
  table: Omit<RawTable, 'rows' | 'total' | 'columns' | 'unit'>;
  triples: { row: string; column: string; n: number }[];
  rowLabels: (key: string) => string;
  columns: { key: string; label: string }[];
  rowOrder?: string[];
  /** Keep only the largest rows, summing the rest into one row with this label. */
  othersLabel?: string;
}): RawTable {
  const byRow = new Map<string, Map<string, number>>();
  for (const { row, column, n } of options.triples) {
    const cells = byRow.get(row) ?? new Map<string, number>();
    cells.set(column, (cells.get(column) ?? 0) + n);
    byRow.set(row, cells);
  }
  const rowTotal = (key: string) => [...(byRow.get(key)?.values() ?? [])].reduce((sum, n) => sum + n, 0);
  let keys =
    options.rowOrder ?? [...byRow.keys()].sort((a, b) => rowTotal(b) - rowTotal(a) || a.localeCompare(b));
  if (options.othersLabel && keys.length > rowsShown) {
    const others = new Map<string, number>();
    for (const key of keys.slice(rowsShown)) {
      for (const [column, n] of byRow.get(key)!) others.set(column, (others.get(column) ?? 0) + n);
    }
    byRow.set('$others', others);
    keys = [...keys.slice(0, rowsShown), '$others'];
  }
  const cellsOf = (values: Map<string, number> | undefined) => {
    const cells: Record<string, RawCell> = {};
    let total = 0;
    for (const column of options.columns) {
      const n = values?.get(column.key) ?? 0;
      cells[column.key] = count(n);
      total += n;
    }
    cells.total = count(total);
    return cells;
  };
  const totals = new Map<string, number>();
  for (const values of byRow.values()) {
    for (const [column, n] of values) totals.set(column, (totals.get(column) ?? 0) + n);
  }
  return {
    ...options.table,
    unit: 'count',
    columns: [...options.columns, { key: 'total', label: 'Total' }],
    rows: keys.map((key) => ({
      key,
      label: key === '$others' ? options.othersLabel! : options.rowLabels(key),
      cells: cellsOf(byRow.get(key)),
    })),
    total: { label: 'Total', cells: cellsOf(totals) },
  };
}

type Triple = { row: string | null; column: string | null; n: string | number };
const triples = (rows: Triple[], missing = 'unknown') =>
  rows.map((row) => ({ row: row.row ?? missing, column: row.column ?? missing, n: toNumber(row.n) }));

async function unmetNeedTables(db: Executor, filters: InsightFilters): Promise<RawTable[]> {
  const unmet = sql`unmet_needs u join referral_facts f on f.referral_id = u.referral_id
    where ${factsConditions(filters)}`;
  const byReason = await queryRows<Triple>(
    db,
    sql`select u.need as row, u.reason as column, count(*) as n from ${unmet} group by 1, 2`,
  );
  const usedNeeds = [...new Set(byReason.map((row) => row.row!))];
  const needColumns = usedNeeds
    .sort((a, b) => needLabel(a).localeCompare(needLabel(b)))
    .map((need) => ({ key: need, label: needLabel(need) }));
  const byBorough = await queryRows<Triple>(
    db,
    sql`select b.name as row, u.need as column, count(*) as n
      from unmet_needs u join referral_facts f on f.referral_id = u.referral_id
      left join boroughs b on b.code = u.borough_code
      where ${factsConditions(filters)} group by 1, 2`,
  );
  const byDistrict = await queryRows<Triple>(
    db,
    sql`select u.postcode_district as row, u.need as column, count(*) as n from ${unmet} group by 1, 2`,
  );
  const unknownArea = (key: string) => (key === 'unknown' ? 'Unknown / outside London' : key);
  return [
    crossTable({
      table: {
        id: 'unmet-needs',
        title: 'Unmet needs by need and reason',
        description:
          'Needs no suitable, available service could meet, recorded by link workers (or when a provider declined for capacity or eligibility), for referrals received in the period.',
        chart: 'stacked-bar',
      },
      triples: triples(byReason),
      rowLabels: needLabel,
      columns: unmetNeedReasons.map((reason) => ({ key: reason, label: unmetReasonLabels[reason] })),
    }),
    crossTable({
      table: {
        id: 'unmet-needs-by-borough',
        title: 'Unmet needs by borough',
        description: 'The borough of the person’s postcode when the unmet need was recorded.',
        chart: 'stacked-bar',
      },
      triples: triples(byBorough),
      rowLabels: unknownArea,
      columns: needColumns,
    }),
    crossTable({
      table: {
        id: 'unmet-needs-by-district',
        title: 'Unmet needs by postcode district',
        description: `The postcode district of the person’s postcode when the unmet need was recorded; the ${rowsShown} districts with most, then the rest together.`,
        chart: 'stacked-bar',
      },
      triples: triples(byDistrict),
      rowLabels: unknownArea,
      columns: needColumns,
      othersLabel: 'Other districts',
    }),
  ];
}

async function declineTables(db: Executor, filters: InsightFilters): Promise<RawTable[]> {
  const declined = sql`onward_referrals o join referral_facts f on f.referral_id = o.referral_id
    where o.status = 'declined' and ${factsConditions(filters)}`;
  const byReason = await queryRows<Triple>(
    db,
    sql`select o.decline_reason as row, 'declined' as column, count(*) as n from ${declined} group by 1`,
  );
  const byTerm = await queryRows<Triple>(
    db,
    sql`select coalesce(t.name, 'No support type') as row, o.decline_reason as column, count(*) as n
      from onward_referrals o join referral_facts f on f.referral_id = o.referral_id
      left join service_taxonomy_terms st on st.service_id = o.service_id
      left join taxonomy_terms t on t.id = st.taxonomy_term_id
      where o.status = 'declined' and ${factsConditions(filters)}
      group by 1, 2`,
  );
  const reasonColumns = declineReasons.map((reason) => ({ key: reason, label: declineReasonLabels[reason] }));
  const reasonLabel = (key: string) =>
    key === 'unknown'
      ? 'No reason given'
      : (declineReasonLabels[key as (typeof declineReasons)[number]] ?? key);
  const reasons = crossTable({
    table: {
      id: 'declines-by-reason',
      title: 'Onward referrals declined by providers, by reason',
      description: 'Onward referrals (made for referrals received in the period) that the service declined.',
      chart: 'bar',
    },
    triples: triples(byReason),
    rowLabels: reasonLabel,
    columns: [{ key: 'declined', label: 'Declined' }],
    rowOrder: [...declineReasons, ...(byReason.some((row) => row.row === null) ? ['unknown'] : [])],
  });
  // One column is its own total: drop the duplicate.
  reasons.columns = reasons.columns.filter((column) => column.key !== 'total');
  for (const row of [...reasons.rows, reasons.total!]) delete row.cells.total;
  return [
    reasons,
    crossTable({
      table: {
        id: 'declines-by-support-type',
        title: 'Onward referrals declined by the service’s support type and reason',
        description:
          'A service tagged with several support types counts under each, so rows may add up to more than the declines.',
        chart: 'stacked-bar',
      },
      triples: triples(byTerm).map((row) => ({ ...row })),
      rowLabels: (key) => key,
      columns: reasonColumns,
      othersLabel: 'Other support types',
    }),
  ];
}

type SupportTerm = { id: string; name: string; needs: string[]; descendants: Set<string> };

/** The shipped taxonomy terms the need domains point at, each with the needs using it and its descendants. */
async function loadSupportTerms(db: Executor): Promise<SupportTerm[]> {
  const uris = new Map<string, string[]>();
  for (const [need, domain] of Object.entries(needDomains)) {
    for (const term of domain.terms) {
      const taxonomy =
        term.taxonomy === 'linkwell-support' ? socialPrescribingTaxonomy : socialWelfareLawTaxonomy;
      const uri = `${taxonomy.uri}/${term.code}`;
      uris.set(uri, [...(uris.get(uri) ?? []), need]);
    }
  }
  const rows = await queryRows<{
    id: string;
    name: string;
    parent_id: string | null;
    term_uri: string | null;
  }>(
    db,
    sql`select id, name, parent_id, term_uri from taxonomy_terms
      where taxonomy_id in (select taxonomy_id from taxonomy_terms where term_uri = any(${textArray([...uris.keys()])}))`,
  );
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parent_id) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);
  }
  const descendantsOf = (id: string): Set<string> => {
    const found = new Set([id]);
    const queue = [id];
    while (queue.length > 0) {
      for (const child of children.get(queue.pop()!) ?? []) {
        if (!found.has(child)) {
          found.add(child);
          queue.push(child);
        }
      }
    }
    return found;
  };
  return rows
    .filter((row) => row.term_uri !== null && uris.has(row.term_uri))
    .map((row) => ({
      id: row.id,
      name: row.name,
      needs: uris.get(row.term_uri!)!,
      descendants: descendantsOf(row.id),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

type Point = { latitude: number; longitude: number };

/**
 * Points bucketed on a grid of cells at least `km` wide, so "is any point within km of here" looks
 * at the 3 × 3 cells around a place instead of every point. London spans 0.5° of latitude: one
 * longitude scale (at 51.5°N) holds for all of it.
 */
class PointGrid {
  private readonly cells = new Map<string, Point[]>();
  private readonly latitudeStep: number;
  private readonly longitudeStep: number;

  constructor(
    points: Point[],
    private readonly km: number,
  ) {
    this.latitudeStep = Math.max(km, 0.1) / 111;
    this.longitudeStep = Math.max(km, 0.1) / (111 * Math.cos((51.5 * Math.PI) / 180));
    for (const point of points) {
      const key = this.keyOf(
        Math.floor(point.latitude / this.latitudeStep),
        Math.floor(point.longitude / this.longitudeStep),
      );
      this.cells.set(key, [...(this.cells.get(key) ?? []), point]);
    }
  }

  private keyOf(row: number, column: number) {
    return `${row}:${column}`;
  }

  hasPointWithin(place: Point): boolean {
    const row = Math.floor(place.latitude / this.latitudeStep);
    const column = Math.floor(place.longitude / this.longitudeStep);
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        for (const point of this.cells.get(this.keyOf(row + dr, column + dc)) ?? []) {
          if (haversineKm(place, point) <= this.km) return true;
        }
      }
    }
    return false;
  }
}

/**
 * For each support type the needs use: how many referrals are for people living further than
 * `withinKm` from every active service of that type taking referrals (or keeping a waiting list).
 * Kept fast for a year of England's referrals: people are placed at the centre of their LSOA (the
 * mean of its postcodes, about 1,500 residents, a few hundred metres across in London) from the
 * facts' lsoa_code, so no join to people is needed and each LSOA is tested once; referrals are
 * counted, so a person referred twice counts twice. Services are tested at each of their locations
 * through a grid (PointGrid). People with no London postcode cannot be placed and are not counted.
 */
async function coverageTables(db: Executor, filters: InsightFilters): Promise<RawTable[]> {
  const withinKm = filters.withinKm ?? defaultWithinKm;
  const terms = await loadSupportTerms(db);
  const places = await queryRows<{ latitude: number; longitude: number; referrals: string | number }>(
    db,
    sql`with placed as (
        select f.lsoa_code, count(*) as referrals from referral_facts f
        where ${factsConditions(filters)} and f.lsoa_code is not null group by 1),
      centres as (
        select pc.lsoa_code, avg(pc.latitude) as latitude, avg(pc.longitude) as longitude from postcodes pc
        where pc.lsoa_code in (select lsoa_code from placed) group by pc.lsoa_code)
      select c.latitude, c.longitude, p.referrals from placed p join centres c on c.lsoa_code = p.lsoa_code`,
  );
  const serviceRows = await queryRows<{ term_id: string; latitude: number; longitude: number }>(
    db,
    sql`select distinct st.taxonomy_term_id as term_id, l.latitude, l.longitude
      from services s join service_taxonomy_terms st on st.service_id = s.id
      join service_search_locations l on l.service_id = s.id
      where s.status = 'active'
        and st.taxonomy_term_id = any(${textArray([...new Set(terms.flatMap((term) => [...term.descendants]))])}::uuid[])
        and ((s.is_accepting_referrals and coalesce(s.places_available, 1) > 0) or s.accepts_waiting_list)`,
  );
  const points = places.map((place) => ({
    latitude: Number(place.latitude),
    longitude: Number(place.longitude),
    referrals: toNumber(place.referrals),
  }));
  const located = points.reduce((sum, place) => sum + place.referrals, 0);
  const rows = terms.map((term) => {
    const grid = new PointGrid(
      serviceRows.filter((row) => term.descendants.has(row.term_id)),
      withinKm,
    );
    const without = points
      .filter((place) => !grid.hasPointWithin(place))
      .reduce((sum, place) => sum + place.referrals, 0);
    return { term, without };
  });
  const label = (term: SupportTerm) => `${term.name} (${term.needs.map(needLabel).join('; ')})`;
  const description =
    `Referrals received in the period for people living more than ${withinKm} km in a straight line from every ` +
    'active service of this support type (or a narrower one) that is taking referrals or keeps a waiting list. ' +
    'People are placed at the centre of their LSOA (the mean of its postcodes), not their own postcode, so the ' +
    'figures are fast for any number of referrals; a person referred twice counts twice; people with no London ' +
    'postcode cannot be placed and are not counted.';
  return [
    {
      id: 'coverage',
      title: `Support types with no service taking referrals within ${withinKm} km of where referred people live`,
      description,
      chart: 'bar',
      unit: 'share',
      columns: [
        { key: 'share', label: `Share of referrals with none within ${withinKm} km` },
        { key: 'without', label: `Referrals with none within ${withinKm} km`, unit: 'count' },
        { key: 'located', label: 'Referrals placed (LSOA known)', unit: 'count' },
      ],
      rows: rows.map(({ term, without }) => ({
        key: term.id,
        label: label(term),
        cells: {
          share:
            located > 0
              ? { value: without / located, people: without, of: located }
              : { value: null, reason: 'No referral could be placed' },
          without: count(without),
          located: count(located),
        },
      })),
    },
  ];
}

async function serviceTables(db: Executor, filters: InsightFilters): Promise<RawTable[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    is_accepting_referrals: boolean;
    accepts_waiting_list: boolean;
    places_available: number | null;
    waiting_time_days: number | null;
    referred: string | number;
    accepted: string | number;
    waitlisted: string | number;
    declined_at_capacity: string | number;
    attended: string | number;
    completed: string | number;
    median_wait_days: number | string | null;
    started: string | number;
  }>(
    db,
    sql`select s.id, s.name, s.is_accepting_referrals, s.accepts_waiting_list, s.places_available,
        s.waiting_time_days,
        count(*) as referred,
        count(*) filter (where o.status in ('accepted', 'started', 'completed', 'dropped_out')) as accepted,
        count(*) filter (where o.status = 'waitlisted') as waitlisted,
        count(*) filter (where o.status = 'declined' and o.decline_reason = 'at_capacity') as declined_at_capacity,
        count(*) filter (where exists (select 1 from attendances a
          where a.onward_referral_id = o.id and a.status = 'attended')) as attended,
        count(*) filter (where o.status = 'completed') as completed,
        count(o.started_at) as started,
        percentile_cont(0.5) within group (order by extract(epoch from o.started_at - o.sent_at) / 86400)
          filter (where o.started_at is not null) as median_wait_days
      from onward_referrals o join referral_facts f on f.referral_id = o.referral_id
      join services s on s.id = o.service_id
      where ${factsConditions(filters)}
      group by s.id, s.name, s.is_accepting_referrals, s.accepts_waiting_list, s.places_available,
        s.waiting_time_days
      order by count(*) desc, s.name`,
  );
  const services = rows.map((row) => ({
    ...row,
    referred: toNumber(row.referred),
    accepted: toNumber(row.accepted),
    waitlisted: toNumber(row.waitlisted),
    declinedAtCapacity: toNumber(row.declined_at_capacity),
    attended: toNumber(row.attended),
    completed: toNumber(row.completed),
    started: toNumber(row.started),
    medianWaitDays: row.median_wait_days === null ? null : Number(row.median_wait_days),
    isFull: !row.is_accepting_referrals || row.places_available === 0,
  }));
  const stretched = services.filter(
    (service) =>
      service.isFull ||
      service.waitlisted > 0 ||
      service.declinedAtCapacity > 0 ||
      (service.waiting_time_days ?? 0) > longWaitDays,
  );
  const statusOf = (service: (typeof services)[number]) =>
    service.isFull
      ? service.accepts_waiting_list
        ? 'full, waiting list open'
        : 'full, not taking referrals'
      : (service.waiting_time_days ?? 0) > longWaitDays
        ? `about ${service.waiting_time_days} days’ wait`
        : 'taking referrals';
  const shown = services.slice(0, rowsShown);
  const others = services.slice(rowsShown);
  const sum = (list: typeof services, key: 'referred' | 'accepted' | 'attended' | 'completed') =>
    list.reduce((total, service) => total + service[key], 0);
  const takeUpCells = (list: typeof services) => ({
    referred: count(sum(list, 'referred')),
    accepted: count(sum(list, 'accepted')),
    attended: count(sum(list, 'attended')),
    completed: count(sum(list, 'completed')),
  });
  return [
    {
      id: 'services-at-capacity',
      title: 'Services at capacity or with long waits',
      description: `Services the programme referred to that are full (not taking referrals, or no places left), state a wait over ${longWaitDays} days, or have onward referrals on their waiting list or declined as at capacity. Status as the directory shows it now.`,
      chart: 'bar',
      unit: 'count',
      columns: [
        { key: 'waitlisted', label: 'On the waiting list now' },
        { key: 'declinedAtCapacity', label: 'Declined: at capacity' },
      ],
      rows: stretched.map((service) => ({
        key: service.id,
        label: `${service.name} (${statusOf(service)})`,
        cells: {
          waitlisted: count(service.waitlisted),
          declinedAtCapacity: count(service.declinedAtCapacity),
        },
      })),
    },
    {
      id: 'service-waits',
      title: 'Waits for services',
      description:
        'The wait each service states in the directory, and the median days from an onward referral being sent to the person starting, for onward referrals that started.',
      chart: 'bar',
      unit: 'days',
      columns: [
        { key: 'stated', label: 'Stated wait (days)' },
        { key: 'median', label: 'Median days to start' },
      ],
      rows: services
        .filter((service) => service.waiting_time_days !== null || service.medianWaitDays !== null)
        .slice(0, rowsShown)
        .map((service) => ({
          key: service.id,
          label: service.name,
          cells: {
            stated:
              service.waiting_time_days === null
                ? { value: null, reason: 'Not stated' }
                : { value: service.waiting_time_days },
            median:
              service.medianWaitDays === null
                ? { value: null, reason: 'No one has started yet' }
                : { value: service.medianWaitDays, people: service.started },
          },
        })),
    },
    {
      id: 'service-take-up',
      title: 'Take-up of each service',
      description: `Onward referrals to each service (made for referrals received in the period): accepted (accepted, started, completed or dropped out after starting), attended at least one session, completed. The ${rowsShown} services referred to most, then the rest together.`,
      chart: 'funnel',
      unit: 'count',
      columns: [
        { key: 'referred', label: 'Referred' },
        { key: 'accepted', label: 'Accepted' },
        { key: 'attended', label: 'Attended' },
        { key: 'completed', label: 'Completed' },
      ],
      rows: [
        ...shown.map((service) => ({ key: service.id, label: service.name, cells: takeUpCells([service]) })),
        ...(others.length > 0
          ? [{ key: 'others', label: 'Other services', cells: takeUpCells(others) }]
          : []),
      ],
      total: { label: 'All services', cells: takeUpCells(services) },
    },
  ];
}

export const buildGapsPanel: PanelBuilder = async (db, filters) => {
  const tables = [
    ...(await unmetNeedTables(db, filters)),
    ...(await declineTables(db, filters)),
    ...(await coverageTables(db, filters)),
    ...(await serviceTables(db, filters)),
  ];
  return {
    title: 'Gaps',
    headlines: [],
    tables,
    notes: [
      'Every figure is about referrals received in the period, and the unmet needs, onward referrals and attendance that followed them.',
      `Distances are straight lines (haversine) from the centre of the person’s LSOA; within ${filters.withinKm ?? defaultWithinKm} km (query withinKm; default ${defaultWithinKm}).`,
    ],
  };
};
