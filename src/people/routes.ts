// People: personal (health) data. Every read and write is authorised by role and relationship,
// scoped to the actor's programme, and written to the audit log in the same transaction.
import { and, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client';
import { people, users } from '../db/schema';
import type { Actor } from '../access/actor';
import { recordAudit } from '../access/audit';
import { listScope } from '../access/list-scope';
import { authorise } from '../access/policy';
import type { RouteModule } from '../http/context';
import { AppError, invalidField, notFound } from '../http/errors';
import { runIdempotentCreate } from '../http/idempotency';
import { idParams, likePattern, pageQuery, versionConflict } from '../http/schemas';
import { describePersonArea, personAreaOfPostcode } from '../geo';
import { demographicColumns, genderIdentityProblem } from './demographics';
import { presentPerson } from './present';
import { createPersonBody, personResponse, personSummaryResponse, updatePersonBody } from './schemas';

function actorProgramme(actor: Actor): string {
  if (actor.type === 'user' && actor.programmeId) return actor.programmeId;
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in to continue.');
  throw new AppError('forbidden', 'Only programme staff can work with people’s records.');
}

/** A missing record answers exactly like one outside the actor's programme: 404 (401 when signed out). */
/** Whose caseload a new person joins by default: the registering link worker's (their caseload scope names them). */
function caseloadOwnerOf(actor: Actor): string | null {
  const scope = listScope(actor, 'caseload');
  return typeof scope === 'object' && 'assignedTo' in scope ? (scope.assignedTo ?? null) : null;
}

function missingPerson(actor: Actor): AppError {
  return actor.type === 'anonymous'
    ? new AppError('unauthenticated', 'Sign in to continue.')
    : notFound('The person');
}

async function assertLinkWorkerInProgramme(db: Executor, userId: string, programmeId: string): Promise<void> {
  const [worker] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.programmeId, programmeId), eq(users.role, 'link_worker')));
  if (!worker) throw invalidField('assignedLinkWorkerId', 'Choose a link worker of this programme.');
}

const accessReasonQuery = z.object({
  reason: z.string().trim().min(5, 'Give a reason of at least 5 characters').max(500).optional(),
});

