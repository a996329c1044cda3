// The demo directory on a real, migrated database: a London-wide directory that exercises every
// part of search (all 33 boroughs, every taxonomy term, capacity states, stale entries), whose
// rows are sound (coordinates in London, every service with a schedule, a place and a language),
// and which comes out the same on every first start.
import { asc, count, countDistinct, eq, isNull, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/database';
import {
  locations,
  organisations,
  schedules,
  serviceAtLocations,
  serviceLanguages,
  serviceTaxonomyTerms,
  services,
  taxonomyTerms,
} from '../db/schema';
import { directoryBoroughs, seedDirectory } from './directory';
import { seedDemoData, seedFoundation } from './seed';

// Greater London's extent, with a little margin: roughly 51.28–51.70 N, 0.51 W–0.34 E.
const londonBox = { south: 51.27, north: 51.7, west: -0.52, east: 0.34 };

async function readServiceNames(database: TestDatabase) {
  return database.db
    .select({ name: services.name, organisation: organisations.name, postcode: locations.postalCode })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(serviceAtLocations, eq(serviceAtLocations.serviceId, services.id))
    .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
    .orderBy(
      asc(organisations.name),
      asc(services.name),
      asc(locations.postalCode),
      asc(services.description),
    );
}

describe('demo directory seed', () => {
  let database: TestDatabase;
  let directoryMilliseconds: number;
  let serviceCount: number;

  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.transaction(async (tx) => {
      const foundation = await seedFoundation(tx);
      const started = performance.now();
      const seeded = await seedDirectory(tx, foundation);
      directoryMilliseconds = performance.now() - started;
      serviceCount = seeded.serviceIds.length;
    });
    console.info(
      `demo directory: ${serviceCount} services seeded in ${Math.round(directoryMilliseconds)} ms`,
    );
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('seeds at least 300 services', async () => {
    const [row] = await database.db.select({ total: count() }).from(services);
    expect(row!.total).toBeGreaterThanOrEqual(300);
    expect(row!.total).toBe(serviceCount);
    // Its speed is part of startup.cold_ms in `npm run bench`; here it is only reported.
    console.log(`directory seed took ${directoryMilliseconds} ms`);
  });

  it('has services in all 33 boroughs, all inside London', async () => {
    const rows = await database.db
      .select({
        boroughCode: locations.boroughCode,
        latitude: locations.latitude,
        longitude: locations.longitude,
      })
      .from(locations);
    const codes = new Set(rows.map((r) => r.boroughCode));
    expect(codes.size).toBe(33);
    for (const borough of directoryBoroughs) expect(codes, borough.name).toContain(borough.code);
    for (const row of rows) {
      expect(row.latitude).toBeGreaterThan(londonBox.south);
      expect(row.latitude).toBeLessThan(londonBox.north);
      expect(row.longitude).toBeGreaterThan(londonBox.west);
      expect(row.longitude).toBeLessThan(londonBox.east);
    }
  });

  it('uses every term of both taxonomies', async () => {
    const unused = await database.db
      .select({ code: taxonomyTerms.code })
      .from(taxonomyTerms)
      .where(
        sql`not exists (select 1 from ${serviceTaxonomyTerms} st where st.taxonomy_term_id = ${taxonomyTerms.id})
          and (${taxonomyTerms.parentId} is not null or not exists (
            select 1 from ${taxonomyTerms} child where child.parent_id = ${taxonomyTerms.id}))`,
      );
    expect(unused.map((r) => r.code)).toEqual([]);
    const [terms] = await database.db.select({ total: count() }).from(taxonomyTerms);
    expect(terms!.total).toBeGreaterThan(30);
  });

  it('mixes capacity states and freshness', async () => {
    const staleBefore = new Date(Date.now() - 183 * 24 * 60 * 60 * 1000);
    const [stale] = await database.db
      .select({ total: count() })
      .from(services)
      .where(lt(services.lastVerifiedAt, staleBefore));
    const [neverVerified] = await database.db
      .select({ total: count() })
      .from(services)
      .where(isNull(services.lastVerifiedAt));
    const [notAccepting] = await database.db
      .select({ total: count() })
      .from(services)
      .where(eq(services.isAcceptingReferrals, false));
    const [waitingList] = await database.db
      .select({ total: count() })
      .from(services)
      .where(sql`${services.acceptsWaitingList} and ${services.waitingTimeDays} > 0`);
    const [paid] = await database.db
      .select({ total: count() })
      .from(services)
      .where(eq(services.isFree, false));
    expect(stale!.total).toBeGreaterThan(serviceCount * 0.08);
    expect(stale!.total).toBeLessThan(serviceCount * 0.25);
    expect(neverVerified!.total).toBeGreaterThan(0);
    expect(notAccepting!.total).toBeGreaterThan(0);
    expect(waitingList!.total).toBeGreaterThan(0);
    expect(paid!.total).toBeGreaterThan(0);
    expect(paid!.total).toBeLessThan(serviceCount / 2);
  });

  it('gives every service a schedule, a location and a language', async () => {
    const [withSchedule] = await database.db
      .select({ total: countDistinct(schedules.serviceId) })
      .from(schedules);
    const [withLocation] = await database.db
      .select({ total: countDistinct(serviceAtLocations.serviceId) })
      .from(serviceAtLocations);
    const [withLanguage] = await database.db
      .select({ total: countDistinct(serviceLanguages.serviceId) })
      .from(serviceLanguages);
    expect(withSchedule!.total).toBe(serviceCount);
    expect(withLocation!.total).toBe(serviceCount);
    expect(withLanguage!.total).toBe(serviceCount);
    const interpreted = await database.db
      .select({ code: serviceLanguages.code })
      .from(serviceLanguages)
      .where(eq(serviceLanguages.kind, 'interpretation'));
    expect(interpreted.length).toBeGreaterThan(0);
  });

  it('gives advice services the advice quality mark and social welfare law terms', async () => {
    const rows = await database.db
      .select({ name: services.name, qualityMarks: services.qualityMarks })
      .from(services)
      .innerJoin(organisations, eq(organisations.id, services.organisationId))
      .where(eq(organisations.type, 'advice_agency'));
    expect(rows.length).toBeGreaterThan(33);
    for (const row of rows) expect(row.qualityMarks, row.name).toContain('advice_quality_standard');
  });

  it('produces the same services on another fresh database', async () => {
    const other = await openTestDatabase();
    try {
      await seedDemoData(other.db);
      expect(await readServiceNames(other)).toEqual(await readServiceNames(database));
    } finally {
      await other.close();
    }
  }, 120_000);
});
