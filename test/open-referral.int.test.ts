// The Open Referral UK 3.0 API, checked offline against the official ORUK schemas (copied into
// test/fixtures/openreferral/oruk-3.0) with Ajv's JSON Schema 2020-12 build, as the shared
// standards README describes: page responses by JSON pointer into openapi.json, single objects
// against their compiled schemas, and the Page arithmetic that no schema checks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { taxonomyId, taxonomyTermId } from '../src/directory/sync-taxonomies';
import { startTestApp, type TestApp } from './support/app';
import type { TestDatabase } from './support/database';
import { buildOrganisation, buildService } from './support/factories';
import { HttpClient } from './support/http-client';

const base = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';
const fixtures = path.resolve('test/fixtures/openreferral/oruk-3.0/schema');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

function createOrukAjv(): Ajv2020 {
  // strict: false because the schemas carry non-standard keywords (README defect 8).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(fixtures).filter((name) => name.endsWith('.json'))) {
    ajv.addSchema(readJson(path.join(fixtures, file)), base + file);
  }
  for (const file of readdirSync(path.join(fixtures, 'compiled'))) {
    ajv.addSchema(readJson(path.join(fixtures, 'compiled', file)), `${base}compiled/${file}`);
  }
  return ajv;
}

const ajv = createOrukAjv();
const schemaFor = (key: string): ValidateFunction => {
  const validate = ajv.getSchema(base + key);
  if (!validate) throw new Error(`No schema ${key}`);
  return validate;
};
const pageSchemaFor = (listPath: string) =>
  schemaFor(
    `openapi.json#/paths/${listPath.replaceAll('/', '~1')}/get/responses/200/content/application~1json/schema`,
  );

function expectValid(validate: ValidateFunction, data: unknown, what: string): void {
  const isValid = validate(data);
  expect(isValid ? [] : validate.errors!.map((e) => `${what}${e.instancePath} ${e.message}`)).toEqual([]);
}

/** The checks README defect 6 says no schema makes. */
function expectPageArithmetic(page: any, perPage: number): void {
  expect(page.size).toBe(page.contents.length);
  expect(page.first_page).toBe(page.page_number === 1);
  expect(page.last_page).toBe(page.page_number === page.total_pages);
  expect(page.empty).toBe(page.total_items === 0);
  expect(page.total_pages).toBe(Math.max(1, Math.ceil(page.total_items / perPage)));
  if (page.page_number < page.total_pages) expect(page.size).toBe(perPage);
  if (page.last_page) expect(page.size).toBe(page.total_items - (page.total_pages - 1) * perPage);
}

let testApp: TestApp;
let database: TestDatabase;
let client: HttpClient;
const ids: Record<string, string> = {};
const serviceCount = 13;

beforeAll(async () => {
  testApp = await startTestApp();
  database = testApp.database;
  client = new HttpClient(testApp.baseUrl);

  const db = database.db;
  const charity = await buildOrganisation(db, { name: 'Haringey Together', odsCode: null });
  // Directory fields of the organisation, as an editor would set them.
  await database.db.execute(
    sql`update organisations set description = 'A local charity.',
      email = 'hello@haringey-together.example', website = 'https://haringey-together.example'
      where id = ${charity.id}`,
  );
  ids.befriending = await buildService(db, {
    organisationId: charity.id,
    name: 'Tottenham Befriending Circle',
    description: 'Weekly visits and phone calls for people who feel lonely.',
    minimumAge: 18,
    maximumAge: 120,
    placesAvailable: 3,
    placesMaximum: 20,
    capacityUpdatedAt: new Date(),
    costOptions: [{ option: 'Donation', amount: '2.50', amountDescription: 'Suggested donation' }],
    fundings: [{ source: 'National Lottery Community Fund' }],
    contacts: [{ name: 'Sam Jones', title: 'Coordinator', email: 'sam@example.org', phone: '020 7946 0000' }],
    languages: [
      { code: 'en', name: 'English' },
      { code: 'tr', name: 'Turkish', kind: 'interpretation' },
    ],
  });
  ids.debt = await buildService(db, {
    organisationId: charity.id,
    name: 'Wood Green Debt Advice',
    description: 'Free, confidential help with debts and money worries.',
    minimumAge: 16,
    taxonomyTermIds: [
      taxonomyTermId('linkwell-support', 'safe.debt'),
      taxonomyTermId('social-welfare-law', 'debt'),
    ],
    locations: [
      {
        name: 'Wood Green Library',
        latitude: 51.5975,
        longitude: -0.1097,
        address1: '187-197A High Road',
        city: 'London',
        postalCode: 'N22 6XD',
        accessibility: ['step_free_access', 'hearing_loop'],
      },
    ],
    schedules: [{ byday: 'SA', opensAt: '10:00', closesAt: '12:30' }],
  });
  ids.walking = await buildService(db, {
    name: 'Croydon Youth Walking Group',
    description: 'Evening walks in the parks of Croydon.',
    minimumAge: 11,
    maximumAge: 18,
    taxonomyTermIds: [taxonomyTermId('linkwell-support', 'active.walking')],
    locations: [
      {
        name: 'Park Hill Park gate',
        latitude: 51.3717,
        longitude: -0.0867,
        address1: 'Water Tower Approach',
        city: 'Croydon',
        postalCode: 'CR0 5NF',
      },
      { locationType: 'virtual', name: 'Online meet-up' },
    ],
    schedules: [{ byday: 'TU', opensAt: '18:00', closesAt: '20:00' }],
  });
  for (let index = 1; index <= serviceCount - 3; index++) {
    await buildService(db, { name: `Filler service ${String(index).padStart(2, '0')}` });
  }
});

