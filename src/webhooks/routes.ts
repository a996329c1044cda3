// The webhook API for connected systems (API clients): a provider's case system subscribes to its
// onward referrals, and any system can see its subscriptions (FHIR ones too), follow each
// delivery and its attempts, and replay one. Everything is scoped to the client's organisation.
import { z } from 'zod';
import { recordAudit } from '../access/audit';
import { authoriseApiClient } from '../access/authorise-as';
import type { RouteModule } from '../http/context';
import { AppError, invalidField, notFound } from '../http/errors';
import { runIdempotentCreate } from '../http/idempotency';
import { idParams } from '../http/schemas';
import { turnSubscriptionOff } from './delivery-queue';
import { checkWebhookEndpoint } from './endpoint-rule';
import { presentDelivery, presentDeliveryDetail, presentSubscription } from './present';
import {
  findDelivery,
  findSubscription,
  insertProviderSubscription,
  insertReplay,
  listAttempts,
  listDeliveries,
  listSubscriptions,
} from './queries';
import {
  createSubscriptionBody,
  createSubscriptionResponse,
  deliveriesQuery,
  deliveryDetailResponse,
  deliveryListResponse,
  deliveryResponse,
  subscriptionListResponse,
  subscriptionResponse,
} from './schemas';
import { newSigningSecret } from './secrets';

const tags = ['webhooks'];
const security: { [scheme: string]: string[] }[] = [{ apiKey: [] }];

