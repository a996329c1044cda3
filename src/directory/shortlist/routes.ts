// Sending a directory shortlist to a person by email or text message, through the outbox.
import type { FastifyRequest } from 'fastify';
import type { RouteModule } from '../../http/context';
import { runIdempotentCreate } from '../../http/idempotency';
import { describeActor } from '../../access/actor';
import { sendShortlist } from './send-shortlist';
import { sendShortlistBody, sendShortlistResponse } from './schemas';

/** Messages cost money and reach people's phones: a generous per-sender ceiling stops a runaway script. */
const perSenderRateLimit = {
  max: 30,
  timeWindow: 60_000,
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => {
    const { actorType, actorId } = describeActor(request.actor);
    return `shortlist:${actorType}:${actorId ?? request.ip}`;
  },
};

export const directoryShortlistRoutes: RouteModule = (app, { db, config }) => {
  app.post(
    '/api/directory/shortlists/send',
    {
      config: { rateLimit: perSenderRateLimit },
      schema: {
        tags: ['directory'],
        summary:
          'Send a shortlist of services to a person by email or text message (link workers and coordinators; send an Idempotency-Key to make retries safe)',
        description:
          'Either `personId` (their email address or mobile number on record is used; a link worker sending to someone not on their caseload gives a `reason`, which is audited) or `recipient` (an address or UK mobile number typed in). The message is queued in the outbox; the answer shows the recipient masked.',
        body: sendShortlistBody,
        response: { 202: sendShortlistResponse },
      },
    },
    async (request, reply) => {
      const result = await runIdempotentCreate(db, request, async (tx) => ({
        statusCode: 202 as const,
        body: await sendShortlist({
          db: tx,
          actor: request.actor,
          origin: request.origin,
          body: request.body,
          publicUrl: config.publicUrl,
        }),
      }));
      return reply.status(result.statusCode).send(result.body);
    },
  );
};
