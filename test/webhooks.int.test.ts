// Webhooks over real HTTP against a real receiver: a provider's case system subscribes, hears of
// onward referrals (signed with Standard Webhooks), fetches and answers them with its key; failed
// deliveries are retried, logged, replayed, given up on, and kept in order per resource.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import {
  auditEvents,
  people,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookSubscriptions,
} from '../src/db/schema';
import { runWebhookDeliveryPass } from '../src/webhooks/worker';
import type { WorkerLog } from '../src/notify/worker';
import { newSigningSecret } from '../src/webhooks/secrets';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildService } from './support/factories';
import { buildApiClient } from './support/fhir';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

// ─── a receiver: records every request, answers with whatever status it is told ────────────────
type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

async function startReceiver() {
  const requests: Received[] = [];
  let answer: (request: Received) => number = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      res.statusCode = answer(received);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    answerWith(next: number | ((request: Received) => number)) {
      answer = typeof next === 'number' ? () => next : next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});
async function receiver() {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

// ─── the worker, driven by hand ──────────────────────────────────────────────────────────────────
const logged: unknown[] = [];
const log = {
  info: (...args: unknown[]) => logged.push(args),
  warn: (...args: unknown[]) => logged.push(args),
  error: (...args: unknown[]) => logged.push(args),
} as unknown as WorkerLog;
/** One pass; `minutesAhead` moves the queue's clock forward instead of waiting. */
const pass = (options: { minutesAhead?: number; maxAttempts?: number } = {}) =>
  runWebhookDeliveryPass({
    db: t.db,
    log,
    random: () => 0.5,
    maxAttempts: options.maxAttempts,
    now: options.minutesAhead ? new Date(Date.now() + options.minutesAhead * 60_000) : undefined,
  });

// ─── people and systems ──────────────────────────────────────────────────────────────────────────
const signIn = async (member: { user: { email: string }; password: string }) => {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
};
const systemClient = (key: string) => {
  const http = new HttpClient(t.baseUrl);
  http.bearer = key;
  return http;
};

/** A provider organisation with a case system (API client) and a service, and another organisation's system. */
async function providerWithSystem() {
  const organisation = await buildOrganisation(t.db, { type: 'vcse' });
  const { client, key } = await buildApiClient(t.db, organisation.id, 'Provider case system');
  const other = await buildOrganisation(t.db, { type: 'vcse' });
  const otherSystem = await buildApiClient(t.db, other.id, 'Another case system');
  return { organisation, client, api: systemClient(key), otherApi: systemClient(otherSystem.key) };
}

async function subscribe(api: HttpClient, url: string, events = ['onward_referral.created']) {
  const response = await api.post('/api/webhooks/subscriptions', { url, events });
  expect(response.status).toBe(201);
  return { id: response.body.subscription.id as string, secret: response.body.secret as string };
}

/** A delivery queued straight into the table, as the FHIR Subscription code and the provider queue do. */
async function queueDelivery(
  subscriptionId: string,
  organisationId: string,
  resourceId: string,
  payload: object,
) {
  const [row] = await t.db
    .insert(webhookDeliveries)
    .values({
      subscriptionId,
      organisationId,
      eventType: 'test.event',
      resourceType: 'OnwardReferral',
      resourceId,
      payload,
    })
    .returning();
  return row!;
}
const deliveryRow = async (id: string) =>
  (await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
const subscriptionRow = async (id: string) =>
  (await t.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)))[0]!;
const headersOf = (request: Received) => request.headers as Record<string, string>;

