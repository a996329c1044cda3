// Every Insight endpoint asked by every kind of actor: people who work with individuals (link workers,
// buddies, referrers), connected systems and the signed-out never get a figure; provider staff get
// only their own services' evidence; nobody gets a 500; and no answer anyone gets carries a person's
// name, NHS number or referral reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/access/roles';
import { people, programmeCommissioners } from '../src/db/schema';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam, buildUser, totpFor } from './support/factories';
import { buildApiClient } from './support/fhir';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

type ActorName = Role | 'anonymous' | 'api_client';

let t: TestApp;
let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
const clients = {} as Record<ActorName, HttpClient>;
const secrets: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  team = await buildProgrammeWithTeam(t.db);
  await t.db
    .insert(programmeCommissioners)
    .values({ programmeId: team.programme.id, organisationId: team.commissioner.user.organisationId! });
  for (let index = 0; index < 7; index++) {
    const referral = await buildReferral(t.db, {
      programmeId: team.programme.id,
      referringOrganisationId: team.referrer.user.organisationId,
    });
    await t.db
      .update(people)
      .set({ nhsNumber: `94345${String(67000 + index)}`, sex: index % 2 ? 'female' : 'male' })
      .where(eq(people.id, referral.personId));
    const [person] = await t.db.select().from(people).where(eq(people.id, referral.personId));
    secrets.push(referral.reference, person!.familyName, person!.nhsNumber!);
  }
  const admin = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
  clients.platform_admin = new HttpClient(t.baseUrl);
  await clients.platform_admin.signIn(
    admin.user.email,
    admin.password,
    totpFor(admin.totpSecret!).generate(),
  );
  const members: Record<Exclude<Role, 'platform_admin'>, { user: { email: string }; password: string }> = {
    coordinator: team.coordinator,
    link_worker: team.linkWorker,
    buddy: team.buddy,
    referrer: team.referrer,
    provider_staff: team.providerStaff,
    commissioner: team.commissioner,
    regional_commissioner: team.regionalCommissioner,
  };
  for (const [role, member] of Object.entries(members)) {
    const http = new HttpClient(t.baseUrl);
    expect((await http.signIn(member.user.email, member.password)).status).toBe(200);
    clients[role as Role] = http;
  }
  clients.anonymous = new HttpClient(t.baseUrl);
  clients.api_client = new HttpClient(t.baseUrl);
  clients.api_client.bearer = (await buildApiClient(t.db, team.referrer.user.organisationId!)).key;
});
afterAll(async () => {
  await t?.close();
});

const dashboards = () => [
  '/api/insight/programmes',
  ...['activity', 'equity', 'gaps', 'map', 'demand', 'data-quality'].map(
    (panel) => `/api/insight/panels/${panel}`,
  ),
  '/api/insight/panels/activity/csv?table=funnel',
  '/api/insight/map?layer=referral_rate&level=lsoa',
  '/api/insight/report.pdf',
  `/api/insight/reach-targets?programmeId=${team.programme.id}`,
  `/api/insight/demand-assumptions?programmeId=${team.programme.id}`,
];

describe('Insight across every actor', () => {
  it('gives figures only to coordinators, commissioners, regional commissioners and platform admins', async () => {
    const seen: Record<string, number[]> = {};
    for (const [name, http] of Object.entries(clients)) {
      for (const path of dashboards()) {
        const response = await http.get(path);
        seen[name] = [...(seen[name] ?? []), response.status];
        expect({ name, path, status: response.status }).not.toMatchObject({ status: 500 });
        if (['link_worker', 'buddy', 'referrer', 'provider_staff', 'api_client'].includes(name))
          expect({ name, path, status: response.status }).toEqual({ name, path, status: 403 });
        if (name === 'anonymous')
          expect({ name, path, status: response.status }).toEqual({ name, path, status: 401 });
        if (['coordinator', 'commissioner', 'regional_commissioner', 'platform_admin'].includes(name))
          expect({ name, path, status: response.status }).toEqual({ name, path, status: 200 });
        const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
        for (const secret of secrets)
          expect({ name, path, leaked: text.includes(secret) }).toMatchObject({ leaked: false });
      }
    }
    expect(Object.keys(seen)).toHaveLength(10);
  });

  it('gives a provider’s evidence to its staff only', async () => {
    for (const [name, http] of Object.entries(clients)) {
      const response = await http.get('/api/insight/provider');
      const expected = name === 'provider_staff' ? 200 : name === 'anonymous' ? 401 : 403;
      expect({ name, status: response.status }).toEqual({ name, status: expected });
    }
  });

  it('lets only a platform admin see or change who commissions a programme', async () => {
    const path = `/api/admin/programmes/${team.programme.id}/commissioners`;
    for (const [name, http] of Object.entries(clients)) {
      const response = await http.get(path);
      expect({ name, status: response.status }).not.toMatchObject({ status: 500 });
      if (name === 'platform_admin') expect(response.status).toBe(200);
      else expect({ name, allowed: response.status === 200 }).toEqual({ name, allowed: false });
    }
  });
});