export const peopleRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Find people in your programme by name, NHS number or postcode',
        querystring: z.object({ q: z.string().trim().max(100).optional(), ...pageQuery }),
        response: { 200: z.object({ items: z.array(personSummaryResponse), total: z.number() }) },
      },
    },
    async (request) => {
      const programmeId = actorProgramme(request.actor);
      authorise(request.actor, 'list', { kind: 'person', programmeId, assignedLinkWorkerId: null });
      const { q, limit, offset } = request.query;
      const conditions: SQL[] = [eq(people.programmeId, programmeId)];
      if (q) {
        const pattern = likePattern(q);
        conditions.push(
          or(
            ilike(people.givenName, pattern),
            ilike(people.familyName, pattern),
            ilike(people.postcode, pattern),
            eq(people.nhsNumber, q.replace(/\s/g, '')),
          )!,
        );
      }
      return db.transaction(async (tx) => {
        const where = and(...conditions);
        const rows = await tx
          .select({
            id: people.id,
            givenName: people.givenName,
            familyName: people.familyName,
            dateOfBirth: people.dateOfBirth,
            postcode: people.postcode,
            assignedLinkWorkerId: people.assignedLinkWorkerId,
          })
          .from(people)
          .where(where)
          .orderBy(people.familyName, people.givenName)
          .limit(limit)
          .offset(offset);
        const [totalRow] = await tx.select({ total: count() }).from(people).where(where);
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'person.search',
          entityType: 'person',
          programmeId,
          details: { query: q ?? null, results: rows.map((r) => r.id) },
        });
        return { items: rows, total: totalRow?.total ?? 0 };
      });
    },
  );

  app.post(
    '/api/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Register a person in your programme (send an Idempotency-Key to make retries safe)',
        body: createPersonBody,
        response: { 201: personResponse },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const programmeId = actorProgramme(actor);
      authorise(actor, 'create', { kind: 'person', programmeId, assignedLinkWorkerId: null });
      const body = request.body;
      // A link worker registering someone takes them onto their own caseload unless told otherwise.
      const assignedLinkWorkerId =
        body.assignedLinkWorkerId !== undefined ? body.assignedLinkWorkerId : caseloadOwnerOf(actor);
      if (assignedLinkWorkerId) await assertLinkWorkerInProgramme(db, assignedLinkWorkerId, programmeId);
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const [row] = await tx
          .insert(people)
          .values({
            ...body,
            ...demographicColumns(body),
            ...(await personAreaOfPostcode(tx, body.postcode)),
            programmeId,
            assignedLinkWorkerId,
            createdByUserId: actor.type === 'user' ? actor.userId : null,
          })
          .returning();
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'person.create',
          entityType: 'person',
          entityId: row!.id,
          programmeId,
        });
        return { statusCode: 201, body: presentPerson(row!, actor, await describePersonArea(tx, row!)) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/api/people/:id',
    {
      schema: {
        tags: ['people'],
        summary:
          'A person’s record. Link workers opening someone not on their caseload must give a reason (audited).',
        params: idParams,
        querystring: accessReasonQuery,
        response: { 200: personResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(people).where(eq(people.id, request.params.id));
        if (!row) throw missingPerson(actor);
        const basis = authorise(
          actor,
          'read',
          {
            kind: 'person',
            id: row.id,
            programmeId: row.programmeId,
            assignedLinkWorkerId: row.assignedLinkWorkerId,
          },
          { accessReason: request.query.reason },
        );
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'person.read',
          entityType: 'person',
          entityId: row.id,
          programmeId: row.programmeId,
          details: { basis },
        });
        return presentPerson(row, actor, await describePersonArea(tx, row));
      });
    },
  );

  app.patch(
    '/api/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a person’s details (refused with 409 if the version is stale)',
        params: idParams,
        querystring: accessReasonQuery,
        body: updatePersonBody,
        response: { 200: personResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      const { version, ...changes } = request.body;
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(people)
          .where(eq(people.id, request.params.id))
          .for('update');
        if (!current) throw missingPerson(actor);
        const resource = {
          kind: 'person' as const,
          id: current.id,
          programmeId: current.programmeId,
          assignedLinkWorkerId: current.assignedLinkWorkerId,
        };
        const basis = authorise(actor, 'update', resource, { accessReason: request.query.reason });
        if (
          changes.assignedLinkWorkerId !== undefined &&
          changes.assignedLinkWorkerId !== current.assignedLinkWorkerId
        ) {
          authorise(actor, 'assign', resource);
          if (changes.assignedLinkWorkerId)
            await assertLinkWorkerInProgramme(tx, changes.assignedLinkWorkerId, current.programmeId);
        }
        if (current.version !== version) throw versionConflict('person’s record', current.version);
        const same =
          changes.genderIdentitySame !== undefined ? changes.genderIdentitySame : current.genderIdentitySame;
        const problem = genderIdentityProblem(same, changes.genderIdentity);
        if (problem) throw invalidField('genderIdentity', problem);
        const derived = {
          // A gender identity never outlives the "no" it answers.
          ...(same !== 'no' && current.genderIdentity ? { genderIdentity: null } : {}),
          ...(changes.genderIdentity === '' ? { genderIdentity: null } : {}),
          // The area follows the postcode whenever it is written (src/geo/person-area.ts).
          ...(changes.postcode !== undefined ? await personAreaOfPostcode(tx, changes.postcode) : {}),
        };
        const [row] = await tx
          .update(people)
          .set({ ...changes, ...derived, version: current.version + 1, updatedAt: new Date() })
          .where(eq(people.id, current.id))
          .returning();
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'person.update',
          entityType: 'person',
          entityId: current.id,
          programmeId: current.programmeId,
          details: { basis, fields: Object.keys(changes) },
        });
        return presentPerson(row!, actor, await describePersonArea(tx, row!));
      });
    },
  );
};