describe('provider webhooks, end to end', () => {
  it('tells the provider’s system of a new onward referral, signed, and the system fetches and accepts it', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const providerOrganisationId = team.providerStaff.user.organisationId!;
    const { key } = await buildApiClient(t.db, providerOrganisationId, 'Provider case system');
    const api = systemClient(key);
    const hooks = await receiver();

    const created = await api.post(
      '/api/webhooks/subscriptions',
      {
        url: hooks.url,
        events: ['onward_referral.created', 'onward_referral.withdrawn'],
        description: 'Case system',
      },
      { 'idempotency-key': 'subscribe-once-1' },
    );
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(created.body.subscription).toMatchObject({
      kind: 'provider_events',
      url: hooks.url,
      events: ['onward_referral.created', 'onward_referral.withdrawn'],
      description: 'Case system',
      status: 'active',
    });
    const again = await api.post(
      '/api/webhooks/subscriptions',
      {
        url: hooks.url,
        events: ['onward_referral.created', 'onward_referral.withdrawn'],
        description: 'Case system',
      },
      { 'idempotency-key': 'subscribe-once-1' },
    );
    expect(again.body).toEqual(created.body);
    const secret = created.body.secret as string;
    const subscriptionId = created.body.subscription.id as string;
    const rows = await t.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.organisationId, providerOrganisationId));
    expect(rows).toHaveLength(1);

    // The link worker sends an onward referral to the provider's service.
    const referral = await buildReferral(t.db, {
      programmeId: team.programme.id,
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
      consentToShare: true,
      sharedFields: ['contact_details'],
    });
    await t.db.update(people).set({ phone: '020 7946 0000' }).where(eq(people.id, referral.personId));
    const serviceId = await buildService(t.db, { organisationId: providerOrganisationId });
    const linkWorker = await signIn(team.linkWorker);
    const sent = await linkWorker.post(`/api/referrals/${referral.id}/onward-referrals`, {
      serviceId,
      needs: ['loneliness'],
    });
    expect(sent.status).toBe(201);
    const onwardId = sent.body.id as string;

    const result = await pass();
    expect(result.delivered).toBeGreaterThanOrEqual(1);
    expect(hooks.requests).toHaveLength(1);
    const [request] = hooks.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/hooks');
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
    const payload = new Webhook(secret).verify(request!.body, headersOf(request!)) as Record<string, unknown>;
    expect(payload).toEqual({
      type: 'onward_referral.created',
      occurredAt: expect.any(String),
      data: {
        onwardReferralId: onwardId,
        status: 'sent',
        serviceId,
        href: `/api/onward-referrals/${onwardId}`,
      },
    });
    // Thin: nothing about the person travels in the webhook.
    expect(request!.body).not.toContain('Ada');
    expect(request!.body).not.toContain('020 7946');
    expect(() =>
      new Webhook(secret).verify(request!.body.replace('"sent"', '"accepted"'), headersOf(request!)),
    ).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(request!.body, headersOf(request!))).toThrow();

    const [delivery] = await t.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscriptionId));
    expect(request!.headers['webhook-id']).toBe(delivery!.id);
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      resourceId: onwardId,
    });
    // Logs carry ids, never payloads.
    expect(JSON.stringify(logged)).not.toContain('/api/onward-referrals/');

    // The provider's system fetches the referral with its key and accepts it.
    const { href } = (payload as { data: { href: string } }).data;
    const fetched = await api.get(href);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({
      id: onwardId,
      status: 'sent',
      person: { givenName: 'Ada', phone: '020 7946 0000' },
    });
    const inbox = await api.get('/api/onward-referrals');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toContain(onwardId);
    const accepted = await api.post(`/api/onward-referrals/${onwardId}/respond`, {
      action: 'accept',
      version: fetched.body.version,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');

    // The link worker withdraws it: the provider hears of that too.
    const withdrawn = await linkWorker.post(`/api/onward-referrals/${onwardId}/withdraw`, {
      version: accepted.body.version,
      reason: 'The person moved away.',
    });
    expect(withdrawn.status).toBe(200);
    await pass();
    expect(hooks.requests).toHaveLength(2);
    const second = new Webhook(secret).verify(hooks.requests[1]!.body, headersOf(hooks.requests[1]!));
    expect(second).toMatchObject({
      type: 'onward_referral.withdrawn',
      data: { onwardReferralId: onwardId, status: 'withdrawn' },
    });

    // The delivery log shows both, newest first.
    const log = await api.get(`/api/webhooks/deliveries?subscriptionId=${subscriptionId}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((d: { eventType: string }) => d.eventType)).toEqual([
      'onward_referral.withdrawn',
      'onward_referral.created',
    ]);
    expect(log.body.items[0]).toMatchObject({ status: 'delivered', attemptCount: 1, lastStatusCode: 200 });
  });

  it('queues nothing for organisations without a subscription, or for events not subscribed to', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const providerOrganisationId = team.providerStaff.user.organisationId!;
    const { key } = await buildApiClient(t.db, providerOrganisationId);
    const hooks = await receiver();
    const { id: subscriptionId } = await subscribe(systemClient(key), hooks.url, [
      'onward_referral.withdrawn',
    ]);
    const referral = await buildReferral(t.db, {
      programmeId: team.programme.id,
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const serviceId = await buildService(t.db, { organisationId: providerOrganisationId });
    const sent = await (
      await signIn(team.linkWorker)
    ).post(`/api/referrals/${referral.id}/onward-referrals`, {
      serviceId,
      needs: ['loneliness'],
    });
    expect(sent.status).toBe(201);
    const queued = await t.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscriptionId));
    expect(queued).toEqual([]);
  });
});

describe('delivery', () => {
  it('retries a failing receiver on a later pass, logging each attempt, until it is delivered', async () => {
    const p = await providerWithSystem();
    const hooks = await receiver();
    const { id: subscriptionId } = await subscribe(p.api, hooks.url);
    hooks.answerWith(500);
    const delivery = await queueDelivery(subscriptionId, p.organisation.id, randomUUID(), { n: 1 });

    await pass();
    expect(hooks.requests).toHaveLength(1);
    let row = await deliveryRow(delivery.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lockedUntil: null });
    expect(row.lastError).toMatch(/HTTP 500/);
    // Not due yet: the first retry waits a few seconds.
    await pass();
    expect(hooks.requests).toHaveLength(1);

    hooks.answerWith(204);
    await pass({ minutesAhead: 1 });
    expect(hooks.requests).toHaveLength(2);
    // The same message id on a retry, so the receiver can drop a duplicate.
    expect(hooks.requests[1]!.headers['webhook-id']).toBe(delivery.id);
    row = await deliveryRow(delivery.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 204, lastError: null });
    expect(row.deliveredAt).not.toBeNull();

    const detail = await p.api.get(`/api/webhooks/deliveries/${delivery.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'delivered', attemptCount: 2, payload: { n: 1 } });
    expect(detail.body.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 204]);
    expect(detail.body.attempts[0].durationMs).toEqual(expect.any(Number));
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'webhook_delivery.read'), eq(auditEvents.entityId, delivery.id)));
    expect(audit).toBeDefined();
  });

  it('logs a network error as an attempt and retries it', async () => {
    const p = await providerWithSystem();
    const hooks = await receiver();
    const { id: subscriptionId } = await subscribe(p.api, hooks.url);
    await hooks.close();
    const delivery = await queueDelivery(subscriptionId, p.organisation.id, randomUUID(), { n: 1 });
    await pass();
    const attempts = await t.db
      .select()
      .from(webhookDeliveryAttempts)
      .where(eq(webhookDeliveryAttempts.deliveryId, delivery.id));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ statusCode: null });
    expect(attempts[0]!.error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: 'pending', attempts: 1 });
    // Tidy: nothing of this test is left for later passes.
    await p.api.delete(`/api/webhooks/subscriptions/${subscriptionId}`);
  });

  it('turns the subscription off when the receiver answers 410 Gone, dropping what was still waiting', async () => {
    const p = await providerWithSystem();
    const hooks = await receiver();
    const { id: subscriptionId } = await subscribe(p.api, hooks.url);
    hooks.answerWith(410);
    const resourceId = randomUUID();
    const first = await queueDelivery(subscriptionId, p.organisation.id, resourceId, { n: 1 });
    const second = await queueDelivery(subscriptionId, p.organisation.id, resourceId, { n: 2 });

    const result = await pass();
    expect(result.gone).toBe(1);
    expect(hooks.requests).toHaveLength(1);
    expect(await deliveryRow(first.id)).toMatchObject({ status: 'failed', lastStatusCode: 410 });
    expect(await deliveryRow(second.id)).toMatchObject({ status: 'failed' });
    const subscription = await p.api.get(`/api/webhooks/subscriptions/${subscriptionId}`);
    expect(subscription.body).toMatchObject({ status: 'off', lastError: expect.stringMatching(/410/) });
    const replay = await p.api.post(`/api/webhooks/deliveries/${first.id}/replay`);
    expect(replay.status).toBe(409);
  });

  it('replays a delivery as a new one with the same payload', async () => {
    const p = await providerWithSystem();
    const hooks = await receiver();
    const { id: subscriptionId, secret } = await subscribe(p.api, hooks.url);
    const delivery = await queueDelivery(subscriptionId, p.organisation.id, randomUUID(), { n: 7 });
    const refused = await p.api.post(`/api/webhooks/deliveries/${delivery.id}/replay`);
    expect(refused.status).toBe(409);
    await pass();

    const replay = await p.api.post(
      `/api/webhooks/deliveries/${delivery.id}/replay`,
      {},
      { 'idempotency-key': 'replay-7-once' },
    );
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({
      status: 'pending',
      replayOf: delivery.id,
      eventType: 'test.event',
      attemptCount: 0,
    });
    expect(replay.body.id).not.toBe(delivery.id);
    await pass();
    expect(hooks.requests).toHaveLength(2);
    expect(hooks.requests[1]!.body).toBe(hooks.requests[0]!.body);
    expect(hooks.requests[1]!.headers['webhook-id']).toBe(replay.body.id);
    expect(new Webhook(secret).verify(hooks.requests[1]!.body, headersOf(hooks.requests[1]!))).toEqual({
      n: 7,
    });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'webhook_delivery.replay'), eq(auditEvents.entityId, replay.body.id)),
      );
    expect(audit).toMatchObject({ actorType: 'api_client', details: { replayOf: delivery.id } });
  });

  it('fails a delivery after the last attempt and marks the subscription error; a later success clears it', async () => {
    const p = await providerWithSystem();
    const hooks = await receiver();
    const { id: subscriptionId } = await subscribe(p.api, hooks.url);
    hooks.answerWith(503);
    const delivery = await queueDelivery(subscriptionId, p.organisation.id, randomUUID(), { n: 1 });
    for (const minutesAhead of [0, 60, 120]) await pass({ minutesAhead, maxAttempts: 3 });
    expect(hooks.requests).toHaveLength(3);
    const row = await deliveryRow(delivery.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 503 });
    expect(row.lastError).toMatch(/Gave up after 3 attempts/);
    let subscription = await p.api.get(`/api/webhooks/subscriptions/${subscriptionId}`);
    expect(subscription.body).toMatchObject({ status: 'error', lastError: expect.stringMatching(/503/) });
    const failed = await p.api.get(`/api/webhooks/deliveries?status=failed&subscriptionId=${subscriptionId}`);
    expect(failed.body.items.map((d: { id: string }) => d.id)).toEqual([delivery.id]);

    hooks.answerWith(200);
    await queueDelivery(subscriptionId, p.organisation.id, randomUUID(), { n: 2 });
    await pass();
    subscription = await p.api.get(`/api/webhooks/subscriptions/${subscriptionId}`);
    expect(subscription.body).toMatchObject({ status: 'active', lastError: null });
  });

  it('never sends a newer delivery for a resource while an older one is still pending', async () => {
    const p = await providerWithSystem();
    const hooks = await receiver();
    const { id: subscriptionId } = await subscribe(p.api, hooks.url);
    const taskA = randomUUID();
    const taskB = randomUUID();
    let failFirstA = true;
    hooks.answerWith((request) => {
      if (request.body.includes('"A1"') && failFirstA) {
        failFirstA = false;
        return 500;
      }
      return 200;
    });
    await queueDelivery(subscriptionId, p.organisation.id, taskA, { v: 'A1' });
    await queueDelivery(subscriptionId, p.organisation.id, taskA, { v: 'A2' });
    await queueDelivery(subscriptionId, p.organisation.id, taskB, { v: 'B1' });
    const sentVersions = () => hooks.requests.map((r) => (JSON.parse(r.body) as { v: string }).v);

    // Two workers at once: A1 and B1 go, A2 waits behind A1.
    await Promise.all([pass(), pass()]);
    expect(sentVersions().sort()).toEqual(['A1', 'B1']);
    // A1 failed and waits for its retry; A2 still may not overtake it.
    await pass();
    await pass();
    expect(sentVersions()).toHaveLength(2);
    await pass({ minutesAhead: 1 });
    expect(sentVersions().slice(2)).toEqual(['A1']);
    await pass();
    expect(sentVersions().slice(2)).toEqual(['A1', 'A2']);
  });

  it('sends a FHIR rest-hook with the FHIR content type, its path, method and channel headers; no body without payload', async () => {
    const p = await providerWithSystem();
    const hooks = await receiver();
    const secret = newSigningSecret();
    const [subscription] = await t.db
      .insert(webhookSubscriptions)
      .values({
        organisationId: p.organisation.id,
        apiClientId: p.client.id,
        kind: 'fhir_rest_hook',
        endpoint: hooks.url,
        secret,
        criteria: 'Task?status=completed',
        payload: 'application/fhir+json',
        headers: ['Authorization: Bearer receiver-token', 'webhook-id: forged', 'not a header'],
      })
      .returning();
    const taskId = randomUUID();
    const [withPayload] = await t.db
      .insert(webhookDeliveries)
      .values({
        subscriptionId: subscription!.id,
        organisationId: p.organisation.id,
        eventType: 'task.updated',
        resourceType: 'Task',
        resourceId: taskId,
        method: 'PUT',
        pathSuffix: `/Task/${taskId}`,
        payload: { resourceType: 'Task', id: taskId },
      })
      .returning();
    await t.db.insert(webhookDeliveries).values({
      subscriptionId: subscription!.id,
      organisationId: p.organisation.id,
      eventType: 'task.updated',
      resourceType: 'Task',
      resourceId: taskId,
      payload: null,
    });
    await pass();
    await pass();
    expect(hooks.requests).toHaveLength(2);
    const [put, notification] = hooks.requests;
    expect(put).toMatchObject({ method: 'PUT', path: `/hooks/Task/${taskId}` });
    expect(put!.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(put!.headers.authorization).toBe('Bearer receiver-token');
    expect(put!.headers['webhook-id']).toBe(withPayload!.id);
    expect(new Webhook(secret).verify(put!.body, headersOf(put!))).toEqual({
      resourceType: 'Task',
      id: taskId,
    });
    expect(notification).toMatchObject({ method: 'POST', path: '/hooks', body: '' });
    expect(notification!.headers['content-type']).toBeUndefined();
    expect(() => new Webhook(secret).verify('', headersOf(notification!))).not.toThrow();

    // Listed beside provider subscriptions, showing its criteria but never its headers or secret.
    const list = await p.api.get('/api/webhooks/subscriptions');
    const listed = list.body.items.find((s: { id: string }) => s.id === subscription!.id);
    expect(listed).toMatchObject({ kind: 'fhir_rest_hook', criteria: 'Task?status=completed' });
    expect(JSON.stringify(list.body)).not.toContain('receiver-token');
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
  });
});

