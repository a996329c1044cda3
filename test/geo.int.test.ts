// Postcode lookup over real HTTP against a real database holding the shipped London geography:
// exact postcodes, loose input, sector and district fallbacks, and the two kinds of refusal.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client';
import { boroughs, postcodeSectors } from '../src/db/schema';
import { loadGeography, type GeographyLoadReport } from '../src/geo';
import { startTestApp, type TestApp } from './support/app';
import type { TestDatabase } from './support/database';
import { testDatabaseKind } from './support/database-kind';
import { HttpClient } from './support/http-client';

let testApp: TestApp;
let database: TestDatabase;
let http: HttpClient;
let firstLoad: GeographyLoadReport;

beforeAll(async () => {
  testApp = await startTestApp();
  database = testApp.database;
  // The template database already holds the geography (global-setup runs prepareDatabase), so this
  // is a no-op; it stays because the loader test below reports on it.
  firstLoad = await loadGeography(database.db);
  console.log(
    `geography on ${testDatabaseKind}: ${firstLoad.isAlreadyLoaded ? 'already loaded' : `loaded by ${firstLoad.method}`} ` +
      `in ${firstLoad.milliseconds} ms (${JSON.stringify(firstLoad.insertedRows)})`,
  );
  // Never signed in: the lookups are public.
  http = new HttpClient(testApp.baseUrl);
});
afterAll(async () => {
  await testApp?.close();
});

const lookUp = (postcode: string) => http.get(`/api/postcodes/${encodeURIComponent(postcode)}`);

describe('loading the geography', () => {
  it('holds every shipped row, and a second load is a cheap no-op', async () => {
    const [counts] = await queryRows<Record<string, number>>(
      database.db,
      sql`select (select count(*)::int from postcodes) as postcodes,
        (select count(*)::int from postcode_sectors) as sectors,
        (select count(*)::int from postcode_districts) as districts,
        (select count(*)::int from boroughs) as boroughs,
        (select count(*)::int from lsoas) as lsoas,
        (select count(*)::int from borough_population) as "boroughPopulation"`,
    );
    expect(counts).toEqual({
      postcodes: 180_792,
      sectors: 1_309,
      districts: 311,
      boroughs: 33,
      lsoas: 4_835,
      boroughPopulation: 990,
    });
    if (!firstLoad.isAlreadyLoaded) {
      expect(firstLoad.insertedRows).toEqual({
        postcodes: 180_792,
        postcode_sectors: 1_309,
        postcode_districts: 311,
        boroughs: 33,
        lsoas: 4_835,
        borough_population: 990,
      });
      expect(firstLoad.method).toBe(testDatabaseKind === 'pglite' ? 'copy' : 'insert');
    }
    const again = await loadGeography(database.db);
    expect(again).toMatchObject({ isAlreadyLoaded: true, method: 'none' });
    // "Cheap" means no rows written; how long it takes is measured by the bench, not asserted here.
    expect(Object.values(again.insertedRows).every((count) => count === 0)).toBe(true);
  });
});

