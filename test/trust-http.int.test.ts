// The "Trust" issue, HTTP layer:
// a problem's `status` is always the HTTP status (a refused step names the record's state in
// `currentStatus`);
// two link workers accepting the same referral at once: one wins, the other gets 409 with the
// referral's current state;
// control characters are refused at the door on every route (no 500 from PostgreSQL refusing
// U+0000), with 400 naming the field;
// errors from Node's HTTP parser and Fastify's router are problem+json with the security
// headers, and a new connection works after one.
import { connect } from 'node:net';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, referralEvents, referrals } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam, buildUser, totpFor } from './support/factories';
import { buildApiClient, fhirClient } from './support/fhir';
import { HttpClient, type TestResponse } from './support/http-client';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
let coordinator: HttpClient;
beforeAll(async () => {
  t = await startTestApp();
  team = await buildProgrammeWithTeam(t.db);
  coordinator = await signedIn(team.coordinator);
});
afterAll(async () => {
  await t?.close();
});

async function signedIn(member: { user: { email: string }; password: string }) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
}

const isProblem = (response: TestResponse) =>
  (response.headers.get('content-type') ?? '').startsWith('application/problem+json');

describe('a problem document’s status is the HTTP status', () => {
  it('moves a refused transition’s record state to currentStatus', async () => {
    const referral = await buildReferral(t.db, { programmeId: team.programme.id, status: 'completed' });
    const response = await coordinator.post(`/api/referrals/${referral.id}/actions`, {
      action: 'accept',
      version: referral.version,
    });
    expect(response.status).toBe(409);
    expect(isProblem(response)).toBe(true);
    expect(response.body).toMatchObject({
      status: 409,
      code: 'invalid_transition',
      currentStatus: 'completed',
    });
  });
});

describe('two link workers accept the same referral at once', () => {
  it('lets exactly one win; the other gets 409 with the current state, and one event is written', async () => {
    const [first, second] = [await signedIn(team.linkWorker), await signedIn(team.otherLinkWorker)];
    for (let round = 0; round < 3; round += 1) {
      const referral = await buildReferral(t.db, { programmeId: team.programme.id });
      const answers = await Promise.all(
        [first, second].map((http) =>
          http.post(`/api/referrals/${referral.id}/actions`, { action: 'accept', version: referral.version }),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 409]);
      const loser = answers.find((answer) => answer.status === 409)!;
      expect(isProblem(loser)).toBe(true);
      expect(loser.body).toMatchObject({
        status: 409,
        code: 'invalid_transition',
        currentStatus: 'accepted',
        currentVersion: referral.version + 1,
      });
      const winner = answers.find((answer) => answer.status === 200)!;
      const [row] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
      expect(row!.assignedLinkWorkerId).toBe(
        winner === answers[0] ? team.linkWorker.user.id : team.otherLinkWorker.user.id,
      );
      const events = await t.db
        .select()
        .from(referralEvents)
        .where(eq(referralEvents.referralId, referral.id));
      expect(events.filter((event) => event.toStatus === 'accepted')).toHaveLength(1);
    }
  });

  it('still refuses with 403 a link worker who accepts, with the current version, a referral on someone else’s caseload', async () => {
    const referral = await buildReferral(t.db, {
      programmeId: team.programme.id,
      status: 'accepted',
      assignedLinkWorkerId: team.otherLinkWorker.user.id,
    });
    const http = await signedIn(team.linkWorker);
    const response = await http.post(`/api/referrals/${referral.id}/actions`, {
      action: 'accept',
      version: referral.version,
    });
    expect(response.status).toBe(403);
    expect(response.body.status).toBe(403);
  });
});
/** What is wrong with an error answer, or undefined when it is a proper problem document. */
function problemFault(response: TestResponse): string | undefined {
  if (response.status >= 500) return `${response.status}`;
  if (response.status < 400) return undefined;
  if (!isProblem(response)) return `${response.status} not problem+json`;
  if (response.body?.status !== response.status) return `status member ${String(response.body?.status)}`;
  return undefined;
}

function referralBody(person: Record<string, unknown> = {}) {
  return {
    person: {
      givenName: 'John',
      familyName: 'Smith',
      dateOfBirth: '1948-02-29',
      postcode: 'n17 6hb',
      phone: '07700 900123',
      preferredChannel: 'phone',
      ...person,
    },
    needs: ['loneliness'],
    reasonText: 'Lives alone since his wife died.',
    urgency: 'routine',
    consent: {
      toReferral: true,
      toShare: true,
      sharedFields: ['contact_details', 'needs'],
      method: 'verbal',
    },
    referrer: {},
  };
}

