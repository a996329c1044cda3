// Insight (issue 13): aggregate dashboards for programme teams, commissioners and providers. Every
// panel is read through read-panel.ts (scope → filters → builder → suppression), so the JSON, its CSV
// downloads and the printed report answer to the same policy rule ('insight' in
// src/access/work-rules.ts) and carry the same suppressed figures. Dashboard reads are aggregates and
// are not audited; changes (targets, assumptions, commissioning) are.
import { z } from 'zod';
import type { RouteModule } from '../http/context';
import { notFound } from '../http/errors';
import { describeFilters, tableCsv, tableCsvFilename } from './csv';
import { resolveInsightFilters } from './filters';
import { insightPanelIds, insightPanels } from './panels/index';
import { readPanel, readPanelInScope } from './read-panel';
import { insightReportFilename, renderInsightPdf } from './report-pdf';
import {
  insightPanelResponse,
  insightProgrammesResponse,
  insightQuery,
  type InsightPanelResponse,
} from './schemas';
import { resolveInsightScope } from './scope';
import { readProviderEvidence } from './read-provider-evidence';
import { reachTargetRoutes } from './targets-routes';
import { programmeCommissionerRoutes } from './commissioners-routes';

const panelParams = z.object({ panel: z.enum(insightPanelIds) });
const csvQuery = insightQuery.extend({
  /** The table of the panel to download (its `id`). */
  table: z.string().min(1, 'must name a table of the panel').max(100),
});

export const insightRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  reachTargetRoutes(app, deps);
  programmeCommissionerRoutes(app, deps);
  app.get(
    '/api/insight/programmes',
    {
      schema: {
        tags: ['insight'],
        summary:
          'The programmes the signed-in person’s Insight dashboards cover (for the programme filter): a coordinator’s own, a commissioner’s commissioned programmes, every programme for regional commissioners and platform admins',
        response: { 200: insightProgrammesResponse },
      },
    },
    async (request) => {
      const scope = await resolveInsightScope(db, request.actor);
      return {
        items: scope.programmes.map(({ id, name, areas }) => ({ id, name, boroughs: areas })),
        isSuppressed: scope.isSuppressed,
      };
    },
  );

  app.get(
    '/api/insight/panels/:panel',
    {
      schema: {
        tags: ['insight'],
        summary:
          'One Insight panel (activity, equity, gaps, map, demand, data-quality) for the filters: tables of each chart’s data with headlines and notes; counts under 5, and cells that would reveal them by subtraction, suppressed outside the programme’s own team',
        params: panelParams,
        querystring: insightQuery,
        response: { 200: insightPanelResponse },
      },
    },
    (request) =>
      readPanel(db, {
        actor: request.actor,
        panel: request.params.panel,
        query: request.query,
        now: new Date(),
      }),
  );

  app.get(
    '/api/insight/panels/:panel/csv',
    {
      schema: {
        tags: ['insight'],
        summary:
          'One table of a panel as CSV (RFC 4180): `# ` lines with its title, the filters and the method, then the header and rows; suppressed cells read `<5` or `suppressed`',
        params: panelParams,
        querystring: csvQuery,
      },
    },
    async (request, reply) => {
      const { table: tableId, ...query } = request.query;
      const panel = await readPanel(db, {
        actor: request.actor,
        panel: request.params.panel,
        query,
        now: new Date(),
      });
      const table = panel.tables.find((candidate) => candidate.id === tableId);
      if (!table) throw notFound('The table');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${tableCsvFilename(panel, table)}"`)
        .send(tableCsv(panel, table));
    },
  );

  app.get(
    '/api/insight/provider',
    {
      schema: {
        tags: ['insight'],
        summary:
          'A provider’s evidence of its own services (provider staff): referred, accepted, attended, completed, decline reasons, median time to answer, and the mean change in outcome measures of people referred (5 or more); always suppressed',
        querystring: insightQuery,
        response: { 200: insightPanelResponse },
      },
    },
    (request) => readProviderEvidence(db, { actor: request.actor, query: request.query, now: new Date() }),
  );

  app.get(
    '/api/insight/provider/csv',
    {
      schema: {
        tags: ['insight'],
        summary: 'One table of the provider’s evidence as CSV, suppressed as on screen',
        querystring: csvQuery,
      },
    },
    async (request, reply) => {
      const { table: tableId, ...query } = request.query;
      const panel = await readProviderEvidence(db, { actor: request.actor, query, now: new Date() });
      const table = panel.tables.find((candidate) => candidate.id === tableId);
      if (!table) throw notFound('The table');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${tableCsvFilename(panel, table)}"`)
        .send(tableCsv(panel, table));
    },
  );

  app.get(
    '/api/insight/report.pdf',
    {
      schema: {
        tags: ['insight'],
        summary:
          'Every Insight panel’s tables as a printable PDF, with titles, the filters and notes; the same suppressed figures the screens show',
        querystring: insightQuery,
      },
    },
    async (request, reply) => {
      const now = new Date();
      const scope = await resolveInsightScope(db, request.actor);
      // 400/404 for bad filters even before any panel is registered.
      resolveInsightFilters(request.query, scope, now);
      const panels: InsightPanelResponse[] = [];
      for (const panel of insightPanelIds) {
        const builder = insightPanels[panel];
        if (builder)
          panels.push(await readPanelInScope(db, { scope, panel, builder, query: request.query, now }));
      }
      const pdf = await renderInsightPdf({
        panels,
        filters: panels[0] ? describeFilters(panels[0]) : '',
        generatedAt: now,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${insightReportFilename(now)}"`)
        .send(pdf);
    },
  );
};
