// GET/POST/DELETE /api/admin/programmes/:id/commissioners: which organisations commission a
// programme (and so see its Insight dashboards, suppressed). Platform admins only; audited.
import { z } from 'zod';
import type { RouteModule } from '../http/context';
import { idParams } from '../http/schemas';
import {
  addProgrammeCommissioner,
  listProgrammeCommissioners,
  removeProgrammeCommissioner,
} from './commissioners';
import {
  programmeCommissionerBody,
  programmeCommissionerResponse,
  programmeCommissionersResponse,
} from './schemas';

export const programmeCommissionerRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/admin/programmes/:id/commissioners',
    {
      schema: {
        tags: ['insight'],
        summary: 'The organisations recorded as commissioning the programme (platform admins)',
        params: idParams,
        response: { 200: programmeCommissionersResponse },
      },
    },
    async (request) => ({
      items: await listProgrammeCommissioners(db, { actor: request.actor, programmeId: request.params.id }),
    }),
  );

  app.post(
    '/api/admin/programmes/:id/commissioners',
    {
      schema: {
        tags: ['insight'],
        summary:
          'Record that an organisation commissions the programme: its commissioners then see the programme’s Insight dashboards (suppressed). 409 when already recorded',
        params: idParams,
        body: programmeCommissionerBody,
        response: { 201: programmeCommissionerResponse },
      },
    },
    async (request, reply) => {
      const created = await db.transaction((tx) =>
        addProgrammeCommissioner(tx, {
          actor: request.actor,
          origin: request.origin,
          programmeId: request.params.id,
          organisationId: request.body.organisationId,
        }),
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/admin/programmes/:id/commissioners/:organisationId',
    {
      schema: {
        tags: ['insight'],
        summary: 'Stop recording that an organisation commissions the programme',
        params: idParams.extend({ organisationId: z.uuid('must be a valid id') }),
      },
    },
    async (request, reply) => {
      await db.transaction((tx) =>
        removeProgrammeCommissioner(tx, {
          actor: request.actor,
          origin: request.origin,
          programmeId: request.params.id,
          organisationId: request.params.organisationId,
        }),
      );
      return reply.status(204).send();
    },
  );
};
