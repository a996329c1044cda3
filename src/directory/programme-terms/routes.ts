// A programme's own taxonomy terms (docs/DESIGN.md §2, Directory: "Programmes can add their own terms"). They hang under a shared
// term or another of the programme's terms, share the parent's taxonomy, and are tagged on services
// like any other term, so search by the parent finds them. Only the programme's coordinators (and
// platform admins) change them; another programme's terms answer 404.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { taxonomyTerms } from '../../db/schema';
import type { RouteModule } from '../../http/context';
import { AppError, invalidField, notFound } from '../../http/errors';
import { runIdempotentCreate } from '../../http/idempotency';
import {
  childrenOf,
  codesInTaxonomy,
  findProgramme,
  findTerm,
  listProgrammeTerms,
  usageOf,
  type TermRow,
} from './queries';
import { deletionRefusal, deriveTermCode, nextUpdatedAt, parentRefusal, sameTermName } from './rules';
import {
  createProgrammeTermBody,
  programmeParams,
  programmeTermListItem,
  programmeTermParams,
  programmeTermResponse,
  updateProgrammeTermBody,
} from './schemas';

const tags = ['directory'];

function present(row: TermRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    parentId: row.parentId!,
    programmeId: row.programmeId!,
    taxonomyId: row.taxonomyId,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Authorises a change to the programme's terms and proves the programme exists (404 otherwise). */
async function authoriseProgramme(
  db: Executor,
  actor: Actor,
  programmeId: string,
  action: 'read' | 'update',
) {
  authorise(actor, action, { kind: 'programme', id: programmeId });
  const programme = await findProgramme(db, programmeId);
  if (!programme) throw notFound('The programme');
  return programme;
}

/** The programme's own term, locked for the change; any other term (shared, another programme's) is 404. */
async function lockOwnTerm(db: Executor, programmeId: string, termId: string) {
  const row = await findTerm(db, termId, { lock: true });
  if (!row || row.programmeId !== programmeId) throw notFound('The term');
  return row;
}

/**
 * Names are unique among the children this programme sees under the parent: the shared ones and its
 * own. Another programme's "Warm spaces" is invisible here, so it does not block this one's.
 */
async function assertNameFree(
  db: Executor,
  programmeId: string,
  parentId: string,
  name: string,
  exceptId?: string,
) {
  const siblings = await childrenOf(db, parentId);
  const clash = siblings.find(
    (sibling) =>
      sibling.id !== exceptId &&
      (sibling.programmeId === null || sibling.programmeId === programmeId) &&
      sameTermName(sibling.name, name),
  );
  if (clash) {
    const detail = `There is already a term called “${clash.name}” under this parent.`;
    throw new AppError('conflict', detail, {
      errors: [{ field: 'name', pointer: '#/name', in: 'body', detail }],
    });
  }
}

export const programmeTaxonomyTermRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/programmes/:programmeId/taxonomy-terms',
    {
      schema: {
        tags,
        summary: 'Your programme’s own directory terms, with their parent and how many services use each',
        params: programmeParams,
        response: { 200: z.object({ items: z.array(programmeTermListItem) }) },
      },
    },
    async (request) => {
      const { programmeId } = request.params;
      return db.transaction(async (tx) => {
        await authoriseProgramme(tx, request.actor, programmeId, 'read');
        const rows = await listProgrammeTerms(tx, programmeId);
        return {
          items: rows.map(({ row, ...extra }) => ({ ...present(row), ...extra })),
        };
      });
    },
  );

  app.post(
    '/api/programmes/:programmeId/taxonomy-terms',
    {
      schema: {
        tags,
        summary:
          'Add a term of your programme’s own under a shared term (send an Idempotency-Key to make retries safe)',
        params: programmeParams,
        body: createProgrammeTermBody,
        response: { 201: programmeTermResponse },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const { programmeId } = request.params;
      const body = request.body;
      authorise(actor, 'update', { kind: 'programme', id: programmeId });
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const programme = await authoriseProgramme(tx, actor, programmeId, 'update');
        // Locking the parent serialises creates under it, so two same-named children cannot both pass the check.
        const parent = await findTerm(tx, body.parentId, { lock: true });
        const refusal = parentRefusal(parent, programmeId);
        if (refusal || !parent) throw invalidField('parentId', refusal ?? 'Choose a parent term.');
        await assertNameFree(tx, programmeId, parent.id, body.name);
        const code = deriveTermCode(programme.slug, body.name, await codesInTaxonomy(tx, parent.taxonomyId));
        const [row] = await tx
          .insert(taxonomyTerms)
          .values({
            taxonomyId: parent.taxonomyId,
            code,
            name: body.name,
            description: body.description ?? '',
            parentId: parent.id,
            programmeId,
            updatedAt: new Date(),
          })
          .returning();
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'taxonomy_term.create',
          entityType: 'taxonomy_term',
          entityId: row!.id,
          programmeId,
          details: { code, name: body.name, parentId: parent.id },
        });
        return { statusCode: 201, body: present(row!) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.patch(
    '/api/programmes/:programmeId/taxonomy-terms/:termId',
    {
      schema: {
        tags,
        summary:
          'Rename or describe your programme’s term. Echo its updatedAt: a term changed since is refused with 409.',
        params: programmeTermParams,
        body: updateProgrammeTermBody,
        response: { 200: programmeTermResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      const { programmeId, termId } = request.params;
      const body = request.body;
      return db.transaction(async (tx) => {
        await authoriseProgramme(tx, actor, programmeId, 'update');
        const current = await lockOwnTerm(tx, programmeId, termId);
        if (current.updatedAt.getTime() !== new Date(body.updatedAt).getTime()) {
          throw new AppError(
            'version_conflict',
            'This term was changed by someone else since you opened it. Reload it and make your change again.',
            { extra: { currentUpdatedAt: current.updatedAt.toISOString() } },
          );
        }
        if (body.name !== undefined && current.parentId) {
          // Lock the parent as creates do, so a rename and a create cannot produce twins.
          await findTerm(tx, current.parentId, { lock: true });
          await assertNameFree(tx, programmeId, current.parentId, body.name, current.id);
        }
        // The code stays as it was: codes are stable identifiers used by CSV files and importers.
        const [row] = await tx
          .update(taxonomyTerms)
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            updatedAt: nextUpdatedAt(current.updatedAt),
          })
          .where(eq(taxonomyTerms.id, current.id))
          .returning();
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'taxonomy_term.update',
          entityType: 'taxonomy_term',
          entityId: current.id,
          programmeId,
          details: {
            before: { name: current.name, description: current.description },
            after: { name: row!.name, description: row!.description },
          },
        });
        return present(row!);
      });
    },
  );

  app.delete(
    '/api/programmes/:programmeId/taxonomy-terms/:termId',
    {
      schema: {
        tags,
        summary: 'Delete your programme’s term; refused with 409 (saying how many) while services use it',
        params: programmeTermParams,
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const { programmeId, termId } = request.params;
      await db.transaction(async (tx) => {
        await authoriseProgramme(tx, actor, programmeId, 'update');
        const current = await lockOwnTerm(tx, programmeId, termId);
        const usage = await usageOf(tx, current.id);
        const refusal = deletionRefusal(usage);
        if (refusal) throw new AppError('conflict', refusal, { extra: { usage } });
        await tx.delete(taxonomyTerms).where(eq(taxonomyTerms.id, current.id));
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'taxonomy_term.delete',
          entityType: 'taxonomy_term',
          entityId: current.id,
          programmeId,
          details: { code: current.code, name: current.name },
        });
      });
      return reply.status(204).send();
    },
  );
};
