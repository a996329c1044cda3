// The directory search over real HTTP: every filter on its own and in combination, ranking,
// paging, postcode errors, and the service page. Tests share one database; each test builds its
// services around its own spot in London and searches within a few km of it, so tests never see
// each other's services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomyTermId } from '../src/directory/sync-taxonomies';
import type { ServiceInput } from '../src/directory/save-service';
import { resolvePostcode } from '../src/geo';
import { startTestApp, type TestApp } from './support/app';
import type { TestDatabase } from './support/database';
import { buildProgrammeWithTeam, buildService } from './support/factories';
import { HttpClient } from './support/http-client';

let testApp: TestApp;
let database: TestDatabase;
let http: HttpClient;

beforeAll(async () => {
  testApp = await startTestApp();
  database = testApp.database;
  http = new HttpClient(testApp.baseUrl);
});
afterAll(async () => {
  await testApp?.close();
});

// --- Spots: a grid 10 km apart inside London; tests place services within 3.5 km of their own spot
// and search within 4 km of it. ---
type Spot = { latitude: number; longitude: number };
let nextSpot = 0;
function freshSpot(): Spot {
  const index = nextSpot++;
  return { latitude: 51.3 + 0.09 * (index % 5), longitude: -0.48 + 0.15 * Math.floor(index / 5) };
}
/** A point `km` north of the spot. */
const northOf = (spot: Spot, km: number): Spot => ({
  latitude: spot.latitude + km / 111.2,
  longitude: spot.longitude,
});

/** A wednesday in winter (GMT), 10:00 in London. */
const wednesdayMorning = '2026-01-14T10:00:00Z';
const befriending = taxonomyTermId('linkwell-support', 'connected.befriending');
const arts = taxonomyTermId('linkwell-support', 'creative.arts');

async function serviceAt(spot: Spot, overrides: Partial<ServiceInput> = {}, km = 0.3): Promise<string> {
  const point = northOf(spot, km);
  return buildService(database.db, {
    taxonomyTermIds: [arts],
    locations: [
      { name: 'Hall', latitude: point.latitude, longitude: point.longitude, postalCode: 'N17 6HB' },
    ],
    ...overrides,
  });
}

function search(spot: Spot, params: Record<string, string | number | boolean> = {}) {
  const query = new URLSearchParams({
    latitude: String(spot.latitude),
    longitude: String(spot.longitude),
    radiusKm: '4',
  });
  for (const [key, value] of Object.entries(params)) query.set(key, String(value));
  return http.get(`/api/directory/search?${query.toString()}`);
}
const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id);

describe('directory search: text', () => {
  it('tolerates typos: "befrending" finds a Befriending service', async () => {
    const spot = freshSpot();
    const match = await serviceAt(spot, { name: 'Tottenham Befriending Circle' });
    await serviceAt(spot, { name: 'Coffee morning' });
    const response = await search(spot, { q: 'befrending' });
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual([match]);
    expect(response.body.items[0].matchReasons).toContain("Name is close to 'befrending'");
  });

  it('finds words in the description by their stem and says so', async () => {
    const spot = freshSpot();
    const match = await serviceAt(spot, {
      name: 'Neighbours',
      description: 'Volunteers befriend older people.',
    });
    await serviceAt(spot, { name: 'Coffee morning' });
    const response = await search(spot, { q: 'befriending' });
    expect(ids(response)).toEqual([match]);
    expect(response.body.items[0].matchReasons).toContain("Matches 'befriending' in the description");
    expect(response.body.query.text).toBe('befriending');
  });
});

