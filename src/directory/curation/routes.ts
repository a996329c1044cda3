// Directory curation over HTTP: create and edit services (live or pending per programme setting),
// confirm them, see and revert their history, review pending changes, and report errors (see
// report-routes.ts). Handlers: authenticate → validate → authorise → one transaction → present.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { UserActor } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authoriseUser } from '../../access/authorise-as';
import { listScope } from '../../access/list-scope';
import { authorise } from '../../access/policy';
import { organisations, programmes, services, users } from '../../db/schema';
import type { Executor } from '../../db/client';
import type { RouteModule } from '../../http/context';
import { AppError, invalidField, notFound } from '../../http/errors';
import { runIdempotentCreate } from '../../http/idempotency';
import { pageQuery, versionConflict } from '../../http/schemas';
import { queueNotification } from '../../notify/outbox';
import { boroughCodesOfInput, boroughCodesOfProgrammeAreas, findCuratingProgrammes } from './curators';
import { loadServiceInputs, snapshotToInput } from './load-service-input';
import { revisionReviewedMessage } from './messages';
import { publishServiceChange } from './publish-service-change';
import { findCuratedService, findRevision, listReviewQueue, listRevisions } from './queries';
import { reportRoutes } from './report-routes';
import { closePendingRevision, publishServices } from './revisions';
import {
  createServiceBody,
  publishResponse,
  reviewBody,
  revisionParams,
  revisionResponse,
  serviceIdParams,
  updateServiceBody,
} from './schemas';

async function assertOrganisationExists(db: Executor, organisationId: string): Promise<void> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!row) throw invalidField('organisationId', 'Choose an existing organisation.');
}

const auditProgramme = (actor: UserActor, curatingIds: string[]) =>
  actor.programmeId ?? curatingIds[0] ?? null;

