// What the web pages for trusted routing rely on: the session says who may answer programmes'
// requests for an organisation's referrals (the "Programme requests" page and its menu link), and
// GET /api/programme-links gives a referrer their organisation's requests with what they may do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildUser, totpFor } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Member = { user: { email: string }; password: string; totpSecret?: string | undefined };
async function signedIn(member: Member) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(
    member.user.email,
    member.password,
    member.totpSecret ? totpFor(member.totpSecret).generate() : undefined,
  );
  return http;
}

describe('programme requests in the web app', () => {
  it('offers the page to a referrer of an organisation and to platform admins only', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const admin = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
    const ability = async (member: Member) =>
      (await (await signedIn(member)).get('/api/session')).body.abilities.canAnswerProgrammeLinks;
    expect(await ability(team.referrer)).toBe(true);
    expect(await ability(admin)).toBe(true);
    expect(await ability(team.coordinator)).toBe(false);
    expect(await ability(team.linkWorker)).toBe(false);
    expect(await ability(team.providerStaff)).toBe(false);
    expect(await ability(team.commissioner)).toBe(false);
    const withoutOrganisation = await buildUser(t.db, { role: 'referrer' });
    expect(await ability(withoutOrganisation)).toBe(false);
  });

  it('lists a request for the referrer’s organisation with approve and decline, and withdraw for the coordinator', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const elsewhere = await buildOrganisation(t.db, { type: 'gp_practice' });
    const coordinator = await signedIn(team.coordinator);
    for (const organisationId of [team.referrer.user.organisationId, elsewhere.id]) {
      const asked = await coordinator.post(`/api/admin/programmes/${team.programme.id}/link-requests`, {
        organisationId,
      });
      expect(asked.status).toBe(201);
    }

    const referrer = await signedIn(team.referrer);
    const seen = await referrer.get('/api/programme-links');
    expect(seen.status).toBe(200);
    expect(seen.body.requests).toHaveLength(1);
    expect(seen.body.requests[0]).toMatchObject({
      programmeName: team.programme.name,
      organisationId: team.referrer.user.organisationId,
      status: 'pending',
      requestedByName: team.coordinator.user.name,
      abilities: { canApprove: true, canDecline: true, canWithdraw: false },
    });
    expect(seen.body.links).toEqual([]);

    const programmeView = await coordinator.get(`/api/programme-links?programmeId=${team.programme.id}`);
    expect(programmeView.body.requests).toHaveLength(2);
    for (const request of programmeView.body.requests)
      expect(request.abilities).toEqual({ canApprove: false, canDecline: false, canWithdraw: true });
  });
});
