// Organisations: GP practices, trusts, councils, VCSEs, advice agencies… Platform admins manage
// them; every signed-in user can read them (they appear on referrals and in the directory).
import { and, count, eq, ilike, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { organisations } from '../db/schema';
import { recordAudit } from '../access/audit';
import { abilitiesFor, authorise } from '../access/policy';
import { organisationTypes } from '../access/roles';
import type { RouteModule } from '../http/context';
import { notFound } from '../http/errors';
import { runIdempotentCreate } from '../http/idempotency';
import { idParams, likePattern, pageQuery, versionConflict, versionField } from '../http/schemas';
import type { Actor } from '../access/actor';

const odsCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3,10}$/, 'An ODS code is 3 to 10 letters and digits, such as F84012');

const organisationFields = {
  name: z.string().trim().min(2, 'Enter the organisation’s name').max(200),
  type: z.enum(organisationTypes, { message: `Choose one of: ${organisationTypes.join(', ')}` }),
  odsCode: odsCode.nullable().optional(),
  borough: z.string().trim().max(100).nullable().optional(),
};

const organisationResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.string(),
  odsCode: z.string().nullable(),
  borough: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.record(z.string(), z.boolean()),
});

type OrganisationRow = typeof organisations.$inferSelect;

function present(row: OrganisationRow, actor: Actor): z.infer<typeof organisationResponse> {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    odsCode: row.odsCode,
    borough: row.borough,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesFor(actor, { kind: 'organisation', id: row.id }, ['update']),
  };
}

export const organisationRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/admin/organisations',
    {
      schema: {
        tags: ['admin'],
        summary: 'List organisations',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          type: z.enum(organisationTypes).optional(),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(organisationResponse), total: z.number() }) },
      },
    },
    async (request) => {
      authorise(request.actor, 'list', { kind: 'organisation' });
      const { q, type, limit, offset } = request.query;
      const conditions: SQL[] = [];
      if (q) conditions.push(ilike(organisations.name, likePattern(q)));
      if (type) conditions.push(eq(organisations.type, type));
      const where = conditions.length ? and(...conditions) : undefined;
      const [rows, [totalRow]] = await Promise.all([
        db.select().from(organisations).where(where).orderBy(organisations.name).limit(limit).offset(offset),
        db.select({ total: count() }).from(organisations).where(where),
      ]);
      return { items: rows.map((row) => present(row, request.actor)), total: totalRow?.total ?? 0 };
    },
  );

  app.post(
    '/api/admin/organisations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add an organisation (send an Idempotency-Key to make retries safe)',
        body: z.object(organisationFields),
        response: { 201: organisationResponse },
      },
    },
    async (request, reply) => {
      authorise(request.actor, 'create', { kind: 'organisation' });
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const [row] = await tx.insert(organisations).values(request.body).returning();
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'organisation.create',
          entityType: 'organisation',
          entityId: row!.id,
        });
        return { statusCode: 201, body: present(row!, request.actor) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/api/admin/organisations/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'One organisation',
        params: idParams,
        response: { 200: organisationResponse },
      },
    },
    async (request) => {
      authorise(request.actor, 'read', { kind: 'organisation', id: request.params.id });
      const [row] = await db.select().from(organisations).where(eq(organisations.id, request.params.id));
      if (!row) throw notFound('The organisation');
      return present(row, request.actor);
    },
  );

  app.patch(
    '/api/admin/organisations/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change an organisation (refused with 409 if the version is stale)',
        params: idParams,
        body: z.object({ version: versionField, ...organisationFields }).partial({ name: true, type: true }),
        response: { 200: organisationResponse },
      },
    },
    async (request) => {
      authorise(request.actor, 'update', { kind: 'organisation', id: request.params.id });
      const { version, ...changes } = request.body;
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(organisations)
          .where(eq(organisations.id, request.params.id))
          .for('update');
        if (!current) throw notFound('The organisation');
        if (current.version !== version) throw versionConflict('organisation', current.version);
        const [row] = await tx
          .update(organisations)
          .set({ ...changes, version: current.version + 1, updatedAt: new Date() })
          .where(eq(organisations.id, current.id))
          .returning();
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'organisation.update',
          entityType: 'organisation',
          entityId: current.id,
          details: { fields: Object.keys(changes) },
        });
        return present(row!, request.actor);
      });
    },
  );
};
