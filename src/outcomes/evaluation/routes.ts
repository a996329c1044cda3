// Programme evaluation (issue 5): the report a coordinator hands to a commissioner, the social-return
// calculator and the de-identified research export. Coordinators of the programme see every figure;
// commissioners see aggregates with small numbers suppressed (access.ts has the rule).
import { recordAudit } from '../../access/audit';
import type { RouteModule } from '../../http/context';
import { idParams } from '../../http/schemas';
import { authoriseEvaluation } from './access';
import { getEvaluation, loadProgrammeScores, resolvePeriod } from './get-evaluation';
import { presentReport } from './present-report';
import { buildResearchExport } from './research-export';
import {
  evaluationQuery,
  evaluationResponse,
  researchExportQuery,
  socialReturnBody,
  socialReturnResponse,
} from './schemas';
import { calculateProgrammeSocialReturn } from './social-return';

export const evaluationRoutes: RouteModule = (app, { db, config }) => {
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
      const { actor } = request;
      const period = resolvePeriod(request.query, new Date());
      return db.transaction(async (tx) => {
        const { view, programme } = await authoriseEvaluation(tx, actor, request.params.id, 'report');
        const { report } = await getEvaluation(tx, { programme, ...period });
        // Aggregate read: the audit row names the programme and period, never a person.
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'evaluation.read',
          entityType: 'programme',
          entityId: programme.id,
          programmeId: programme.id,
          details: { view, from: period.from, to: period.to, referrals: report.cohort.referrals },
        });
        return presentReport(report, programme, view);
      });
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
        // FORM_SECRET keys the pseudonyms until a dedicated research key exists (see the issue note):
        // unset, each process makes its own and pseudonyms change on restart.
        const result = await buildResearchExport(tx, {
          programmeId: programme.id,
          from: period.from,
          to: period.to,
          scores,
          pseudonymKey: config.formSecret,
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
