// GET /api/evaluation/programmes lists the programmes whose evaluation the signed-in person may open,
// by the same rule as the report itself (access.ts): every programme listed opens, and a programme
// left out answers 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeCommissioners } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgramme, buildProgrammeWithTeam, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function signIn(member: { user: { email: string }; password: string }) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
}

type Listed = { id: string; name: string; areas: string[] };
const idsOf = (items: Listed[]) => items.map((item) => item.id);

describe('programmes a person may evaluate', () => {
  it('gives a coordinator their own programme, and commissioners the programmes in their area', async () => {
    const team = await buildProgrammeWithTeam(t.db); // Haringey
    const camdenProgramme = await buildProgramme(t.db, { areas: ['Camden'] });
    const haringeyCouncil = await buildOrganisation(t.db, { type: 'council', borough: 'Haringey' });
    const boroughCommissioner = await buildUser(t.db, {
      role: 'commissioner',
      organisationId: haringeyCouncil.id,
    });

    const coordinator = await signIn(team.coordinator);
    const own = await coordinator.get('/api/evaluation/programmes');
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([
      { id: team.programme.id, name: team.programme.name, areas: ['Haringey'] },
    ]);

    // An ICB has no borough: the programmes listed as commissioned by it, and only those.
    const icb = await signIn(team.commissioner);
    expect((await icb.get('/api/evaluation/programmes')).body.items).toEqual([]);
    await t.db
      .insert(programmeCommissioners)
      .values({ programmeId: camdenProgramme.id, organisationId: team.commissioner.user.organisationId! });
    const icbList = idsOf((await icb.get('/api/evaluation/programmes')).body.items);
    expect(icbList).toEqual([camdenProgramme.id]);
    expect((await icb.get(`/api/programmes/${team.programme.id}/evaluation`)).status).toBe(404);

    const borough = await signIn(boroughCommissioner);
    const boroughList = (await borough.get('/api/evaluation/programmes')).body.items as Listed[];
    expect(idsOf(boroughList)).toContain(team.programme.id);
    expect(idsOf(boroughList)).not.toContain(camdenProgramme.id);
    expect(boroughList.every((programme) => programme.areas.includes('Haringey'))).toBe(true);

    // The list and the report agree: listed opens, left out is 404.
    for (const id of idsOf(boroughList)) {
      expect((await borough.get(`/api/programmes/${id}/evaluation`)).status).toBe(200);
    }
    expect((await borough.get(`/api/programmes/${camdenProgramme.id}/evaluation`)).status).toBe(404);
  });

  it('lists nothing for other roles and refuses the signed-out', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    for (const member of [team.linkWorker, team.referrer, team.providerStaff]) {
      const response = await (await signIn(member)).get('/api/evaluation/programmes');
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([]);
    }
    const noOrganisation = await buildUser(t.db, { role: 'commissioner' });
    expect((await (await signIn(noOrganisation)).get('/api/evaluation/programmes')).body.items).toEqual([]);
    expect((await new HttpClient(t.baseUrl).get('/api/evaluation/programmes')).status).toBe(401);
  });
});
