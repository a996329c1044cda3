// Directory CSV over real HTTP: the documented template imports, every bad row is reported with
// its row and field and nothing is imported, and an export imports back to the same data.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { organisations, programmes, serviceRevisions, services } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam, buildService, buildUser, totpFor } from './support/factories';
import { loadServiceInputs } from '../src/directory/curation/load-service-input';
import { HttpClient } from './support/http-client';

let testApp: TestApp;
let baseUrl: string;
const db = () => testApp.db;
const template = readFileSync(new URL('../docs/directory-csv-template.csv', import.meta.url), 'utf8');

beforeAll(async () => {
  testApp = await startTestApp();
  baseUrl = testApp.baseUrl;
});
afterAll(async () => {
  await testApp?.close();
});

async function coordinatorFor(areas: string[]) {
  const team = await buildProgrammeWithTeam(db());
  await db().update(programmes).set({ areas }).where(eq(programmes.id, team.programme.id));
  const http = new HttpClient(baseUrl);
  await http.signIn(team.coordinator.user.email, team.coordinator.password);
  const provider = new HttpClient(baseUrl);
  await provider.signIn(team.providerStaff.user.email, team.providerStaff.password);
  return { team, http, provider };
}

async function signedInAdmin() {
  const admin = await buildUser(db(), { role: 'platform_admin', withTotp: true });
  const http = new HttpClient(baseUrl);
  await http.signIn(admin.user.email, admin.password, totpFor(admin.totpSecret!).generate());
  return http;
}

const postCsv = (http: HttpClient, csv: string, query = '') =>
  http.request('POST', `/api/directory/import/csv${query}`, {
    rawBody: csv,
    headers: { 'content-type': 'text/csv' },
  });

const serviceCount = async () => (await db().select({ n: count() }).from(services))[0]!.n;

/** The template with one cell of one data row replaced (row numbers as a spreadsheet shows them). */
function withCell(csv: string, row: number, column: string, value: string): string {
  const lines = csv.trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const index = header.indexOf(column);
  // Good enough for these tests: the cells edited here contain no commas or quotes.
  const cells = splitSimple(lines[row - 1]!);
  cells[index] = value;
  lines[row - 1] = cells.join(',');
  return lines.join('\n') + '\n';
}
function splitSimple(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      cells.push(current);
      current = '';
    } else current += char;
  }
  cells.push(current);
  return cells;
}

describe('directory CSV import', () => {
  it('imports the documented template as live, versioned services (dry run first)', async () => {
    const { http, provider } = await coordinatorFor(['Haringey', 'Hackney']);
    expect((await postCsv(provider, template)).status).toBe(403);

    const before = await serviceCount();
    const dry = await postCsv(http, template, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: 2, updated: 0 });
    expect(await serviceCount()).toBe(before);

    const imported = await postCsv(http, template);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ dryRun: false, created: 2, updated: 0, organisationsCreated: 2 });
    // Row 3 has no coordinates: until postcodes are loaded it imports with a warning naming the field.
    if (imported.body.warnings.length)
      expect(imported.body.warnings[0]).toMatchObject({ row: 3, field: 'postcode' });
    const [lunch] = await db().select().from(services).where(eq(services.name, 'Friday lunch club'));
    expect(lunch).toMatchObject({ minimumAge: 60, placesAvailable: 12, isAcceptingReferrals: true });
    expect(lunch!.searchDocument).toContain('Tottenham Community Kitchen');
    const revisions = await db()
      .select()
      .from(serviceRevisions)
      .where(eq(serviceRevisions.serviceId, lunch!.id));
    expect(revisions.map((r) => [r.status, r.summary])).toEqual([['live', 'Imported from CSV']]);

    // The same file again updates the same services rather than adding copies.
    const again = await postCsv(http, template);
    expect(again.body).toMatchObject({ created: 0, updated: 2, organisationsCreated: 0 });
  });

  it('reports every bad row with its row and field, and imports nothing', async () => {
    const { http } = await coordinatorFor(['Haringey', 'Hackney']);
    const renamed = template
      .replace('Friday lunch club', 'Saturday lunch club')
      .replace('Debt advice drop-in', 'Debt clinic');
    let csv = withCell(renamed, 2, 'postcode', 'NOT A POSTCODE');
    csv = withCell(csv, 2, 'taxonomy_codes', 'connected.nonsense');
    csv = withCell(csv, 3, 'opening_times', 'Mondays 9-5');
    csv = withCell(csv, 3, 'name', '');
    const before = await serviceCount();
    const organisationsBefore = (await db().select({ n: count() }).from(organisations))[0]!.n;
    const result = await postCsv(http, csv);
    expect(result.status).toBe(400);
    const errors = (result.body.errors as { row: number; field: string }[]).map((e) => [e.row, e.field]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [2, 'postcode'],
        [2, 'taxonomy_codes'],
        [3, 'opening_times'],
        [3, 'name'],
      ]),
    );
    expect(result.body.detail).toContain('Nothing was imported');
    expect(await serviceCount()).toBe(before);
    expect((await db().select({ n: count() }).from(organisations))[0]!.n).toBe(organisationsBefore);
  });

  it('refuses rows outside a coordinator’s area and reports a wrong header', async () => {
    const { http } = await coordinatorFor(['Croydon']);
    const result = await postCsv(http, template.replace('Friday lunch club', 'Croydon-only test'));
    expect(result.status).toBe(400);
    expect(result.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'borough'],
      [3, 'borough'],
    ]);
    const badHeader = await postCsv(http, template.replace('opening_times', 'opening_hours'));
    expect(badHeader.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 1, field: 'opening_hours' })]),
    );
  });
});