export const directoryCurationRoutes: RouteModule = (app, deps) => {
  const { db, config } = deps;
  const serviceUrl = (id: string) => `${config.publicUrl}/directory/services/${id}`;

  app.post(
    '/api/directory/services',
    {
      schema: {
        tags: ['directory'],
        summary:
          'Add a service (live, or pending a curator’s approval for provider staff where the programme asks)',
        body: createServiceBody,
        response: { 201: publishResponse },
      },
    },
    async (request, reply) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'directory_curation', part: 'edit' });
      const { summary, ...input } = request.body;
      const curating = await findCuratingProgrammes(db, boroughCodesOfInput(input));
      const curatingProgrammeIds = curating.map((p) => p.id);
      authorise(actor, 'create', {
        kind: 'service',
        organisationId: input.organisationId,
        curatingProgrammeIds,
      });
      await assertOrganisationExists(db, input.organisationId);
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const change = await publishServiceChange({
          db: tx,
          actor,
          publicUrl: config.publicUrl,
          input: input,
          curating,
          summary: summary || 'Service added',
        });
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'service.create',
          entityType: 'service',
          entityId: change.serviceId,
          programmeId: auditProgramme(actor, curatingProgrammeIds),
          details: { revisionId: change.revisionId, status: change.status },
        });
        return { statusCode: 201 as const, body: change };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.put(
    '/api/directory/services/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Replace a service with a new version (409 when the version is stale)',
        params: serviceIdParams,
        body: updateServiceBody,
        response: { 200: publishResponse },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'directory_curation', part: 'edit' });
      const { version, summary, ...input } = request.body;
      return db.transaction(async (tx) => {
        const current = await findCuratedService(tx, request.params.id, { forUpdate: true });
        if (!current) throw notFound('The service');
        const basis = authorise(actor, 'update', current.resource);
        // The changed service must still be one the actor may edit: no moving it to another organisation or area.
        const curating = await findCuratingProgrammes(tx, boroughCodesOfInput(input));
        authorise(actor, 'update', {
          kind: 'service',
          id: current.id,
          organisationId: input.organisationId,
          curatingProgrammeIds: curating.map((p) => p.id),
        });
        if (current.version !== version) throw versionConflict('service', current.version);
        const change = await publishServiceChange({
          db: tx,
          actor,
          publicUrl: config.publicUrl,
          input: input,
          existing: current,
          curating: [
            ...current.curating,
            ...curating.filter((p) => !current.curating.some((c) => c.id === p.id)),
          ],
          summary: summary || 'Service updated',
        });
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'service.update',
          entityType: 'service',
          entityId: current.id,
          programmeId: auditProgramme(actor, current.resource.curatingProgrammeIds as string[]),
          details: { basis, revisionId: change.revisionId, status: change.status },
        });
        return change;
      });
    },
  );

  app.post(
    '/api/directory/services/:id/verify',
    {
      schema: {
        tags: ['directory'],
        summary: 'Confirm a service’s details are still right',
        params: serviceIdParams,
        response: { 200: z.object({ serviceId: z.string(), lastVerifiedAt: z.string() }) },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'directory_curation', part: 'edit' });
      return db.transaction(async (tx) => {
        const current = await findCuratedService(tx, request.params.id, { forUpdate: true });
        if (!current) throw notFound('The service');
        const basis = authorise(actor, 'verify', current.resource);
        const now = new Date();
        // Confirming changes no content, so the version stays: an editor's open form is still current.
        await tx
          .update(services)
          .set({ lastVerifiedAt: now, lastVerifiedByUserId: actor.userId })
          .where(eq(services.id, current.id));
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'service.verify',
          entityType: 'service',
          entityId: current.id,
          programmeId: auditProgramme(actor, current.resource.curatingProgrammeIds as string[]),
          details: { basis },
        });
        return { serviceId: current.id, lastVerifiedAt: now.toISOString() };
      });
    },
  );

  app.get(
    '/api/directory/services/:id/editable',
    {
      schema: {
        tags: ['directory'],
        summary:
          'A service as its editors change it: the complete input the PUT takes, and its current version',
        params: serviceIdParams,
        response: { 200: z.object({ version: z.number(), input: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'directory_curation', part: 'edit' });
      const current = await findCuratedService(db, request.params.id);
      if (!current) throw notFound('The service');
      authorise(actor, 'update', current.resource);
      // Editors start from every stored field, not only what the public page shows, so a save
      // never drops fields the form does not display.
      const [[input], [row]] = await Promise.all([
        loadServiceInputs(db, [current.id]),
        db.select({ version: services.version }).from(services).where(eq(services.id, current.id)),
      ]);
      if (!input || !row) throw notFound('The service');
      return { version: row.version, input: input as unknown as Record<string, unknown> };
    },
  );

  app.get(
    '/api/directory/services/:id/revisions',
    {
      schema: {
        tags: ['directory'],
        summary: 'A service’s history: every version with who, when, status and the fields it changed',
        params: serviceIdParams,
        response: { 200: z.object({ items: z.array(revisionResponse) }) },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'directory_curation', part: 'edit' });
      const current = await findCuratedService(db, request.params.id);
      if (!current) throw notFound('The service');
      authorise(actor, 'update', current.resource);
      return { items: await listRevisions(db, current.id) };
    },
  );

  app.post(
    '/api/directory/services/:id/revisions/:revisionId/revert',
    {
      schema: {
        tags: ['directory'],
        summary: 'Publish an earlier version again, as a new live version',
        params: revisionParams,
        response: { 200: publishResponse },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'directory_curation', part: 'edit' });
      return db.transaction(async (tx) => {
        const current = await findCuratedService(tx, request.params.id, { forUpdate: true });
        if (!current) throw notFound('The service');
        const basis = authorise(actor, 'approve', current.resource);
        const revision = await findRevision(tx, request.params.revisionId);
        if (!revision || revision.serviceId !== current.id) throw notFound('The version');
        if (revision.status !== 'live' && revision.status !== 'superseded') {
          throw new AppError('conflict', 'Only a version that was published can be restored.');
        }
        const input = snapshotToInput(revision.snapshot);
        const [published] = await publishServices(
          tx,
          [{ ...input, id: current.id, lastVerifiedAt: new Date(), lastVerifiedByUserId: actor.userId }],
          {
            actorUserId: actor.userId,
            summary: `Restored the version of ${revision.createdAt.toISOString().slice(0, 10)}`,
          },
        );
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'service.revert',
          entityType: 'service',
          entityId: current.id,
          programmeId: auditProgramme(actor, current.resource.curatingProgrammeIds as string[]),
          details: { basis, fromRevisionId: revision.id, revisionId: published!.revisionId },
        });
        return { ...published!, status: 'live' as const };
      });
    },
  );

  app.get(
    '/api/directory/review-queue',
    {
      schema: {
        tags: ['directory'],
        summary: 'Changes waiting for approval in your programme’s area',
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(revisionResponse) }) },
      },
    },
    async (request) => {
      authorise(request.actor, 'list', { kind: 'directory_curation', part: 'revisions' });
      // Coordinators review their programme's area; platform admins everything.
      const scope = listScope(request.actor, 'directory_curation');
      let boroughCodes: string[] | undefined;
      if (scope !== 'all') {
        if (scope === 'none' || !('programmeId' in scope))
          throw new AppError('forbidden', 'Only coordinators and platform admins review directory changes.');
        const [programme] = await db
          .select({ areas: programmes.areas })
          .from(programmes)
          .where(eq(programmes.id, scope.programmeId));
        boroughCodes = boroughCodesOfProgrammeAreas(programme?.areas ?? []);
      }
      return { items: await listReviewQueue(db, boroughCodes, request.query) };
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/api/directory/revisions/:id/${decision}`,
      {
        schema: {
          tags: ['directory'],
          summary:
            decision === 'approve'
              ? 'Approve a pending change: it goes live'
              : 'Reject a pending change, with a note',
          params: serviceIdParams,
          body: reviewBody,
          response: { 200: publishResponse.extend({ status: z.enum(['live', 'pending', 'rejected']) }) },
        },
      },
      async (request) => {
        const actor = authoriseUser(request.actor, 'update', { kind: 'directory_curation', part: 'edit' });
        const note = request.body.note?.trim() || null;
        return db.transaction(async (tx) => {
          const revision = await findRevision(tx, request.params.id);
          if (!revision) throw notFound('The change');
          const input = snapshotToInput(revision.snapshot);
          const current = await findCuratedService(tx, revision.serviceId, {
            forUpdate: true,
            extraBoroughCodes: boroughCodesOfInput(input),
          });
          if (!current) throw notFound('The change');
          const basis = authorise(actor, 'approve', current.resource);
          if (revision.status !== 'pending')
            throw new AppError('conflict', 'This change has already been reviewed.');
          let result: { serviceId: string; revisionId: string; version: number; status: 'live' | 'rejected' };
          if (decision === 'approve') {
            const [published] = await publishServices(
              tx,
              [
                {
                  ...input,
                  id: current.id,
                  lastVerifiedAt: new Date(),
                  lastVerifiedByUserId: revision.authorId,
                },
              ],
              {
                actorUserId: revision.authorId,
                summary: revision.summary,
                reviewedByUserId: actor.userId,
                reviewNote: note,
                promoteRevisionId: revision.id,
              },
            );
            result = { ...published!, status: 'live' };
          } else {
            await closePendingRevision(tx, revision.id, {
              status: 'rejected',
              reviewedByUserId: actor.userId,
              note,
            });
            result = {
              serviceId: current.id,
              revisionId: revision.id,
              version: current.version,
              status: 'rejected',
            };
          }
          if (revision.authorId) {
            const [authorRow] = await findAuthor(tx, revision.authorId);
            if (authorRow) {
              await queueNotification(tx, {
                channel: 'email',
                recipient: authorRow.email,
                programmeId: authorRow.programmeId,
                ...revisionReviewedMessage({
                  recipientName: authorRow.name,
                  serviceName: input.name,
                  isApproved: decision === 'approve',
                  note,
                  serviceUrl: serviceUrl(current.id),
                }),
              });
            }
          }
          await recordAudit(tx, {
            actor,
            origin: request.origin,
            action: decision === 'approve' ? 'service_revision.approve' : 'service_revision.reject',
            entityType: 'service_revision',
            entityId: revision.id,
            programmeId: auditProgramme(actor, current.resource.curatingProgrammeIds as string[]),
            details: { basis, serviceId: current.id, note },
          });
          return result;
        });
      },
    );
  }

  reportRoutes(app, deps);
};

function findAuthor(db: Executor, userId: string) {
  return db
    .select({ email: users.email, name: users.name, programmeId: users.programmeId })
    .from(users)
    .where(eq(users.id, userId));
}
