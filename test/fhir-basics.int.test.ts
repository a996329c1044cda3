// The FHIR API's frame: the CapabilityStatement, content type, and OperationOutcome for every refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation } from './support/factories';
import { buildApiClient, expectValidFhir, fhirClient } from './support/fhir';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('FHIR frame', () => {
  it('publishes a valid CapabilityStatement without authentication, as application/fhir+json', async () => {
    const response = await new HttpClient(t.baseUrl).get('/fhir/metadata');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(response.body.resourceType).toBe('CapabilityStatement');
    expect(response.body.fhirVersion).toBe('4.0.1');
    expectValidFhir(response.body);
  });

  it('refuses a request without a key with a 401 OperationOutcome', async () => {
    const response = await new HttpClient(t.baseUrl).get('/fhir/Task');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(response.body.resourceType).toBe('OperationOutcome');
    expect(response.body.issue[0].code).toBe('login');
    expectValidFhir(response.body);
  });

  it('refuses a revoked or unknown key with a 401 OperationOutcome', async () => {
    const response = await fhirClient(t.baseUrl, 'lw_abcdefgh_notarealkeynotarealkey00').get('/Task');
    expect(response.status).toBe(401);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });

  it('answers an unknown path with an OperationOutcome, not problem+json', async () => {
    const organisation = await buildOrganisation(t.db, { type: 'gp_practice' });
    const { key } = await buildApiClient(t.db, organisation.id);
    const response = await fhirClient(t.baseUrl, key).get('/Claim/1');
    expect(response.status).toBe(404);
    expect(response.body.resourceType).toBe('OperationOutcome');
    expectValidFhir(response.body);
  });

  it('refuses a body that is not JSON with an OperationOutcome', async () => {
    const organisation = await buildOrganisation(t.db, { type: 'gp_practice' });
    const { key } = await buildApiClient(t.db, organisation.id);
    const client = fhirClient(t.baseUrl, key);
    const response = await client.http.request('POST', '/fhir/ServiceRequest', {
      rawBody: '{"resourceType": "ServiceRequest",',
      headers: { 'content-type': 'application/fhir+json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });
});
