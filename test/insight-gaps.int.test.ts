// The gaps panel against a hand-worked cohort: unmet needs by need × reason and area, declines,
// support types with no service within reach (a service inside vs outside the distance), services
// at capacity, waits and take-up.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client';
import { attendances, onwardReferrals, unmetNeeds } from '../src/db/schema';
import { taxonomyTermId } from '../src/directory/sync-taxonomies';
import { buildGapsPanel } from '../src/insight/panels/gaps';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildPerson, buildProgramme, buildService, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildOnwardReferral, buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const table = (panel: any, id: string) => panel.tables.find((candidate: any) => candidate.id === id);
const row = (panel: any, tableId: string, key: string) =>
  table(panel, tableId).rows.find((candidate: any) => candidate.key === key);
const rowLabelled = (panel: any, tableId: string, label: string) =>
  table(panel, tableId).rows.find((candidate: any) => candidate.label === label);
const values = (cells: Record<string, { value: number | null }>) =>
  Object.fromEntries(Object.entries(cells).map(([key, cell]) => [key, cell.value]));

/** A location for a service: the factory's hall near N17 6HB, or a point given. */
const at = (latitude: number, longitude: number) => [
  {
    name: 'Hall',
    latitude,
    longitude,
    address1: '1 Road',
    city: 'London',
    postalCode: null,
    boroughCode: null,
  },
];

