// "This entry is wrong": anyone may say so, the public included. A report is stored and emailed to
// the service's organisation (its provider staff) and its curators, who see and resolve it.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../access/audit';
import { authoriseUser } from '../../access/authorise-as';
import { listScope } from '../../access/list-scope';
import { authorise, decide } from '../../access/policy';
import { programmes, serviceReports, services } from '../../db/schema';
import type { AppDeps, AppInstance } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { runIdempotentCreate } from '../../http/idempotency';
import { pageQuery } from '../../http/schemas';
import { queueNotification } from '../../notify/outbox';
import { boroughCodesOfProgrammeAreas, findCurators, findOwnerStaff } from './curators';
import { serviceReportedMessage } from './messages';
import { findCuratedService, serviceInBoroughs } from './queries';
import { reportBody, reportResponse, resolveReportBody, serviceIdParams } from './schemas';

type ReportRow = typeof serviceReports.$inferSelect & { serviceName: string };

function presentReport(row: ReportRow) {
  return {
    id: row.id,
    serviceId: row.serviceId,
    serviceName: row.serviceName,
    message: row.message,
    reporterName: row.reporterName,
    reporterEmail: row.reporterEmail,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

export function reportRoutes(app: AppInstance, { db, config }: AppDeps): void {
  app.post(
    '/api/directory/services/:id/reports',
    {
      // Open to the public, so limited per address; the honeypot turns away simple bots.
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['directory'],
        summary: 'Report that a directory entry is wrong (anyone, signed in or not)',
        params: serviceIdParams,
        body: reportBody,
        response: { 202: z.object({ received: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const { website, ...report } = request.body;
      if (website) return reply.status(202).send({ received: true as const });
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const service = await findCuratedService(tx, request.params.id);
        if (!service) throw notFound('The service');
        authorise(actor, 'read', service.resource);
        const [row] = await tx
          .insert(serviceReports)
          .values({
            serviceId: service.id,
            message: report.message,
            reporterName: report.reporterName ?? (actor.type === 'user' ? actor.name : null),
            reporterEmail: report.reporterEmail ?? (actor.type === 'user' ? actor.email : null),
            reportedByUserId: actor.type === 'user' ? actor.userId : null,
          })
          .returning({ id: serviceReports.id });
        const curatingIds = service.curating.map((p) => p.id);
        const recipients = [
          ...(await findOwnerStaff(tx, [service.organisationId])),
          ...(await findCurators(tx, curatingIds)),
        ];
        const reporter =
          report.reporterName ?? (actor.type === 'user' ? actor.name : 'A member of the public');
        for (const recipient of new Map(recipients.map((r) => [r.email.toLowerCase(), r])).values()) {
          await queueNotification(tx, {
            channel: 'email',
            recipient: recipient.email,
            programmeId: recipient.programmeId,
            ...serviceReportedMessage({
              recipientName: recipient.name,
              serviceName: service.name,
              message: report.message,
              reporter,
              serviceUrl: `${config.publicUrl}/directory/services/${service.id}`,
            }),
          });
        }
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'service_report.create',
          entityType: 'service_report',
          entityId: row!.id,
          programmeId: curatingIds[0] ?? null,
          details: { serviceId: service.id, recipients: recipients.length },
        });
        return { statusCode: 202 as const, body: { received: true as const } };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/api/directory/reports',
    {
      schema: {
        tags: ['directory'],
        summary: 'Reports about services you curate or run',
        querystring: z.object({ status: z.enum(['open', 'resolved', 'dismissed']).optional(), ...pageQuery }),
        response: { 200: z.object({ items: z.array(reportResponse) }) },
      },
    },
    async (request) => {
      authorise(request.actor, 'list', { kind: 'directory_curation', part: 'reports' });
      // Coordinators see reports in their programme's area, provider staff on their own services.
      const scope = listScope(request.actor, 'directory_curation');
      const conditions: SQL[] = [];
      if (request.query.status) conditions.push(eq(serviceReports.status, request.query.status));
      if (scope === 'none') {
        throw new AppError('forbidden', 'Only curators and the services’ own organisations see reports.');
      } else if (scope !== 'all' && 'programmeId' in scope) {
        const [programme] = await db
          .select({ areas: programmes.areas })
          .from(programmes)
          .where(eq(programmes.id, scope.programmeId));
        conditions.push(serviceInBoroughs(boroughCodesOfProgrammeAreas(programme?.areas ?? [])));
      } else if (scope !== 'all') {
        conditions.push(eq(services.organisationId, scope.organisationId));
      }
      const rows = await db
        .select({ report: serviceReports, serviceName: services.name })
        .from(serviceReports)
        .innerJoin(services, eq(services.id, serviceReports.serviceId))
        .where(and(...conditions))
        .orderBy(desc(serviceReports.createdAt))
        .limit(request.query.limit)
        .offset(request.query.offset);
      return { items: rows.map((r) => presentReport({ ...r.report, serviceName: r.serviceName })) };
    },
  );

  app.post(
    '/api/directory/reports/:id/resolve',
    {
      schema: {
        tags: ['directory'],
        summary: 'Mark a report resolved (the entry was corrected) or dismissed',
        params: serviceIdParams,
        body: resolveReportBody,
        response: { 200: reportResponse },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'directory_curation', part: 'edit' });
      return db.transaction(async (tx) => {
        const [report] = await tx
          .select()
          .from(serviceReports)
          .where(eq(serviceReports.id, request.params.id))
          .for('update');
        if (!report) throw notFound('The report');
        const service = await findCuratedService(tx, report.serviceId);
        if (!service) throw notFound('The report');
        // Whoever may confirm the entry (its owner or curator) may close reports about it.
        if (!decide(actor, 'verify', service.resource).allowed) throw notFound('The report');
        const [row] = await tx
          .update(serviceReports)
          .set({ status: request.body.status, resolvedAt: new Date(), resolvedByUserId: actor.userId })
          .where(eq(serviceReports.id, report.id))
          .returning();
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'service_report.resolve',
          entityType: 'service_report',
          entityId: report.id,
          programmeId: actor.programmeId ?? service.curating[0]?.id ?? null,
          details: { status: request.body.status, serviceId: service.id },
        });
        return presentReport({ ...row!, serviceName: service.name });
      });
    },
  );
}
