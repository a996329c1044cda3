// The map endpoint and panel, the demand panel and the demand assumptions' endpoints, against
// hand-worked fixtures. The test database holds the real London geography, so each fixture lives in
// a borough of its own (codes E09000902–3, not real ones) with a small population.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, people, unmetNeeds } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildPerson, buildProgramme, buildService, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function addBorough(code: string, name: string, population: { band: string; people: number }[]) {
  await t.db.execute(sql`insert into boroughs (code, name, population) values (${code}, ${name}, 1000)`);
  for (const { band, people: count } of population) {
    await t.db.execute(sql`insert into borough_population (borough_code, sex, age_band, population)
      values (${code}, 'all', ${band}, ${count})`);
  }
}

async function addLsoa(code: string, boroughCode: string, decile: number, population: number) {
  await t.db.execute(sql`insert into lsoas (code, name, borough_code, imd_rank, imd_decile, income_decile,
      employment_decile, education_skills_decile, health_disability_decile, crime_decile,
      barriers_housing_services_decile, living_environment_decile, population, population_0_15,
      population_16_59, population_60_plus)
    values (${code}, ${`${code} name`}, ${boroughCode}, ${decile * 3000}, ${decile}, ${decile}, ${decile},
      ${decile}, ${decile}, ${decile}, ${decile}, ${decile}, ${population}, 0, ${population}, 0)`);
}

async function refer(
  programmeId: string,
  area: { boroughCode: string | null; lsoaCode?: string | null; decile?: number | null },
  referringOrganisationId?: string,
) {
  const person = await buildPerson(t.db, { programmeId });
  await t.db
    .update(people)
    .set({ boroughCode: area.boroughCode, lsoaCode: area.lsoaCode ?? null, imdDecile: area.decile ?? null })
    .where(eq(people.id, person.id));
  return buildReferral(t.db, {
    programmeId,
    personId: person.id,
    status: 'in_progress',
    referringOrganisationId,
  });
}

async function signIn(user: { user: { email: string }; password: string }) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(user.user.email, user.password);
  return http;
}

const values = (cells: Record<string, { value: number | null }>) =>
  Object.fromEntries(Object.entries(cells).map(([key, cell]) => [key, cell.value]));

