// One HTTP attempt of one delivery: builds the request (URL, method, body, the subscription's own
// headers, the Standard Webhooks signature), sends it with a timeout and reports what happened.
// It never throws and never logs: the worker records the outcome.
import { Agent, fetch as undiciFetch } from 'undici';
import { guardedLookup } from './address-guard';
import type { DeliveryRow, SubscriptionRow } from './delivery-queue';
import { checkWebhookEndpoint } from './endpoint-rule';
import { signatureHeaders } from './secrets';

export type SendOutcome =
  | { kind: 'response'; statusCode: number; durationMs: number }
  | { kind: 'error'; error: string; durationMs: number };

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Long enough for a slow receiver, short enough that a hung one does not hold a worker lane. */
export const sendTimeoutMs = 10_000;

/** A header name as RFC 9110 allows it; anything else in a subscription's headers is skipped. */
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the transport or the signature own: a subscription cannot override them. */
const reservedHeaders = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
]);

/** "Name: value" strings (FHIR Subscription.channel.header) → a header record. */
export function parseSubscriptionHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const lower = name.toLowerCase();
    if (!headerName.test(name) || reservedHeaders.has(lower) || lower.startsWith('webhook-')) continue;
    if (/[\r\n]/.test(value)) continue;
    headers[name] = value;
  }
  return headers;
}

export type WebhookRequest = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
};

/** The exact request for this attempt; `timestamp` is the wall-clock time of sending. */
export function buildWebhookRequest(
  delivery: DeliveryRow,
  subscription: SubscriptionRow,
  timestamp: Date,
): WebhookRequest {
  const body = delivery.payload === null ? undefined : JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    ...parseSubscriptionHeaders(subscription.headers),
    'user-agent': 'Linkwell-Webhooks/1',
  };
  if (body !== undefined) {
    headers['content-type'] =
      subscription.kind === 'fhir_rest_hook'
        ? 'application/fhir+json; charset=utf-8'
        : 'application/json; charset=utf-8';
  }
  Object.assign(
    headers,
    signatureHeaders({ secret: subscription.secret, messageId: delivery.id, timestamp, body: body ?? '' }),
  );
  return { url: subscription.endpoint + delivery.pathSuffix, method: delivery.method, headers, body };
}

// One connection pool per loopback setting, each checking every address it connects to.
const guardedAgents = new Map<boolean, Agent>();
function guardedFetch(allowLoopback: boolean): FetchLike {
  let agent = guardedAgents.get(allowLoopback);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup({ allowLoopback }) } });
    guardedAgents.set(allowLoopback, agent);
  }
  const dispatcher = agent;
  return async (url, init) =>
    (await undiciFetch(url, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as Response;
}

function describeSendError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return `No response within ${sendTimeoutMs / 1000} seconds.`;
  if (error instanceof Error) {
    // fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED, a TLS error) in cause.
    const cause = (error as { cause?: unknown }).cause;
    // The address guard's refusal says everything itself.
    if (cause instanceof Error && (cause as NodeJS.ErrnoException).code === 'EWEBHOOKADDRESS')
      return cause.message;
    if (cause instanceof Error && cause.message) return `${error.message}: ${cause.message}`;
    return error.message || error.name;
  }
  return 'Unknown error while sending.';
}

export async function sendDelivery(options: {
  delivery: DeliveryRow;
  subscription: SubscriptionRow;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  allowLoopback?: boolean | undefined;
}): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const request = buildWebhookRequest(options.delivery, options.subscription, new Date());
  // Checked again at send time: the rule may have tightened since the subscription was made.
  const allowLoopback = options.allowLoopback ?? true;
  const refusal = checkWebhookEndpoint(request.url, { allowLoopback });
  if (refusal) return { kind: 'error', error: `Not sent: ${refusal}`, durationMs: 0 };
  try {
    const send = options.fetch ?? guardedFetch(allowLoopback);
    const response = await send(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // A redirect could point anywhere, including inside our network: it counts as a failure.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? sendTimeoutMs),
    });
    // The body is not needed; discarding it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    return { kind: 'response', statusCode: response.status, durationMs: elapsed() };
  } catch (error) {
    return { kind: 'error', error: describeSendError(error), durationMs: elapsed() };
  }
}
