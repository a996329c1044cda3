// The FHIR directory: HealthcareService, Organization and Location read and searched over real
// HTTP, generated from services built with the real directory writer.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomyTermId } from '../src/directory/sync-taxonomies';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildService } from './support/factories';
import { buildApiClient, expectValidFhir, fhirClient } from './support/fhir';

const supportTaxonomy = 'https://linkwell.example/taxonomies/support';
const odsSystem = 'https://fhir.nhs.uk/Id/ods-organization-code';
const base = 'http://linkwell.test/fhir';

let t: TestApp;
let fhir: ReturnType<typeof fhirClient>;

const unique = () => randomUUID().slice(0, 8);
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A referenced resource's path on this server: "Organization/<id>" → "/Organization/<id>". */
const pathOf = (reference: string) => `/${reference}`;
/** A Bundle link's path relative to /fhir, for the test client. */
const linkPath = (bundle: any, relation: string): string | undefined =>
  bundle.link.find((link: any) => link.relation === relation)?.url.replace(base, '');
const idsIn = (bundle: any): string[] => (bundle.entry ?? []).map((entry: any) => entry.resource.id);

async function search(path: string) {
  const response = await fhir.get(path);
  expect(response.status).toBe(200);
  expect(response.body.resourceType).toBe('Bundle');
  expectValidFhir(response.body);
  return response.body;
}

/** A provider with two services: a full one and an inactive one; and a second provider. */
async function buildDirectory() {
  const tag = unique();
  const provider = await buildOrganisation(t.db, {
    name: `Haringey Friends ${tag}`,
    odsCode: `X${tag}`.toUpperCase(),
  });
  const fullService = await buildService(t.db, {
    organisationId: provider.id,
    name: `Tuesday Befriending ${tag}`,
    description: 'Weekly visits from a volunteer.',
    url: 'https://friends.example.org',
    email: 'hello@friends.example.org',
    isFree: false,
    feesDescription: '£2 a session',
    minimumAge: 18,
    eligibilityDescription: 'People living in Haringey.',
    taxonomyTermIds: [
      taxonomyTermId('linkwell-support', 'connected.befriending'),
      taxonomyTermId('linkwell-support', 'active.walking'),
    ],
    contacts: [{ name: 'Ade', phone: '020 7946 0000', email: 'ade@friends.example.org' }],
    languages: [
      { code: 'en', name: 'English' },
      { code: 'bn', name: 'Bengali', kind: 'interpretation' },
    ],
    closures: [{ startsOn: daysFromNow(10), endsOn: daysFromNow(12), reason: 'Staff training' }],
    schedules: [
      ...(['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((byday) => ({
        byday,
        opensAt: '09:00',
        closesAt: '17:00',
      })),
      {
        byday: 'SA' as const,
        opensAt: '10:00',
        closesAt: '12:00',
        validFrom: daysFromNow(1),
        validTo: daysFromNow(30),
      },
    ],
    locations: [
      {
        name: `Bruce Grove Hall ${tag}`,
        latitude: 51.5931,
        longitude: -0.0697,
        address1: '1 Bruce Grove',
        city: 'London',
        postalCode: 'N17 6RA',
      },
    ],
  });
  const inactiveService = await buildService(t.db, {
    organisationId: provider.id,
    name: `Old Lunch Club ${tag}`,
    status: 'inactive',
    taxonomyTermIds: [taxonomyTermId('linkwell-support', 'connected.social-groups')],
  });
  const otherProvider = await buildOrganisation(t.db, { name: `Croydon Walkers ${tag}`, type: 'council' });
  const farService = await buildService(t.db, {
    organisationId: otherProvider.id,
    name: `Croydon Health Walks ${tag}`,
    taxonomyTermIds: [taxonomyTermId('linkwell-support', 'active.walking')],
    locations: [
      { name: `Croydon Park ${tag}`, latitude: 51.3727, longitude: -0.1099, postalCode: 'CR0 1NX' },
    ],
  });
  return { tag, provider, otherProvider, fullService, inactiveService, farService };
}

let directory: Awaited<ReturnType<typeof buildDirectory>>;

beforeAll(async () => {
  t = await startTestApp();
  const gp = await buildOrganisation(t.db, { type: 'gp_practice' });
  const { key } = await buildApiClient(t.db, gp.id);
  fhir = fhirClient(t.baseUrl, key);
  directory = await buildDirectory();
});
afterAll(async () => {
  await t?.close();
});

