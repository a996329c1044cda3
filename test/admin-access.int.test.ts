// The authorisation matrix for the admin endpoints: every role (plus anonymous and an API client)
// against every endpoint. After each refused write the record is re-read to prove nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organisations, programmes, users } from '../src/db/schema';
import type { Role } from '../src/access/roles';
import { startTestApp, type TestApp } from './support/app';
import {
  buildOrganisation,
  buildProgramme,
  buildProgrammeWithTeam,
  buildUser,
  totpFor,
} from './support/factories';
import { HttpClient } from './support/http-client';

type ActorName = Role | 'anonymous' | 'api_client';
const actorNames: ActorName[] = [
  'platform_admin',
  'coordinator',
  'link_worker',
  'buddy',
  'referrer',
  'provider_staff',
  'commissioner',
  'regional_commissioner',
  'api_client',
  'anonymous',
];

let t: TestApp;
let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
let otherProgramme: Awaited<ReturnType<typeof buildProgramme>>;
let otherProgrammeUser: Awaited<ReturnType<typeof buildUser>>;
const clients = {} as Record<ActorName, HttpClient>;

beforeAll(async () => {
  t = await startTestApp();
  team = await buildProgrammeWithTeam(t.db);
  otherProgramme = await buildProgramme(t.db);
  otherProgrammeUser = await buildUser(t.db, { role: 'link_worker', programmeId: otherProgramme.id });
  const admin = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
  const members: Record<Exclude<Role, 'platform_admin'>, { user: { email: string }; password: string }> = {
    coordinator: team.coordinator,
    link_worker: team.linkWorker,
    buddy: team.buddy,
    referrer: team.referrer,
    provider_staff: team.providerStaff,
    commissioner: team.commissioner,
    regional_commissioner: team.regionalCommissioner,
  };
  clients.platform_admin = new HttpClient(t.baseUrl);
  await clients.platform_admin.signIn(
    admin.user.email,
    admin.password,
    totpFor(admin.totpSecret!).generate(),
  );
  for (const [role, member] of Object.entries(members)) {
    const http = new HttpClient(t.baseUrl);
    const session = await http.signIn(member.user.email, member.password);
    expect(session.status).toBe(200);
    clients[role as Role] = http;
  }
  clients.anonymous = new HttpClient(t.baseUrl);
  const key = await clients.platform_admin.post('/api/admin/api-clients', {
    organisationId: team.referrer.user.organisationId,
    name: 'GP system',
  });
  clients.api_client = new HttpClient(t.baseUrl);
  clients.api_client.bearer = key.body.key;
});
afterAll(async () => {
  await t?.close();
});

type Case = {
  name: string;
  expected: Record<ActorName, number>;
  /** Makes the request; may create a fresh target first so one actor's success cannot affect another's. */
  run(http: HttpClient): Promise<{ status: number; verifyUnchanged?: () => Promise<void> }>;
};

const everyone = (status: number, overrides: Partial<Record<ActorName, number>> = {}) =>
  ({ ...Object.fromEntries(actorNames.map((a) => [a, status])), anonymous: 401, ...overrides }) as Record<
    ActorName,
    number
  >;

