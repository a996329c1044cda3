// The map's figures: boroughs (or the LSOAs of the boroughs in scope) with referrals per 1,000
// residents, IMD 2019 deprivation and unmet needs per 1,000, and the services to plot. The map
// endpoint (map-routes.ts) shades one layer; the 'map' panel is the same figures as tables, so the
// map's table alternative, its CSV and the printed report read one builder.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { ratePer1000 } from '../equity-measures';
import type { InsightFilters, PanelBuilder, RawCell, RawTable } from '../panel';
import type { insightMapLayers, insightMapLevels } from '../schemas';
import { factsConditions, findScopeBoroughs, textArray, toNumber, type ScopeBorough } from './facts-scope';

export type MapLayer = (typeof insightMapLayers)[number];
export type MapLevel = (typeof insightMapLevels)[number];

/** The table column each layer shades by. */
export const layerColumns: Record<MapLayer, string> = {
  referral_rate: 'referralRate',
  imd: 'imd',
  unmet_need: 'unmetNeedRate',
};
/** The count a layer's value rests on (none for deprivation). */
export const layerCounts: Record<MapLayer, string | null> = {
  referral_rate: 'referrals',
  imd: null,
  unmet_need: 'unmetNeeds',
};

type AreaFigures = {
  code: string;
  name: string;
  population: number | null;
  imd: number | null;
  referrals: number;
  unmetNeeds: number;
};

const noPopulation: RawCell = { value: null, reason: 'No population figure for this area' };

function rate(count: number, population: number | null): RawCell {
  const value = ratePer1000(count, population);
  return value === null ? noPopulation : { value, people: count, of: population! };
}

/** Referrals and unmet needs by the person's borough and LSOA: one scan of the facts serves both levels. */
type AreaCounts = {
  boroughCode: string | null;
  lsoaCode: string | null;
  referrals: number;
  unmetNeeds: number;
};

export async function loadAreaCounts(db: Executor, filters: InsightFilters): Promise<AreaCounts[]> {
  const rows = await queryRows<{
    borough_code: string | null;
    lsoa_code: string | null;
    referrals: string | number;
    unmet_needs: string | number;
  }>(
    db,
    sql`select borough_code, lsoa_code, sum(referrals) as referrals, sum(unmet_needs) as unmet_needs from (
        select f.borough_code, f.lsoa_code, count(*) as referrals, 0 as unmet_needs
        from referral_facts f where ${factsConditions(filters)} group by 1, 2
        union all
        select f.borough_code, f.lsoa_code, 0, count(*)
        from unmet_needs u join referral_facts f on f.referral_id = u.referral_id
        where ${factsConditions(filters)} group by 1, 2) counts
      group by 1, 2`,
  );
  return rows.map((row) => ({
    boroughCode: row.borough_code,
    lsoaCode: row.lsoa_code,
    referrals: toNumber(row.referrals),
    unmetNeeds: toNumber(row.unmet_needs),
  }));
}

function sumCounts(counts: AreaCounts[], keyOf: (row: AreaCounts) => string | null) {
  const sums = new Map<string, { referrals: number; unmetNeeds: number }>();
  for (const row of counts) {
    const key = keyOf(row);
    if (key === null) continue;
    const sum = sums.get(key) ?? { referrals: 0, unmetNeeds: 0 };
    sum.referrals += row.referrals;
    sum.unmetNeeds += row.unmetNeeds;
    sums.set(key, sum);
  }
  return sums;
}

async function loadBoroughFigures(
  db: Executor,
  counts: AreaCounts[],
  scope: ScopeBorough[],
): Promise<AreaFigures[]> {
  const byBorough = sumCounts(counts, (row) => row.boroughCode);
  const codes = [...new Set([...scope.map((borough) => borough.code), ...byBorough.keys()])];
  const rows = await queryRows<{
    code: string;
    name: string;
    population: number | null;
    imd: number | string | null;
  }>(
    db,
    sql`select b.code, b.name, bp.population,
        (select sum(l.population * l.imd_decile)::float8 / nullif(sum(l.population), 0)
          from lsoas l where l.borough_code = b.code) as imd
      from boroughs b
      left join borough_population bp on bp.borough_code = b.code and bp.sex = 'all' and bp.age_band = 'all'
      where b.code = any(${textArray(codes)})
      order by b.name`,
  );
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    population: row.population === null ? null : toNumber(row.population),
    imd: row.imd === null ? null : Number(row.imd),
    referrals: byBorough.get(row.code)?.referrals ?? 0,
    unmetNeeds: byBorough.get(row.code)?.unmetNeeds ?? 0,
  }));
}

