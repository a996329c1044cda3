// A programme's own directory terms (docs/DESIGN.md §2, Directory): who may add, rename and delete them, how they show in
// the taxonomy listing and search, and that the start-up taxonomy sync leaves them alone.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, taxonomyTerms } from '../src/db/schema';
import { syncTaxonomies, taxonomyTermId } from '../src/directory/sync-taxonomies';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam, buildService, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const connected = taxonomyTermId('linkwell-support', 'connected');
const supportTaxonomyName = 'Linkwell social prescribing support';

async function signedIn(user: { user: { email: string }; password: string }) {
  const client = new HttpClient(t.baseUrl);
  const response = await client.signIn(user.user.email, user.password);
  expect(response.status).toBe(200);
  return client;
}

async function programmeWithCoordinator() {
  const team = await buildProgrammeWithTeam(t.db);
  return { ...team, client: await signedIn(team.coordinator) };
}

const termsPath = (programmeId: string) => `/api/programmes/${programmeId}/taxonomy-terms`;
const termRow = async (id: string) =>
  (await t.db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, id)))[0];

describe('programme taxonomy terms: create', () => {
  it('adds a term under a shared term, with a derived code, the parent’s taxonomy and an audit row', async () => {
    const { programme, client } = await programmeWithCoordinator();
    const response = await client.post(
      termsPath(programme.id),
      { parentId: connected, name: 'Men’s sheds', description: 'Workshops for making and mending.' },
      { 'idempotency-key': `terms-${randomUUID()}` },
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      code: `programme.${programme.slug}.mens-sheds`,
      name: 'Men’s sheds',
      description: 'Workshops for making and mending.',
      parentId: connected,
      programmeId: programme.id,
      taxonomyId: (await termRow(connected))!.taxonomyId,
    });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, response.body.id), eq(auditEvents.action, 'taxonomy_term.create')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.programmeId).toBe(programme.id);
  });

  it('replays a retried create with the same Idempotency-Key instead of making a second term', async () => {
    const { programme, client } = await programmeWithCoordinator();
    const headers = { 'idempotency-key': `terms-${randomUUID()}` };
    const body = { parentId: connected, name: 'Warm spaces' };
    const first = await client.post(termsPath(programme.id), body, headers);
    const second = await client.post(termsPath(programme.id), body, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const rows = await t.db.select().from(taxonomyTerms).where(eq(taxonomyTerms.programmeId, programme.id));
    expect(rows).toHaveLength(1);
  });

  it('refuses a name already used under the parent, case-insensitively (409), including shared names', async () => {
    const { programme, client } = await programmeWithCoordinator();
    expect(
      (await client.post(termsPath(programme.id), { parentId: connected, name: 'Warm spaces' })).status,
    ).toBe(201);
    const twin = await client.post(termsPath(programme.id), {
      parentId: connected,
      name: '  WARM   spaces ',
    });
    expect(twin.status).toBe(409);
    expect(twin.body.code).toBe('conflict');
    expect(twin.body.errors[0].field).toBe('name');
    const shared = await client.post(termsPath(programme.id), { parentId: connected, name: 'befriending' });
    expect(shared.status).toBe(409);
    // Another programme's terms are invisible here, so the same name is free for it.
    const other = await programmeWithCoordinator();
    const elsewhere = await other.client.post(termsPath(other.programme.id), {
      parentId: connected,
      name: 'Warm spaces',
    });
    expect(elsewhere.status).toBe(201);
  });

  it('answers a bad parent with 400 naming parentId', async () => {
    const { programme, client } = await programmeWithCoordinator();
    const other = await programmeWithCoordinator();
    const othersTerm = await other.client.post(termsPath(other.programme.id), {
      parentId: connected,
      name: 'Allotments',
    });
    expect(othersTerm.status).toBe(201);
    for (const parentId of [randomUUID(), othersTerm.body.id as string]) {
      const response = await client.post(termsPath(programme.id), { parentId, name: 'Allotments' });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['parentId']);
    }
    const missing = await client.post(termsPath(programme.id), { name: 'Allotments' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toContain('parentId');
    const short = await client.post(termsPath(programme.id), { parentId: connected, name: 'A' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('name');
  });

  it('lets a term hang under the programme’s own term', async () => {
    const { programme, client } = await programmeWithCoordinator();
    const parent = await client.post(termsPath(programme.id), { parentId: connected, name: 'Sheds' });
    const child = await client.post(termsPath(programme.id), {
      parentId: parent.body.id,
      name: 'Wood sheds',
    });
    expect(child.status).toBe(201);
    expect(child.body.parentId).toBe(parent.body.id);
  });

  it('is 404 for another programme’s coordinator, 403 for a link worker, and creates nothing', async () => {
    const { programme, linkWorker } = await programmeWithCoordinator();
    const other = await programmeWithCoordinator();
    const foreign = await other.client.post(termsPath(programme.id), {
      parentId: connected,
      name: 'Allotments',
    });
    expect(foreign.status).toBe(404);
    const worker = await signedIn(linkWorker);
    const refused = await worker.post(termsPath(programme.id), { parentId: connected, name: 'Allotments' });
    expect(refused.status).toBe(403);
    const anonymous = await new HttpClient(t.baseUrl).post(termsPath(programme.id), {
      parentId: connected,
      name: 'Allotments',
    });
    expect(anonymous.status).toBe(401);
    const rows = await t.db.select().from(taxonomyTerms).where(eq(taxonomyTerms.programmeId, programme.id));
    expect(rows).toHaveLength(0);
  });

  it('lets a platform admin add a term to any programme', async () => {
    const { programme } = await programmeWithCoordinator();
    const admin = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
    const client = new HttpClient(t.baseUrl);
    const { totpFor } = await import('./support/factories');
    await client.signIn(admin.user.email, admin.password, totpFor(admin.totpSecret!).generate());
    const response = await client.post(termsPath(programme.id), { parentId: connected, name: 'Allotments' });
    expect(response.status).toBe(201);
  });
});

describe('programme taxonomy terms: change and delete', () => {
  it('renames with the updatedAt token and refuses a stale one (409), keeping the code', async () => {
    const { programme, client } = await programmeWithCoordinator();
    const created = await client.post(termsPath(programme.id), { parentId: connected, name: 'Warm spaces' });
    const path = `${termsPath(programme.id)}/${created.body.id}`;
    const renamed = await client.patch(path, { name: 'Warm hubs', updatedAt: created.body.updatedAt });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Warm hubs', code: created.body.code });
    expect(renamed.body.updatedAt).not.toBe(created.body.updatedAt);
    const stale = await client.patch(path, { description: 'Late edit', updatedAt: created.body.updatedAt });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await termRow(created.body.id))!.description).toBe('');
    const missingToken = await client.patch(path, { name: 'Warm rooms' });
    expect(missingToken.status).toBe(400);
    expect(missingToken.body.errors[0].field).toBe('updatedAt');
  });

  it('refuses a rename onto a sibling’s name', async () => {
    const { programme, client } = await programmeWithCoordinator();
    await client.post(termsPath(programme.id), { parentId: connected, name: 'Warm spaces' });
    const other = await client.post(termsPath(programme.id), { parentId: connected, name: 'Sheds' });
    const response = await client.patch(`${termsPath(programme.id)}/${other.body.id}`, {
      name: 'warm spaces',
      updatedAt: other.body.updatedAt,
    });
    expect(response.status).toBe(409);
    expect((await termRow(other.body.id))!.name).toBe('Sheds');
  });

  it('answers 404 for shared terms and other programmes’ terms', async () => {
    const { programme, client } = await programmeWithCoordinator();
    const other = await programmeWithCoordinator();
    const foreign = await other.client.post(termsPath(other.programme.id), {
      parentId: connected,
      name: 'Sheds',
    });
    for (const termId of [connected, foreign.body.id as string]) {
      const path = `${termsPath(programme.id)}/${termId}`;
      expect(
        (await client.patch(path, { name: 'Mine now', updatedAt: new Date().toISOString() })).status,
      ).toBe(404);
      expect((await client.delete(path)).status).toBe(404);
    }
    expect((await termRow(connected))!.name).toBe('Connected');
    expect((await termRow(foreign.body.id))!.name).toBe('Sheds');
  });

  it('refuses to delete a term used by services, saying how many, and deletes an unused one', async () => {
    const { programme, client, linkWorker } = await programmeWithCoordinator();
    const created = await client.post(termsPath(programme.id), { parentId: connected, name: 'Warm spaces' });
    await buildService(t.db, { taxonomyTermIds: [created.body.id] });
    await buildService(t.db, { taxonomyTermIds: [created.body.id] });
    const path = `${termsPath(programme.id)}/${created.body.id}`;
    const refused = await client.delete(path);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('used by 2 services');
    expect(await termRow(created.body.id)).toBeDefined();

    const list = await client.get(termsPath(programme.id));
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, parentName: 'Connected', serviceCount: 2 }),
    ]);

    const unused = await client.post(termsPath(programme.id), { parentId: connected, name: 'Sheds' });
    const unusedPath = `${termsPath(programme.id)}/${unused.body.id}`;
    expect((await (await signedIn(linkWorker)).delete(unusedPath)).status).toBe(403);
    expect((await client.delete(unusedPath)).status).toBe(204);
    expect(await termRow(unused.body.id)).toBeUndefined();
  });
});

