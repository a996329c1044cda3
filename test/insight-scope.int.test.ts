// Insight scope over real HTTP: which programmes each role's dashboards cover and whether small
// numbers are suppressed for them; a programme outside the scope is 404 (never listed, never
// filterable), staff who work with people get 403, and filters are validated naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeCommissioners } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import {
  buildOrganisation,
  buildProgramme,
  buildProgrammeWithTeam,
  buildUser,
  totpFor,
} from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function signIn(member: {
  user: { email: string };
  password: string;
  totpSecret?: string | undefined;
}) {
  const http = new HttpClient(t.baseUrl);
  const session = await http.signIn(
    member.user.email,
    member.password,
    member.totpSecret ? totpFor(member.totpSecret).generate() : undefined,
  );
  expect(session.status).toBe(200);
  return http;
}

const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

describe('Insight scope', () => {
  it('a coordinator sees their own programme in full; another programme is 404', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const other = await buildProgramme(t.db, { areas: ['Camden'] });
    const http = await signIn(team.coordinator);
    const programmes = await http.get('/api/insight/programmes');
    expect(programmes.status).toBe(200);
    expect(programmes.body).toEqual({
      items: [{ id: team.programme.id, name: team.programme.name, boroughs: ['Haringey'] }],
      isSuppressed: false,
    });
    const outside = await http.get(`/api/insight/report.pdf?programmeId=${other.id}`);
    expect(outside.status).toBe(404);
    const own = await http.get(`/api/insight/report.pdf?programmeId=${team.programme.id}`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
  });

  it('a borough commissioner sees programmes covering their borough, suppressed; others are 404 and unlisted', async () => {
    const haringey = await buildProgramme(t.db, { areas: ['Haringey'] });
    const camden = await buildProgramme(t.db, { areas: ['Camden'] });
    const council = await buildOrganisation(t.db, { type: 'council', borough: 'Haringey' });
    const commissioner = await buildUser(t.db, { role: 'commissioner', organisationId: council.id });
    const http = await signIn(commissioner);
    const programmes = await http.get('/api/insight/programmes');
    expect(programmes.status).toBe(200);
    expect(programmes.body.isSuppressed).toBe(true);
    expect(idsOf(programmes.body)).toContain(haringey.id);
    expect(idsOf(programmes.body)).not.toContain(camden.id);
    expect((await http.get(`/api/insight/report.pdf?programmeId=${camden.id}`)).status).toBe(404);
    expect((await http.get(`/api/insight/report.pdf?programmeId=${haringey.id}`)).status).toBe(200);
  });

  it('an ICB (no borough) sees only the programmes it is recorded as commissioning', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const http = await signIn(team.commissioner);
    const before = await http.get('/api/insight/programmes');
    expect(before.status).toBe(200);
    expect(idsOf(before.body)).not.toContain(team.programme.id);
    expect((await http.get(`/api/insight/report.pdf?programmeId=${team.programme.id}`)).status).toBe(404);
    await t.db.insert(programmeCommissioners).values({
      programmeId: team.programme.id,
      organisationId: team.commissioner.user.organisationId!,
    });
    const after = await http.get('/api/insight/programmes');
    expect(idsOf(after.body)).toEqual([team.programme.id]);
    expect(after.body.isSuppressed).toBe(true);
  });

  it('regional commissioners and platform admins see every programme, suppressed', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const other = await buildProgramme(t.db, { areas: ['Camden'] });
    const admin = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
    for (const member of [team.regionalCommissioner, admin]) {
      const http = await signIn(member);
      const programmes = await http.get('/api/insight/programmes');
      expect(programmes.status).toBe(200);
      expect(programmes.body.isSuppressed).toBe(true);
      expect(idsOf(programmes.body)).toEqual(expect.arrayContaining([team.programme.id, other.id]));
    }
  });

  it('link workers, buddies, referrers and provider staff get 403; the signed-out 401', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    for (const member of [team.linkWorker, team.buddy, team.referrer, team.providerStaff]) {
      const http = await signIn(member);
      for (const path of ['/api/insight/programmes', '/api/insight/report.pdf']) {
        const response = await http.get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
      }
    }
    const anonymous = new HttpClient(t.baseUrl);
    expect((await anonymous.get('/api/insight/programmes')).status).toBe(401);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const http = await signIn(team.coordinator);
    const cases: [string, string][] = [
      ['from=2026-05-01&to=2026-04-01', 'from'],
      ['borough=Haringey', 'borough'],
      ['source=carrier_pigeon', 'source'],
      ['programmeId=not-an-id', 'programmeId'],
      ['to=2026-13-45', 'to'],
      // Years no one reports on would overflow the period's timestamps (once a 500).
      ['from=0001-01-01', 'from'],
      ['to=9999-12-31', 'to'],
    ];
    for (const [query, field] of cases) {
      const response = await http.get(`/api/insight/report.pdf?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(response.body.errors)).toContain(field);
    }
  });
});