const cases: Case[] = [
  {
    name: 'GET /api/admin/organisations',
    expected: everyone(200),
    run: async (http) => http.get('/api/admin/organisations'),
  },
  {
    name: 'POST /api/admin/organisations',
    expected: everyone(403, { platform_admin: 201 }),
    run: async (http) => {
      const name = `Matrix org ${Math.random()}`;
      const response = await http.post('/api/admin/organisations', { name, type: 'vcse' });
      return {
        status: response.status,
        verifyUnchanged: async () =>
          expect(await t.db.select().from(organisations).where(eq(organisations.name, name))).toHaveLength(0),
      };
    },
  },
  {
    name: 'PATCH /api/admin/organisations/:id',
    expected: everyone(403, { platform_admin: 200 }),
    run: async (http) => {
      const target = await buildOrganisation(t.db);
      const response = await http.patch(`/api/admin/organisations/${target.id}`, {
        version: 1,
        name: 'Renamed by matrix',
      });
      return {
        status: response.status,
        verifyUnchanged: async () => {
          const [row] = await t.db.select().from(organisations).where(eq(organisations.id, target.id));
          expect(row).toMatchObject({ name: target.name, version: 1 });
        },
      };
    },
  },
  {
    name: 'POST /api/admin/programmes',
    expected: everyone(403, { platform_admin: 201 }),
    run: async (http) => {
      const slug = `matrix-${Math.random().toString(36).slice(2, 10)}`;
      const response = await http.post('/api/admin/programmes', {
        name: 'Matrix programme',
        slug,
        hostOrganisationId: team.programme.hostOrganisationId,
      });
      return {
        status: response.status,
        verifyUnchanged: async () =>
          expect(await t.db.select().from(programmes).where(eq(programmes.slug, slug))).toHaveLength(0),
      };
    },
  },
  {
    name: 'GET /api/admin/programmes/:own',
    expected: everyone(404, {
      platform_admin: 200,
      coordinator: 200,
      link_worker: 200,
      buddy: 200,
      api_client: 403,
    }),
    run: async (http) => http.get(`/api/admin/programmes/${team.programme.id}`),
  },
  {
    name: 'GET /api/admin/programmes/:other',
    expected: everyone(404, { platform_admin: 200, api_client: 403 }),
    run: async (http) => http.get(`/api/admin/programmes/${otherProgramme.id}`),
  },
  {
    name: 'PATCH /api/admin/programmes/:own',
    expected: everyone(404, {
      platform_admin: 200,
      coordinator: 200,
      link_worker: 403,
      buddy: 403,
      api_client: 403,
    }),
    run: async (http) => {
      const [before] = await t.db.select().from(programmes).where(eq(programmes.id, team.programme.id));
      const response = await http.patch(`/api/admin/programmes/${team.programme.id}`, {
        version: before!.version,
        description: `Changed ${Math.random()}`,
      });
      return {
        status: response.status,
        verifyUnchanged: async () => {
          const [after] = await t.db.select().from(programmes).where(eq(programmes.id, team.programme.id));
          expect(after).toMatchObject({ version: before!.version, description: before!.description });
        },
      };
    },
  },
  {
    name: 'GET /api/admin/users',
    expected: everyone(403, { platform_admin: 200, coordinator: 200 }),
    run: async (http) => http.get('/api/admin/users'),
  },
  {
    name: 'POST /api/admin/users (link worker in the programme)',
    expected: everyone(403, { platform_admin: 201, coordinator: 201 }),
    run: async (http) => {
      const email = `matrix-${Math.random().toString(36).slice(2)}@example.test`;
      const response = await http.post('/api/admin/users', {
        email,
        name: 'Matrix Person',
        role: 'link_worker',
        programmeId: team.programme.id,
      });
      return {
        status: response.status,
        verifyUnchanged: async () =>
          expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0),
      };
    },
  },
  {
    name: 'PATCH /api/admin/users/:id (a link worker of the programme)',
    expected: everyone(404, { platform_admin: 200, coordinator: 200, api_client: 403 }),
    run: async (http) => {
      const target = await buildUser(t.db, { role: 'link_worker', programmeId: team.programme.id });
      const response = await http.patch(`/api/admin/users/${target.user.id}`, {
        version: 1,
        name: 'Renamed by matrix',
      });
      return {
        status: response.status,
        verifyUnchanged: async () => {
          const [row] = await t.db.select().from(users).where(eq(users.id, target.user.id));
          expect(row).toMatchObject({ name: target.user.name, version: 1 });
        },
      };
    },
  },
  {
    name: 'GET /api/admin/users/:id (a user of another programme)',
    expected: everyone(404, { platform_admin: 200, api_client: 403 }),
    run: async (http) => http.get(`/api/admin/users/${otherProgrammeUser.user.id}`),
  },
  {
    name: 'GET /api/admin/api-clients',
    expected: everyone(403, { platform_admin: 200 }),
    run: async (http) => http.get('/api/admin/api-clients'),
  },
  {
    name: 'GET /api/admin/audit-events',
    expected: everyone(403, { platform_admin: 200, coordinator: 200 }),
    run: async (http) => http.get('/api/admin/audit-events'),
  },
];

