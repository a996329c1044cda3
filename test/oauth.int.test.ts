// OAuth2 client credentials with a signed JWT assertion (SMART Backend Services), over real HTTP:
// an admin registers a system's public keys, the system signs an assertion, swaps it for an access
// token and uses the token where it would use its API key. Every refusal is checked too.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { apiAccessTokens, apiClients, auditEvents } from '../src/db/schema';
import { hashToken, newToken } from '../src/accounts/tokens';
import { deleteExpiredAccessTokens } from '../src/accounts/access-tokens';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildUser, totpFor } from './support/factories';
import { buildApiClient, expectValidFhir, fhirClient } from './support/fhir';
import { HttpClient } from './support/http-client';

const tokenUrl = 'http://linkwell.test/oauth2/token';
const jwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

let t: TestApp;
let admin: HttpClient;
let coordinator: HttpClient;

type KeyPair = { alg: 'ES384' | 'RS384'; kid: string; privateKey: CryptoKey; publicJwk: JWK };

async function buildKeyPair(alg: KeyPair['alg']): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${randomUUID()}`;
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** An API client of a fresh organisation, with an ES384 and an RS384 key registered by the admin. */
async function buildJwtClient() {
  const organisation = await buildOrganisation(t.db, { type: 'gp_practice' });
  const { client, key } = await buildApiClient(t.db, organisation.id);
  const es384 = await buildKeyPair('ES384');
  const rs384 = await buildKeyPair('RS384');
  const registered = await admin.put(`/api/admin/api-clients/${client.id}/jwks`, {
    keys: [es384.publicJwk, rs384.publicJwk],
  });
  expect(registered.status).toBe(200);
  return { client, key, es384, rs384 };
}

async function signAssertion(
  keyPair: KeyPair,
  clientId: string,
  options: { audience?: string; expiresIn?: number; issuedAt?: number; jti?: string; kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: keyPair.alg, kid: options.kid ?? keyPair.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(options.audience ?? tokenUrl)
    .setJti(options.jti ?? randomUUID())
    .setIssuedAt(options.issuedAt ?? now)
    .setExpirationTime(now + (options.expiresIn ?? 240))
    .sign(keyPair.privateKey);
}

async function requestToken(
  fields: Record<string, string>,
  contentType = 'application/x-www-form-urlencoded',
) {
  const response = await fetch(`${t.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: contentType.includes('json') ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const tokenFields = (assertion: string, extra: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_assertion_type: jwtBearer,
  client_assertion: assertion,
  ...extra,
});

async function auditRows(apiClientId: string, action: string) {
  return t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, apiClientId), eq(auditEvents.action, action)));
}

beforeAll(async () => {
  t = await startTestApp();
  const platformAdmin = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
  admin = new HttpClient(t.baseUrl);
  await admin.signIn(
    platformAdmin.user.email,
    platformAdmin.password,
    totpFor(platformAdmin.totpSecret!).generate(),
  );
  const team = await buildProgrammeWithTeam(t.db);
  coordinator = new HttpClient(t.baseUrl);
  await coordinator.signIn(team.coordinator.user.email, team.coordinator.password);
});
afterAll(async () => {
  await t?.close();
});

