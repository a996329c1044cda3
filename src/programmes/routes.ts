// Programmes: the tenants for personal data. Platform admins create them; a programme's
// coordinators can change its description, areas and settings, and ask for referring
// organisations (links.ts: the organisation approves). Areas of two programmes never overlap
// (area-conflicts.ts), so routing never has to choose between programmes by age or id.
import { and, count, eq, ilike, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client';
import {
  organisations,
  programmeLinkRequests,
  programmeReferringOrganisations,
  programmes,
} from '../db/schema';
import type { Actor } from '../access/actor';
import { recordAudit } from '../access/audit';
import { listScope } from '../access/list-scope';
import { abilitiesFor, authorise } from '../access/policy';
import type { RouteModule } from '../http/context';
import { AppError, invalidField, notFound } from '../http/errors';
import { runIdempotentCreate } from '../http/idempotency';
import { idParams, likePattern, pageQuery, versionConflict, versionField } from '../http/schemas';
import { describeAreaConflict, findAddedAreaConflicts, type ProgrammeArea } from './area-conflicts';
import { programmeLinkRoutes } from './link-routes';
import { changeReferringOrganisations } from './links';

const postcodeDistrict = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}[0-9][0-9A-Z]?$/, 'A postcode district looks like N17 or SW19');

const programmeFields = {
  name: z.string().trim().min(2, 'Enter the programme’s name').max(200),
  slug: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9]+(-[a-z0-9]+)*$/,
      'Use lower-case letters, digits and single hyphens, such as haringey-connect',
    )
    .max(80),
  description: z.string().trim().max(2000),
  hostOrganisationId: z.uuid('Choose the host organisation'),
  areas: z.array(z.string().trim().min(2).max(100)).max(50),
  postcodeDistricts: z.array(postcodeDistrict).max(500),
  referringOrganisationIds: z.array(z.uuid()).max(1000),
  settings: z.record(z.string(), z.unknown()),
};

const createProgrammeBody = z.object({
  ...programmeFields,
  description: programmeFields.description.default(''),
  areas: programmeFields.areas.default([]),
  postcodeDistricts: programmeFields.postcodeDistricts.default([]),
  referringOrganisationIds: programmeFields.referringOrganisationIds.default([]),
  settings: programmeFields.settings.default({}),
});
// No defaults on update: only the fields sent change.
const updateProgrammeBody = z
  .object({ version: versionField, ...programmeFields })
  .partial()
  .required({ version: true });

const programmeResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  hostOrganisationId: z.uuid(),
  hostOrganisationName: z.string(),
  areas: z.array(z.string()),
  postcodeDistricts: z.array(z.string()),
  /** Approved links only: these organisations' referrals come to the programme. */
  referringOrganisationIds: z.array(z.uuid()),
  /** Asked for by the programme, waiting for the organisation (or a platform admin) to approve. */
  pendingReferringOrganisationIds: z.array(z.uuid()),
  settings: z.record(z.string(), z.unknown()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.record(z.string(), z.boolean()),
});

async function loadProgrammes(db: Executor, actor: Actor, where: SQL | undefined, limit = 1000, offset = 0) {
  const rows = await db
    .select({ programme: programmes, hostOrganisationName: organisations.name })
    .from(programmes)
    .innerJoin(organisations, eq(organisations.id, programmes.hostOrganisationId))
    .where(where)
    .orderBy(programmes.name)
    .limit(limit)
    .offset(offset);
  const ids = rows.map((r) => r.programme.id);
  const links = ids.length
    ? await db
        .select()
        .from(programmeReferringOrganisations)
        .where(inArray(programmeReferringOrganisations.programmeId, ids))
    : [];
  const pending = ids.length
    ? await db
        .select()
        .from(programmeLinkRequests)
        .where(
          and(inArray(programmeLinkRequests.programmeId, ids), eq(programmeLinkRequests.status, 'pending')),
        )
    : [];
  return rows.map(({ programme, hostOrganisationName }) => ({
    id: programme.id,
    name: programme.name,
    slug: programme.slug,
    description: programme.description,
    hostOrganisationId: programme.hostOrganisationId,
    hostOrganisationName,
    areas: programme.areas,
    postcodeDistricts: programme.postcodeDistricts,
    referringOrganisationIds: links
      .filter((l) => l.programmeId === programme.id)
      .map((l) => l.organisationId),
    pendingReferringOrganisationIds: pending
      .filter((p) => p.programmeId === programme.id)
      .map((p) => p.organisationId),
    settings: programme.settings as Record<string, unknown>,
    version: programme.version,
    createdAt: programme.createdAt.toISOString(),
    updatedAt: programme.updatedAt.toISOString(),
    abilities: abilitiesFor(actor, { kind: 'programme', id: programme.id }, ['update']),
  }));
}

async function assertOrganisationsExist(db: Executor, ids: string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw invalidField(field, `No organisation has the id ${missing[0]}.`);
}

type Coverage = Omit<ProgrammeArea, 'id' | 'name'>;

/**
 * Refuses a change that makes this programme cover a place another programme already covers,
 * naming the field and the programme in the way. Serialised by an advisory lock, so two
 * programmes claiming the same borough at the same moment cannot both succeed.
 */