describe('directory export', () => {
  it('exports CSV that imports back to the same data, and ORUK JSON', async () => {
    const admin = await signedInAdmin();
    // A service with more than the template has columns for: the import must keep those parts.
    await buildService(db(), {
      name: 'Rich service',
      closures: [{ startsOn: '2026-12-24', endsOn: '2026-12-27', reason: 'Christmas' }],
      fundings: [{ source: 'Lottery' }],
      contacts: [
        { name: 'Sam', phone: '020 7946 0999' },
        { name: 'Alex', email: 'alex@example.test' },
      ],
      locations: [
        {
          name: 'Hall',
          postalCode: 'N17 6HB',
          latitude: 51.59,
          longitude: -0.07,
          boroughCode: 'E09000014',
          accessibility: ['step_free_access'],
        },
        {
          name: 'Annexe',
          postalCode: 'N17 6HB',
          latitude: 51.591,
          longitude: -0.071,
          boroughCode: 'E09000014',
        },
      ],
    });
    const allIds = async () =>
      (await db().select({ id: services.id }).from(services)).map((r) => r.id).sort();
    // Nested rows are rewritten with new ids on every save, so their order is not part of the data.
    const snapshot = async () =>
      (
        JSON.parse(JSON.stringify(await loadServiceInputs(db(), await allIds()))) as Record<string, unknown>[]
      ).map((service) =>
        Object.fromEntries(
          Object.entries(service).map(([key, value]) => [
            key,
            Array.isArray(value) ? value.map((item) => JSON.stringify(item)).sort() : value,
          ]),
        ),
      );
    const stored = await snapshot();
    const first = await admin.get('/api/directory/export.csv');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/csv');
    const rowCount = first.body.trimEnd().split('\n').length - 1;
    expect(rowCount).toBeGreaterThanOrEqual(2);

    const versions = async () =>
      new Map(
        (await db().select({ id: services.id, name: services.name }).from(services)).map((r) => [
          r.id,
          r.name,
        ]),
      );
    const before = await versions();
    const reimported = await postCsv(admin, first.body);
    expect(reimported.status).toBe(200);
    expect(reimported.body).toMatchObject({ created: 0, updated: rowCount });
    expect(await versions()).toEqual(before);
    expect(await snapshot()).toEqual(stored);
    const second = await admin.get('/api/directory/export.csv');
    expect(second.body).toBe(first.body);

    const json = await admin.get('/api/directory/export.json');
    expect(json.status).toBe(200);
    expect(json.body.total_items).toBe(rowCount);
    const names = (json.body.contents as { name: string }[]).map((s) => s.name);
    expect(names).toContain('Friday lunch club');
    const ids = (json.body.contents as { id: string }[]).map((s) => s.id);
    expect(
      (await db().select({ id: services.id }).from(services).where(inArray(services.id, ids))).length,
    ).toBe(rowCount);
  });
});
