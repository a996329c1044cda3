// Insight: the dashboards' panels, the map, the provider's evidence page, and the coordinator's reach
// targets and demand assumptions. Panel types come from the server's zod schemas
// (src/insight/schemas.ts; type-only imports, so nothing of zod reaches the bundle). Every figure
// arrives already suppressed for aggregate-only viewers: the web app never decides who sees what.
import type { z } from 'zod';
import type {
  demandAssumptionBody,
  demandAssumptionResponse,
  demandAssumptionsResponse,
  insightCell,
  insightHeadline,
  insightMapLayers,
  insightMapLevels,
  insightMapResponse,
  insightPanelResponse,
  insightQuery,
  insightTable,
  reachTargetBody,
  reachTargetResponse,
  reachTargetsResponse,
} from '../../../src/insight/schemas';
import type { SourceType } from '../../../src/vocabulary/referral';
import { api, withQuery } from './client';

export type InsightPanel = z.output<typeof insightPanelResponse>;
export type InsightTable = z.output<typeof insightTable>;
export type InsightCell = z.output<typeof insightCell>;
export type InsightHeadline = z.output<typeof insightHeadline>;
export type InsightUnit = InsightTable['unit'];
/** The filters (query string) every panel accepts; the server fills in the defaults. */
export type InsightFilters = Partial<
  Pick<z.output<typeof insightQuery>, 'from' | 'to' | 'programmeId' | 'borough' | 'source' | 'withinKm'>
>;
export type { SourceType };

/** The dashboard panels, in the order of the sub-navigation. */
export const insightPanels = ['activity', 'equity', 'gaps', 'map', 'demand', 'data-quality'] as const;
export type InsightPanelId = (typeof insightPanels)[number];

export type InsightProgramme = { id: string; name: string; boroughs?: string[] };

export type MapLayer = (typeof insightMapLayers)[number];
export type MapLevel = (typeof insightMapLevels)[number];
export type InsightMap = z.output<typeof insightMapResponse>;

export type ReachTarget = z.output<typeof reachTargetResponse>;
export type ReachTargets = z.output<typeof reachTargetsResponse>;
export type ReachTargetInput = z.input<typeof reachTargetBody>;

export type DemandAssumption = z.output<typeof demandAssumptionResponse>;
export type DemandAssumptions = z.output<typeof demandAssumptionsResponse>;
export type DemandAssumptionInput = z.input<typeof demandAssumptionBody>;

type Items<T> = { items: T[] };

const panelPath = (panel: string) => `/api/insight/panels/${encodeURIComponent(panel)}`;

export const insightApi = {
  programmes: () => api.get<Items<InsightProgramme>>('/api/insight/programmes'),
  boroughs: () => api.get<Items<{ code: string; name: string }>>('/api/geo/boroughs'),
  panel: (panel: InsightPanelId, filters: InsightFilters) =>
    api.get<InsightPanel>(panelPath(panel), { query: filters }),
  csvUrl: (panel: string, table: string, filters: InsightFilters & { layer?: MapLayer; level?: MapLevel }) =>
    withQuery(`${panelPath(panel)}/csv`, { table, ...filters }),
  pdfUrl: (filters: InsightFilters) => withQuery('/api/insight/report.pdf', filters),
  map: (layer: MapLayer, level: MapLevel, filters: InsightFilters) =>
    api.get<InsightMap>('/api/insight/map', { query: { layer, level, ...filters } }),
  provider: (filters: InsightFilters) => api.get<InsightPanel>('/api/insight/provider', { query: filters }),
  providerCsvUrl: (table: string, filters: InsightFilters) =>
    withQuery('/api/insight/provider/csv', { table, ...filters }),
  reachTargets: (programmeId: string) =>
    api.get<ReachTargets>('/api/insight/reach-targets', { query: { programmeId } }),
  saveReachTarget: (target: ReachTargetInput) => api.put<ReachTarget>('/api/insight/reach-targets', target),
  deleteReachTarget: (target: Pick<ReachTarget, 'id' | 'version'>) =>
    api.delete<undefined>(
      withQuery(`/api/insight/reach-targets/${encodeURIComponent(target.id)}`, { version: target.version }),
    ),
  demandAssumptions: (programmeId: string) =>
    api.get<DemandAssumptions>('/api/insight/demand-assumptions', { query: { programmeId } }),
  saveDemandAssumption: (assumption: DemandAssumptionInput) =>
    api.put<DemandAssumption>('/api/insight/demand-assumptions', assumption),
  deleteDemandAssumption: (assumption: Pick<DemandAssumption, 'id' | 'version'>) =>
    api.delete<undefined>(
      withQuery(`/api/insight/demand-assumptions/${encodeURIComponent(assumption.id)}`, {
        version: assumption.version,
      }),
    ),
};
