// Importing another Open Referral UK 3.0 feed: a feed served from a local HTTP server (the outside
// world, so it is the one thing faked), pulled page by page into a real database.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import {
  locations,
  organisations,
  schedules,
  serviceAtLocations,
  serviceTaxonomyTerms,
  services,
} from '../src/db/schema';
import { taxonomyTermId } from '../src/directory/sync-taxonomies';
import { importOrukFeed } from '../src/adapters/open-referral/import-feed';
import { importedServiceId } from '../src/adapters/open-referral/map-oruk-service';
import { startTestApp } from './support/app';
import { openTestDatabase, type TestDatabase } from './support/database';
import { buildService } from './support/factories';

const ids = {
  befriending: '5a0b5c6e-1111-4a7b-8c9d-000000000001',
  debt: '5a0b5c6e-1111-4a7b-8c9d-000000000002',
  noName: '5a0b5c6e-1111-4a7b-8c9d-000000000003',
  badCoordinates: '5a0b5c6e-1111-4a7b-8c9d-000000000004',
  halfWay: '5a0b5c6e-1111-4a7b-8c9d-000000000005',
  unreachable: '5a0b5c6e-1111-4a7b-8c9d-000000000006',
  charity: '5a0b5c6e-2222-4a7b-8c9d-000000000001',
  location: '5a0b5c6e-3333-4a7b-8c9d-000000000001',
};

const charity = {
  id: ids.charity,
  name: 'Feed Street Charity',
  description: 'Runs groups in Enfield.',
  website: 'https://feed-street.example',
};
const hall = {
  id: ids.location,
  location_type: 'physical',
  name: 'Feed Street Hall',
  latitude: 51.6523,
  longitude: -0.0807,
  addresses: [
    {
      id: '5a0b5c6e-4444-4a7b-8c9d-000000000001',
      address_1: '10 Church Street',
      city: 'Enfield',
      state_province: 'London',
      postal_code: 'EN2 6AN',
      country: 'GB',
      address_type: 'physical',
    },
  ],
  accessibility: [{ id: '5a0b5c6e-5555-4a7b-8c9d-000000000001', description: 'Step-free access' }],
};

/** Full records as GET /services/{id} gives them; list items are their one-to-one fields. */
function feedRecords(befriendingName: string): Record<string, any>[] {
  return [
    {
      id: ids.befriending,
      name: befriendingName,
      status: 'active',
      description: 'Weekly coffee mornings.',
      organization: charity,
      service_at_locations: [{ id: '5a0b5c6e-6666-4a7b-8c9d-000000000001', location: hall }],
      schedules: [{ id: 's1', freq: 'WEEKLY', byday: 'MO,WE', opens_at: '10:00', closes_at: '12:00' }],
      languages: [{ id: 'l1', name: 'English', code: 'en' }],
      contacts: [{ id: 'c1', name: 'Jo', phones: [{ id: 'p1', number: '020 8000 0000' }] }],
      attributes: [
        {
          id: 'a1',
          taxonomy_term: { id: 'feed-term-1', name: 'Befriending', term: 'connected.befriending' },
        },
        { id: 'a2', taxonomy_term: { id: 'feed-term-2', name: 'Underwater basket weaving' } },
      ],
    },
    {
      id: ids.debt,
      name: 'Feed Street Debt Clinic',
      status: 'active',
      organization: charity,
      service_at_locations: [{ id: '5a0b5c6e-6666-4a7b-8c9d-000000000002', location: hall }],
      schedules: [{ id: 's2', freq: 'MONTHLY', bymonthday: '1' }],
      cost_options: [{ id: 'k1', option: 'Session', amount: 0 }],
      attributes: [{ id: 'a3', taxonomy_term_id: taxonomyTermId('linkwell-support', 'safe.debt') }],
    },
    { id: ids.noName, status: 'active', organization: charity },
    { id: 'not-a-uuid', name: 'Bad id service', status: 'active', organization: charity },
    {
      id: ids.badCoordinates,
      name: 'Lost at sea',
      status: 'active',
      organization: charity,
      service_at_locations: [{ id: 'x', location: { ...hall, id: 'elsewhere', latitude: 123.4 } }],
    },
    {
      // Passes the checks but the database refuses the cost (numeric(10,2)) after the new
      // organisation and the service row were written: the whole record must roll back.
      id: ids.halfWay,
      name: 'Half-way service',
      status: 'active',
      organization: { id: '5a0b5c6e-2222-4a7b-8c9d-000000000009', name: 'Half-way Organisation' },
      service_at_locations: [],
      cost_options: [{ id: 'k2', option: 'Course', amount: 1e12 }],
    },
    { id: ids.unreachable, name: 'Detail fails', status: 'active', organization: charity },
  ];
}

