// The "Trust" issue, HTTP layer:
// a problem's `status` is always the HTTP status (a refused step names the record's state in
// `currentStatus`);
// two link workers accepting the same referral at once: one wins, the other gets 409 with the
// referral's current state.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralEvents, referrals } from '../src/db/schema';
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