export const webhookRoutes: RouteModule = (app, { db, config }) => {
  app.post(
    '/api/webhooks/subscriptions',
    {
      schema: {
        tags,
        security,
        summary:
          'Subscribe to your organisation’s onward referrals (created, withdrawn, expired); the signing secret is shown only here',
        description:
          'Each event is POSTed as JSON and signed with Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature). ' +
          'The payload holds no personal data: fetch the onward referral from data.href with your API key. Send an Idempotency-Key.',
        body: createSubscriptionBody,
        response: { 201: createSubscriptionResponse },
      },
    },
    async (request, reply) => {
      const client = authoriseApiClient(request.actor, 'create', { kind: 'webhook' });
      const refusal = checkWebhookEndpoint(request.body.url, { allowLoopback: config.allowLoopbackWebhooks });
      if (refusal) throw invalidField('url', refusal);
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const secret = newSigningSecret();
        const subscription = await insertProviderSubscription(tx, {
          organisationId: client.organisationId,
          apiClientId: client.clientId,
          url: request.body.url,
          events: request.body.events,
          description: request.body.description ?? '',
          secret,
        });
        await recordAudit(tx, {
          actor: client,
          origin: request.origin,
          action: 'webhook_subscription.create',
          entityType: 'webhook_subscription',
          entityId: subscription.id,
          details: { events: subscription.events },
        });
        return {
          statusCode: 201 as const,
          body: { subscription: presentSubscription(subscription), secret },
        };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/api/webhooks/subscriptions',
    {
      schema: {
        tags,
        security,
        summary: 'Your organisation’s subscriptions: provider events and FHIR Subscriptions, newest first',
        response: { 200: subscriptionListResponse },
      },
    },
    async (request) => {
      const client = authoriseApiClient(request.actor, 'list', { kind: 'webhook' });
      const rows = await listSubscriptions(db, client.organisationId);
      return { items: rows.map(presentSubscription) };
    },
  );

  app.get(
    '/api/webhooks/subscriptions/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One subscription',
        params: idParams,
        response: { 200: subscriptionResponse },
      },
    },
    async (request) => {
      const client = authoriseApiClient(request.actor, 'read', { kind: 'webhook' });
      const row = await findSubscription(db, client.organisationId, request.params.id);
      if (!row) throw notFound('The subscription');
      return presentSubscription(row);
    },
  );

  app.delete(
    '/api/webhooks/subscriptions/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Turn a subscription off: nothing more is sent, and deliveries still waiting are dropped',
        params: idParams,
        response: { 200: subscriptionResponse },
      },
    },
    async (request) => {
      const client = authoriseApiClient(request.actor, 'revoke', { kind: 'webhook' });
      return db.transaction(async (tx) => {
        const current = await findSubscription(tx, client.organisationId, request.params.id, {
          forUpdate: true,
        });
        if (!current) throw notFound('The subscription');
        // Turning off what is already off changes nothing and is not audited again.
        if (current.status === 'off') return presentSubscription(current);
        const updated = await turnSubscriptionOff(tx, { subscriptionId: current.id });
        await recordAudit(tx, {
          actor: client,
          origin: request.origin,
          action: 'webhook_subscription.turn_off',
          entityType: 'webhook_subscription',
          entityId: current.id,
          details: { kind: current.kind, from: current.status },
        });
        return presentSubscription(updated!);
      });
    },
  );

  app.get(
    '/api/webhooks/deliveries',
    {
      schema: {
        tags,
        security,
        summary:
          'Deliveries to your organisation’s subscriptions, newest first, with attempts and the last result',
        querystring: deliveriesQuery,
        response: { 200: deliveryListResponse },
      },
    },
    async (request) => {
      const client = authoriseApiClient(request.actor, 'list', { kind: 'webhook' });
      const { subscriptionId, status, limit, before } = request.query;
      const rows = await listDeliveries(db, {
        organisationId: client.organisationId,
        subscriptionId,
        status,
        limit,
        beforeId: before,
      });
      return {
        items: rows.map(presentDelivery),
        nextBefore: rows.length === limit ? rows[rows.length - 1]!.id : null,
      };
    },
  );

  app.get(
    '/api/webhooks/deliveries/:id',
    {
      schema: {
        tags,
        security,
        summary:
          'One delivery with its payload and every attempt (audited: a FHIR payload references a person)',
        params: idParams,
        response: { 200: deliveryDetailResponse },
      },
    },
    async (request) => {
      const client = authoriseApiClient(request.actor, 'read', { kind: 'webhook' });
      return db.transaction(async (tx) => {
        const row = await findDelivery(tx, client.organisationId, request.params.id);
        if (!row) throw notFound('The delivery');
        await recordAudit(tx, {
          actor: client,
          origin: request.origin,
          action: 'webhook_delivery.read',
          entityType: 'webhook_delivery',
          entityId: row.id,
          details: { resourceType: row.resourceType, resourceId: row.resourceId },
        });
        return presentDeliveryDetail(row, await listAttempts(tx, row.id));
      });
    },
  );

  app.post(
    '/api/webhooks/deliveries/:id/replay',
    {
      schema: {
        tags,
        security,
        summary: 'Send a delivered or failed delivery again, as a new delivery with the same payload',
        params: idParams,
        body: z.object({}).optional(),
        response: { 201: deliveryResponse },
      },
    },
    async (request, reply) => {
      const client = authoriseApiClient(request.actor, 'create', { kind: 'webhook' });
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const source = await findDelivery(tx, client.organisationId, request.params.id);
        if (!source) throw notFound('The delivery');
        const subscription = await findSubscription(tx, client.organisationId, source.subscriptionId, {
          forUpdate: true,
        });
        if (!subscription || subscription.status === 'off')
          throw new AppError('conflict', 'The subscription is off, so nothing can be sent to it.');
        if (source.status === 'pending')
          throw new AppError(
            'conflict',
            'This delivery is still being tried; replay it once it is delivered or failed.',
          );
        const replay = await insertReplay(tx, source);
        await recordAudit(tx, {
          actor: client,
          origin: request.origin,
          action: 'webhook_delivery.replay',
          entityType: 'webhook_delivery',
          entityId: replay.id,
          details: { replayOf: source.id },
        });
        return { statusCode: 201 as const, body: presentDelivery(replay) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );
};