describe('GET /api/postcodes/:postcode', () => {
  it('finds a live postcode with its point, borough and LSOA, without signing in', async () => {
    const response = await lookUp('SW1A 1AA');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      postcode: 'SW1A 1AA',
      latitude: 51.501009,
      longitude: -0.141588,
      boroughCode: 'E09000033',
      boroughName: 'Westminster',
      lsoaCode: 'E01004736',
      precision: 'postcode',
    });
  });

  it.each(['n176hb', 'N176HB', ' n17 6hb ', 'N17  6HB'])('reads loose input %j as N17 6HB', async (input) => {
    const response = await lookUp(input);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      postcode: 'N17 6HB',
      boroughCode: 'E09000014',
      boroughName: 'Haringey',
      lsoaCode: 'E01002082',
      precision: 'postcode',
    });
    expect(response.body.note).toBeUndefined();
  });

  it('places a well-formed postcode that is not live at the centre of its sector, and says so', async () => {
    const response = await lookUp('N17 9ZZ');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      postcode: 'N17 9ZZ',
      latitude: 51.592462,
      longitude: -0.062406,
      boroughCode: 'E09000014',
      boroughName: 'Haringey',
      lsoaCode: null,
      precision: 'sector',
      note: 'N17 9ZZ is not a current postcode; using the centre of sector N17 9',
    });
  });

  it('falls back to the district centre when the sector has no live London postcodes', async () => {
    const [sector] = await database.db
      .select()
      .from(postcodeSectors)
      .where(eq(postcodeSectors.sector, 'N17 2'));
    expect(sector).toBeUndefined();
    const response = await lookUp('n172zz');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      postcode: 'N17 2ZZ',
      boroughCode: 'E09000014',
      lsoaCode: null,
      precision: 'district',
      note: 'N17 2ZZ is not a current postcode; using the centre of district N17',
    });
  });

  it.each(['nonsense', 'N17', '12345', 'N17 6HB!'])(
    'answers malformed input %j with a 400 problem naming the field',
    async (input) => {
      const response = await lookUp(input);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        reason: 'not_a_postcode',
        errors: [
          { field: 'postcode', in: 'params', detail: expect.stringContaining('is not a UK postcode') },
        ],
      });
    },
  );

  it('refuses input longer than any postcode before looking it up', async () => {
    const response = await lookUp('N17 6HB N17 6HB');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'postcode' })]);
  });

  it.each([
    ['M1 1AE', 'M1 1AE'],
    ['eh11yz', 'EH1 1YZ'],
  ])('says Linkwell covers London only for %j', async (input, normalised) => {
    const response = await lookUp(input);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      code: 'validation_failed',
      reason: 'outside_london',
      detail: `${normalised} is outside London. Linkwell covers London postcodes only.`,
      errors: [{ field: 'postcode', in: 'params' }],
    });
  });
});

describe('GET /api/geo/boroughs', () => {
  it('lists the 33 boroughs by name with their Census 2021 population', async () => {
    const response = await http.get('/api/geo/boroughs');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(33);
    expect(response.body.items[0]).toEqual({
      code: 'E09000002',
      name: 'Barking and Dagenham',
      population: 218_876,
    });
    expect(response.body.items).toContainEqual({
      code: 'E09000001',
      name: 'City of London',
      population: 8_584,
    });
    const names = response.body.items.map((borough: { name: string }) => borough.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
  });

  it('is in the OpenAPI document, with the response shapes', async () => {
    const doc = await http.get('/api/openapi.json');
    const lookup = doc.body.paths['/api/postcodes/{postcode}'].get;
    expect(lookup.responses['200'].content['application/json'].schema.properties.precision.enum).toEqual([
      'postcode',
      'sector',
      'district',
    ]);
    expect(doc.body.paths['/api/geo/boroughs'].get.responses['200']).toBeDefined();
  });
});

describe('an empty or half-filled database', () => {
  it('answers 503 rather than "outside London", and two instances starting at once fill each table once', async () => {
    await database.db.delete(postcodeSectors);
    await database.db.delete(boroughs);
    // Half-loaded data must not pass for "outside London".
    const unloaded = await lookUp('M1 1AE');
    expect(unloaded.status).toBe(503);
    expect(unloaded.body.code).toBe('unavailable');
    const reports = await Promise.all([loadGeography(database.db), loadGeography(database.db)]);
    const loaded = reports.map((report) => report.insertedRows);
    expect(loaded).toContainEqual(
      expect.objectContaining({ boroughs: 33, postcode_sectors: 1_309, postcodes: 0 }),
    );
    expect(reports.reduce((sum, report) => sum + report.insertedRows.boroughs, 0)).toBe(33);
    expect((await http.get('/api/geo/boroughs')).body.items).toHaveLength(33);
  });
});