describe('FHIR HealthcareService', () => {
  it('reads a service with its mapping, version headers and references that resolve', async () => {
    const response = await fhir.get(`/HealthcareService/${directory.fullService}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(response.headers.get('etag')).toBe('W/"1"');
    const service = response.body;
    expectValidFhir(service);
    expect(service).toMatchObject({
      resourceType: 'HealthcareService',
      id: directory.fullService,
      active: true,
      name: `Tuesday Befriending ${directory.tag}`,
      comment: 'Weekly visits from a volunteer.',
      providedBy: { reference: `Organization/${directory.provider.id}`, display: directory.provider.name },
    });
    expect(service.meta.versionId).toBe('1');
    expect(service.extraDetails).toContain('£2 a session');

    // category: each tag's top-level term; type: the tags.
    const codings = (concepts: any[]) => concepts.map((concept) => concept.coding[0]);
    expect(codings(service.category)).toEqual(
      expect.arrayContaining([
        { system: supportTaxonomy, code: 'connected', display: 'Connected' },
        { system: supportTaxonomy, code: 'active', display: 'Active' },
      ]),
    );
    expect(
      codings(service.type)
        .map((coding: any) => coding.code)
        .sort(),
    ).toEqual(['active.walking', 'connected.befriending']);
    expect(codings(service.type)[0].system).toBe(supportTaxonomy);

    expect(service.telecom).toEqual(
      expect.arrayContaining([
        { system: 'phone', value: '020 7946 0000' },
        { system: 'email', value: 'ade@friends.example.org' },
        { system: 'email', value: 'hello@friends.example.org' },
        { system: 'url', value: 'https://friends.example.org' },
      ]),
    );
    expect(service.availableTime).toEqual([
      {
        daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
        availableStartTime: '09:00:00',
        availableEndTime: '17:00:00',
      },
    ]);
    expect(service.availabilityExceptions).toContain('Saturday 10:00–12:00');
    expect(service.notAvailable).toEqual([
      { description: 'Staff training', during: { start: daysFromNow(10), end: daysFromNow(12) } },
    ]);
    expect(service.communication[0].coding[0]).toEqual({
      system: 'urn:ietf:bcp:47',
      code: 'en',
      display: 'English',
    });
    expect(service.communication[1].text).toBe('Bengali (through an interpreter)');
    expect(service.eligibility).toEqual([
      { comment: 'People living in Haringey.' },
      { code: { text: 'Age' }, comment: 'Aged 18 and over' },
    ]);
    expect(service.serviceProvisionCode[0].coding[0].code).toBe('cost');
    expect(service.referralMethod[0].coding[0].code).toBe('elec');
    expect(service.coverageArea[0].reference).toBe('#area-1');
    expect(service.contained[0]).toMatchObject({ resourceType: 'Location', id: 'area-1', name: 'Haringey' });

    const organisation = await fhir.get(pathOf(service.providedBy.reference));
    expect(organisation.status).toBe(200);
    expectValidFhir(organisation.body);
    expect(organisation.body.name).toBe(directory.provider.name);

    expect(service.location).toHaveLength(1);
    const place = await fhir.get(pathOf(service.location[0].reference));
    expect(place.status).toBe(200);
    expectValidFhir(place.body);
    expect(place.body.position).toEqual({ latitude: 51.5931, longitude: -0.0697 });
  });

  it('marks an inactive service as not active', async () => {
    const response = await fhir.get(`/HealthcareService/${directory.inactiveService}`);
    expect(response.status).toBe(200);
    expectValidFhir(response.body);
    expect(response.body.active).toBe(false);
  });

  it('searches by name (anywhere, ignoring case), organisation, taxonomy and activity', async () => {
    const byName = await search(`/HealthcareService?name=befriending%20${directory.tag.toUpperCase()}`);
    expect(idsIn(byName)).toEqual([directory.fullService]);
    expect(byName.total).toBe(1);
    expect(byName.entry[0].fullUrl).toBe(`${base}/HealthcareService/${directory.fullService}`);

    const byOrganisation = await search(
      `/HealthcareService?organization=Organization/${directory.provider.id}`,
    );
    expect(idsIn(byOrganisation).sort()).toEqual([directory.fullService, directory.inactiveService].sort());

    const active = await search(`/HealthcareService?organization=${directory.provider.id}&active=true`);
    expect(idsIn(active)).toEqual([directory.fullService]);
    const inactive = await search(`/HealthcareService?organization=${directory.provider.id}&active=false`);
    expect(idsIn(inactive)).toEqual([directory.inactiveService]);

    const category = encodeURIComponent(`${supportTaxonomy}|connected`);
    const inCategory = await search(`/HealthcareService?name=${directory.tag}&service-category=${category}`);
    expect(idsIn(inCategory).sort()).toEqual([directory.fullService, directory.inactiveService].sort());

    const walking = await search(`/HealthcareService?name=${directory.tag}&service-type=active.walking`);
    expect(idsIn(walking).sort()).toEqual([directory.fullService, directory.farService].sort());

    const otherSystem = await search(
      `/HealthcareService?name=${directory.tag}&service-type=${encodeURIComponent('http://example.org/other|active.walking')}`,
    );
    expect(otherSystem.total).toBe(0);

    const atLocation = await fhir.get(`/HealthcareService/${directory.fullService}`);
    const locationId = atLocation.body.location[0].reference;
    const byLocation = await search(`/HealthcareService?location=${locationId}`);
    expect(idsIn(byLocation)).toEqual([directory.fullService]);
  });

  it('searches by _lastUpdated with FHIR date prefixes', async () => {
    const yesterday = daysFromNow(-1);
    const tomorrow = daysFromNow(1);
    const recent = await search(`/HealthcareService?name=${directory.tag}&_lastUpdated=gt${yesterday}`);
    expect(recent.total).toBe(3);
    const future = await search(`/HealthcareService?name=${directory.tag}&_lastUpdated=ge${tomorrow}`);
    expect(future.total).toBe(0);
  });

  it('pages with _count and _offset, with next and previous links that work', async () => {
    const first = await search(`/HealthcareService?name=${directory.tag}&_count=2`);
    expect(first.total).toBe(3);
    expect(first.entry).toHaveLength(2);
    expect(linkPath(first, 'previous')).toBeUndefined();
    const nextPath = linkPath(first, 'next')!;
    expect(nextPath).toContain('_offset=2');
    const second = await search(nextPath);
    expect(second.entry).toHaveLength(1);
    expect(linkPath(second, 'next')).toBeUndefined();
    expect(new Set([...idsIn(first), ...idsIn(second)]).size).toBe(3);
    const back = await search(linkPath(second, 'previous')!);
    expect(idsIn(back)).toEqual(idsIn(first));

    const countOnly = await search(`/HealthcareService?name=${directory.tag}&_count=0`);
    expect(countOnly.total).toBe(3);
    expect(countOnly.entry ?? []).toHaveLength(0);
  });
});

describe('FHIR Organization', () => {
  it('reads an organisation with its ODS code, type and contact points', async () => {
    const response = await fhir.get(`/Organization/${directory.provider.id}`);
    expect(response.status).toBe(200);
    expectValidFhir(response.body);
    expect(response.body).toMatchObject({
      resourceType: 'Organization',
      name: directory.provider.name,
      active: true,
      identifier: [{ system: odsSystem, value: directory.provider.odsCode }],
      type: [{ coding: [{ code: 'vcse' }] }],
    });
  });

  it('searches by identifier, name and type', async () => {
    const byOds = await search(
      `/Organization?identifier=${encodeURIComponent(`${odsSystem}|${directory.provider.odsCode}`)}`,
    );
    expect(idsIn(byOds)).toEqual([directory.provider.id]);
    const byName = await search(`/Organization?name=walkers%20${directory.tag}`);
    expect(idsIn(byName)).toEqual([directory.otherProvider.id]);
    const byType = await search(`/Organization?name=${directory.tag}&type=council`);
    expect(idsIn(byType)).toEqual([directory.otherProvider.id]);
    const exact = await search(`/Organization?name:exact=${encodeURIComponent(directory.provider.name)}`);
    expect(idsIn(exact)).toEqual([directory.provider.id]);
  });

  it('lists organisations that provide no services too (GP practices), so Task and ServiceRequest references resolve', async () => {
    const gp = await buildOrganisation(t.db, { type: 'gp_practice', odsCode: `G${unique()}`.toUpperCase() });
    const read = await fhir.get(`/Organization/${gp.id}`);
    expect(read.status).toBe(200);
    expectValidFhir(read.body);
    const found = await search(`/Organization?identifier=${gp.odsCode}`);
    expect(idsIn(found)).toEqual([gp.id]);
  });
});

describe('FHIR Location', () => {
  it('reads a location with its address, position and managing organisation', async () => {
    const service = (await fhir.get(`/HealthcareService/${directory.fullService}`)).body;
    const response = await fhir.get(pathOf(service.location[0].reference));
    expect(response.status).toBe(200);
    expectValidFhir(response.body);
    expect(response.body).toMatchObject({
      resourceType: 'Location',
      status: 'active',
      name: `Bruce Grove Hall ${directory.tag}`,
      address: { line: ['1 Bruce Grove'], city: 'London', postalCode: 'N17 6RA' },
      managingOrganization: { reference: `Organization/${directory.provider.id}` },
    });
    const manager = await fhir.get(pathOf(response.body.managingOrganization.reference));
    expect(manager.status).toBe(200);
  });

  it('searches by name, postcode, organisation and near (nearest first)', async () => {
    const byPostcode = await search(`/Location?name=${directory.tag}&address-postalcode=n176`);
    expect(byPostcode.entry.map((entry: any) => entry.resource.name)).toEqual([
      `Bruce Grove Hall ${directory.tag}`,
    ]);
    const byOrganisation = await search(`/Location?organization=Organization/${directory.otherProvider.id}`);
    expect(byOrganisation.entry.map((entry: any) => entry.resource.name)).toEqual([
      `Croydon Park ${directory.tag}`,
    ]);

    // Bruce Grove is about 0.4 km from this point; Croydon about 24 km.
    const point = '51.5901|-0.0709';
    const near = await search(`/Location?name=${directory.tag}&near=${encodeURIComponent(`${point}|2|km`)}`);
    expect(near.entry.map((entry: any) => entry.resource.name)).toEqual([
      `Bruce Grove Hall ${directory.tag}`,
    ]);
    const wide = await search(`/Location?name=${directory.tag}&near=${encodeURIComponent(`${point}|30|km`)}`);
    expect(wide.entry.map((entry: any) => entry.resource.name)).toEqual([
      `Bruce Grove Hall ${directory.tag}`,
      `Croydon Park ${directory.tag}`,
    ]);
    const miles = await search(
      `/Location?name=${directory.tag}&near=${encodeURIComponent(`${point}|10|mi`)}`,
    );
    expect(miles.total).toBe(1);
  });
});

describe('FHIR directory refusals', () => {
  it('answers an unknown or malformed id with a 404 OperationOutcome', async () => {
    for (const path of [
      `/HealthcareService/${randomUUID()}`,
      '/HealthcareService/not-a-uuid',
      `/Organization/${randomUUID()}`,
      '/Location/123',
    ]) {
      const response = await fhir.get(path);
      expect(response.status).toBe(404);
      expect(response.body.resourceType).toBe('OperationOutcome');
      expect(response.body.issue[0].code).toBe('not-found');
      expectValidFhir(response.body);
    }
  });

  it('refuses an unsupported search parameter with a 400 OperationOutcome naming it', async () => {
    const response = await fhir.get('/HealthcareService?specialty=394802001');
    expect(response.status).toBe(400);
    expectValidFhir(response.body);
    expect(response.body.issue[0].expression).toEqual(['specialty']);
  });

  it('refuses malformed values with a 400 OperationOutcome naming the parameter', async () => {
    for (const [path, parameter] of [
      ['/Location?near=north%7Csouth', 'near'],
      ['/HealthcareService?_lastUpdated=yesterday', '_lastUpdated'],
      ['/HealthcareService?active=maybe', 'active'],
      ['/HealthcareService?organization=Patient/1', 'organization'],
      ['/Organization?_count=1000', '_count'],
    ] as const) {
      const response = await fhir.get(path);
      expect(response.status).toBe(400);
      expectValidFhir(response.body);
      expect(response.body.issue[0].expression).toEqual([parameter]);
    }
  });

  it('finds nothing, rather than failing, for a reference that is not a Linkwell id', async () => {
    const bundle = await search('/HealthcareService?organization=Organization/abc');
    expect(bundle.total).toBe(0);
  });
});

describe('FHIR directory in the CapabilityStatement', () => {
  it('declares read and search for each type with the parameters that work', async () => {
    const response = await fhir.get('/metadata');
    expectValidFhir(response.body);
    const resources = response.body.rest[0].resource;
    for (const type of ['HealthcareService', 'Organization', 'Location']) {
      const declared = resources.find((resource: any) => resource.type === type);
      expect(declared.interaction).toEqual([{ code: 'read' }, { code: 'search-type' }]);
    }
    const names = (type: string) =>
      resources.find((resource: any) => resource.type === type).searchParam.map((param: any) => param.name);
    expect(names('HealthcareService')).toEqual(
      expect.arrayContaining([
        'name',
        'organization',
        'location',
        'service-category',
        'service-type',
        '_lastUpdated',
      ]),
    );
    expect(names('Organization')).toEqual(expect.arrayContaining(['name', 'identifier', 'type']));
    expect(names('Location')).toEqual(
      expect.arrayContaining(['name', 'address-postalcode', 'organization', 'near']),
    );
  });
});
