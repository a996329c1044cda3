// GET/PUT/DELETE /api/insight/demand-assumptions: the demand estimate's inputs. Whoever sees a
// programme's dashboards may read them (the demand panel shows each with its source); only its
// coordinators change them, with a version check, audited in the same transaction.
import { z } from 'zod';
import type { RouteModule } from '../http/context';
import { notFound } from '../http/errors';
import { runIdempotentCreate } from '../http/idempotency';
import { idParams, versionField } from '../http/schemas';
import {
  canEditDemandAssumptions,
  defaultDemandSource,
  defaultSocialShare,
  deleteDemandAssumption,
  listDemandAssumptions,
  presentDemandAssumption,
  saveDemandAssumption,
} from './demand-assumptions';
import {
  demandAssumptionBody,
  demandAssumptionResponse,
  demandAssumptionsQuery,
  demandAssumptionsResponse,
  type DemandAssumptionResponse,
} from './schemas';
import { resolveInsightScope } from './scope';

export const demandAssumptionRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/insight/demand-assumptions',
    {
      schema: {
        tags: ['insight'],
        summary:
          'The demand estimate’s assumptions of a programme (practices’ list sizes or consultations, borough populations, the share with a social problem), each with its source',
        querystring: demandAssumptionsQuery,
        response: { 200: demandAssumptionsResponse },
      },
    },
    async (request) => {
      const scope = await resolveInsightScope(db, request.actor);
      const programme = scope.programmes.find((candidate) => candidate.id === request.query.programmeId);
      if (!programme) throw notFound('The programme');
      const rows = await listDemandAssumptions(db, [programme.id]);
      return {
        items: rows.map(presentDemandAssumption),
        defaultSocialShare,
        defaultSource: defaultDemandSource,
        canEdit: canEditDemandAssumptions(scope.actor, programme),
      };
    },
  );

  app.put(
    '/api/insight/demand-assumptions',
    {
      schema: {
        tags: ['insight'],
        summary:
          'Create (no version; send an Idempotency-Key) or change (with its version) the assumption for a practice or a borough; the programme’s coordinators only. 409 when someone changed it first',
        body: demandAssumptionBody,
        response: { 200: demandAssumptionResponse, 201: demandAssumptionResponse },
      },
    },
    async (request, reply) => {
      // A retried create with the same Idempotency-Key gets the first answer, not a 409.
      const result = await runIdempotentCreate<DemandAssumptionResponse, 200 | 201>(
        db,
        request,
        async (tx) => {
          const saved = await saveDemandAssumption(tx, {
            actor: request.actor,
            origin: request.origin,
            input: request.body,
          });
          return { statusCode: saved.created ? 201 : 200, body: saved.assumption };
        },
      );
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.delete(
    '/api/insight/demand-assumptions/:id',
    {
      schema: {
        tags: ['insight'],
        summary: 'Remove an assumption (the estimate falls back to the Census and the default share)',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().pipe(versionField) }),
      },
    },
    async (request, reply) => {
      await db.transaction((tx) =>
        deleteDemandAssumption(tx, {
          actor: request.actor,
          origin: request.origin,
          id: request.params.id,
          version: request.query.version,
        }),
      );
      return reply.status(204).send();
    },
  );
};