describe('directory search: filters', () => {
  it('matches taxonomy terms, including the children of a parent term', async () => {
    const spot = freshSpot();
    const tagged = await serviceAt(spot, { taxonomyTermIds: [befriending] });
    await serviceAt(spot, { taxonomyTermIds: [arts] });
    const byChild = await search(spot, { taxonomyTermIds: befriending });
    expect(ids(byChild)).toEqual([tagged]);
    expect(byChild.body.items[0].matchReasons).toContain('Offers Befriending');
    const byParent = await search(spot, { taxonomyTermIds: taxonomyTermId('linkwell-support', 'connected') });
    expect(ids(byParent)).toEqual([tagged]);
  });

  it('keeps to the radius and orders by distance, nearest location first', async () => {
    const spot = freshSpot();
    const far = await serviceAt(spot, {}, 2.5);
    const near = await serviceAt(spot, {}, 0.5);
    const within1 = await search(spot, { radiusKm: 1 });
    expect(ids(within1)).toEqual([near]);
    const within4 = await search(spot, { radiusKm: 4 });
    expect(ids(within4)).toEqual([near, far]);
    expect(within4.body.items[0].distanceKm).toBeCloseTo(0.5, 1);
    expect(within4.body.items[0].matchReasons).toContain('0.5 km from the chosen point');
    expect(within4.body.query.radiusKm).toBe(4);
  });

  it('follows a shared location that one of its services moved, for every service there', async () => {
    const spot = freshSpot();
    const elsewhere = northOf(spot, 30);
    const hall = { id: crypto.randomUUID(), name: 'Shared hall', postalCode: 'N17 6HB' };
    const at = (point: Spot) => [{ ...hall, latitude: point.latitude, longitude: point.longitude }];
    const first = await serviceAt(spot, { name: 'Shared hall choir', locations: at(northOf(spot, 0.2)) });
    const second = await serviceAt(spot, { name: 'Shared hall lunch', locations: at(northOf(spot, 0.2)) });
    expect(ids(await search(spot)).sort()).toEqual([first, second].sort());
    // Saving the first service with the hall somewhere else moves the hall for the second too.
    await serviceAt(spot, { id: first, name: 'Shared hall choir', locations: at(elsewhere) });
    expect(ids(await search(spot))).toEqual([]);
    expect(ids(await search(elsewhere, { q: 'lunch' }))).toEqual([second]);
  });

  it('finds services open at a given time in London, respecting closures and BST', async () => {
    const spot = freshSpot();
    const weekdays = await serviceAt(spot);
    await serviceAt(spot, { schedules: [{ byday: 'SA', opensAt: '10:00', closesAt: '12:00' }] });
    const closedForTraining = await serviceAt(spot, {
      closures: [{ startsOn: '2026-01-14', endsOn: '2026-01-14', reason: 'Staff training' }],
    });
    const open = await search(spot, { openAt: wednesdayMorning });
    expect(ids(open)).toEqual([weekdays]);
    expect(open.body.items[0].opening.openAtRequestedTime).toBe(true);
    expect(open.body.items[0].matchReasons).toContain('Open Wednesday 2026-01-14 at 10:00');
    // 16:30 UTC in July is 17:30 BST: closed; 15:30 UTC is 16:30 BST: open.
    expect(ids(await search(spot, { openAt: '2026-07-15T16:30:00Z' }))).toEqual([]);
    expect(ids(await search(spot, { openAt: '2026-07-15T15:30:00Z' })).sort()).toEqual(
      [weekdays, closedForTraining].sort(),
    );
  });

  it('filters by language spoken', async () => {
    const spot = freshSpot();
    const bengali = await serviceAt(spot, { languages: [{ code: 'bn', name: 'Bengali' }] });
    await serviceAt(spot, { languages: [{ code: 'en', name: 'English' }] });
    const response = await search(spot, { languages: 'bn,so' });
    expect(ids(response)).toEqual([bengali]);
    expect(response.body.items[0].matchReasons).toContain('Speaks Bengali');
    expect(response.body.items[0].languages).toEqual([{ code: 'bn', name: 'Bengali', kind: 'spoken' }]);
  });

  it('keeps only free services when asked', async () => {
    const spot = freshSpot();
    const free = await serviceAt(spot, { isFree: true });
    await serviceAt(spot, { isFree: false, feesDescription: '£5 a session' });
    const response = await search(spot, { freeOnly: true });
    expect(ids(response)).toEqual([free]);
    expect(response.body.items[0].matchReasons).toContain('Free');
    expect(ids(await search(spot))).toHaveLength(2);
  });

  it('matches age eligibility', async () => {
    const spot = freshSpot();
    const young = await serviceAt(spot, { minimumAge: 18, maximumAge: 25 });
    const older = await serviceAt(spot, { minimumAge: 65 });
    const anyone = await serviceAt(spot);
    expect(ids(await search(spot, { age: 70 })).sort()).toEqual([older, anyone].sort());
    expect(ids(await search(spot, { age: 20 })).sort()).toEqual([young, anyone].sort());
  });

  it('filters by delivery mode (repeated or comma-separated)', async () => {
    const spot = freshSpot();
    const phone = await serviceAt(spot, { deliveryModes: ['telephone'] });
    const online = await serviceAt(spot, { deliveryModes: ['online', 'in_person'] });
    await serviceAt(spot, { deliveryModes: ['in_person'] });
    expect(ids(await search(spot, { deliveryModes: 'telephone' }))).toEqual([phone]);
    const query = new URLSearchParams({ latitude: String(spot.latitude), longitude: String(spot.longitude) });
    query.append('deliveryModes', 'telephone');
    query.append('deliveryModes', 'online');
    const repeated = await http.get(`/api/directory/search?${query.toString()}`);
    expect(ids(repeated).sort()).toEqual([phone, online].sort());
  });

  it('marks full services and leaves them out when only services accepting referrals are wanted', async () => {
    const spot = freshSpot();
    const accepting = await serviceAt(spot, { isAcceptingReferrals: true, placesAvailable: 4 }, 0.1);
    const waitingList = await serviceAt(
      spot,
      { isAcceptingReferrals: false, acceptsWaitingList: true, waitingTimeDays: 21 },
      0.2,
    );
    const full = await serviceAt(spot, { isAcceptingReferrals: false, acceptsWaitingList: false }, 0.3);
    const noPlaces = await serviceAt(spot, { isAcceptingReferrals: true, placesAvailable: 0 }, 0.4);
    const all = await search(spot);
    expect(ids(all)).toEqual([accepting, waitingList, full, noPlaces]);
    const fullFlags = all.body.items.map((item: { capacity: { isFull: boolean } }) => item.capacity.isFull);
    expect(fullFlags).toEqual([false, true, true, true]);
    expect(all.body.items[1].capacity).toMatchObject({ acceptsWaitingList: true, waitingTimeDays: 21 });
    expect(ids(await search(spot, { acceptingReferralsOnly: true }))).toEqual([accepting, waitingList]);
  });

  it('filters by the area served', async () => {
    const spot = freshSpot();
    const towerHamlets = await serviceAt(spot, {
      areas: [{ name: 'Tower Hamlets', boroughCode: 'E09000030' }],
    });
    await serviceAt(spot, { areas: [{ name: 'Haringey', boroughCode: 'E09000014' }] });
    const response = await search(spot, { boroughCode: 'E09000030' });
    expect(ids(response)).toEqual([towerHamlets]);
    expect(response.body.items[0].matchReasons).toContain('Serves E09000030');
  });

  it('combines filters: text, taxonomy, radius, open at a time, language and free', async () => {
    const spot = freshSpot();
    const common = {
      name: 'Befriending Circle',
      taxonomyTermIds: [befriending],
      languages: [{ code: 'tr', name: 'Turkish' }],
    };
    const match = await serviceAt(spot, common, 0.5);
    await serviceAt(spot, { ...common, isFree: false }, 0.5);
    await serviceAt(spot, { ...common, languages: [{ code: 'pl', name: 'Polish' }] }, 0.5);
    await serviceAt(
      spot,
      { ...common, schedules: [{ byday: 'SU', opensAt: '10:00', closesAt: '12:00' }] },
      0.5,
    );
    await serviceAt(spot, common, 3.5);
    const response = await search(spot, {
      q: 'befriending',
      taxonomyTermIds: befriending,
      radiusKm: 3,
      openAt: wednesdayMorning,
      languages: 'tr',
      freeOnly: true,
    });
    expect(ids(response)).toEqual([match]);
    expect(response.body.items[0].matchReasons).toEqual(
      expect.arrayContaining([
        "Matches 'befriending' in the name",
        'Offers Befriending',
        'Speaks Turkish',
        'Free',
      ]),
    );
  });
});

