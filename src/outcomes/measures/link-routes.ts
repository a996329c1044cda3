// Self-completion links, the staff side: send one, see each link's status, revoke one.
import type { AppDeps, AppInstance } from '../../http/context';
import { runIdempotentCreate } from '../../http/idempotency';
import { idParams } from '../../http/schemas';
import { authoriseStaff } from '../../access/authorise-as';
import { createMeasureLink, listMeasureLinks, presentLink, revokeMeasureLink } from './measure-links';
import { createLinkBody, linkListResponse, linkParams, linkResponse } from './schemas';

const tags = ['outcomes'];

export function linkRoutes(app: AppInstance, { db, config }: AppDeps): void {
  app.post(
    '/api/referrals/:id/measure-links',
    {
      schema: {
        tags,
        summary:
          'Send the person a single-use link (email or text) to answer questionnaires on their phone; it expires after 14 days',
        params: idParams,
        body: createLinkBody,
        response: { 201: linkResponse },
      },
    },
    async (request, reply) => {
      const actor = authoriseStaff(request.actor, 'create', { kind: 'measures' });
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const link = await createMeasureLink(tx, {
          ...request.body,
          actor,
          origin: request.origin,
          referralId: request.params.id,
          publicUrl: config.publicUrl,
        });
        return { statusCode: 201 as const, body: presentLink(link) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/api/referrals/:id/measure-links',
    {
      schema: {
        tags,
        summary: 'The self-completion links sent for a referral, newest first, with their status',
        params: idParams,
        response: { 200: linkListResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'read', { kind: 'measures' });
      const rows = await db.transaction((tx) =>
        listMeasureLinks(tx, { actor, origin: request.origin, referralId: request.params.id }),
      );
      const now = new Date();
      return { items: rows.map((row) => presentLink(row, now)) };
    },
  );

  app.post(
    '/api/referrals/:id/measure-links/:linkId/revoke',
    {
      schema: {
        tags,
        summary: 'Cancel a self-completion link that has not been used (e.g. sent to the wrong address)',
        params: linkParams,
        response: { 200: linkResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'create', { kind: 'measures' });
      const link = await db.transaction((tx) =>
        revokeMeasureLink(tx, {
          actor,
          origin: request.origin,
          referralId: request.params.id,
          linkId: request.params.linkId,
        }),
      );
      return presentLink(link);
    },
  );
}