describe('control characters are refused with 400 naming the field, never a 500', () => {
  let admin: HttpClient;
  beforeAll(async () => {
    const adminUser = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
    admin = new HttpClient(t.baseUrl);
    await admin.signIn(adminUser.user.email, adminUser.password, totpFor(adminUser.totpSecret!).generate());
  });

  it('refuses NUL in a body string (POST /api/referrals) and writes nothing', async () => {
    const [before] = await t.db.select({ n: count() }).from(people);
    const response = await coordinator.post('/api/referrals', referralBody({ givenName: 'A\u0000' }));
    expect(response.status).toBe(400);
    expect(isProblem(response)).toBe(true);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'person.givenName', pointer: '#/person/givenName', in: 'body' }),
    ]);
    expect(response.body.errors[0].detail).toContain('U+0000');
    const [after] = await t.db.select({ n: count() }).from(people);
    expect(after!.n).toBe(before!.n);
  });

  it('refuses NUL, other C0 controls and DEL in query strings, anonymous or not', async () => {
    const anonymous = new HttpClient(t.baseUrl);
    for (const [client, path, field] of [
      [anonymous, '/openreferral/services?search=%00', 'search'],
      [anonymous, '/api/directory/search?q=%00', 'q'],
      [anonymous, '/api/directory/search?q=a%01b', 'q'],
      [anonymous, '/api/directory/search?q=a%7F', 'q'],
      [coordinator, '/api/people?q=%00', 'q'],
      [admin, '/api/admin/users?q=%00', 'q'],
      [admin, '/api/admin/organisations?q=%00', 'q'],
      [admin, '/api/admin/audit-events?action=%00', 'action'],
    ] as const) {
      const response = await client.get(path);
      expect({ path, status: response.status, problem: isProblem(response) }).toEqual({
        path,
        status: 400,
        problem: true,
      });
      expect(response.body.errors[0]).toMatchObject({ field, in: 'querystring' });
    }
  });

  it('keeps tab and line breaks, which notes and CSV files need', async () => {
    const response = await new HttpClient(t.baseUrl).get('/api/directory/search?q=lunch%09club%0A');
    expect(response.status).toBe(200);
  });

  it('refuses a control character in an object key, a lone surrogate, and a path parameter', async () => {
    const key = await coordinator.post('/api/referrals', { ...referralBody(), 'x\u0001': 1 });
    expect(key.status).toBe(400);
    expect(key.body.errors[0].field).toBe('x\uFFFD');
    // Invalid UTF-8 in a query string decodes to U+FFFD, but JSON can carry a lone surrogate.
    const surrogate = await coordinator.post('/api/referrals', referralBody({ familyName: 'Smith\ud800' }));
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors[0].field).toBe('person.familyName');
    const param = await new HttpClient(t.baseUrl).get('/openreferral/services/%00');
    expect(param.status).toBe(400);
    expect(param.body.errors[0]).toMatchObject({ field: 'id', in: 'params' });
  });

  it('refuses NUL in a CSV upload, naming the line', async () => {
    const response = await admin.request('POST', '/api/directory/import/csv', {
      rawBody: 'name,description\nLunch club,Hot\u0000 meals\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: '', in: 'body' });
    expect(response.body.errors[0].detail).toContain('line 2');
    const healthUse = await coordinator.request(
      'POST',
      `/api/programmes/${team.programme.id}/health-use/import`,
      { rawBody: 'referral_reference,period\nLW-1\u0000,before\n', headers: { 'content-type': 'text/csv' } },
    );
    expect(healthUse.status).toBe(400);
    expect(healthUse.body.errors[0].detail).toContain('line 2');
  });

  it('answers FHIR with an OperationOutcome naming the element, in bodies and searches', async () => {
    const gp = await buildApiClient(t.db, team.referrer.user.organisationId!);
    const fhir = fhirClient(t.baseUrl, gp.key);
    const body = await fhir.post('/ServiceRequest', {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      subject: { display: 'Jo\u0000' },
      note: [{ text: 'fine' }, { text: 'bad\u0000' }],
    });
    expect(body.status).toBe(400);
    expect(body.body.resourceType).toBe('OperationOutcome');
    expect(body.body.issue[0].expression).toEqual(['ServiceRequest.subject.display']);
    const search = await fhir.get('/Task?status=%00');
    expect(search.status).toBe(400);
    expect(search.body.issue[0]).toMatchObject({ code: 'invalid', expression: ['status'] });
  });

  it('holds for every route in the OpenAPI document and every FHIR interaction, for several actors', async () => {
    const doc = (await new HttpClient(t.baseUrl).get('/api/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>
      >;
    };
    const requests: { method: string; path: string; body?: unknown }[] = [];
    const someId = '00000000-0000-4000-8000-000000000000';
    for (const [template, operations] of Object.entries(doc.paths)) {
      // Ending the session would sign the actor out for the rest of the sweep.
      if (template.startsWith('/api/auth/logout')) continue;
      const path = template.replace(/\{[^}]+\}/g, someId);
      for (const [method, operation] of Object.entries(operations)) {
        const verb = method.toUpperCase();
        if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(verb)) continue;
        const hasBody = ['POST', 'PUT', 'PATCH'].includes(verb);
        const body = hasBody ? bodyWithNul(operation.requestBody) : undefined;
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in === 'query')
            requests.push({ method: verb, path: `${path}?${encodeURIComponent(parameter.name)}=%00`, body });
          if (parameter.in === 'path')
            requests.push({ method: verb, path: template.replace(`{${parameter.name}}`, '%00'), body });
        }
        if (hasBody) requests.push({ method: verb, path, body });
      }
    }
    expect(requests.length).toBeGreaterThan(100);

    const gp = await buildApiClient(t.db, team.referrer.user.organisationId!);
    const fhir = fhirClient(t.baseUrl, gp.key);
    const metadata = await fhir.get('/metadata');
    const fhirRequests: { method: string; path: string; body?: unknown }[] = [];
    for (const resource of metadata.body.rest[0].resource as {
      type: string;
      searchParam?: { name: string }[];
      interaction: { code: string }[];
    }[]) {
      fhirRequests.push({ method: 'GET', path: `/fhir/${resource.type}/%00` });
      for (const parameter of resource.searchParam ?? [])
        fhirRequests.push({ method: 'GET', path: `/fhir/${resource.type}?${parameter.name}=%00` });
      if (resource.interaction.some((interaction) => interaction.code === 'create'))
        fhirRequests.push({
          method: 'POST',
          path: `/fhir/${resource.type}`,
          body: { resourceType: resource.type, status: 'active', id: 'a\u0000' },
        });
    }
    expect(fhirRequests.length).toBeGreaterThan(10);

    const failures: string[] = [];
    const anonymous = new HttpClient(t.baseUrl);
    for (const [name, http] of [
      ['anonymous', anonymous],
      ['coordinator', coordinator],
    ] as const) {
      for (const { method, path, body } of requests) {
        const response = await http.request(method, path, body === undefined ? {} : { body });
        // The OAuth2 token endpoint answers in OAuth2's own error format (RFC 6749 §5.2).
        if (path.startsWith('/oauth2/token') && response.status === 400 && response.body?.error) continue;
        const fault = problemFault(response);
        if (fault) failures.push(`${name} ${method} ${path}: ${fault}`);
      }
    }
    for (const { method, path, body } of fhirRequests) {
      const response = await fhir.http.request(method, path, {
        ...(body === undefined ? {} : { body }),
        headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
      });
      if (response.status >= 500 || response.body?.resourceType !== 'OperationOutcome')
        failures.push(`api client ${method} ${path}: ${response.status}`);
    }
    expect(failures).toEqual([]);
    // Roughly a thousand requests one after another on a loaded 2-core machine.
  }, 300_000);
});