describe('directory search: ranking, freshness and paging', () => {
  it('flags entries not verified within staleAfterDays and ranks them lower', async () => {
    const spot = freshSpot();
    const stale = await serviceAt(spot, { lastVerifiedAt: new Date(Date.now() - 200 * 86_400_000) }, 0.2);
    const fresh = await serviceAt(spot, { lastVerifiedAt: new Date() }, 0.6);
    const byDefault = await search(spot);
    expect(ids(byDefault)).toEqual([fresh, stale]);
    expect(byDefault.body.items[1].freshness).toMatchObject({ isStale: true });
    expect(byDefault.body.items[1].freshness.text).toMatch(/^Unverified since /);
    const lenient = await search(spot, { staleAfterDays: 365 });
    expect(ids(lenient)).toEqual([stale, fresh]);
    expect(lenient.body.items[0].freshness.isStale).toBe(false);
    // Text ranking halves a stale entry's score.
    const byText = await search(spot, { q: 'friendly' });
    expect(ids(byText)).toEqual([fresh, stale]);
  });

  it('pages results and reports the total', async () => {
    const spot = freshSpot();
    const made: string[] = [];
    for (const km of [0.1, 0.2, 0.3, 0.4, 0.5]) made.push(await serviceAt(spot, {}, km));
    const page = await search(spot, { limit: 2, offset: 2 });
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(ids(page)).toEqual(made.slice(2, 4));
    const beyond = await search(spot, { limit: 2, offset: 10 });
    expect(beyond.body).toMatchObject({ total: 5, items: [] });
    expect((await search(spot, { limit: 101 })).status).toBe(400);
  });
});