describe('map', () => {
  const borough = { code: 'E09000902', name: 'Mapshire' };
  let programmeId: string;
  let coordinator: HttpClient;
  let inside: string;
  let outside: string;

  beforeAll(async () => {
    await addBorough(borough.code, borough.name, [{ band: 'all', people: 3000 }]);
    await addLsoa('E01999921', borough.code, 2, 2000);
    await addLsoa('E01999922', borough.code, 8, 1000);
    const programme = await buildProgramme(t.db, { areas: [borough.name] });
    programmeId = programme.id;
    // Six referrals in the decile-2 LSOA (two with an unmet need), three in the decile-8 one, one unknown.
    for (let index = 0; index < 6; index++) {
      const referral = await refer(programmeId, {
        boroughCode: borough.code,
        lsoaCode: 'E01999921',
        decile: 2,
      });
      if (index < 2) {
        await t.db
          .insert(unmetNeeds)
          .values({ programmeId, referralId: referral.id, need: 'housing', reason: 'no_service' });
      }
    }
    for (let index = 0; index < 3; index++) {
      await refer(programmeId, { boroughCode: borough.code, lsoaCode: 'E01999922', decile: 8 });
    }
    await refer(programmeId, { boroughCode: null });
    inside = await buildService(t.db, {
      name: 'In Mapshire',
      locations: [
        {
          name: 'Hall',
          latitude: 51.5,
          longitude: -0.1,
          address1: '1 Road',
          city: 'London',
          boroughCode: borough.code,
        },
      ],
    });
    outside = await buildService(t.db, { name: 'In Haringey' });
    coordinator = await signIn(await buildUser(t.db, { role: 'coordinator', programmeId }));
  });

  it('gives boroughs their referral rate, mean IMD decile and unmet needs per 1,000, with services', async () => {
    const response = await coordinator.get('/api/insight/map?layer=referral_rate&level=borough');
    expect(response.status).toBe(200);
    const map = response.body;
    expect(map).toMatchObject({ level: 'borough', layer: 'referral_rate', isSuppressed: false });
    // Nine referrals from 3,000 residents: 3 per 1,000.
    expect(map.areas).toEqual([{ code: borough.code, name: borough.name, value: { value: 3 }, people: 9 }]);
    expect(map.services.map((service: any) => service.id)).toEqual(expect.arrayContaining([inside, outside]));
    expect(map.services.find((service: any) => service.id === inside)).toMatchObject({
      name: 'In Mapshire',
      lat: 51.5,
      lng: -0.1,
      taxonomy: ['Befriending'],
    });
    expect(map.table.id).toBe('boroughs');
    // (2,000 × 2 + 1,000 × 8) / 3,000 = 4; two unmet needs per 3,000 residents.
    expect(values(map.table.rows[0].cells)).toEqual({
      referrals: 9,
      referralRate: 3,
      imd: 4,
      unmetNeeds: 2,
      unmetNeedRate: 2 / 3,
    });
    expect(map.legend.title).toContain('per 1,000');

    const imd = await coordinator.get('/api/insight/map?layer=imd&level=borough');
    expect(imd.body.areas[0]).toMatchObject({ value: { value: 4 }, people: null });
    expect(imd.body.legend.bins).toHaveLength(5);
  });

  it('gives the LSOAs of the boroughs in scope, and only their services', async () => {
    const response = await coordinator.get('/api/insight/map?layer=unmet_need&level=lsoa');
    expect(response.status).toBe(200);
    expect(response.body.areas).toEqual([
      { code: 'E01999921', name: 'E01999921 name', value: { value: 1 }, people: 2 },
      { code: 'E01999922', name: 'E01999922 name', value: { value: 0 }, people: 0 },
    ]);
    expect(values(response.body.table.rows[1].cells)).toMatchObject({ referralRate: 3, imd: 8 });
    expect(response.body.services.map((service: any) => service.id)).toEqual([inside]);
  });

  it('serves the same figures as the map panel’s tables, suppressed for a commissioner', async () => {
    const panel = await coordinator.get('/api/insight/panels/map');
    expect(panel.status).toBe(200);
    expect(panel.body.tables.map((table: any) => table.id)).toEqual(['boroughs', 'lsoas']);
    const csv = await coordinator.get('/api/insight/panels/map/csv?table=lsoas');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('E01999922 name');

    const icb = await buildOrganisation(t.db, { type: 'icb', borough: borough.name });
    const commissioner = await signIn(
      await buildUser(t.db, { role: 'commissioner', organisationId: icb.id }),
    );
    const response = await commissioner.get(`/api/insight/map?level=lsoa&programmeId=${programmeId}`);
    expect(response.status).toBe(200);
    expect(response.body.isSuppressed).toBe(true);
    const [six, three] = response.body.areas;
    expect(six).toMatchObject({ value: { value: 3 }, people: null });
    // Three referrals: hidden, and not given away as `people`.
    expect(three).toMatchObject({ value: { value: null, suppressed: true }, people: null });
  });

  it('refuses a bad layer, a programme out of scope and people who work with people', async () => {
    const bad = await coordinator.get('/api/insight/map?layer=heat');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('layer');
    const other = await buildProgramme(t.db);
    expect((await coordinator.get(`/api/insight/map?programmeId=${other.id}`)).status).toBe(404);
    const linkWorker = await signIn(await buildUser(t.db, { role: 'link_worker', programmeId }));
    expect((await linkWorker.get('/api/insight/map')).status).toBe(403);
    expect((await new HttpClient(t.baseUrl).get('/api/insight/map')).status).toBe(401);
  });
});