/** A body with "\u0000" in every top-level property the operation documents (or one made up). */
function bodyWithNul(requestBody: unknown): Record<string, unknown> {
  const schema = (requestBody as { content?: Record<string, { schema?: { properties?: object } }> })
    ?.content?.['application/json']?.schema;
  const names = Object.keys(schema?.properties ?? { name: true });
  return Object.fromEntries(names.map((name) => [name, 'A\u0000']));
}

/** One raw HTTP/1.1 exchange on its own TCP connection: what came back, and whether it closed. */
function rawExchange(
  request: string,
): Promise<{ head: string; body: string; headers: Record<string, string> }> {
  const { port } = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ head, body, headers });
    });
    socket.write(request);
    // Keep the socket open as a keep-alive client would: the server decides when it closes.
    setTimeout(() => socket.destroy(new Error('the server kept the connection open')), 10_000).unref();
  });
}

describe('errors before routing are problem+json with the security headers', () => {
  const expectSecurityHeaders = (headers: Record<string, string> | Headers) => {
    const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]);
    expect(get('content-security-policy')).toContain("default-src 'self'");
    expect(get('x-content-type-options')).toBe('nosniff');
    expect(get('x-frame-options')).toBeTruthy();
  };

  it('answers headers over 16 KB with a 431 problem, closes that connection, and serves the next', async () => {
    const answer = await rawExchange(
      `GET /api/session HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.head).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.headers.connection).toBe('close');
    expectSecurityHeaders(answer.headers);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, code: 'header_fields_too_large' });

    const longQuery = await rawExchange(
      `GET /api/directory/search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    );
    expect(longQuery.head).toMatch(/^HTTP\/1\.1 431 /);

    const next = await rawExchange(
      'GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(next.head).toMatch(/^HTTP\/1\.1 200 /);
    expect(JSON.parse(next.body)).toEqual({ status: 'ok' });
  });

  it('answers a request the parser cannot read (a control character in a header) with a 400 problem', async () => {
    const answer = await rawExchange(
      'GET /api/session HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0000b\r\n\r\n',
    );
    expect(answer.head).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expectSecurityHeaders(answer.headers);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'malformed_request' });
  });

  it('answers bad percent-encoding in the path with a 400 problem and security headers', async () => {
    const response = await new HttpClient(t.baseUrl).get('/api/admin/organisations/%zz');
    expect(response.status).toBe(400);
    expect(isProblem(response)).toBe(true);
    expect(response.body).toMatchObject({ status: 400, code: 'malformed_request' });
    expectSecurityHeaders(response.headers);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers an overlong path parameter with a 414 problem and security headers', async () => {
    const response = await new HttpClient(t.baseUrl).get(`/api/admin/organisations/${'a'.repeat(500)}`);
    expect(response.status).toBe(414);
    expect(isProblem(response)).toBe(true);
    expect(response.body).toMatchObject({ status: 414, code: 'uri_too_long' });
    expectSecurityHeaders(response.headers);
  });
});
