// The panel registry: panel id → its builder. The routes serve whatever is registered here (JSON, CSV
// and the printed report), so adding a panel is one line below plus its builder file.
import type { PanelBuilder } from '../panel';
import { buildActivityPanel } from './activity';
import { buildDataQualityPanel } from './data-quality';
import { buildDemandPanel } from './demand';
import { buildEquityPanel } from './equity';
import { buildGapsPanel } from './gaps';
import { buildMapPanel } from './map';

/** The agreed panel ids (GET /api/insight/panels/:panel), in the order the report prints them. */
export const insightPanelIds = ['activity', 'equity', 'gaps', 'map', 'demand', 'data-quality'] as const;
export type InsightPanelId = (typeof insightPanelIds)[number];

export const insightPanels: Partial<Record<InsightPanelId, PanelBuilder>> = {
  activity: buildActivityPanel,
  'data-quality': buildDataQualityPanel,
  equity: buildEquityPanel,
  gaps: buildGapsPanel,
  map: buildMapPanel,
  demand: buildDemandPanel,
};