describe('registering a client’s public keys', () => {
  it('lets a platform admin register a JWKS, shown as key ids on the client, and audits it', async () => {
    const { client, es384, rs384 } = await buildJwtClient();
    const list = await admin.get('/api/admin/api-clients');
    const shown = list.body.items.find((item: { id: string }) => item.id === client.id);
    expect(shown).toMatchObject({ hasJwks: true, jwksKeyIds: [es384.kid, rs384.kid] });
    expect(await auditRows(client.id, 'api_client.jwks_replace')).toHaveLength(1);
  });

  it('refuses private key material and leaves the stored keys unchanged', async () => {
    const { client, es384 } = await buildJwtClient();
    const privateJwk = { ...(await exportJWK(es384.privateKey)), kid: 'leaked', alg: 'ES384' };
    expect(privateJwk.d).toBeDefined();
    const response = await admin.put(`/api/admin/api-clients/${client.id}/jwks`, { keys: [privateJwk] });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('keys.0.d');
    const [row] = await t.db.select().from(apiClients).where(eq(apiClients.id, client.id));
    expect((row!.jwks as { keys: JWK[] }).keys.map((key) => key.kid)).not.toContain('leaked');
  });

  it('refuses a key without a kid, or on the wrong curve', async () => {
    const { client, es384 } = await buildJwtClient();
    const { kid: _kid, ...withoutKid } = es384.publicJwk;
    const noKid = await admin.put(`/api/admin/api-clients/${client.id}/jwks`, { keys: [withoutKid] });
    expect(noKid.status).toBe(400);
    const p256 = await generateKeyPair('ES256', { extractable: true });
    const wrongCurve = await admin.put(`/api/admin/api-clients/${client.id}/jwks`, {
      keys: [{ ...(await exportJWK(p256.publicKey)), kid: 'p256' }],
    });
    expect(wrongCurve.status).toBe(400);
    expect(wrongCurve.body.errors[0].field).toBe('keys.0.crv');
  });

  it('is for platform admins only', async () => {
    const { client, key, es384 } = await buildJwtClient();
    const body = { keys: [es384.publicJwk] };
    expect((await coordinator.put(`/api/admin/api-clients/${client.id}/jwks`, body)).status).toBe(403);
    const system = new HttpClient(t.baseUrl);
    system.bearer = key;
    expect((await system.put(`/api/admin/api-clients/${client.id}/jwks`, body)).status).toBe(403);
    expect(
      (await new HttpClient(t.baseUrl).put(`/api/admin/api-clients/${client.id}/jwks`, body)).status,
    ).toBe(401);
  });
});

describe('discovery', () => {
  it('publishes the SMART configuration beside the FHIR base and at the root', async () => {
    for (const path of ['/fhir/.well-known/smart-configuration', '/.well-known/smart-configuration']) {
      const response = await new HttpClient(t.baseUrl).get(path);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        token_endpoint: tokenUrl,
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
        grant_types_supported: ['client_credentials'],
        scopes_supported: expect.arrayContaining(['system/*.read']),
      });
    }
  });

  it('documents the token endpoint in the OpenAPI document', async () => {
    const doc = await new HttpClient(t.baseUrl).get('/api/openapi.json');
    const operation = doc.body.paths['/oauth2/token'].post;
    expect(operation.tags).toEqual(['auth']);
    expect(Object.keys(operation.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
  });
});

