// A stand-in for the GOV.UK Notify API on a loopback port, for tests and for trying the Notify
// adapter locally without an account (NOTIFY_BASE_URL=http://127.0.0.1:<port>). It checks the
// request the way Notify does — the JWT signed with the key's secret, issued by the service id,
// at most 30 seconds old — records it, and answers like Notify or as a test scripts it.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedNotifyRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The verified JWT claims, when the token was valid. */
  claims: { iss?: string; iat?: number } | undefined;
};

/** A scripted answer: a status and body, or 'hang' to never answer (for timeouts). */
export type FakeNotifyAnswer = { status: number; body: unknown } | 'hang';

export type FakeNotifyApi = {
  baseUrl: string;
  /** A key in Notify's format that this fake accepts. */
  apiKey: string;
  serviceId: string;
  requests: RecordedNotifyRequest[];
  /** Scripts the next answers, in order; afterwards the fake answers like Notify again. */
  answerNext(...answers: FakeNotifyAnswer[]): void;
  close(): Promise<void>;
};

const notifyError = (status: number, error: string, message: string) => ({
  status,
  body: { status_code: status, errors: [{ error, message }] },
});

function verifyToken(authorization: string | undefined, serviceId: string, secret: string) {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!match) return undefined;
  const [, header, payload, signature] = match as unknown as [string, string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: string; iat?: number };
  if (decodedHeader.alg !== 'HS256' || claims.iss !== serviceId) return undefined;
  if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 30) return undefined;
  return claims;
}

function answerLikeNotify(path: string, body: Record<string, unknown>): FakeNotifyAnswer {
  if (path !== '/v2/notifications/email' && path !== '/v2/notifications/sms') {
    return notifyError(404, 'NotFoundError', 'Not Found');
  }
  const personalisation = (body.personalisation ?? {}) as Record<string, string>;
  return {
    status: 201,
    body: {
      id: randomUUID(),
      reference: body.reference ?? null,
      content: {
        subject: personalisation.subject,
        body: personalisation.body,
        from_email: 'linkwell@notifications.service.gov.uk',
      },
      uri: `https://api.notifications.service.gov.uk${path}`,
      template: {
        id: body.template_id,
        version: 1,
        uri: `https://api.notifications.service.gov.uk/templates/${String(body.template_id)}`,
      },
    },
  };
}

export async function startFakeNotifyApi(): Promise<FakeNotifyApi> {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const requests: RecordedNotifyRequest[] = [];
  const scripted: FakeNotifyAnswer[] = [];

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown>;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { unparsed: text };
      }
      const claims = verifyToken(request.headers.authorization, serviceId, secret);
      const path = (request.url ?? '/').split('?')[0]!;
      requests.push({ method: request.method ?? '', path, headers: request.headers, body, claims });

      const answer: FakeNotifyAnswer = !claims
        ? notifyError(403, 'AuthError', 'Invalid token: API key not found')
        : (scripted.shift() ?? answerLikeNotify(path, body));
      if (answer === 'hang') return;
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey: `linkwell_test-${serviceId}-${secret}`,
    serviceId,
    requests,
    answerNext: (...answers) => scripted.push(...answers),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