describe('the subscription API', () => {
  it('is documented in the OpenAPI document under the webhooks tag', async () => {
    const document = await new HttpClient(t.baseUrl).get('/api/openapi.json');
    expect(document.status).toBe(200);
    const paths = document.body.paths as Record<string, Record<string, { tags?: string[] }>>;
    for (const path of [
      '/api/webhooks/subscriptions',
      '/api/webhooks/subscriptions/{id}',
      '/api/webhooks/deliveries',
      '/api/webhooks/deliveries/{id}',
      '/api/webhooks/deliveries/{id}/replay',
    ]) {
      expect(Object.values(paths[path] ?? {}).length, path).toBeGreaterThan(0);
      for (const operation of Object.values(paths[path]!)) expect(operation.tags).toEqual(['webhooks']);
    }
  });

  it('refuses endpoints that are not https (except loopback) and unknown events, naming the field', async () => {
    const p = await providerWithSystem();
    const plain = await p.api.post('/api/webhooks/subscriptions', {
      url: 'http://example.org/hooks',
      events: ['onward_referral.created'],
    });
    expect(plain.status).toBe(400);
    expect(plain.body.errors[0]).toMatchObject({ field: 'url', detail: expect.stringMatching(/https:\/\//) });
    const unknown = await p.api.post('/api/webhooks/subscriptions', {
      url: 'https://example.org/hooks',
      events: ['referral.everything'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toMatch(/^events/);
    const none = await p.api.post('/api/webhooks/subscriptions', {
      url: 'https://example.org/hooks',
      events: [],
    });
    expect(none.status).toBe(400);
  });

  it('shows another organisation’s subscriptions and deliveries to nobody else (404)', async () => {
    const p = await providerWithSystem();
    const hooks = await receiver();
    const { id: subscriptionId } = await subscribe(p.api, hooks.url);
    const delivery = await queueDelivery(subscriptionId, p.organisation.id, randomUUID(), { n: 1 });
    await pass();

    expect((await p.otherApi.get(`/api/webhooks/subscriptions/${subscriptionId}`)).status).toBe(404);
    expect((await p.otherApi.delete(`/api/webhooks/subscriptions/${subscriptionId}`)).status).toBe(404);
    expect((await p.otherApi.get(`/api/webhooks/deliveries/${delivery.id}`)).status).toBe(404);
    expect((await p.otherApi.post(`/api/webhooks/deliveries/${delivery.id}/replay`)).status).toBe(404);
    const list = await p.otherApi.get('/api/webhooks/subscriptions');
    expect(list.body.items).toEqual([]);
    const deliveries = await p.otherApi.get(`/api/webhooks/deliveries?subscriptionId=${subscriptionId}`);
    expect(deliveries.body.items).toEqual([]);
    expect(await subscriptionRow(subscriptionId)).toMatchObject({ status: 'active' });

    // People (sessions) and anonymous callers do not manage webhooks.
    const team = await buildProgrammeWithTeam(t.db);
    const staff = await signIn(team.providerStaff);
    expect((await staff.get('/api/webhooks/subscriptions')).status).toBe(403);
    expect((await new HttpClient(t.baseUrl).get('/api/webhooks/subscriptions')).status).toBe(401);
  });

  it('turns a subscription off on DELETE (audited): nothing waiting is sent', async () => {
    const p = await providerWithSystem();
    const hooks = await receiver();
    const { id: subscriptionId } = await subscribe(p.api, hooks.url);
    const delivery = await queueDelivery(subscriptionId, p.organisation.id, randomUUID(), { n: 1 });
    const deleted = await p.api.delete(`/api/webhooks/subscriptions/${subscriptionId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: subscriptionId, status: 'off' });
    await pass();
    expect(hooks.requests).toEqual([]);
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: 'failed' });
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'webhook_subscription.turn_off'),
          eq(auditEvents.entityId, subscriptionId),
        ),
      );
    expect(audits).toHaveLength(1);
    expect((await p.api.delete(`/api/webhooks/subscriptions/${subscriptionId}`)).status).toBe(200);
  });
});
