// Reading one Insight panel for an actor: scope → filters → builder → suppression → response. The
// JSON endpoint, the CSV download and the printed report all go through here, so they answer to the
// same rule and carry the same (suppressed) figures.
import type { Actor } from '../access/actor';
import type { Executor } from '../db/client';
import { notFound } from '../http/errors';
import { resolveInsightFilters } from './filters';
import type { PanelBuilder, RawPanel } from './panel';
import { insightPanels, type InsightPanelId } from './panels/index';
import type { InsightPanelResponse, InsightQuery } from './schemas';
import { canSeeSmallNumbers, resolveInsightScope, type InsightScope } from './scope';
import { presentPanelFigures } from './suppress';

const noProgrammes: RawPanel = {
  title: 'Insight',
  headlines: [],
  tables: [],
  notes: [
    'No programme is in your Insight view yet: ask a platform admin to record what your organisation commissions.',
  ],
};

/** Builds a panel for a resolved scope (the report builds every panel from one scope). */
export async function readPanelInScope(
  db: Executor,
  options: { scope: InsightScope; panel: string; builder: PanelBuilder; query: InsightQuery; now: Date },
): Promise<InsightPanelResponse> {
  const { scope, query, now } = options;
  const resolved = resolveInsightFilters(query, scope, now);
  // Narrowed to one programme, a commissioner who also coordinates nothing stays suppressed; a
  // coordinator filtering to their own programme stays in full.
  const isSuppressed = !canSeeSmallNumbers(scope.actor, resolved.programmes);
  const raw = resolved.programmes.length === 0 ? noProgrammes : await options.builder(db, resolved.filters);
  const figures = presentPanelFigures(raw, isSuppressed);
  return {
    panel: options.panel,
    title: raw.title,
    filters: resolved.applied,
    programmes: resolved.programmes.map(({ id, name }) => ({ id, name })),
    isSuppressed,
    ...figures,
    notes: raw.notes,
    generatedAt: now.toISOString(),
  };
}

/** 401/403 for actors without Insight, 404 for a panel not (yet) registered or a programme out of scope. */
export async function readPanel(
  db: Executor,
  options: { actor: Actor; panel: InsightPanelId; query: InsightQuery; now: Date },
): Promise<InsightPanelResponse> {
  const scope = await resolveInsightScope(db, options.actor);
  const builder = insightPanels[options.panel];
  if (!builder) throw notFound('The panel');
  return readPanelInScope(db, { ...options, scope, builder });
}