describe('gaps panel', () => {
  let panel: any;
  let programmeId: string;
  let far: { postcode: string; latitude: number; longitude: number };
  const n17 = { latitude: 0, longitude: 0 };
  const services: Record<string, string> = {};

  beforeAll(async () => {
    const programme = await buildProgramme(t.db);
    programmeId = programme.id;
    const [home] = await queryRows<{ latitude: number; longitude: number }>(
      t.db,
      sql`select latitude, longitude from postcodes where postcode = 'N17 6HB'`,
    );
    Object.assign(n17, home);
    // A Bromley postcode: over 15 km from Tottenham.
    const [bromley] = await queryRows<{ postcode: string; latitude: number; longitude: number }>(
      t.db,
      sql`select postcode, latitude, longitude from postcodes where borough_code = 'E09000006'
        order by postcode limit 1`,
    );
    far = bromley!;

    const provider = await buildOrganisation(t.db, { type: 'vcse' });
    // Debt advice beside N17 6HB (inside 3 km); housing help about 5 km north (outside), full with a
    // waiting list; befriending (under "connected") beside the Bromley postcode; food support at
    // N17 6HB but not taking referrals, so it covers no one.
    services.debt = await buildService(t.db, {
      organisationId: provider.id,
      name: 'Debt advice near',
      taxonomyTermIds: [taxonomyTermId('linkwell-support', 'safe.debt')],
      locations: at(n17.latitude + 0.005, n17.longitude),
    });
    services.housing = await buildService(t.db, {
      organisationId: provider.id,
      name: 'Housing help far',
      taxonomyTermIds: [taxonomyTermId('linkwell-support', 'safe.housing')],
      locations: at(n17.latitude + 0.045, n17.longitude),
      isAcceptingReferrals: false,
      acceptsWaitingList: true,
      waitingTimeDays: 60,
    });
    services.befriending = await buildService(t.db, {
      organisationId: provider.id,
      name: 'Befriending in Bromley',
      locations: at(far.latitude, far.longitude),
    });
    services.food = await buildService(t.db, {
      organisationId: provider.id,
      name: 'Food support, full',
      taxonomyTermIds: [taxonomyTermId('linkwell-support', 'safe.food')],
      locations: at(n17.latitude, n17.longitude),
      isAcceptingReferrals: false,
    });

    // Three people at N17 6HB (the factory's postcode), two at the Bromley postcode, one referral each.
    const referralsMade = [];
    for (let index = 0; index < 5; index++) {
      const person = await buildPerson(t.db, { programmeId });
      // Placed at their LSOA's centre (the panel does not read postcodes), as derived from the postcode.
      const postcode = index >= 3 ? far.postcode : 'N17 6HB';
      await t.db.execute(sql`update people set postcode = ${postcode},
          lsoa_code = (select lsoa_code from postcodes where postcode = ${postcode})
        where id = ${person.id}`);
      referralsMade.push(
        await buildReferral(t.db, {
          programmeId,
          personId: person.id,
          status: 'in_progress',
          needs: ['housing'],
        }),
      );
    }
    const [a, b, c] = referralsMade as [
      (typeof referralsMade)[0],
      (typeof referralsMade)[0],
      (typeof referralsMade)[0],
    ];
    await t.db.insert(unmetNeeds).values([
      {
        programmeId,
        referralId: a.id,
        need: 'housing',
        reason: 'no_service',
        boroughCode: 'E09000014',
        postcodeDistrict: 'N17',
      },
      {
        programmeId,
        referralId: b.id,
        need: 'housing',
        reason: 'no_capacity',
        boroughCode: 'E09000014',
        postcodeDistrict: 'N17',
      },
      { programmeId, referralId: c.id, need: 'money_debt', reason: 'too_far' },
    ]);

    const onward = async (
      referral: typeof a,
      serviceId: string,
      change: Partial<typeof onwardReferrals.$inferInsert>,
    ) => {
      const row = await buildOnwardReferral(t.db, {
        referral,
        serviceId,
        providerOrganisationId: provider.id,
      });
      await t.db.update(onwardReferrals).set(change).where(eq(onwardReferrals.id, row.id));
      return row;
    };
    await onward(a, services.debt, { status: 'declined', declineReason: 'at_capacity' });
    await onward(b, services.housing, { status: 'declined', declineReason: 'not_eligible' });
    await onward(c, services.housing, { status: 'waitlisted' });
    const sentAt = new Date(Date.now() - 20 * 86_400_000);
    const started = await onward(a, services.debt, {
      status: 'completed',
      sentAt,
      startedAt: new Date(sentAt.getTime() + 7 * 86_400_000),
    });
    await t.db.insert(attendances).values({
      programmeId,
      onwardReferralId: started.id,
      sessionOn: '2026-01-05',
      status: 'attended',
    });

    const coordinator = await buildUser(t.db, { role: 'coordinator', programmeId });
    const http = new HttpClient(t.baseUrl);
    await http.signIn(coordinator.user.email, coordinator.password);
    const response = await http.get('/api/insight/panels/gaps');
    expect(response.status).toBe(200);
    panel = response.body;
  });

  it('counts unmet needs by need × reason, by borough and by postcode district', () => {
    expect(values(row(panel, 'unmet-needs', 'housing').cells)).toMatchObject({
      no_service: 1,
      no_capacity: 1,
      too_far: 0,
      total: 2,
    });
    expect(row(panel, 'unmet-needs', 'money_debt').cells.too_far.value).toBe(1);
    expect(table(panel, 'unmet-needs').total.cells.total.value).toBe(3);
    expect(values(rowLabelled(panel, 'unmet-needs-by-borough', 'Haringey').cells)).toEqual({
      housing: 2,
      money_debt: 0,
      total: 2,
    });
    expect(
      rowLabelled(panel, 'unmet-needs-by-borough', 'Unknown / outside London').cells.money_debt.value,
    ).toBe(1);
    expect(row(panel, 'unmet-needs-by-district', 'N17').cells.housing.value).toBe(2);
  });

  it('counts declines by reason and by the service’s support type', () => {
    expect(values(row(panel, 'declines-by-reason', 'at_capacity').cells)).toEqual({ declined: 1 });
    expect(values(row(panel, 'declines-by-reason', 'not_eligible').cells)).toEqual({ declined: 1 });
    expect(row(panel, 'declines-by-reason', 'person_declined').cells.declined.value).toBe(0);
    expect(table(panel, 'declines-by-reason').total.cells.declined.value).toBe(2);
    expect(rowLabelled(panel, 'declines-by-support-type', 'Debt advice').cells.at_capacity.value).toBe(1);
    expect(rowLabelled(panel, 'declines-by-support-type', 'Housing help').cells.not_eligible.value).toBe(1);
  });

  it('finds support types with no service taking referrals within 3 km of where referred people live (by LSOA)', () => {
    const coverage = (code: string) => row(panel, 'coverage', taxonomyTermId('linkwell-support', code));
    // Debt advice is beside the three in N17, not the two in Bromley.
    expect(values(coverage('safe.debt').cells)).toEqual({ share: 2 / 5, without: 2, located: 5 });
    // Housing help is 5 km away (a waiting list still takes referrals): no one has it within 3 km.
    expect(coverage('safe.housing').cells.without.value).toBe(5);
    // Befriending sits under "connected": it covers the two in Bromley.
    expect(coverage('connected').cells.without.value).toBe(3);
    // Food support is at N17 6HB but not taking referrals.
    expect(coverage('safe.food').cells.without.value).toBe(5);
    expect(coverage('safe.debt').label).toContain('Money and debt');
    expect(table(panel, 'coverage').title).toContain('3 km');
  });

  it('refuses a distance out of range, naming the field', async () => {
    const coordinator = await buildUser(t.db, { role: 'coordinator', programmeId });
    const http = new HttpClient(t.baseUrl);
    await http.signIn(coordinator.user.email, coordinator.password);
    const response = await http.get('/api/insight/panels/gaps?withinKm=0.1');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('withinKm');
  });

  it('widens the distance on request', async () => {
    const [programme] = panel.programmes;
    const wide = await buildGapsPanel(t.db, {
      from: panel.filters.from,
      to: panel.filters.to,
      start: new Date(Date.now() - 86_400_000),
      end: new Date(Date.now() + 86_400_000),
      programmeIds: [programme.id],
      borough: null,
      source: null,
      withinKm: 6,
    });
    const housing = wide.tables
      .find((candidate) => candidate.id === 'coverage')!
      .rows.find((candidate) => candidate.key === taxonomyTermId('linkwell-support', 'safe.housing'))!;
    expect(housing.cells.without!.value).toBe(2);
  });

  it('widens the distance when the query asks (withinKm reaches the panel over HTTP)', async () => {
    const coordinator = await buildUser(t.db, { role: 'coordinator', programmeId });
    const http = new HttpClient(t.baseUrl);
    await http.signIn(coordinator.user.email, coordinator.password);
    const response = await http.get('/api/insight/panels/gaps?withinKm=6');
    expect(response.status).toBe(200);
    const housing = row(response.body, 'coverage', taxonomyTermId('linkwell-support', 'safe.housing'));
    expect(housing.cells.without.value).toBe(2);
    expect(table(response.body, 'coverage').title).toContain('6 km');
  });

  it('lists services at capacity, waits and take-up per service', () => {
    expect(
      rowLabelled(panel, 'services-at-capacity', 'Housing help far (full, waiting list open)'),
    ).toMatchObject({
      cells: { waitlisted: { value: 1 }, declinedAtCapacity: { value: 0 } },
    });
    expect(row(panel, 'services-at-capacity', services.debt!).cells.declinedAtCapacity.value).toBe(1);
    expect(row(panel, 'services-at-capacity', services.food!)).toBeUndefined();
    expect(values(row(panel, 'service-waits', services.debt!).cells)).toEqual({ stated: null, median: 7 });
    expect(row(panel, 'service-waits', services.housing!).cells.stated.value).toBe(60);
    expect(values(row(panel, 'service-take-up', services.debt!).cells)).toEqual({
      referred: 2,
      accepted: 1,
      attended: 1,
      completed: 1,
    });
    expect(values(row(panel, 'service-take-up', services.housing!).cells)).toEqual({
      referred: 2,
      accepted: 0,
      attended: 0,
      completed: 0,
    });
    expect(table(panel, 'service-take-up').total.cells.referred.value).toBe(4);
  });

  it('shows a commissioner no small numbers', async () => {
    const icb = await buildOrganisation(t.db, { type: 'icb', borough: 'Haringey' });
    const commissioner = await buildUser(t.db, { role: 'commissioner', organisationId: icb.id });
    const http = new HttpClient(t.baseUrl);
    await http.signIn(commissioner.user.email, commissioner.password);
    const response = await http.get(`/api/insight/panels/gaps?programmeId=${programmeId}`);
    expect(response.status).toBe(200);
    expect(row(response.body, 'unmet-needs', 'housing').cells.total).toMatchObject({
      value: null,
      suppressed: true,
    });
    expect(JSON.stringify(response.body)).not.toMatch(/"value":[1-4],/);
  });
});