describe('getting and using an access token', () => {
  it('swaps an ES384 assertion for a token that works on /fhir and /api like the API key', async () => {
    const { client, es384 } = await buildJwtClient();
    const response = await requestToken(tokenFields(await signAssertion(es384, client.id)));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({
      access_token: expect.stringMatching(/^lwat_/),
      token_type: 'bearer',
      expires_in: 300,
      scope: 'system/*.*',
    });
    const token = response.body.access_token as string;

    const tasks = await fhirClient(t.baseUrl, token).get('/Task');
    expect(tasks.status).toBe(200);
    expect(tasks.body.resourceType).toBe('Bundle');
    expectValidFhir(tasks.body);
    const system = new HttpClient(t.baseUrl);
    system.bearer = token;
    expect((await system.get('/api/webhooks/subscriptions')).status).toBe(200);

    // Only the token's hash is stored.
    const rows = await t.db.select().from(apiAccessTokens).where(eq(apiAccessTokens.apiClientId, client.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const [issued] = await auditRows(client.id, 'api_client.token_issued');
    expect(issued).toMatchObject({ actorType: 'api_client', actorId: client.id });
  });

  it('accepts an RS384 assertion with a client_id that matches', async () => {
    const { client, rs384 } = await buildJwtClient();
    const response = await requestToken(
      tokenFields(await signAssertion(rs384, client.id), { client_id: client.id }),
    );
    expect(response.status).toBe(200);
    const tasks = await fhirClient(t.baseUrl, response.body.access_token).get('/Task');
    expect(tasks.status).toBe(200);
    expectValidFhir(tasks.body);
  });

  it('grants a read-only scope that refuses writes', async () => {
    const { client, es384 } = await buildJwtClient();
    const response = await requestToken(
      tokenFields(await signAssertion(es384, client.id), { scope: 'system/*.read' }),
    );
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('system/*.read');
    const system = new HttpClient(t.baseUrl);
    system.bearer = response.body.access_token;
    expect((await system.get('/api/webhooks/subscriptions')).status).toBe(200);
    const write = await system.post('/api/webhooks/subscriptions', {
      endpoint: 'https://provider.example/hooks',
      events: ['onward_referral.created'],
    });
    expect(write.status).toBe(403);
    const fhirWrite = await fhirClient(t.baseUrl, response.body.access_token).post('/ServiceRequest', {
      resourceType: 'ServiceRequest',
    });
    expect(fhirWrite.status).toBe(403);
    expect(fhirWrite.body.resourceType).toBe('OperationOutcome');
    expectValidFhir(fhirWrite.body);
  });

  it('refuses a scope Linkwell does not support', async () => {
    const { client, es384 } = await buildJwtClient();
    const response = await requestToken(
      tokenFields(await signAssertion(es384, client.id), { scope: 'system/Patient.write' }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_scope');
  });
});

describe('refusals at the token endpoint', () => {
  it('refuses an assertion for another audience', async () => {
    const { client, es384 } = await buildJwtClient();
    const assertion = await signAssertion(es384, client.id, { audience: 'https://elsewhere.example/token' });
    const response = await requestToken(tokenFields(assertion));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'invalid_client' });
    expect(response.body.error_description).toContain(tokenUrl);
  });

  it('refuses an expired assertion, and one that lives longer than 5 minutes', async () => {
    const { client, es384 } = await buildJwtClient();
    const now = Math.floor(Date.now() / 1000);
    const expired = await signAssertion(es384, client.id, { issuedAt: now - 900, expiresIn: -600 });
    const expiredResponse = await requestToken(tokenFields(expired));
    expect(expiredResponse.status).toBe(401);
    expect(expiredResponse.body.error).toBe('invalid_client');
    const tooLong = await signAssertion(es384, client.id, { expiresIn: 3600 });
    const tooLongResponse = await requestToken(tokenFields(tooLong));
    expect(tooLongResponse.status).toBe(401);
    expect(tooLongResponse.body.error_description).toContain('5 minutes');
  });

  it('refuses a replayed jti and audits it', async () => {
    const { client, es384 } = await buildJwtClient();
    const assertion = await signAssertion(es384, client.id);
    expect((await requestToken(tokenFields(assertion))).status).toBe(200);
    const replay = await requestToken(tokenFields(assertion));
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('invalid_client');
    const sameJti = await signAssertion(es384, client.id, { jti: (await firstAssertionId(client.id))! });
    expect((await requestToken(tokenFields(sameJti))).status).toBe(401);
    const refused = await auditRows(client.id, 'api_client.token_refused');
    expect(refused.map((row) => (row.details as { reason: string }).reason)).toEqual([
      'replayed_assertion',
      'replayed_assertion',
    ]);
    expect(
      await t.db.select().from(apiAccessTokens).where(eq(apiAccessTokens.apiClientId, client.id)),
    ).toHaveLength(1);
  });

  it('refuses an unknown kid and a signature by the wrong key, auditing both', async () => {
    const { client, es384 } = await buildJwtClient();
    const unknownKid = await signAssertion(es384, client.id, { kid: 'not-registered' });
    expect((await requestToken(tokenFields(unknownKid))).status).toBe(401);
    const impostor = { ...(await buildKeyPair('ES384')), kid: es384.kid };
    const wrongKey = await requestToken(tokenFields(await signAssertion(impostor, client.id)));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.error).toBe('invalid_client');
    const refused = await auditRows(client.id, 'api_client.token_refused');
    expect(refused.map((row) => (row.details as { reason: string }).reason).sort()).toEqual([
      'bad_signature',
      'unknown_key',
    ]);
  });

  it('refuses a client without registered keys, and an assertion naming another client', async () => {
    const organisation = await buildOrganisation(t.db, { type: 'gp_practice' });
    const { client } = await buildApiClient(t.db, organisation.id);
    const keyPair = await buildKeyPair('ES384');
    const noKeys = await requestToken(tokenFields(await signAssertion(keyPair, client.id)));
    expect(noKeys.status).toBe(401);
    expect(noKeys.body.error).toBe('invalid_client');
    const other = await buildJwtClient();
    const mismatch = await requestToken(
      tokenFields(await signAssertion(other.es384, other.client.id), { client_id: client.id }),
    );
    expect(mismatch.status).toBe(401);
  });

  it('refuses a revoked client, and the tokens it already holds', async () => {
    const { client, es384 } = await buildJwtClient();
    const before = await requestToken(tokenFields(await signAssertion(es384, client.id)));
    expect(before.status).toBe(200);
    expect((await admin.post(`/api/admin/api-clients/${client.id}/revoke`)).status).toBe(200);
    const after = await requestToken(tokenFields(await signAssertion(es384, client.id)));
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('invalid_client');
    const tasks = await fhirClient(t.baseUrl, before.body.access_token).get('/Task');
    expect(tasks.status).toBe(401);
    expect(tasks.body.resourceType).toBe('OperationOutcome');
    expectValidFhir(tasks.body);
  });

  it('refuses a token after it expires', async () => {
    const { client } = await buildJwtClient();
    const token = `lwat_${newToken(32)}`;
    await t.db.insert(apiAccessTokens).values({
      tokenHash: hashToken(token),
      apiClientId: client.id,
      assertionId: randomUUID(),
      scopes: ['system/*.*'],
      expiresAt: new Date(Date.now() - 1000),
    });
    const tasks = await fhirClient(t.baseUrl, token).get('/Task');
    expect(tasks.status).toBe(401);
    expectValidFhir(tasks.body);
    const system = new HttpClient(t.baseUrl);
    system.bearer = token;
    const subscriptions = await system.get('/api/webhooks/subscriptions');
    expect(subscriptions.status).toBe(401);
    expect(subscriptions.headers.get('content-type')).toContain('application/problem+json');
  });

  it('deletes expired tokens after an hour, keeping the newer ones that still guard replays', async () => {
    const { client } = await buildJwtClient();
    const now = new Date();
    const rowExpiring = (minutesAgo: number) => ({
      tokenHash: hashToken(`lwat_${newToken(32)}`),
      apiClientId: client.id,
      assertionId: randomUUID(),
      scopes: ['system/*.*'],
      expiresAt: new Date(now.getTime() - minutesAgo * 60_000),
    });
    const old = rowExpiring(61);
    const recent = rowExpiring(2);
    const live = rowExpiring(-4);
    await t.db.insert(apiAccessTokens).values([old, recent, live]);
    expect(await deleteExpiredAccessTokens(t.db, now)).toBeGreaterThanOrEqual(1);
    const left = await t.db.select().from(apiAccessTokens).where(eq(apiAccessTokens.apiClientId, client.id));
    expect(left.map((row) => row.assertionId).sort()).toEqual([recent.assertionId, live.assertionId].sort());
  });

  it('answers malformed requests with OAuth2 errors', async () => {
    const { client, es384 } = await buildJwtClient();
    const assertion = await signAssertion(es384, client.id);
    const { grant_type: _grant, ...withoutGrant } = tokenFields(assertion);
    const missingGrant = await requestToken(withoutGrant);
    expect(missingGrant.status).toBe(400);
    expect(missingGrant.body).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
    const password = await requestToken(tokenFields(assertion, { grant_type: 'password' }));
    expect(password.body.error).toBe('unsupported_grant_type');
    const wrongType = await requestToken(tokenFields(assertion, { client_assertion_type: 'secret' }));
    expect(wrongType.body.error).toBe('invalid_request');
    const notJwt = await requestToken(tokenFields('not-a-jwt'));
    expect(notJwt).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const json = await requestToken(tokenFields(assertion), 'application/json');
    expect(json).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const duplicated = await fetch(`${t.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${new URLSearchParams(tokenFields(assertion)).toString()}&grant_type=client_credentials`,
    });
    expect(duplicated.status).toBe(400);
    expect(await duplicated.json()).toMatchObject({ error: 'invalid_request' });
    // None of these used the assertion up: it still gets a token.
    expect((await requestToken(tokenFields(assertion))).status).toBe(200);
  });

  it('is rate limited, still answering in the OAuth2 format', async () => {
    const limited = await startTestApp({ database: t.database, limits: { loginPerMinute: 2 } });
    try {
      const statuses: number[] = [];
      let last: any;
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await fetch(`${limited.baseUrl}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials',
        });
        statuses.push(response.status);
        last = await response.json();
      }
      expect(statuses).toEqual([400, 400, 429]);
      expect(last).toMatchObject({ error: 'invalid_request' });
    } finally {
      await limited.close();
    }
  });
});

async function firstAssertionId(apiClientId: string) {
  const [row] = await t.db.select().from(apiAccessTokens).where(eq(apiAccessTokens.apiClientId, apiClientId));
  return row?.assertionId;
}