describe('programme terms in the taxonomy, search and sync', () => {
  type Term = { id: string; programmeId: string | null };
  const termsIn = (body: { taxonomies: { name: string; terms: Term[] }[] }) =>
    body.taxonomies.find((taxonomy) => taxonomy.name === supportTaxonomyName)!.terms;

  it('lists shared terms for everyone and a programme’s own terms only for it', async () => {
    const mine = await programmeWithCoordinator();
    const theirs = await programmeWithCoordinator();
    const own = await mine.client.post(termsPath(mine.programme.id), {
      parentId: connected,
      name: 'Warm spaces',
    });
    const foreign = await theirs.client.post(termsPath(theirs.programme.id), {
      parentId: connected,
      name: 'Sheds',
    });

    const worker = await signedIn(mine.linkWorker);
    const listing = termsIn((await worker.get('/api/directory/taxonomy')).body);
    expect(listing.find((term) => term.id === own.body.id)).toMatchObject({ programmeId: mine.programme.id });
    expect(listing.find((term) => term.id === foreign.body.id)).toBeUndefined();
    expect(listing.find((term) => term.id === connected)).toMatchObject({ programmeId: null });
    expect((await worker.get(`/api/directory/taxonomy?programmeId=${theirs.programme.id}`)).status).toBe(404);

    const anonymous = new HttpClient(t.baseUrl);
    const shared = termsIn((await anonymous.get('/api/directory/taxonomy')).body);
    expect(shared.every((term) => term.programmeId === null)).toBe(true);
    const named = termsIn(
      (await anonymous.get(`/api/directory/taxonomy?programmeId=${mine.programme.id}`)).body,
    );
    expect(named.map((term) => term.id)).toContain(own.body.id);
    expect(named.map((term) => term.id)).not.toContain(foreign.body.id);
    expect((await anonymous.get(`/api/directory/taxonomy?programmeId=${randomUUID()}`)).status).toBe(404);
    expect((await anonymous.get('/api/directory/taxonomy?programmeId=nope')).status).toBe(400);
  });

  it('search by the shared parent finds a service tagged with the programme’s child term', async () => {
    const { programme, client, linkWorker } = await programmeWithCoordinator();
    const term = await client.post(termsPath(programme.id), { parentId: connected, name: 'Men’s sheds' });
    const spot = { latitude: 51.5905, longitude: -0.0723 };
    const tagged = await buildService(t.db, {
      name: 'Tottenham Shed',
      taxonomyTermIds: [term.body.id],
      locations: [
        { name: 'Yard', latitude: spot.latitude, longitude: spot.longitude, postalCode: 'N17 6HB' },
      ],
    });
    const worker = await signedIn(linkWorker);
    const query = new URLSearchParams({
      latitude: String(spot.latitude),
      longitude: String(spot.longitude),
      radiusKm: '1',
    });
    const byParent = await worker.get(
      `/api/directory/search?${query.toString()}&taxonomyTermIds=${connected}`,
    );
    expect(byParent.status).toBe(200);
    expect(byParent.body.items.map((item: { id: string }) => item.id)).toContain(tagged);
    const byTerm = await worker.get(
      `/api/directory/search?${query.toString()}&taxonomyTermIds=${term.body.id}`,
    );
    expect(byTerm.body.items.map((item: { id: string }) => item.id)).toEqual([tagged]);
  });

  it('a re-sync of the shared taxonomies keeps programme terms as they are', async () => {
    const { programme, client } = await programmeWithCoordinator();
    const created = await client.post(termsPath(programme.id), {
      parentId: connected,
      name: 'Warm spaces',
      description: 'Heated rooms open to all.',
    });
    const before = await termRow(created.body.id);
    await syncTaxonomies(t.db);
    await syncTaxonomies(t.db);
    expect(await termRow(created.body.id)).toEqual(before);
    expect((await termRow(connected))!.programmeId).toBeNull();
  });
});

