// The "Trust" issue, HTTP layer:
// a problem's `status` is always the HTTP status (a refused step names the record's state in
// `currentStatus`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam } from './support/factories';
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
