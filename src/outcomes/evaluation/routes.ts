// Programme evaluation (docs/DESIGN.md §7): the report a coordinator hands to a commissioner, the social-return
// calculator and the de-identified research export. Coordinators of the programme see every figure;
// commissioners see aggregates with small numbers suppressed (access.ts has the rule).
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import type { Database } from '../../db/client';
import type { RouteModule } from '../../http/context';
import { idParams } from '../../http/schemas';
import { DEFAULT_SROI_ASSUMPTIONS } from '../sroi';
import { authorise } from '../../access/policy';
import { authoriseEvaluation } from './access';
import { getEvaluation, loadProgrammeScores, resolvePeriod } from './get-evaluation';
import { listEvaluableProgrammes } from './list-programmes';
import { presentReport } from './present-report';
import { evaluationPdfFilename, renderEvaluationPdf } from './report-pdf';
import { buildResearchExport, programmePseudonymKey } from './research-export';
import {
  evaluationProgrammesResponse,
  evaluationQuery,
  evaluationResponse,
  researchExportQuery,
  socialReturnBody,
  socialReturnDefaultsResponse,
  socialReturnResponse,
} from './schemas';
import { calculateProgrammeSocialReturn } from './social-return';

/** The PDF values the calculator's defaults; no cost is known, so it shows value but no ratio. */
const programmeCostNotEntered = {
  value: 0,
  unit: 'GBP',
  source: 'Not entered: the printed report has no programme cost',
  url: null,
  year: 'n/a',
  basis: 'local' as const,
};

/**
 * Authorise, build, present and audit one report read. The JSON report and its PDF share it, so
 * both answer to the same rule, show the same view and leave the same audit row.
 *
 * Not one transaction: the report's three read-only queries run side by side on separate pool
 * connections (on PostgreSQL), which halves its time on a 100,000-referral programme. The price is
 * that each section reads its own snapshot, so a referral recorded during the read may be counted
 * in one section and not another; for aggregates over months, an acceptable trade. The audit row
 * is written before anything is returned.
 */
async function readReport(
  db: Database,
  options: {
    actor: Actor;
    origin: RequestOrigin;
    programmeId: string;
    period: ReturnType<typeof resolvePeriod>;
    format: 'json' | 'pdf';
  },
) {
  const { actor, period } = options;
  const { view, programme } = await authoriseEvaluation(db, actor, options.programmeId, 'report');
  const evaluation = await getEvaluation(db, { programme, ...period });
  const { report } = evaluation;
  // Aggregate read: the audit row names the programme and period, never a person.
  await recordAudit(db, {
    actor,
    origin: options.origin,
    action: 'evaluation.read',
    entityType: 'programme',
    entityId: programme.id,
    programmeId: programme.id,
    details: {
      view,
      from: period.from,
      to: period.to,
      referrals: report.cohort.referrals,
      format: options.format,
    },
  });
  return { view, programme, evaluation, presented: presentReport(report, programme, view) };
}

