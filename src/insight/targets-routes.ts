// GET/PUT/DELETE /api/insight/reach-targets: a programme's yearly reach targets (programme-wide or per
// referring organisation). Whoever sees the programme's dashboards may read them; only its
// coordinators change them, with a version check, audited in the same transaction.
import { z } from 'zod';
import type { RouteModule } from '../http/context';
import { notFound } from '../http/errors';
import { idParams, versionField } from '../http/schemas';
import { reachTargetBody, reachTargetResponse, reachTargetsQuery, reachTargetsResponse } from './schemas';
import { resolveInsightScope } from './scope';
import { canEditReachTargets, deleteReachTarget, listReachTargets, saveReachTarget } from './targets';

export const reachTargetRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/insight/reach-targets',
    {
      schema: {
        tags: ['insight'],
        summary: 'A programme’s yearly reach targets: programme-wide and per referring organisation',
        querystring: reachTargetsQuery,
        response: { 200: reachTargetsResponse },
      },
    },
    async (request) => {
      const scope = await resolveInsightScope(db, request.actor);
      const programme = scope.programmes.find((candidate) => candidate.id === request.query.programmeId);
      if (!programme) throw notFound('The programme');
      return {
        items: await listReachTargets(db, programme.id),
        canEdit: canEditReachTargets(scope.actor, programme),
      };
    },
  );

  app.put(
    '/api/insight/reach-targets',
    {
      schema: {
        tags: ['insight'],
        summary:
          'Create (no version) or change (with its version) the target for the whole programme or one organisation; the programme’s coordinators only. 409 when someone changed it first',
        body: reachTargetBody,
        response: { 200: reachTargetResponse, 201: reachTargetResponse },
      },
    },
    async (request, reply) => {
      const result = await db.transaction((tx) =>
        saveReachTarget(tx, { actor: request.actor, origin: request.origin, input: request.body }),
      );
      return reply.status(result.created ? 201 : 200).send(result.target);
    },
  );

  app.delete(
    '/api/insight/reach-targets/:id',
    {
      schema: {
        tags: ['insight'],
        summary: 'Remove a reach target (at its version)',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().pipe(versionField) }),
      },
    },
    async (request, reply) => {
      await db.transaction((tx) =>
        deleteReachTarget(tx, {
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