describe('directory search: errors and access', () => {
  it('answers a malformed postcode with a 400 naming the postcode field', async () => {
    const response = await http.get('/api/directory/search?postcode=NOT-A-CODE');
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'postcode' });
  });

  it('answers a postcode outside London with a clear error, not an empty list', async () => {
    const response = await http.get('/api/directory/search?postcode=M1%201AE');
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'postcode' });
    expect(response.body.detail).toMatch(/London/);
  });

  it('orders by distance from a postcode, serves its borough, and echoes the resolved postcode', async () => {
    const home = await resolvePostcode(database.db, 'N17 6HB');
    const haringey = await serviceAt(home, { areas: [{ name: 'Haringey', boroughCode: 'E09000014' }] }, 0.3);
    const elsewhere = await serviceAt(home, { areas: [{ name: 'Enfield', boroughCode: 'E09000010' }] }, 0.1);
    const byDistance = await http.get('/api/directory/search?postcode=n176hb&radiusKm=1');
    expect(byDistance.status).toBe(200);
    expect(ids(byDistance)).toEqual([elsewhere, haringey]);
    expect(byDistance.body.query.postcode).toMatchObject({ postcode: 'N17 6HB', boroughCode: 'E09000014' });
    expect(byDistance.body.items[1].matchReasons).toContain('0.3 km from N17 6HB');
    const served = await http.get(
      '/api/directory/search?postcode=N17%206HB&radiusKm=1&servesPostcodeArea=true',
    );
    expect(ids(served)).toEqual([haringey]);
    expect(served.body.items[0].matchReasons).toContain('Serves Haringey');
  });

  it('refuses latitude without longitude, and an unknown delivery mode', async () => {
    const oneSided = await http.get('/api/directory/search?latitude=51.5');
    expect(oneSided.status).toBe(400);
    expect(oneSided.body.errors[0]).toMatchObject({ field: 'longitude' });
    expect((await http.get('/api/directory/search?deliveryModes=carrier_pigeon')).status).toBe(400);
  });

  it('is open to anonymous visitors and to signed-in staff alike', async () => {
    const spot = freshSpot();
    const id = await serviceAt(spot);
    const team = await buildProgrammeWithTeam(database.db);
    const linkWorker = new HttpClient(http.baseUrl);
    await linkWorker.signIn(team.linkWorker.user.email, team.linkWorker.password);
    const query = `latitude=${spot.latitude}&longitude=${spot.longitude}&radiusKm=2`;
    expect(ids(await linkWorker.get(`/api/directory/search?${query}`))).toEqual([id]);
    expect(ids(await http.get(`/api/directory/search?${query}`))).toEqual([id]);
  });
});