export const evaluationRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/programmes/:id/evaluation',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          'Paired before/after change for each outcome measure, loss to follow-up and health-service use for referrals received in [from, to] (default: the last 12 months). Coordinators: every figure; commissioners: aggregates with counts under 5 suppressed',
        params: idParams,
        querystring: evaluationQuery,
        response: { 200: evaluationResponse },
      },
    },
    async (request) => {
      const period = resolvePeriod(request.query, new Date());
      const { presented } = await readReport(db, {
        actor: request.actor,
        origin: request.origin,
        programmeId: request.params.id,
        period,
        format: 'json',
      });
      return presented;
    },
  );

  app.get(
    '/api/programmes/:id/evaluation/report.pdf',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          'The evaluation report as a PDF: the same figures and view as the JSON report (a commissioner’s PDF is suppressed), with a chart of mean scores before and after and the social return at its default assumptions',
        params: idParams,
        querystring: evaluationQuery,
      },
    },
    async (request, reply) => {
      const period = resolvePeriod(request.query, new Date());
      const read = await readReport(db, {
        actor: request.actor,
        origin: request.origin,
        programmeId: request.params.id,
        period,
        format: 'pdf',
      });
      const socialReturn = calculateProgrammeSocialReturn({
        report: read.evaluation.report,
        healthUse: read.evaluation.healthUse,
        view: read.view,
        windowMonths: 6,
        wellbeing: 'life-satisfaction',
        programmeCost: programmeCostNotEntered,
        assumptions: {},
      });
      const presented = read.presented;
      const pdf = await renderEvaluationPdf({ report: presented, socialReturn, generatedAt: new Date() });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${evaluationPdfFilename(presented)}"`)
        .send(pdf);
    },
  );

  app.get(
    '/api/evaluation/programmes',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          'The programmes whose evaluation the signed-in person may open: a coordinator’s own programme, a commissioner’s programmes in their area',
        response: { 200: evaluationProgrammesResponse },
      },
    },
    async (request) => ({ items: await listEvaluableProgrammes(db, request.actor) }),
  );

  app.get(
    '/api/evaluation/social-return/defaults',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          'The cited default assumptions of the social-return calculator, each with its source, year and basis',
        response: { 200: socialReturnDefaultsResponse },
      },
    },
    (request) => {
      authorise(request.actor, 'list', { kind: 'evaluation' });
      return { assumptions: DEFAULT_SROI_ASSUMPTIONS };
    },
  );

  app.post(
    '/api/programmes/:id/evaluation/social-return',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          'Social return on investment for the cohort: GP and A&E use avoided and life-satisfaction gain, valued with editable, cited assumptions returned beside the result',
        params: idParams,
        body: socialReturnBody,
        response: { 200: socialReturnResponse },
      },
    },
    async (request) => {
      const { actor, body } = request;
      const period = resolvePeriod(body, new Date(), 'body');
      return db.transaction(async (tx) => {
        const { view, programme } = await authoriseEvaluation(tx, actor, request.params.id, 'report');
        const { report, healthUse } = await getEvaluation(tx, { programme, ...period });
        const result = calculateProgrammeSocialReturn({
          report,
          healthUse,
          view,
          windowMonths: body.windowMonths,
          wellbeing: body.wellbeing,
          programmeCost: body.programmeCost,
          assumptions: body.assumptions,
        });
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'evaluation.social_return',
          entityType: 'programme',
          entityId: programme.id,
          programmeId: programme.id,
          details: {
            view,
            from: period.from,
            to: period.to,
            overriddenAssumptions: Object.keys(body.assumptions),
          },
        });
        return result;
      });
    },
  );

  app.get(
    '/api/programmes/:id/evaluation/research-export.csv',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          'De-identified research export (CSV): one row per referral × timepoint × score, people under a pseudonym stable within the programme; no names, NHS numbers, dates of birth, addresses, postcodes, contact details or free text. Coordinators only',
        params: idParams,
        querystring: researchExportQuery,
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const period = resolvePeriod(request.query, new Date());
      const exported = await db.transaction(async (tx) => {
        const { programme } = await authoriseEvaluation(tx, actor, request.params.id, 'research_export');
        const scores = await loadProgrammeScores(tx, programme.id);
        const result = await buildResearchExport(tx, {
          programmeId: programme.id,
          from: period.from,
          to: period.to,
          scores,
          pseudonymKey: await programmePseudonymKey(tx, programme.id),
        });
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'evaluation.research_export',
          entityType: 'programme',
          entityId: programme.id,
          programmeId: programme.id,
          details: { from: period.from, to: period.to, rows: result.rows, people: result.people },
        });
        return result;
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="linkwell-research-export-${period.from}-to-${period.to}.csv"`,
        )
        .send(exported.csv);
    },
  );
};