let records = feedRecords('Feed Street Coffee Morning');
let server: Server;
let feedUrl: string;
let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://feed.test');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const detail = /^\/oruk\/services\/([^/]+)$/.exec(url.pathname);
    if (detail) {
      const id = decodeURIComponent(detail[1]!);
      if (id === ids.unreachable) return send(500, { error: 'boom' });
      const record = records.find((r) => r.id === id);
      return record ? send(200, record) : send(404, {});
    }
    if (url.pathname !== '/oruk/services') return send(404, {});
    const page = Number(url.searchParams.get('page') ?? 1);
    const perPage = Number(url.searchParams.get('per_page') ?? 50);
    const totalPages = Math.max(1, Math.ceil(records.length / perPage));
    const contents = records
      .slice((page - 1) * perPage, page * perPage)
      .map(({ id, name, status, description }) => ({ id, name, status, description }));
    return send(200, {
      total_items: records.length,
      total_pages: totalPages,
      page_number: page,
      size: contents.length,
      first_page: page === 1,
      last_page: page === totalPages,
      empty: records.length === 0,
      contents,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oruk/`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

describe('importing an Open Referral UK feed', () => {
  it('creates the good services, rejects the bad ones with the field at fault, and rolls back a failed record', async () => {
    const progress: number[] = [];
    const summary = await importOrukFeed({
      db: database.db,
      feedUrl,
      perPage: 3,
      onProgress: ({ done, total }) => {
        progress.push(done);
        expect(total).toBe(records.length);
      },
    });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(summary.created).toBe(2);
    expect(summary.updated).toBe(0);
    const reasons = Object.fromEntries(summary.rejected.map((r) => [r.id, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      [ids.noName, 'not-a-uuid', ids.badCoordinates, ids.halfWay, ids.unreachable].sort(),
    );
    expect(reasons[ids.noName]).toMatch(/^name: is required/);
    expect(reasons['not-a-uuid']).toMatch(/^id: must be a uuid/);
    expect(reasons[ids.badCoordinates]).toMatch(
      /service_at_locations\.0\.location\.latitude: must be a latitude/,
    );
    expect(reasons[ids.halfWay]).toMatch(/^database: .*overflow/i);
    expect(reasons[ids.unreachable]).toMatch(/HTTP 500/);
    expect(summary.rejected.find((r) => r.id === 'not-a-uuid')!.name).toBe('Bad id service');
    expect(summary.unmappedTerms).toEqual([{ id: ids.befriending, terms: ['Underwater basket weaving'] }]);
    expect(summary.notes).toEqual([{ id: ids.debt, note: expect.stringMatching(/^schedules:/) }]);

    const befriendingId = importedServiceId(feedUrl.replace(/\/$/, ''), ids.befriending);
    const [befriending] = await database.db.select().from(services).where(eq(services.id, befriendingId));
    expect(befriending).toMatchObject({ name: 'Feed Street Coffee Morning', status: 'active' });
    const [organisation] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, befriending!.organisationId));
    expect(organisation).toMatchObject({
      name: 'Feed Street Charity',
      website: 'https://feed-street.example',
    });
    const days = await database.db.select().from(schedules).where(eq(schedules.serviceId, befriendingId));
    expect(days.map((d) => `${d.byday} ${d.opensAt}-${d.closesAt}`).sort()).toEqual([
      'MO 10:00:00-12:00:00',
      'WE 10:00:00-12:00:00',
    ]);
    const tags = await database.db
      .select()
      .from(serviceTaxonomyTerms)
      .where(eq(serviceTaxonomyTerms.serviceId, befriendingId));
    expect(tags.map((t) => t.taxonomyTermId)).toEqual([
      taxonomyTermId('linkwell-support', 'connected.befriending'),
    ]);

    // Nothing of the record that failed half-way was kept: no service, no organisation.
    const halfWayId = importedServiceId(feedUrl.replace(/\/$/, ''), ids.halfWay);
    expect(await database.db.select().from(services).where(eq(services.id, halfWayId))).toHaveLength(0);
    expect(
      await database.db.select().from(organisations).where(eq(organisations.name, 'Half-way Organisation')),
    ).toHaveLength(0);
  });

  it('updates on re-import instead of duplicating services, organisations or locations', async () => {
    const counts = async () => ({
      services: (await database.db.select({ id: services.id }).from(services)).length,
      organisations: (await database.db.select({ id: organisations.id }).from(organisations)).length,
      locations: (await database.db.select({ id: locations.id }).from(locations)).length,
    });
    const before = await counts();
    records = feedRecords('Feed Street Coffee Morning (renamed)');
    const summary = await importOrukFeed({ db: database.db, feedUrl, perPage: 50 });
    expect(summary).toMatchObject({ created: 0, updated: 2 });
    expect(await counts()).toEqual(before);
    const base = feedUrl.replace(/\/$/, '');
    const imported = await database.db
      .select({ name: services.name, version: services.version })
      .from(services)
      .where(
        inArray(services.id, [importedServiceId(base, ids.befriending), importedServiceId(base, ids.debt)]),
      );
    expect(imported.map((s) => s.name).sort()).toEqual([
      'Feed Street Coffee Morning (renamed)',
      'Feed Street Debt Clinic',
    ]);
    expect(imported.every((s) => s.version === 2)).toBe(true);
    // Both services share the feed's one location, linked once each.
    const links = await database.db
      .select()
      .from(serviceAtLocations)
      .where(inArray(serviceAtLocations.serviceId, [importedServiceId(base, ids.befriending)]));
    expect(links).toHaveLength(1);
  });

  it('matches an existing organisation by name rather than creating a second one', async () => {
    await database.db.insert(organisations).values({ name: 'Already Here Trust', type: 'vcse' });
    records = [
      {
        id: '5a0b5c6e-1111-4a7b-8c9d-000000000099',
        name: 'Trust walk',
        status: 'active',
        organization: { id: '5a0b5c6e-2222-4a7b-8c9d-000000000099', name: 'already here trust' },
        service_at_locations: [],
      },
    ];
    const summary = await importOrukFeed({ db: database.db, feedUrl });
    expect(summary).toMatchObject({ created: 1, rejected: [] });
    const trusts = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, 'Already Here Trust'));
    expect(trusts).toHaveLength(1);
  });

  it('imports Linkwell’s own Open Referral feed with nothing rejected or unmapped', async () => {
    // On this file's database; close() then stops only the app.
    const linkwell = await startTestApp({ database });
    try {
      const source = await buildService(database.db, {
        name: 'Round trip lunch club',
        costOptions: [{ option: 'Lunch', amount: '3.00' }],
        contacts: [{ name: 'Ali', phone: '020 7000 0000' }],
      });
      const linkwellFeed = `${linkwell.baseUrl}/openreferral`;
      const servicesBefore = (await database.db.select({ id: services.id }).from(services)).length;
      // Into a second database: importing a feed into the database serving it would grow the feed mid-import.
      const target = await openTestDatabase();
      try {
        const summary = await importOrukFeed({ db: target.db, feedUrl: linkwellFeed, perPage: 2 });
        expect(summary.rejected).toEqual([]);
        expect(summary.unmappedTerms).toEqual([]);
        expect(summary.created).toBe(servicesBefore);
        const [copy] = await target.db
          .select()
          .from(services)
          .where(eq(services.id, importedServiceId(linkwellFeed, source)));
        expect(copy).toMatchObject({ name: 'Round trip lunch club', isFree: false });
      } finally {
        await target.close();
      }
    } finally {
      await linkwell.close();
    }
  });

  it('stops with an error when the feed itself cannot be read', async () => {
    await expect(importOrukFeed({ db: database.db, feedUrl: `${feedUrl}missing` })).rejects.toThrow(
      /HTTP 404/,
    );
  });
});
