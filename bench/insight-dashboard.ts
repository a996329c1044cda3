// Builds every panel of the commissioner dashboard for the whole platform in process, as the
// /api/insight routes do for a regional commissioner: one scope, then each registered panel through
// readPanelInScope (filters, builder, suppression) — the JSON each page of /insight fetches, minus
// serialisation. Default filters: the last 12 months, every programme.
import type { UserActor } from '../src/access/actor';
import type { Database } from '../src/db/client';
import { insightPanels } from '../src/insight/panels/index';
import { readPanelInScope } from '../src/insight/read-panel';
import { resolveInsightScope } from '../src/insight/scope';

/** Milliseconds per panel (and the scope), in the order built. */
export async function buildDashboardForBench(db: Database, actor: UserActor): Promise<Map<string, number>> {
  const now = new Date();
  const times = new Map<string, number>();
  let begun = performance.now();
  const scope = await resolveInsightScope(db, actor);
  times.set('scope', performance.now() - begun);
  for (const [panel, builder] of Object.entries(insightPanels)) {
    begun = performance.now();
    await readPanelInScope(db, { scope, panel, builder, query: {}, now });
    times.set(panel, performance.now() - begun);
  }
  return times;
}