async function loadLsoaFigures(
  db: Executor,
  counts: AreaCounts[],
  scope: ScopeBorough[],
): Promise<AreaFigures[]> {
  const byLsoa = sumCounts(counts, (row) => row.lsoaCode);
  const rows = await queryRows<{ code: string; name: string; population: number; imd: number }>(
    db,
    sql`select l.code, l.name, l.population, l.imd_decile as imd from lsoas l
      where l.borough_code = any(${textArray(scope.map((borough) => borough.code))})
      order by l.code`,
  );
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    population: toNumber(row.population),
    imd: Number(row.imd),
    referrals: byLsoa.get(row.code)?.referrals ?? 0,
    unmetNeeds: byLsoa.get(row.code)?.unmetNeeds ?? 0,
  }));
}

const descriptions: Record<MapLevel, string> = {
  borough:
    'Referrals received in the period, and the unmet needs recorded for them, per 1,000 residents of the person’s borough (Census 2021 usual residents, ONS TS009; not annualised). Deprivation: the population-weighted mean IMD 2019 decile of the borough’s LSOAs (1 = most deprived tenth of England). Boroughs in scope, and any other borough people were referred from.',
  lsoa: 'Referrals received in the period, and the unmet needs recorded for them, per 1,000 residents of the person’s LSOA (2011; ONS mid-2015 population, the IMD 2019 denominator; not annualised), for the LSOAs of the boroughs in scope. Deprivation: the LSOA’s IMD 2019 decile (1 = most deprived tenth of England).',
};

/**
 * One level's table: every area in scope with its three layers and the counts behind them. Pass
 * `counts` (loadAreaCounts) when building both levels, so the facts are scanned once.
 */
export async function buildMapTable(
  db: Executor,
  filters: InsightFilters,
  level: MapLevel,
  counts?: AreaCounts[],
): Promise<RawTable> {
  const scope = await findScopeBoroughs(db, filters);
  const areaCounts = counts ?? (await loadAreaCounts(db, filters));
  const areas =
    level === 'borough'
      ? await loadBoroughFigures(db, areaCounts, scope)
      : await loadLsoaFigures(db, areaCounts, scope);
  return {
    id: level === 'borough' ? 'boroughs' : 'lsoas',
    title:
      level === 'borough'
        ? 'Referral rate, deprivation and unmet needs by borough'
        : 'Referral rate, deprivation and unmet needs by LSOA',
    description: descriptions[level],
    chart: 'none',
    unit: 'rate_per_1000',
    columns: [
      { key: 'referrals', label: 'Referrals', unit: 'count' },
      { key: 'referralRate', label: 'Referrals per 1,000' },
      { key: 'imd', label: level === 'borough' ? 'Mean IMD decile' : 'IMD decile', unit: 'index' },
      { key: 'unmetNeeds', label: 'Unmet needs', unit: 'count' },
      { key: 'unmetNeedRate', label: 'Unmet needs per 1,000' },
    ],
    rows: areas.map((area) => ({
      key: area.code,
      label: area.name,
      cells: {
        referrals: { value: area.referrals, people: area.referrals },
        referralRate: rate(area.referrals, area.population),
        imd: area.imd === null ? { value: null, reason: 'No IMD figure for this area' } : { value: area.imd },
        unmetNeeds: { value: area.unmetNeeds, people: area.unmetNeeds },
        unmetNeedRate: rate(area.unmetNeeds, area.population),
      },
    })),
  };
}

export type MapService = { id: string; name: string; lat: number; lng: number; taxonomy: string[] };

/**
 * Active services with coordinates, one point each (its first location). At LSOA level only those
 * located in the boroughs in scope, so a borough's map is not buried under the whole directory.
 */
export async function loadMapServices(
  db: Executor,
  filters: InsightFilters,
  level: MapLevel,
): Promise<MapService[]> {
  const inScope =
    level === 'lsoa'
      ? sql`and l.borough_code = any(${textArray((await findScopeBoroughs(db, filters)).map((borough) => borough.code))})`
      : sql``;
  const rows = await queryRows<{
    id: string;
    name: string;
    lat: number;
    lng: number;
    taxonomy: string[] | null;
  }>(
    db,
    sql`select distinct on (s.id) s.id, s.name, sl.latitude as lat, sl.longitude as lng,
        (select array_agg(t.name order by t.name) from service_taxonomy_terms st
          join taxonomy_terms t on t.id = st.taxonomy_term_id where st.service_id = s.id) as taxonomy
      from services s
      join service_search_locations sl on sl.service_id = s.id
      join locations l on l.id = sl.location_id
      where s.status = 'active' ${inScope}
      order by s.id, sl.location_id`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    lat: Number(row.lat),
    lng: Number(row.lng),
    taxonomy: row.taxonomy ?? [],
  }));
}

export const buildMapPanel: PanelBuilder = async (db, filters) => {
  const counts = await loadAreaCounts(db, filters);
  return {
    title: 'Map',
    headlines: [],
    tables: [
      await buildMapTable(db, filters, 'borough', counts),
      await buildMapTable(db, filters, 'lsoa', counts),
    ],
    notes: [
      'The map shades areas by one of these columns; these tables are its accessible alternative.',
      'Areas come from each person’s postcode; referrals with no London postcode have no area and are not mapped (the equity panel counts them).',
    ],
  };
};
