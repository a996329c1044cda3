// FHIR test helpers: an API client (key) for an organisation, a FHIR-speaking HTTP client, and the
// check every returned resource must pass: the official FHIR R4 JSON schema.
import { expect } from 'vitest';
import { generateApiKey } from '../../src/accounts/api-keys';
import { hashToken } from '../../src/accounts/tokens';
import type { Executor } from '../../src/db/client';
import { apiClients } from '../../src/db/schema';
import { validateResource } from '../../src/adapters/fhir/validate';
import { HttpClient, type TestResponse } from './http-client';

export async function buildApiClient(db: Executor, organisationId: string, name = 'Test GP system') {
  const { key, prefix } = generateApiKey();
  const [client] = await db
    .insert(apiClients)
    .values({ organisationId, name, keyPrefix: prefix, keyHash: hashToken(key), scopes: [] })
    .returning();
  return { client: client!, key };
}

/** Fails the test, naming every element, unless the resource is valid FHIR R4. */
export function expectValidFhir(resource: unknown): void {
  expect(validateResource(resource)).toEqual([]);
}

/** An HTTP client that sends and expects application/fhir+json with an API key. */
export function fhirClient(baseUrl: string, key: string) {
  const http = new HttpClient(baseUrl);
  http.bearer = key;
  const headers = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' };
  return {
    http,
    get: <T = any>(path: string, extra: Record<string, string> = {}): Promise<TestResponse<T>> =>
      http.request<T>('GET', `/fhir${path}`, { headers: { accept: headers.accept, ...extra } }),
    post: <T = any>(
      path: string,
      body: unknown,
      extra: Record<string, string> = {},
    ): Promise<TestResponse<T>> =>
      http.request<T>('POST', `/fhir${path}`, { body, headers: { ...headers, ...extra } }),
    put: <T = any>(
      path: string,
      body: unknown,
      extra: Record<string, string> = {},
    ): Promise<TestResponse<T>> =>
      http.request<T>('PUT', `/fhir${path}`, { body, headers: { ...headers, ...extra } }),
    delete: <T = any>(path: string): Promise<TestResponse<T>> => http.request<T>('DELETE', `/fhir${path}`),
  };
}
