// The one policy engine over HTTP (src/access/policy.ts, work-rules.ts, list-scope.ts): answers
// that changed when the route guards gave way to authorise() and listScope(), so they stay put.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam } from './support/factories';
import { buildApiClient } from './support/fhir';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const signIn = async (member: { user: { email: string }; password: string }) => {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
};

describe('policy engine over HTTP', () => {
  it('refuses a buddy the casework lists with 403 (inside the programme, not permitted), never 404', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const buddy = await signIn(team.buddy);
    // GET /api/referrals answered 404 before: the list was checked as if it were a record elsewhere.
    for (const path of [
      '/api/referrals?view=queue',
      '/api/referrals?view=caseload',
      '/api/tasks',
      '/api/casework/waiting-times',
    ]) {
      const response = await buddy.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const linkWorker = await signIn(team.linkWorker);
    expect((await linkWorker.get('/api/referrals?view=queue')).status).toBe(200);
    expect((await linkWorker.get('/api/referrals?view=all')).status).toBe(403);
  });

  it('refuses an API client the user’s own account with 403 (it is signed in, just not a person)', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const { key } = await buildApiClient(t.db, team.referrer.user.organisationId!);
    const client = new HttpClient(t.baseUrl);
    client.bearer = key;
    // Was 401 "Sign in to manage your account": an authenticated caller was told to authenticate.
    expect((await client.get('/api/account')).status).toBe(403);
    expect((await client.get('/api/webhooks/subscriptions')).status).toBe(200);
    expect((await new HttpClient(t.baseUrl).get('/api/account')).status).toBe(401);
    expect((await new HttpClient(t.baseUrl).get('/api/webhooks/subscriptions')).status).toBe(401);
    const coordinator = await signIn(team.coordinator);
    expect((await coordinator.get('/api/webhooks/subscriptions')).status).toBe(403);
    expect((await coordinator.get('/api/account')).status).toBe(200);
  });

  it('refuses a list to anyone whose list scope is none, instead of showing another’s rows', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const referrer = await signIn(team.referrer);
    const commissioner = await signIn(team.commissioner);
    const linkWorker = await signIn(team.linkWorker);
    expect((await referrer.get('/api/onward-referrals')).status).toBe(403);
    expect((await commissioner.get('/api/onward-referrals')).status).toBe(403);
    expect((await linkWorker.get('/api/unmet-needs')).status).toBe(403);
    expect((await (await signIn(team.coordinator)).get('/api/unmet-needs')).status).toBe(200);
    expect((await linkWorker.get('/api/onward-referrals')).status).toBe(200);
  });
});