describe('admin endpoints: role × endpoint matrix', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const outcomes: Record<string, number> = {};
      for (const actor of actorNames) {
        const { status, verifyUnchanged } = await testCase.run(clients[actor]);
        outcomes[actor] = status;
        if (status >= 400 && verifyUnchanged) await verifyUnchanged();
      }
      expect(outcomes).toEqual(testCase.expected);
    });
  }

  it('keeps a coordinator’s user list to their own programme', async () => {
    const response = await clients.coordinator.get('/api/admin/users');
    expect(response.body.items.length).toBeGreaterThan(0);
    for (const user of response.body.items) expect(user.programmeId).toBe(team.programme.id);
    const asked = await clients.coordinator.get(`/api/admin/users?programmeId=${otherProgramme.id}`);
    for (const user of asked.body.items) expect(user.programmeId).toBe(team.programme.id);
  });

  it('does not let a coordinator create a platform admin or a user in another programme', async () => {
    const admin = await clients.coordinator.post('/api/admin/users', {
      email: 'escalate@example.test',
      name: 'Escalation',
      role: 'platform_admin',
    });
    expect(admin.status).toBe(403);
    const elsewhere = await clients.coordinator.post('/api/admin/users', {
      email: 'elsewhere@example.test',
      name: 'Elsewhere',
      role: 'link_worker',
      programmeId: otherProgramme.id,
    });
    expect(elsewhere.status).toBe(403);
    expect(await t.db.select().from(users).where(eq(users.email, 'escalate@example.test'))).toHaveLength(0);
    expect(await t.db.select().from(users).where(eq(users.email, 'elsewhere@example.test'))).toHaveLength(0);
  });

  it('refuses a stale version with 409 and keeps the newer change', async () => {
    const target = await buildOrganisation(t.db);
    const first = await clients.platform_admin.patch(`/api/admin/organisations/${target.id}`, {
      version: 1,
      name: 'First change',
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await clients.platform_admin.patch(`/api/admin/organisations/${target.id}`, {
      version: 1,
      name: 'Stale change',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const [row] = await t.db.select().from(organisations).where(eq(organisations.id, target.id));
    expect(row!.name).toBe('First change');
  });

  it('returns the first result for a retried create with the same Idempotency-Key', async () => {
    const key = `retry-${Math.random()}`;
    const body = { name: `Idempotent org ${key}`, type: 'advice_agency' };
    const first = await clients.platform_admin.post('/api/admin/organisations', body, {
      'idempotency-key': key,
    });
    const retry = await clients.platform_admin.post('/api/admin/organisations', body, {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await t.db.select().from(organisations).where(eq(organisations.name, body.name))).toHaveLength(1);
    const misuse = await clients.platform_admin.post(
      '/api/admin/organisations',
      { ...body, name: 'Different' },
      { 'idempotency-key': key },
    );
    expect(misuse.status).toBe(422);
  });

  it('disabling a user ends their sessions at once', async () => {
    const target = await buildUser(t.db, { role: 'link_worker', programmeId: team.programme.id });
    const http = new HttpClient(t.baseUrl);
    await http.signIn(target.user.email, target.password);
    const disabled = await clients.coordinator.patch(`/api/admin/users/${target.user.id}`, {
      version: 1,
      isDisabled: true,
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.isDisabled).toBe(true);
    expect((await http.get('/api/session')).status).toBe(401);
    expect(
      (
        await new HttpClient(t.baseUrl).post('/api/auth/login', {
          email: target.user.email,
          password: target.password,
        })
      ).status,
    ).toBe(401);
  });
});