async function refuseAreaOverlaps(
  tx: Executor,
  programmeId: string | null,
  before: Coverage | null,
  after: Coverage,
): Promise<void> {
  if (after.areas.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(15015)`);
  const others = await tx
    .select({
      id: programmes.id,
      name: programmes.name,
      areas: programmes.areas,
      postcodeDistricts: programmes.postcodeDistricts,
    })
    .from(programmes)
    .where(programmeId ? ne(programmes.id, programmeId) : undefined);
  const [conflict] = findAddedAreaConflicts(before, after, others);
  if (!conflict) return;
  const detail = describeAreaConflict(conflict);
  throw new AppError('conflict', detail, {
    errors: [{ field: conflict.field, pointer: `#/${conflict.field}`, in: 'body', detail }],
    extra: { conflictingProgramme: conflict.programme },
  });
}

export const programmeRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  programmeLinkRoutes(app, deps);
  app.get(
    '/api/admin/programmes',
    {
      schema: {
        tags: ['admin'],
        summary: 'List programmes (platform admins see all; others their own)',
        querystring: z.object({ q: z.string().trim().max(100).optional(), ...pageQuery }),
        response: { 200: z.object({ items: z.array(programmeResponse), total: z.number() }) },
      },
    },
    async (request) => {
      const { actor } = request;
      authorise(actor, 'list', { kind: 'programme' });
      const conditions: SQL[] = [];
      if (request.query.q) conditions.push(ilike(programmes.name, likePattern(request.query.q)));
      // Everyone but platform admins sees only their own programme.
      const scope = listScope(actor, 'programme');
      if (scope !== 'all') {
        if (scope === 'none' || !('programmeId' in scope)) return { items: [], total: 0 };
        conditions.push(eq(programmes.id, scope.programmeId));
      }
      const where = conditions.length ? and(...conditions) : undefined;
      const [items, [totalRow]] = await Promise.all([
        loadProgrammes(db, actor, where, request.query.limit, request.query.offset),
        db.select({ total: count() }).from(programmes).where(where),
      ]);
      return { items, total: totalRow?.total ?? 0 };
    },
  );

  app.post(
    '/api/admin/programmes',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a programme (send an Idempotency-Key to make retries safe)',
        body: createProgrammeBody,
        response: { 201: programmeResponse },
      },
    },
    async (request, reply) => {
      authorise(request.actor, 'create', { kind: 'programme' });
      const { referringOrganisationIds, ...fields } = request.body;
      await assertOrganisationsExist(db, [fields.hostOrganisationId], 'hostOrganisationId');
      await assertOrganisationsExist(db, referringOrganisationIds, 'referringOrganisationIds');
      const result = await runIdempotentCreate(db, request, async (tx) => {
        await refuseAreaOverlaps(tx, null, null, fields);
        const [row] = await tx.insert(programmes).values(fields).returning();
        await changeReferringOrganisations(tx, {
          actor: request.actor,
          origin: request.origin,
          programmeId: row!.id,
          wanted: referringOrganisationIds,
          field: 'referringOrganisationIds',
        });
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'programme.create',
          entityType: 'programme',
          entityId: row!.id,
          programmeId: row!.id,
        });
        const [presented] = await loadProgrammes(tx, request.actor, eq(programmes.id, row!.id));
        return { statusCode: 201, body: presented! };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/api/admin/programmes/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'One programme',
        params: idParams,
        response: { 200: programmeResponse },
      },
    },
    async (request) => {
      authorise(request.actor, 'read', { kind: 'programme', id: request.params.id });
      const [programme] = await loadProgrammes(db, request.actor, eq(programmes.id, request.params.id));
      if (!programme) throw notFound('The programme');
      return programme;
    },
  );

  app.patch(
    '/api/admin/programmes/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a programme (refused with 409 if the version is stale)',
        params: idParams,
        body: updateProgrammeBody,
        response: { 200: programmeResponse },
      },
    },
    async (request) => {
      authorise(request.actor, 'update', { kind: 'programme', id: request.params.id });
      const { version, referringOrganisationIds, ...changes } = request.body;
      if (changes.hostOrganisationId)
        await assertOrganisationsExist(db, [changes.hostOrganisationId], 'hostOrganisationId');
      if (referringOrganisationIds) {
        await assertOrganisationsExist(db, referringOrganisationIds, 'referringOrganisationIds');
      }
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(programmes)
          .where(eq(programmes.id, request.params.id))
          .for('update');
        if (!current) throw notFound('The programme');
        if (current.version !== version) throw versionConflict('programme', current.version);
        if (changes.areas || changes.postcodeDistricts) {
          await refuseAreaOverlaps(tx, current.id, current, {
            areas: changes.areas ?? current.areas,
            postcodeDistricts: changes.postcodeDistricts ?? current.postcodeDistricts,
          });
        }
        await tx
          .update(programmes)
          .set({ ...changes, version: current.version + 1, updatedAt: new Date() })
          .where(eq(programmes.id, current.id));
        if (referringOrganisationIds) {
          await changeReferringOrganisations(tx, {
            actor: request.actor,
            origin: request.origin,
            programmeId: current.id,
            wanted: referringOrganisationIds,
            field: 'referringOrganisationIds',
          });
        }
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'programme.update',
          entityType: 'programme',
          entityId: current.id,
          programmeId: current.id,
          details: { fields: Object.keys(request.body).filter((f) => f !== 'version') },
        });
        const [presented] = await loadProgrammes(tx, request.actor, eq(programmes.id, current.id));
        return presented!;
      });
    },
  );
};
