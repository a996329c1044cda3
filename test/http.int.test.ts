// The HTTP contract: health checks, OpenAPI, security headers, closed CORS, and that malformed
// input is answered with problem+json naming the field — never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { buildProgramme, buildUser, totpFor } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
let admin: HttpClient;
let coordinator: HttpClient;
beforeAll(async () => {
  t = await startTestApp();
  const adminUser = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
  admin = new HttpClient(t.baseUrl);
  await admin.signIn(adminUser.user.email, adminUser.password, totpFor(adminUser.totpSecret!).generate());
  const programme = await buildProgramme(t.db);
  const coordinatorUser = await buildUser(t.db, { role: 'coordinator', programmeId: programme.id });
  coordinator = new HttpClient(t.baseUrl);
  await coordinator.signIn(coordinatorUser.user.email, coordinatorUser.password);
});
afterAll(async () => {
  await t?.close();
});

describe('health and documentation', () => {
  it('reports live and ready (ready checks the database)', async () => {
    const http = new HttpClient(t.baseUrl);
    expect((await http.get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await http.get('/health/ready')).body).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('publishes an OpenAPI document generated from the route schemas, and browsable docs', async () => {
    const http = new HttpClient(t.baseUrl);
    const doc = await http.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const login = doc.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/people', '/api/admin/users', '/api/admin/audit-events']),
    );
    const docs = await http.get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
  });
});

describe('security headers and CORS', () => {
  it('sends security headers, a request id, no-store on the API, and no CORS grant', async () => {
    const response = await fetch(`${t.baseUrl}/api/session`, { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // HSTS only when PUBLIC_URL is https (the Trust issue): this test app serves plain http, and
    // test/trust-platform.int.test.ts checks both cases.
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${t.baseUrl}/api/people`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers unknown paths with problem+json 404', async () => {
    const response = await new HttpClient(t.baseUrl).get('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, code: 'not_found', instance: '/api/no-such-thing' });
  });
});

describe('malformed input is a 4xx problem, never a 500', () => {
  const garbageBodies: { name: string; rawBody: string; contentType: string }[] = [
    { name: 'invalid JSON', rawBody: '{"name": ', contentType: 'application/json' },
    { name: 'an array', rawBody: '[1,2,3]', contentType: 'application/json' },
    { name: 'a string', rawBody: '"hello"', contentType: 'application/json' },
    { name: 'null', rawBody: 'null', contentType: 'application/json' },
    {
      name: 'wrong types',
      rawBody: JSON.stringify({
        name: 42,
        type: ['x'],
        version: 'one',
        email: {},
        programmeId: 'not-a-uuid',
      }),
      contentType: 'application/json',
    },
    {
      name: 'deeply nested junk',
      rawBody: JSON.stringify({ a: { b: { c: [null, { d: '\u0000' }] } } }),
      contentType: 'application/json',
    },
    { name: 'form encoding', rawBody: 'name=x&type=y', contentType: 'application/x-www-form-urlencoded' },
    { name: 'plain text', rawBody: 'just text', contentType: 'text/plain' },
  ];

  it('holds for every write endpoint in the OpenAPI document, for an admin and a coordinator', async () => {
    const doc = (await new HttpClient(t.baseUrl).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes: { method: string; path: string }[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        if (['post', 'patch', 'put'].includes(method)) {
          // Path parameters get a random id (not found) and a malformed one.
          writes.push({
            method: method.toUpperCase(),
            path: path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'),
          });
          if (path.includes('{'))
            writes.push({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'not-an-id') });
        }
      }
    }
    expect(writes.length).toBeGreaterThan(15);
    const failures: string[] = [];
    for (const http of [admin, coordinator]) {
      for (const { method, path } of writes) {
        // Skip the endpoints that end the session: they accept any body by design.
        if (path.startsWith('/api/auth/logout')) continue;
        for (const garbage of garbageBodies) {
          const response = await http.request(method, path, {
            rawBody: garbage.rawBody,
            headers: { 'content-type': garbage.contentType },
          });
          const isProblem = (response.headers.get('content-type') ?? '').includes('application/problem+json');
          // The OAuth2 token endpoint must answer in OAuth2's own error format (RFC 6749 §5.2).
          const isOAuth2Error =
            path === '/oauth2/token' && typeof (response.body as { error?: unknown })?.error === 'string';
          if (response.status >= 500 || (response.status >= 400 && !isProblem && !isOAuth2Error)) {
            failures.push(`${method} ${path} with ${garbage.name}: ${response.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Several hundred requests one after another, growing with every endpoint added: more than the
    // 30 s default on a loaded 2-core machine.
  }, 180_000);

  it('names each invalid field with a JSON pointer', async () => {
    const response = await admin.post('/api/admin/organisations', {
      name: 'x',
      type: 'spaceship',
      odsCode: 'bad code!',
    });
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('/problems/validation-failed');
    const byField = Object.fromEntries(
      response.body.errors.map((e: { field: string; pointer: string }) => [e.field, e.pointer]),
    );
    expect(byField).toEqual({ name: '#/name', type: '#/type', odsCode: '#/odsCode' });
    expect(response.body.detail).toContain('name');
  });

  it('names a missing field', async () => {
    const response = await admin.post('/api/admin/organisations', { type: 'vcse' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('name');
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await admin.request('POST', '/api/admin/organisations', {
      rawBody: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), type: 'vcse' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('refuses a malformed id in the path with 400, not 500', async () => {
    const response = await admin.get('/api/admin/organisations/123');
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'id', in: 'params' });
  });
});

describe('unexpected errors', () => {
  it('are logged with the request id and answered with a generic 500 that leaks nothing', async () => {
    const lines: string[] = [];
    const { buildApp } = await import('../src/app');
    const { loadConfig } = await import('../src/config');
    const { developmentSender } = await import('../src/notify/sender');
    const app = await buildApp(
      {
        db: t.db,
        config: loadConfig({}),
        sender: developmentSender,
        ping: () => Promise.resolve(),
        limits: { loginPerMinute: 100, lockoutThreshold: 5, lockoutMinutes: 15 },
      },
      {
        logger: { level: 'error', stream: { write: (line: string) => void lines.push(line) } },
        serveWeb: false,
      },
    );
    app.get('/api/test-only/boom', () => {
      throw new Error('database password is hunter2');
    });
    const response = await app.inject({
      method: 'GET',
      url: '/api/test-only/boom',
      headers: { 'x-request-id': 'req-boom-12345' },
    });
    await app.close();
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body).toMatchObject({ status: 500, code: 'internal_error', requestId: 'req-boom-12345' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    const logged = lines.map((line) => JSON.parse(line) as { requestId?: string; err?: { message: string } });
    expect(
      logged.some((entry) => entry.requestId === 'req-boom-12345' && entry.err?.message.includes('hunter2')),
    ).toBe(true);
  });
});
