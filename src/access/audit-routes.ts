// Searching the audit log: who did what to which record, when, from where. Platform admins search
// everything; coordinators search their own programme's events.
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents } from '../db/schema';
import type { RouteModule } from '../http/context';
import { authorise } from './policy';

const auditEventResponse = z.object({
  id: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  programmeId: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown(),
});

export const auditRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/admin/audit-events',
    {
      schema: {
        tags: ['admin'],
        summary: 'Search the audit log, newest first; page with `before` = the last id you saw',
        querystring: z.object({
          actorId: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(100).optional(),
          programmeId: z.uuid().optional(),
          from: z.iso
            .datetime({ offset: true, message: 'Use an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' })
            .optional(),
          to: z.iso
            .datetime({ offset: true, message: 'Use an ISO 8601 date-time, e.g. 2026-11-30T23:59:59Z' })
            .optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({ items: z.array(auditEventResponse), nextCursor: z.number().nullable() }),
        },
      },
    },
    async (request) => {
      const { actor } = request;
      const query = request.query;
      const isAdmin = actor.type === 'user' && actor.role === 'platform_admin';
      // Coordinators are held to their own programme whatever they ask for.
      const programmeId = isAdmin
        ? query.programmeId
        : actor.type === 'user'
          ? (actor.programmeId ?? undefined)
          : undefined;
      authorise(actor, 'list', { kind: 'audit_log', programmeId: programmeId ?? null });
      const conditions: SQL[] = [];
      if (programmeId) conditions.push(eq(auditEvents.programmeId, programmeId));
      if (query.actorId) conditions.push(eq(auditEvents.actorId, query.actorId));
      if (query.action) conditions.push(eq(auditEvents.action, query.action));
      if (query.entityType) conditions.push(eq(auditEvents.entityType, query.entityType));
      if (query.entityId) conditions.push(eq(auditEvents.entityId, query.entityId));
      if (query.from) conditions.push(gte(auditEvents.at, new Date(query.from)));
      if (query.to) conditions.push(lte(auditEvents.at, new Date(query.to)));
      if (query.before) conditions.push(lt(auditEvents.id, query.before));
      const rows = await db
        .select()
        .from(auditEvents)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(auditEvents.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((row) => ({ ...row, at: row.at.toISOString() })),
        nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );
};
