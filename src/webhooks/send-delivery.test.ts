import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { DeliveryRow, SubscriptionRow } from './delivery-queue';
import { newSigningSecret } from './secrets';
import { buildWebhookRequest, parseSubscriptionHeaders, sendDelivery, type FetchLike } from './send-delivery';

const secret = newSigningSecret();
const subscription = {
  id: 'f2b7b1c2-54b4-4a0e-9d5e-0d7c3d9b0a01',
  kind: 'provider_events',
  endpoint: 'https://receiver.example.org/hooks',
  secret,
  headers: [] as string[],
} as SubscriptionRow;
const delivery = {
  id: '0c9b1f9e-3a57-4a43-8f0a-2b5b8a1f2c11',
  method: 'POST',
  pathSuffix: '',
  payload: { type: 'onward_referral.created' },
} as DeliveryRow;

describe('parseSubscriptionHeaders', () => {
  it('keeps well-formed "Name: value" headers and drops the ones it must not send', () => {
    expect(
      parseSubscriptionHeaders([
        'Authorization: Bearer abc:def',
        'X-Tenant:  42 ',
        'webhook-signature: forged',
        'Content-Type: text/plain',
        'Host: internal',
        'bad header: x',
        'no colon',
        ': no name',
      ]),
    ).toEqual({ Authorization: 'Bearer abc:def', 'X-Tenant': '42' });
  });
});

describe('buildWebhookRequest', () => {
  it('signs the exact body with Standard Webhooks, the delivery id as message id', () => {
    const request = buildWebhookRequest(delivery, subscription, new Date());
    expect(request).toMatchObject({ url: 'https://receiver.example.org/hooks', method: 'POST' });
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.headers['webhook-id']).toBe(delivery.id);
    expect(new Webhook(secret).verify(request.body!, request.headers)).toEqual(delivery.payload);
  });

  it('uses the FHIR content type for rest-hooks and sends no body without a payload', () => {
    const fhir = { ...subscription, kind: 'fhir_rest_hook' as const };
    const withBody = buildWebhookRequest(
      { ...delivery, method: 'PUT', pathSuffix: '/Task/1' },
      fhir,
      new Date(),
    );
    expect(withBody.url).toBe('https://receiver.example.org/hooks/Task/1');
    expect(withBody.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const empty = buildWebhookRequest({ ...delivery, payload: null }, fhir, new Date());
    expect(empty.body).toBeUndefined();
    expect(empty.headers['content-type']).toBeUndefined();
  });
});

describe('sendDelivery', () => {
  it('reports the status code and never follows redirects', async () => {
    let seen: RequestInit | undefined;
    const fetch: FetchLike = (_url, init) => {
      seen = init;
      return Promise.resolve(
        new Response('moved', { status: 302, headers: { location: 'http://169.254.169.254/' } }),
      );
    };
    const outcome = await sendDelivery({ delivery, subscription, fetch });
    expect(outcome).toMatchObject({ kind: 'response', statusCode: 302 });
    expect(seen?.redirect).toBe('manual');
  });

  it('describes a timeout and a network error', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason as Error)),
      );
    expect(await sendDelivery({ delivery, subscription, fetch: hang, timeoutMs: 5 })).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/No response within/),
    });
    const refused: FetchLike = () =>
      Promise.reject(
        new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.1:443') }),
      );
    expect(await sendDelivery({ delivery, subscription, fetch: refused })).toMatchObject({
      kind: 'error',
      error: 'fetch failed: connect ECONNREFUSED 10.0.0.1:443',
    });
  });

  it('does not send to an endpoint the rule refuses', async () => {
    let called = false;
    const fetch: FetchLike = () => {
      called = true;
      return Promise.resolve(new Response(null, { status: 200 }));
    };
    const outcome = await sendDelivery({
      delivery,
      subscription: { ...subscription, endpoint: 'http://10.0.0.1/hooks' },
      fetch,
    });
    expect(outcome).toMatchObject({ kind: 'error', error: expect.stringMatching(/^Not sent/) });
    expect(called).toBe(false);
  });
});
