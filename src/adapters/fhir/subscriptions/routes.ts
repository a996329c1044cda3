// FHIR R4 Subscriptions (rest-hook) on the client's Tasks: create, read, list, delete. Deliveries
// are queued by referrals/task-changes.ts and posted, signed and retried by src/webhooks; the
// delivery log is GET /api/webhooks/deliveries.
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ApiClientActor } from '../../../access/actor';
import { recordAudit } from '../../../access/audit';
import { webhookSubscriptions } from '../../../db/schema';
import type { AppDeps, AppInstance } from '../../../http/context';
import { runIdempotentCreate } from '../../../http/idempotency';
import { checkWebhookEndpoint } from '../../../webhooks/endpoint-rule';
import { newSigningSecret } from '../../../webhooks/secrets';
import { sendResource } from '../module';
import { FhirError, fromSchemaIssues, invalidElement } from '../outcome';
import { fhirBase, parsePaging, searchBundle, searchQuery, uuidPattern } from '../search';
import type { Subscription } from '../types';
import { fhirContentType } from '../urls';
import { validateResource } from '../validate';
import { parseTaskCriteria } from './criteria';
import { presentSubscription, type SubscriptionRow } from './present';

/** Headers Linkwell sets itself; a subscriber cannot override them. */
const reservedHeaders = new Set([
  'content-type',
  'content-length',
  'host',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
]);

/** Checks what the JSON schema cannot: the values Linkwell can honour. Returns the row to store. */
export function subscriptionValues(resource: Subscription, allowLoopback: boolean, now = new Date()) {
  if (resource.status !== 'requested' && resource.status !== 'active')
    throw invalidElement('Subscription.status', 'Create a Subscription with status "requested".', 'value');
  if (!resource.criteria)
    throw invalidElement('Subscription.criteria', 'Give the criteria, e.g. "Task".', 'required');
  parseTaskCriteria(resource.criteria);
  if (resource.channel?.type !== 'rest-hook')
    throw invalidElement(
      'Subscription.channel.type',
      'Linkwell delivers by "rest-hook" only.',
      'not-supported',
    );
  const endpoint = resource.channel.endpoint;
  if (!endpoint) throw invalidElement('Subscription.channel.endpoint', 'Give the URL to notify.', 'required');
  const problem = checkWebhookEndpoint(endpoint, { allowLoopback });
  if (problem) throw invalidElement('Subscription.channel.endpoint', problem, 'value');
  const payload = resource.channel.payload;
  if (payload && payload !== fhirContentType && payload !== 'application/json+fhir')
    throw invalidElement(
      'Subscription.channel.payload',
      `Linkwell sends ${fhirContentType}, or no payload.`,
      'not-supported',
    );
  const headers = (resource.channel.header ?? []).map((header, index) => {
    const match = /^([A-Za-z0-9-]{1,100}):\s*(.{1,2000})$/.exec(header);
    if (!match || reservedHeaders.has(match[1]!.toLowerCase()))
      throw invalidElement(
        `Subscription.channel.header[${index}]`,
        'Give each header as "Name: value" (not Content-Type or the webhook-* signature headers).',
        'value',
      );
    return `${match[1]}: ${match[2]}`;
  });
  const endAt = resource.end ? new Date(resource.end) : null;
  if (endAt && endAt <= now)
    throw invalidElement('Subscription.end', 'The end must be in the future.', 'value');
  return {
    criteria: resource.criteria.trim(),
    endpoint,
    payload: payload ? fhirContentType : null,
    headers,
    endAt,
    reason: resource.reason?.trim() ?? '',
  };
}

export function subscriptionRoutes(fhir: AppInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const base = fhirBase(config.publicUrl);
  const clientOf = (request: FastifyRequest) => request.actor as ApiClientActor;

  async function ownSubscription(request: FastifyRequest, id: string): Promise<SubscriptionRow> {
    const notFound = new FhirError(404, [
      { code: 'not-found', diagnostics: `Subscription/${id} is not known to this client.` },
    ]);
    if (!uuidPattern.test(id)) throw notFound;
    const [row] = await db
      .select()
      .from(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.id, id),
          eq(webhookSubscriptions.organisationId, clientOf(request).organisationId),
          eq(webhookSubscriptions.kind, 'fhir_rest_hook'),
        ),
      );
    if (!row) throw notFound;
    return row;
  }

  fhir.post('/Subscription', { schema: { hide: true } }, async (request, reply) => {
    const issues = validateResource(request.body);
    if (issues.length) throw fromSchemaIssues(issues);
    const resource = request.body as Subscription;
    if (resource.resourceType !== 'Subscription')
      throw invalidElement(
        `${resource.resourceType as string}.resourceType`,
        'POST a Subscription here.',
        'invalid',
      );
    const values = subscriptionValues(resource, config.allowLoopbackWebhooks);
    const client = clientOf(request);
    const result = await runIdempotentCreate(db, request, async (tx) => {
      const secret = newSigningSecret();
      const [row] = await tx
        .insert(webhookSubscriptions)
        .values({
          ...values,
          organisationId: client.organisationId,
          apiClientId: client.clientId,
          kind: 'fhir_rest_hook',
          secret,
        })
        .returning();
      await recordAudit(tx, {
        actor: request.actor,
        origin: request.origin,
        action: 'webhook_subscription.create',
        entityType: 'webhook_subscription',
        entityId: row!.id,
        details: { via: 'fhir', criteria: values.criteria, endpoint: values.endpoint },
      });
      return { statusCode: 201 as const, body: presentSubscription(row!, { secret }) };
    });
    reply.header(
      'location',
      `${base}/Subscription/${result.body.id}/_history/${result.body.meta?.versionId ?? 1}`,
    );
    return sendResource(reply, result.body, result.statusCode);
  });

  fhir.get('/Subscription/:id', { schema: { hide: true } }, async (request, reply) => {
    const row = await ownSubscription(request, (request.params as { id: string }).id);
    return sendResource(reply, presentSubscription(row));
  });

  fhir.get('/Subscription', { schema: { hide: true } }, async (request) => {
    const query = searchQuery(request, ['status']);
    const paging = parsePaging(query);
    const rows = await db
      .select()
      .from(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.organisationId, clientOf(request).organisationId),
          eq(webhookSubscriptions.kind, 'fhir_rest_hook'),
        ),
      )
      .orderBy(desc(webhookSubscriptions.createdAt));
    const matching = rows
      .map((row) => presentSubscription(row))
      .filter((s) => !query.status || query.status.split(',').includes(s.status));
    return searchBundle({
      base,
      request,
      resources: matching.slice(paging.offset, paging.offset + paging.count),
      total: matching.length,
      paging,
    });
  });

  fhir.delete('/Subscription/:id', { schema: { hide: true } }, async (request, reply) => {
    const row = await ownSubscription(request, (request.params as { id: string }).id);
    await db.transaction(async (tx) => {
      await tx
        .update(webhookSubscriptions)
        .set({ status: 'off', updatedAt: new Date(), version: row.version + 1 })
        .where(eq(webhookSubscriptions.id, row.id));
      await recordAudit(tx, {
        actor: request.actor,
        origin: request.origin,
        action: 'webhook_subscription.delete',
        entityType: 'webhook_subscription',
        entityId: row.id,
        details: { via: 'fhir' },
      });
    });
    return reply.status(204).send();
  });
}