afterAll(async () => {
  await testApp?.close();
});

describe('Open Referral UK API: root and OpenAPI', () => {
  it('describes itself at / with CORS open', async () => {
    const response = await client.get('/openreferral/');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.body).toEqual({
      version: 'HSDS-UK-3.0',
      profile: expect.stringMatching(/^https:\/\/openreferraluk\.org\//),
      openapi_url: 'http://linkwell.test/openreferral/openapi.json',
    });
    expectValid(
      schemaFor('openapi.json#/paths/~1/get/responses/200/content/application~1json/schema'),
      response.body,
      '/',
    );
  });

  it('serves the ORUK OpenAPI with our server and the official defects fixed', async () => {
    const { status, body } = await client.get('/openreferral/openapi.json');
    expect(status).toBe(200);
    expect(body.servers).toEqual([expect.objectContaining({ url: 'http://linkwell.test/openreferral' })]);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/services',
        '/services/{id}',
        '/service_at_locations/{id}',
        '/taxonomy_terms',
      ]),
    );
    expect(
      body.paths['/service_at_locations/{id}'].get.responses['200'].content['application/json'].schema.$ref,
    ).toBe(`${base}compiled/service_at_location.json`);
    expect(body.paths['/taxonomy_terms'].get.operationId).toBe('getPaginatedListOfTaxonomyTerms');
    expect(body.components.parameters.start_time.schema.type).toBe('string');
    expect(body.components.parameters.modified_after.schema.format).toBe('date-time');
  });

  it('lists its routes under the open-referral tag in the Linkwell API document', async () => {
    const { status, body } = await client.get('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.paths['/openreferral/services'].get.tags).toEqual(['open-referral']);
    expect(body.paths['/openreferral/services/{id}'].get.tags).toEqual(['open-referral']);
  });

  it('answers CORS preflight on its paths only', async () => {
    const preflight = await fetch(`${client.baseUrl}/openreferral/services`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
    const elsewhere = await client.get('/health/live');
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('Open Referral UK API: pages', () => {
  const lists = [
    { path: '/services', perPage: 5, minimumPages: 3 },
    { path: '/service_at_locations', perPage: 5, minimumPages: 3 },
    // Linkwell has two shared taxonomies: pages of one.
    { path: '/taxonomies', perPage: 1, minimumPages: 2 },
    { path: '/taxonomy_terms', perPage: 10, minimumPages: 3 },
  ];
  for (const { path: listPath, perPage, minimumPages } of lists) {
    it(`${listPath}: first, middle and last page are valid ORUK pages with the right arithmetic`, async () => {
      const validate = pageSchemaFor(listPath);
      const first = await client.get(`/openreferral${listPath}?per_page=${perPage}`);
      expect(first.status).toBe(200);
      expect(first.headers.get('access-control-allow-origin')).toBe('*');
      expect(first.body.total_pages).toBeGreaterThanOrEqual(minimumPages);
      const middleNumber = Math.ceil(first.body.total_pages / 2);
      const lastNumber = first.body.total_pages;
      const seen = new Set<string>();
      let itemsFetched = 0;
      for (const pageNumber of new Set([1, middleNumber, lastNumber])) {
        const page = await client.get(`/openreferral${listPath}?per_page=${perPage}&page=${pageNumber}`);
        expect(page.status).toBe(200);
        expectValid(validate, page.body, `${listPath}?page=${pageNumber}`);
        expectPageArithmetic(page.body, perPage);
        expect(page.body.page_number).toBe(pageNumber);
        expect(page.body.total_items).toBe(first.body.total_items);
        itemsFetched += page.body.size;
        for (const item of page.body.contents) seen.add(item.id);
      }
      // No item appears on two pages.
      expect(seen.size).toBe(itemsFetched);
    });
  }

  it('counts every service once across all pages, and an empty result is one empty page', async () => {
    const all = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      const { body } = await client.get(`/openreferral/services?per_page=5&page=${page}`);
      for (const service of body.contents) all.add(service.id);
    }
    expect(all.size).toBe(serviceCount);
    const { body: none } = await client.get('/openreferral/services?search=xylophone%20submarine');
    expect(none).toMatchObject({
      total_items: 0,
      total_pages: 1,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
    });
    expectValid(pageSchemaFor('/services'), none, 'empty');
  });

  it('uses 50 per page by default and refuses more than 200', async () => {
    const { body } = await client.get('/openreferral/services');
    expect(body.contents).toHaveLength(serviceCount);
    const refused = await client.get('/openreferral/services?per_page=500');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('Open Referral UK API: single objects', () => {
  it('/services/{id} is a valid fully nested ORUK service', async () => {
    const { status, body } = await client.get(`/openreferral/services/${ids.befriending}`);
    expect(status).toBe(200);
    expectValid(schemaFor('compiled/service.json'), body, 'service');
    expect(body).toMatchObject({
      name: 'Tottenham Befriending Circle',
      status: 'active',
      organization: { name: 'Haringey Together', website: 'https://haringey-together.example' },
      capacities: [{ available: 3, maximum: 20, unit: { name: 'places' } }],
      cost_options: [{ option: 'Donation', amount: 2.5, currency: 'GBP' }],
      funding: [{ source: 'National Lottery Community Fund' }],
      contacts: [{ name: 'Sam Jones', phones: [{ number: '020 7946 0000' }] }],
    });
    expect(body.schedules).toHaveLength(5);
    expect(body.schedules[0]).toMatchObject({ freq: 'WEEKLY', opens_at: '09:00', closes_at: '17:00' });
    expect(body.languages.map((l: any) => l.code).sort()).toEqual(['en', 'tr']);
    expect(body.attributes[0]).toMatchObject({
      link_id: ids.befriending,
      taxonomy_term_id: taxonomyTermId('linkwell-support', 'connected.befriending'),
      taxonomy_term: { name: expect.any(String), taxonomy_id: taxonomyId('linkwell-support') },
    });
    const [link] = body.service_at_locations;
    expect(link.location.addresses[0]).toMatchObject({ address_1: '1 High Road', postal_code: 'N17 6HB' });
    // Derived objects keep their ids from one request to the next.
    const again = await client.get(`/openreferral/services/${ids.befriending}`);
    expect(again.body.service_at_locations[0].location.addresses[0].id).toBe(link.location.addresses[0].id);
  });

  it('every service on the list validates as a full service', async () => {
    const validate = schemaFor('compiled/service.json');
    const { body } = await client.get('/openreferral/services?per_page=200');
    for (const summary of body.contents) {
      const { body: service } = await client.get(`/openreferral/services/${summary.id}`);
      expectValid(validate, service, summary.name);
    }
  });

  it('/service_at_locations/{id} is a valid service_at_location (not a service: defect 1)', async () => {
    const { body: page } = await client.get('/openreferral/service_at_locations?per_page=200');
    const link = page.contents.find((item: any) => item.service_id === ids.debt);
    const { status, body } = await client.get(`/openreferral/service_at_locations/${link.id}`);
    expect(status).toBe(200);
    expectValid(schemaFor('compiled/service_at_location.json'), body, 'service_at_location');
    // …and also against what the official OpenAPI (defect 1) says, as a validator using it would.
    expectValid(schemaFor('compiled/service.json'), body, 'service_at_location as service');
    expect(body.location.accessibility.map((a: any) => a.details)).toEqual([
      'step_free_access',
      'hearing_loop',
    ]);
    expect(body.service.name).toBe('Wood Green Debt Advice');
  });

  it('/taxonomies/{id} and /taxonomy_terms/{id} validate', async () => {
    const taxonomy = await client.get(`/openreferral/taxonomies/${taxonomyId('linkwell-support')}`);
    expect(taxonomy.status).toBe(200);
    expectValid(schemaFor('taxonomy.json'), taxonomy.body, 'taxonomy');
    const term = await client.get(
      `/openreferral/taxonomy_terms/${taxonomyTermId('linkwell-support', 'safe.debt')}`,
    );
    expect(term.status).toBe(200);
    expectValid(schemaFor('taxonomy_term.json'), term.body, 'taxonomy_term');
    expect(term.body).toMatchObject({
      term: 'safe.debt',
      parent_id: taxonomyTermId('linkwell-support', 'safe'),
    });
  });

  it('/organizations lists only providers, and each validates as an HSDS organization', async () => {
    const { body } = await client.get('/openreferral/organizations?per_page=200');
    expect(body.total_items).toBe(serviceCount - 1); // two services share Haringey Together
    const organisation = body.contents.find((item: any) => item.name === 'Haringey Together');
    const single = await client.get(`/openreferral/organizations/${organisation.id}`);
    expectValid(schemaFor('compiled/organization.json'), single.body, 'organization');
    expect(single.body.services.map((s: any) => s.name).sort()).toEqual([
      'Tottenham Befriending Circle',
      'Wood Green Debt Advice',
    ]);
  });

  it('answers 404 problem+json for unknown or malformed ids', async () => {
    for (const url of [
      '/openreferral/services/00000000-0000-4000-8000-000000000000',
      '/openreferral/services/not-an-id',
      '/openreferral/service_at_locations/00000000-0000-4000-8000-000000000000',
      '/openreferral/taxonomies/00000000-0000-4000-8000-000000000000',
      '/openreferral/taxonomy_terms/00000000-0000-4000-8000-000000000000',
      '/openreferral/organizations/00000000-0000-4000-8000-000000000000',
    ]) {
      const response = await client.get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});

describe('Open Referral UK API: filters', () => {
  const names = async (query: string, listPath = '/services') => {
    const response = await client.get(`/openreferral${listPath}?per_page=200&${query}`);
    expect(response.status, query).toBe(200);
    return response.body.contents.map((item: any) => item.name ?? item.service.name).sort();
  };

  it('search: full text (stemmed), and close matches on the name', async () => {
    expect(await names('search=debts')).toEqual(['Wood Green Debt Advice']);
    expect(await names('search=befriending%20lonely')).toEqual(['Tottenham Befriending Circle']);
    expect(await names('search=Croydn')).toEqual(['Croydon Youth Walking Group']);
  });

  it('taxonomy_term_id and taxonomy_id', async () => {
    expect(await names(`taxonomy_term_id=${taxonomyTermId('linkwell-support', 'active.walking')}`)).toEqual([
      'Croydon Youth Walking Group',
    ]);
    expect(await names(`taxonomy_id=${taxonomyId('social-welfare-law')}`)).toEqual([
      'Wood Green Debt Advice',
    ]);
  });

  it('minimum_age and maximum_age, as the standard words them', async () => {
    expect(await names('minimum_age=16')).toEqual(['Tottenham Befriending Circle', 'Wood Green Debt Advice']);
    expect(await names('maximum_age=18')).toEqual(['Croydon Youth Walking Group']);
  });

  it('day, start_time and end_time (one session must match them all)', async () => {
    expect(await names('day=SA')).toEqual(['Wood Green Debt Advice']);
    expect(await names('day=tu&start_time=17:30')).toEqual(['Croydon Youth Walking Group']);
    expect(await names('day=SA&end_time=12:00')).toEqual([]);
    const bad = await client.get('/openreferral/services?start_time=25:00');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'start_time', in: 'querystring' });
    expect((await client.get('/openreferral/services?day=Monday')).status).toBe(400);
  });

  it('postcode with proximity (metres), nearest first, on services and service_at_locations', async () => {
    // N22 6XD (Wood Green) to N17 6HB (Tottenham) is about 2.8 km; Croydon is ~25 km away.
    const near = await client.get('/openreferral/services?postcode=n22%206xd&proximity=4000&per_page=200');
    expect(near.body.contents[0].name).toBe('Wood Green Debt Advice');
    expect(near.body.total_items).toBe(serviceCount - 1);
    expect(await names('postcode=N22%206XD&proximity=1000')).toEqual(['Wood Green Debt Advice']);
    expect(await names('postcode=CR0%205NF&proximity=1000', '/service_at_locations')).toEqual([
      'Croydon Youth Walking Group',
    ]);
    expect((await client.get('/openreferral/services?proximity=1000')).status).toBe(400);
    expect((await client.get('/openreferral/services?postcode=ZZ1%201ZZ&proximity=1000')).status).toBe(400);
  });

  it('organization_id and modified_after', async () => {
    const { body } = await client.get(`/openreferral/services/${ids.debt}`);
    expect(await names(`organization_id=${body.organization_id}`)).toEqual([
      'Tottenham Befriending Circle',
      'Wood Green Debt Advice',
    ]);
    expect(await names('modified_after=2999-01-01T00:00:00Z')).toEqual([]);
    expect((await names('modified_after=2000-01-01T00:00:00Z')).length).toBe(serviceCount);
  });
});