describe('demand', () => {
  const borough = { code: 'E09000903', name: 'Demandshire' };
  const period = 'from=2026-01-01&to=2026-12-31';
  // Referrals in a 365-day period, scaled to a year of 365.25 days.
  const perYear = 365.25 / 365;
  let programmeId: string;
  let coordinator: HttpClient;
  let practice: { id: string };
  let otherPractice: { id: string };

  beforeAll(async () => {
    // 800 adults (every band but 0–17).
    await addBorough(borough.code, borough.name, [
      { band: 'all', people: 1000 },
      { band: '0-17', people: 200 },
      { band: '18-24', people: 100 },
      { band: '25-34', people: 300 },
      { band: '75-84', people: 400 },
    ]);
    const programme = await buildProgramme(t.db, { areas: [borough.name] });
    programmeId = programme.id;
    practice = await buildOrganisation(t.db, { type: 'gp_practice', name: 'Demand Practice A' });
    otherPractice = await buildOrganisation(t.db, { type: 'gp_practice', name: 'Demand Practice B' });
    await refer(programmeId, { boroughCode: borough.code }, practice.id);
    await refer(programmeId, { boroughCode: borough.code }, practice.id);
    await refer(programmeId, { boroughCode: borough.code }, otherPractice.id);
    await refer(programmeId, { boroughCode: borough.code });
    coordinator = await signIn(await buildUser(t.db, { role: 'coordinator', programmeId }));
  });

  const demandPanel = async () => {
    const response = await coordinator.get(`/api/insight/panels/demand?${period}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const tableRow = (panel: any, tableId: string, key: string) =>
    panel.tables.find((table: any) => table.id === tableId).rows.find((row: any) => row.key === key);

  it('estimates people who could benefit from the Census and the default 1 in 5, against referrals', async () => {
    const panel = await demandPanel();
    expect(values(tableRow(panel, 'demand-boroughs', borough.code).cells)).toEqual({
      base: 800,
      share: 0.2,
      couldBenefit: 160,
      socialConsultations: null,
      referrals: 4,
      reach: (4 * perYear) / 160,
    });
    expect(panel.headlines[0]).toMatchObject({ id: 'could-benefit', cell: { value: 160 } });
    expect(panel.headlines[0].method).toContain('London social prescribing report');
    // A practice that referred but has no list size entered: its referrals only.
    expect(values(tableRow(panel, 'demand-practices', otherPractice.id).cells)).toMatchObject({
      base: null,
      couldBenefit: null,
      referrals: 1,
    });
  });

  it('lets the programme’s coordinators enter and change assumptions, with a version check and audit', async () => {
    const created = await coordinator.put('/api/insight/demand-assumptions', {
      programmeId,
      organisationId: practice.id,
      listSize: 5000,
      consultationsPerYear: 20000,
      socialShare: 0.25,
      source: 'Practice list, October 2026',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      organisationName: 'Demand Practice A',
      socialShare: 0.25,
    });
    // A retried create with its Idempotency-Key gets the first answer, not a conflict.
    const once = { programmeId, organisationId: otherPractice.id, listSize: 3000 };
    const first = await coordinator.put('/api/insight/demand-assumptions', once, {
      'idempotency-key': 'demand-b-0001',
    });
    const retry = await coordinator.put('/api/insight/demand-assumptions', once, {
      'idempotency-key': 'demand-b-0001',
    });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    expect(
      (await coordinator.delete(`/api/insight/demand-assumptions/${first.body.id}?version=1`)).status,
    ).toBe(204);

    const borough1 = await coordinator.put('/api/insight/demand-assumptions', {
      programmeId,
      boroughCode: borough.code,
      socialShare: 0.2,
      listSize: 1000,
    });
    expect(borough1.status).toBe(201);
    expect(borough1.body.sourceShown).toContain('London social prescribing report');

    const changed = await coordinator.put('/api/insight/demand-assumptions', {
      programmeId,
      boroughCode: borough.code,
      listSize: 1000,
      socialShare: 0.1,
      source: 'Local needs assessment 2025',
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);

    const stale = await coordinator.put('/api/insight/demand-assumptions', {
      programmeId,
      boroughCode: borough.code,
      listSize: 900,
      version: 1,
    });
    expect(stale.status).toBe(409);
    const blind = await coordinator.put('/api/insight/demand-assumptions', {
      programmeId,
      boroughCode: borough.code,
      listSize: 900,
    });
    expect(blind.status).toBe(409);

    const panel = await demandPanel();
    expect(values(tableRow(panel, 'demand-boroughs', borough.code).cells)).toMatchObject({
      base: 1000,
      share: 0.1,
      couldBenefit: 100,
    });
    expect(values(tableRow(panel, 'demand-practices', practice.id).cells)).toEqual({
      base: 5000,
      share: 0.25,
      couldBenefit: 1250,
      socialConsultations: 5000,
      referrals: 2,
      reach: (2 * perYear) / 1250,
    });
    expect(panel.notes.join('\n')).toContain(
      'Demand Practice A: list size 5000, 20000 consultations a year, social share 25%. Source: Practice list, October 2026',
    );
    expect(panel.notes.join('\n')).toContain('Source: Local needs assessment 2025');

    const audits = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.programmeId, programmeId), eq(auditEvents.entityType, 'demand_assumption')));
    expect(audits.map((audit) => audit.action).sort()).toEqual([
      'insight.demand_assumption.create',
      'insight.demand_assumption.create',
      'insight.demand_assumption.create',
      'insight.demand_assumption.delete',
      'insight.demand_assumption.update',
    ]);

    const list = await coordinator.get(`/api/insight/demand-assumptions?programmeId=${programmeId}`);
    expect(list.status).toBe(200);
    expect(list.body.canEdit).toBe(true);
    expect(list.body.items.map((item: any) => item.boroughName ?? item.organisationName)).toEqual([
      borough.name,
      'Demand Practice A',
    ]);

    const staleDelete = await coordinator.delete(
      `/api/insight/demand-assumptions/${created.body.id}?version=2`,
    );
    expect(staleDelete.status).toBe(409);
    const deleted = await coordinator.delete(`/api/insight/demand-assumptions/${created.body.id}?version=1`);
    expect(deleted.status).toBe(204);
    const after = await coordinator.get(`/api/insight/demand-assumptions?programmeId=${programmeId}`);
    expect(after.body.items).toHaveLength(1);
  });

  it('refuses bad input naming the field, and anyone but the programme’s coordinators', async () => {
    const both = await coordinator.put('/api/insight/demand-assumptions', {
      programmeId,
      organisationId: practice.id,
      boroughCode: borough.code,
      listSize: 10,
    });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('organisationId');
    const share = await coordinator.put('/api/insight/demand-assumptions', {
      programmeId,
      boroughCode: borough.code,
      socialShare: 1.5,
    });
    expect(share.status).toBe(400);
    expect(JSON.stringify(share.body)).toContain('socialShare');
    const unknownBorough = await coordinator.put('/api/insight/demand-assumptions', {
      programmeId,
      boroughCode: 'E09000999',
    });
    expect(unknownBorough.status).toBe(400);
    expect(JSON.stringify(unknownBorough.body)).toContain('boroughCode');

    const body = { programmeId, boroughCode: borough.code, listSize: 10 };
    const icb = await buildOrganisation(t.db, { type: 'icb', borough: borough.name });
    const commissioner = await signIn(
      await buildUser(t.db, { role: 'commissioner', organisationId: icb.id }),
    );
    expect((await commissioner.put('/api/insight/demand-assumptions', body)).status).toBe(403);
    const readable = await commissioner.get(`/api/insight/demand-assumptions?programmeId=${programmeId}`);
    expect(readable.status).toBe(200);
    expect(readable.body.canEdit).toBe(false);
    const linkWorker = await signIn(await buildUser(t.db, { role: 'link_worker', programmeId }));
    expect((await linkWorker.put('/api/insight/demand-assumptions', body)).status).toBe(403);
    const elsewhere = await buildProgramme(t.db);
    const otherCoordinator = await signIn(
      await buildUser(t.db, { role: 'coordinator', programmeId: elsewhere.id }),
    );
    expect((await otherCoordinator.put('/api/insight/demand-assumptions', body)).status).toBe(404);
    expect(
      (await otherCoordinator.get(`/api/insight/demand-assumptions?programmeId=${programmeId}`)).status,
    ).toBe(404);
  });
});