describe('programme terms in the Open Referral UK API', () => {
  // The official ORUK schemas, loaded as test/open-referral.int.test.ts loads them.
  const base = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';
  const fixtures = path.resolve('test/fixtures/openreferral/oruk-3.0/schema');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as object;
  for (const file of readdirSync(fixtures).filter((name) => name.endsWith('.json')))
    ajv.addSchema(readJson(path.join(fixtures, file)), base + file);
  for (const file of readdirSync(path.join(fixtures, 'compiled')))
    ajv.addSchema(readJson(path.join(fixtures, 'compiled', file)), `${base}compiled/${file}`);
  const expectValid = (key: string, data: unknown) => {
    const validate = ajv.getSchema(base + key)!;
    const isValid = validate(data);
    expect(isValid ? [] : validate.errors!.map((e) => `${key}${e.instancePath} ${e.message}`)).toEqual([]);
  };

  it('lists a programme term with its taxonomy, and a service tagged with it still validates', async () => {
    const { programme, client } = await programmeWithCoordinator();
    const term = await client.post(termsPath(programme.id), { parentId: connected, name: 'Warm spaces' });
    const serviceId = await buildService(t.db, { taxonomyTermIds: [term.body.id] });
    const oruk = new HttpClient(t.baseUrl);

    const single = await oruk.get(`/openreferral/taxonomy_terms/${term.body.id}`);
    expect(single.status).toBe(200);
    expectValid('taxonomy_term.json', single.body);
    expect(single.body).toMatchObject({
      parent_id: connected,
      taxonomy_id: term.body.taxonomyId,
      code: term.body.code,
    });

    const service = await oruk.get(`/openreferral/services/${serviceId}`);
    expect(service.status).toBe(200);
    expectValid('compiled/service.json', service.body);
    const tagged = (service.body.attributes as { taxonomy_term_id: string }[]).map((a) => a.taxonomy_term_id);
    expect(tagged).toContain(term.body.id);
  });
});