describe('service page', () => {
  it('shows one service in full', async () => {
    const spot = freshSpot();
    const id = await serviceAt(spot, {
      name: 'Silver Singers',
      eligibilityDescription: 'Over 60s',
      minimumAge: 60,
      isFree: false,
      feesDescription: '£3 a session',
      costOptions: [{ option: 'Session', amount: '3.00' }],
      contacts: [{ name: 'Pat', phone: '020 7946 0000' }],
      languages: [{ code: 'bn', name: 'Bengali', kind: 'interpretation' }],
      closures: [{ startsOn: '2099-12-24', endsOn: '2099-12-26', reason: 'Christmas' }],
    });
    const response = await http.get(`/api/directory/services/${id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id,
      name: 'Silver Singers',
      eligibility: { description: 'Over 60s', minimumAge: 60, maximumAge: null },
      costs: {
        isFree: false,
        feesDescription: '£3 a session',
        options: [{ option: 'Session', amount: '3.00' }],
      },
      contacts: [{ name: 'Pat', phone: '020 7946 0000' }],
      languages: [{ code: 'bn', kind: 'interpretation' }],
      closures: [{ startsOn: '2099-12-24', reason: 'Christmas' }],
      freshness: { isStale: false },
    });
    expect(response.body.schedules).toHaveLength(5);
    expect(response.body.schedules[0]).toMatchObject({ byday: 'MO', opensAt: '09:00', closesAt: '17:00' });
    expect(response.body.locations[0]).toMatchObject({ name: 'Hall', postcode: 'N17 6HB' });
  });

  it('answers 404 for an unknown service', async () => {
    const response = await http.get('/api/directory/services/00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
  });
});

// Last in the file: it uses up the anonymous allowance of this test client's address.
describe('anonymous rate limit', () => {
  it('limits anonymous use to 120 requests a minute, but not signed-in staff', async () => {
    const team = await buildProgrammeWithTeam(database.db);
    const linkWorker = new HttpClient(http.baseUrl);
    await linkWorker.signIn(team.linkWorker.user.email, team.linkWorker.password);
    const path = '/api/directory/services/00000000-0000-4000-8000-000000000001';
    const statuses: number[] = [];
    for (let request = 0; request < 125; request++) statuses.push((await http.get(path)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status === 404).length).toBeLessThanOrEqual(120);
    expect((await linkWorker.get(path)).status).toBe(404);
  });
});

describe('directory taxonomy', () => {
  it('lists both shared taxonomies with every term and its parent, to anyone', async () => {
    const response = await http.get('/api/directory/taxonomy');
    expect(response.status).toBe(200);
    const names = response.body.taxonomies.map((taxonomy: { name: string }) => taxonomy.name);
    expect(names).toEqual(['Areas of social welfare law', 'Linkwell social prescribing support']);
    const support = response.body.taxonomies[1].terms as {
      id: string;
      code: string;
      parentId: string | null;
    }[];
    const connected = support.find((term) => term.code === 'connected')!;
    const befriending = support.find((term) => term.code === 'connected.befriending')!;
    expect(connected.parentId).toBeNull();
    expect(befriending.parentId).toBe(connected.id);
    expect(befriending.id).toBe(taxonomyTermId('linkwell-support', 'connected.befriending'));
  });
});
