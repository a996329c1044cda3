// GET /api/insight/map: one layer of the map's figures for the areas in scope, the services to plot
// and a key. The figures are the 'map' panel's table of that level, suppressed by the same pass as
// every panel (suppress.ts), so the map never shows what its table alternative hides; an area's
// `people` is given only to viewers who see small numbers.
import type { RouteModule } from '../http/context';
import { resolveInsightFilters } from './filters';
import type { RawTable } from './panel';
import { buildMapTable, layerColumns, layerCounts, loadMapServices, type MapLayer } from './panels/map';
import { presentPanelFigures } from './suppress';
import { insightMapQuery, insightMapResponse, type InsightMapResponse, type InsightTable } from './schemas';
import { canSeeSmallNumbers, resolveInsightScope } from './scope';

const layerTitles: Record<MapLayer, string> = {
  referral_rate: 'Referrals per 1,000 residents',
  imd: 'IMD 2019 decile (1 = most deprived)',
  unmet_need: 'Unmet needs per 1,000 residents',
};

const format = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/**
 * The key's classes. Deprivation has fixed fifths of the IMD scale; rates are split at their
 * quintiles among the areas shown (fewer classes when values repeat), so each shade holds about
 * the same number of areas.
 */
export function legendBins(layer: MapLayer, values: number[]): InsightMapResponse['legend']['bins'] {
  if (layer === 'imd') {
    return [1, 3, 5, 7, 9].map((from) => ({
      from,
      to: from + 1,
      label:
        from === 1 ? '1–2 (most deprived)' : from === 9 ? '9–10 (least deprived)' : `${from}–${from + 1}`,
    }));
  }
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  const edges = [...new Set([sorted[0]!, at(0.2), at(0.4), at(0.6), at(0.8), sorted[sorted.length - 1]!])];
  if (edges.length === 1) return [{ from: edges[0]!, to: edges[0]!, label: format(edges[0]!) }];
  return edges.slice(0, -1).map((from, index) => {
    const to = edges[index + 1]!;
    return { from, to, label: `${format(from)} to ${format(to)}` };
  });
}

export const insightMapRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/insight/map',
    {
      schema: {
        tags: ['insight'],
        summary:
          'The Insight map: boroughs, or the LSOAs of the boroughs in scope, with one layer (referrals or unmet needs per 1,000 residents, or IMD 2019 deprivation), active services to plot, a key, and the same figures as a table; small numbers suppressed outside the programme’s own team',
        querystring: insightMapQuery,
        response: { 200: insightMapResponse },
      },
    },
    async (request) => {
      const now = new Date();
      const { layer, level, ...query } = request.query;
      const scope = await resolveInsightScope(db, request.actor);
      const resolved = resolveInsightFilters(query, scope, now);
      const isSuppressed = !canSeeSmallNumbers(scope.actor, resolved.programmes);
      const hasProgrammes = resolved.programmes.length > 0;
      const raw = hasProgrammes ? await buildMapTable(db, resolved.filters, level) : emptyTable(level);
      const [table] = presentPanelFigures(
        { title: 'Map', headlines: [], tables: [raw], notes: [] },
        isSuppressed,
      ).tables as [InsightTable];
      const column = layerColumns[layer];
      const countColumn = layerCounts[layer];
      const areas = table.rows.map((row) => {
        const value = row.cells[column]!;
        const counted = countColumn ? row.cells[countColumn] : undefined;
        return {
          code: row.key,
          name: row.label,
          value,
          people: !isSuppressed && counted && counted.value !== null ? counted.value : null,
        };
      });
      const shown = areas.map((area) => area.value.value).filter((value): value is number => value !== null);
      return {
        level,
        layer,
        areas,
        services: hasProgrammes ? await loadMapServices(db, resolved.filters, level) : [],
        legend: {
          title: layerTitles[layer],
          unit: layer === 'imd' ? ('index' as const) : ('rate_per_1000' as const),
          bins: legendBins(layer, shown),
        },
        table,
        filters: resolved.applied,
        programmes: resolved.programmes.map(({ id, name }) => ({ id, name })),
        isSuppressed,
        notes: [table.description ?? ''],
        generatedAt: now.toISOString(),
      };
    },
  );
};

/** No programme in scope yet (a commissioner whose organisation commissions nothing): no areas. */
function emptyTable(level: 'borough' | 'lsoa'): RawTable {
  return {
    id: level === 'borough' ? 'boroughs' : 'lsoas',
    title: 'No programme in your Insight view yet',
    chart: 'none',
    unit: 'rate_per_1000',
    columns: [],
    rows: [],
  };
}
