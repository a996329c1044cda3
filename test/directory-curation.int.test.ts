// Directory curation over real HTTP: provider edits live or pending per programme setting, review
// and approval, history and revert, version conflicts, authorisation, public reports and the
// staleness reminders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  notifications,
  programmes,
  serviceReports,
  serviceRevisions,
  services,
} from '../src/db/schema';
import { boroughCodeOf } from '../src/directory/curation/boroughs';
import { flagStaleServices, startStaleServiceJob } from '../src/directory/curation/flag-stale-services';
import { saveServices, type ServiceInput } from '../src/directory/save-service';
import { taxonomyTermId } from '../src/directory/sync-taxonomies';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam, buildService, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';

let testApp: TestApp;
let baseUrl: string;
const db = () => testApp.db;

beforeAll(async () => {
  testApp = await startTestApp();
  baseUrl = testApp.baseUrl;
});
afterAll(async () => {
  await testApp?.close();
});

let nextBorough = 0;
const boroughNames = [
  'Camden',
  'Hackney',
  'Islington',
  'Lambeth',
  'Southwark',
  'Newham',
  'Brent',
  'Ealing',
  'Barnet',
  'Merton',
  'Lewisham',
  'Croydon',
  'Hounslow',
];

/** A team whose programme alone covers one borough, so tests never share curators. */
async function teamInOwnBorough(settings: Record<string, unknown> = {}) {
  const borough = boroughNames[nextBorough++]!;
  const boroughCode = boroughCodeOf(borough)!;
  const team = await buildProgrammeWithTeam(db());
  await db()
    .update(programmes)
    .set({ areas: [borough], settings })
    .where(eq(programmes.id, team.programme.id));
  const signIn = async (member: { user: { email: string }; password: string }) => {
    const http = new HttpClient(baseUrl);
    await http.signIn(member.user.email, member.password);
    return http;
  };
  const organisationId = team.providerStaff.user.organisationId!;
  const input = (overrides: Partial<ServiceInput> = {}): ServiceInput => ({
    organisationId,
    name: `Lunch club ${borough}`,
    description: 'A weekly lunch club.',
    deliveryModes: ['in_person'],
    taxonomyTermIds: [taxonomyTermId('linkwell-support', 'connected.befriending')],
    locations: [
      {
        name: 'Hall',
        address1: '1 High Street',
        postalCode: 'N1 1AA',
        boroughCode,
        latitude: 51.54,
        longitude: -0.1,
      },
    ],
    schedules: [{ byday: 'TU', opensAt: '12:00', closesAt: '14:00' }],
    languages: [{ code: 'en', name: 'English' }],
    areas: [{ name: borough, boroughCode }],
    ...overrides,
  });
  const serviceId = await buildService(db(), input());
  return {
    team,
    borough,
    organisationId,
    serviceId,
    input,
    coordinator: await signIn(team.coordinator),
    provider: await signIn(team.providerStaff),
    linkWorker: await signIn(team.linkWorker),
  };
}

const serviceRow = async (id: string) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
const mailTo = (email: string, template?: string) =>
  db()
    .select()
    .from(notifications)
    .where(
      template
        ? and(eq(notifications.recipient, email), eq(notifications.template, template))
        : eq(notifications.recipient, email),
    );
const body = (input: ServiceInput, version: number, summary?: string) => {
  const { id: _id, lastVerifiedAt: _at, lastVerifiedByUserId: _by, capacityUpdatedAt: _cap, ...rest } = input;
  return { ...rest, version, ...(summary ? { summary } : {}) };
};

describe('directory curation: provider edits', () => {
  it('holds a provider’s edit for approval by default; the curator approves it and search sees it', async () => {
    const { team, serviceId, input, provider, coordinator } = await teamInOwnBorough();
    const edit = await provider.request('PUT', `/api/directory/services/${serviceId}`, {
      body: body(input({ name: 'Friday lunch club' }), 1, 'New day'),
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ status: 'pending', version: 1 });
    expect((await serviceRow(serviceId)).name).not.toBe('Friday lunch club');
    // The curators were told a change waits for them.
    expect(await mailTo(team.coordinator.user.email, 'directory_change_pending')).toHaveLength(1);

    const queue = await coordinator.get('/api/directory/review-queue');
    expect(queue.status).toBe(200);
    const pending = queue.body.items.find((r: { id: string }) => r.id === edit.body.revisionId);
    expect(pending).toMatchObject({
      status: 'pending',
      changedFields: ['name'],
      createdBy: { id: team.providerStaff.user.id },
    });

    const approved = await coordinator.post(`/api/directory/revisions/${edit.body.revisionId}/approve`, {
      note: 'Thanks',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'live', version: 2 });
    const row = await serviceRow(serviceId);
    expect(row.name).toBe('Friday lunch club');
    expect(row.searchDocument).toContain('Friday lunch club');
    expect(row.lastVerifiedAt).not.toBeNull();
    const [approval] = await mailTo(team.providerStaff.user.email, 'directory_change_approved');
    expect(approval?.body).toContain('Thanks');
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.entityId, edit.body.revisionId));
    expect(audit.map((a) => a.action)).toEqual(['service_revision.approve']);
    // A reviewed change cannot be reviewed again.
    expect(
      (await coordinator.post(`/api/directory/revisions/${edit.body.revisionId}/reject`, {})).status,
    ).toBe(409);
  });

  it('publishes a provider’s edit at once when the programme does not ask for approval', async () => {
    const { serviceId, input, provider } = await teamInOwnBorough({ directoryEditsNeedApproval: false });
    const edit = await provider.request('PUT', `/api/directory/services/${serviceId}`, {
      body: body(input({ name: 'Open lunch club' }), 1),
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ status: 'live', version: 2 });
    expect((await serviceRow(serviceId)).name).toBe('Open lunch club');
  });

  it('rejects a change with a note, tells the author and leaves the service as it was', async () => {
    const { team, serviceId, input, provider, coordinator } = await teamInOwnBorough();
    const before = await serviceRow(serviceId);
    const edit = await provider.request('PUT', `/api/directory/services/${serviceId}`, {
      body: body(input({ description: 'Wrong text' }), 1),
    });
    const rejected = await coordinator.post(`/api/directory/revisions/${edit.body.revisionId}/reject`, {
      note: 'Please keep the opening times',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    const [mail] = await mailTo(team.providerStaff.user.email, 'directory_change_rejected');
    expect(mail?.body).toContain('Please keep the opening times');
    expect(await serviceRow(serviceId)).toMatchObject({
      description: before.description,
      version: before.version,
    });
  });

  it('keeps a new service from a provider inactive until approved', async () => {
    const { input, provider, coordinator } = await teamInOwnBorough();
    const created = await provider.post('/api/directory/services', body(input({ name: 'Men’s shed' }), 1), {
      'idempotency-key': 'create-mens-shed-1',
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    expect((await serviceRow(created.body.serviceId)).status).toBe('inactive');
    // A retry with the same Idempotency-Key answers with the first result and adds nothing.
    const retry = await provider.post('/api/directory/services', body(input({ name: 'Men’s shed' }), 1), {
      'idempotency-key': 'create-mens-shed-1',
    });
    expect(retry.body).toEqual(created.body);
    const approved = await coordinator.post(
      `/api/directory/revisions/${created.body.revisionId}/approve`,
      {},
    );
    expect(approved.status).toBe(200);
    expect((await serviceRow(created.body.serviceId)).status).toBe('active');
  });

  it('refuses a provider editing another organisation’s service, and nothing changes', async () => {
    const { serviceId, input } = await teamInOwnBorough();
    const other = await teamInOwnBorough();
    const before = await serviceRow(serviceId);
    const edit = await other.provider.request('PUT', `/api/directory/services/${serviceId}`, {
      body: body(input({ name: 'Hijacked' }), 1),
    });
    expect(edit.status).toBe(403);
    expect((await other.provider.post(`/api/directory/services/${serviceId}/verify`)).status).toBe(403);
    expect((await other.coordinator.post(`/api/directory/services/${serviceId}/verify`)).status).toBe(403);
    expect(
      (
        await other.linkWorker.request('PUT', `/api/directory/services/${serviceId}`, {
          body: body(input(), 1),
        })
      ).status,
    ).toBe(403);
    const anonymous = new HttpClient(baseUrl);
    expect(
      (await anonymous.request('PUT', `/api/directory/services/${serviceId}`, { body: body(input(), 1) }))
        .status,
    ).toBe(401);
    expect(await serviceRow(serviceId)).toEqual(before);
    expect(
      await db().select().from(serviceRevisions).where(eq(serviceRevisions.serviceId, serviceId)),
    ).toHaveLength(0);
  });
});

describe('directory curation: starting an edit', () => {
  it('gives editors every stored field and the current version, and nobody else', async () => {
    const { serviceId, input, provider, linkWorker } = await teamInOwnBorough();
    await saveServices(db(), [
      {
        ...input({
          accreditations: 'Befriending Network member',
          fundings: [{ source: 'National Lottery' }],
        }),
        id: serviceId,
      },
    ]);
    const editable = await provider.get(`/api/directory/services/${serviceId}/editable`);
    expect(editable.status).toBe(200);
    expect(editable.body.version).toBe((await serviceRow(serviceId)).version);
    expect(editable.body.input).toMatchObject({
      organisationId: input().organisationId,
      accreditations: 'Befriending Network member',
      fundings: [{ source: 'National Lottery' }],
      schedules: [expect.objectContaining({ byday: 'TU', opensAt: '12:00' })],
    });
    expect((await linkWorker.get(`/api/directory/services/${serviceId}/editable`)).status).toBe(403);
    expect((await new HttpClient(baseUrl).get(`/api/directory/services/${serviceId}/editable`)).status).toBe(
      401,
    );
  });
});

describe('directory curation: history', () => {
  it('versions every change with who and when, and reverts to an earlier version', async () => {
    const { team, serviceId, input, coordinator } = await teamInOwnBorough();
    const first = await coordinator.request('PUT', `/api/directory/services/${serviceId}`, {
      body: body(input({ name: 'Lunch club (new)' }), 1, 'Renamed'),
    });
    expect(first.body).toMatchObject({ status: 'live', version: 2 });
    const stale = await coordinator.request('PUT', `/api/directory/services/${serviceId}`, {
      body: body(input({ name: 'Stale edit' }), 1),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    await coordinator.request('PUT', `/api/directory/services/${serviceId}`, {
      body: body(input({ name: 'Lunch club (new)', description: 'Now with soup.' }), 2, 'Soup'),
    });

    const history = await coordinator.get(`/api/directory/services/${serviceId}/revisions`);
    expect(history.status).toBe(200);
    const items = history.body.items as {
      id: string;
      status: string;
      summary: string;
      changedFields: string[];
      createdBy: { id: string } | null;
    }[];
    expect(items.map((r) => [r.status, r.summary, r.changedFields])).toEqual([
      ['live', 'Soup', ['description']],
      ['superseded', 'Renamed', ['name']],
      ['superseded', 'Version before curation history began', []],
    ]);
    expect(items[0]!.createdBy?.id).toBe(team.coordinator.user.id);

    const reverted = await coordinator.post(
      `/api/directory/services/${serviceId}/revisions/${items[2]!.id}/revert`,
    );
    expect(reverted.status).toBe(200);
    const row = await serviceRow(serviceId);
    expect(row.name).toBe(input().name);
    expect(row.description).toBe('A weekly lunch club.');
    const after = await coordinator.get(`/api/directory/services/${serviceId}/revisions`);
    expect(after.body.items[0]).toMatchObject({ status: 'live', changedFields: ['description', 'name'] });
    expect(after.body.items.filter((r: { status: string }) => r.status === 'live')).toHaveLength(1);
  });

  it('lets the owner confirm an entry and refuses the history to a link worker', async () => {
    const { serviceId, provider, linkWorker } = await teamInOwnBorough();
    await db().update(services).set({ lastVerifiedAt: null }).where(eq(services.id, serviceId));
    const verified = await provider.post(`/api/directory/services/${serviceId}/verify`);
    expect(verified.status).toBe(200);
    expect((await serviceRow(serviceId)).lastVerifiedAt).not.toBeNull();
    expect((await linkWorker.get(`/api/directory/services/${serviceId}/revisions`)).status).toBe(403);
  });
});

describe('directory curation: reports and staleness', () => {
  it('takes a report from the public and emails the owner and the curator', async () => {
    const { team, serviceId, coordinator, provider } = await teamInOwnBorough();
    const anonymous = new HttpClient(baseUrl);
    const report = await anonymous.post(`/api/directory/services/${serviceId}/reports`, {
      message: 'This club closed in March.',
      reporterEmail: 'neighbour@example.test',
    });
    expect(report.status).toBe(202);
    expect(await mailTo(team.providerStaff.user.email, 'directory_service_reported')).toHaveLength(1);
    const [curatorMail] = await mailTo(team.coordinator.user.email, 'directory_service_reported');
    expect(curatorMail?.body).toContain('This club closed in March.');

    // A bot filling in the hidden field is thanked and ignored.
    const bot = await anonymous.post(`/api/directory/services/${serviceId}/reports`, {
      message: 'Buy cheap things',
      website: 'http://spam.example',
    });
    expect(bot.status).toBe(202);
    expect(
      await db().select().from(serviceReports).where(eq(serviceReports.serviceId, serviceId)),
    ).toHaveLength(1);

    const listed = await provider.get('/api/directory/reports?status=open');
    expect(listed.body.items.map((r: { serviceId: string }) => r.serviceId)).toEqual([serviceId]);
    const curatorView = await coordinator.get('/api/directory/reports');
    expect(curatorView.body.items).toHaveLength(1);
    const resolved = await coordinator.post(`/api/directory/reports/${listed.body.items[0].id}/resolve`, {
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
  });

  it('asks owners once to confirm stale entries, and not again within 30 days', async () => {
    const { team, serviceId, organisationId } = await teamInOwnBorough();
    const second = await buildService(db(), {
      organisationId,
      name: 'Never confirmed',
      lastVerifiedAt: null,
    });
    const colleague = await buildUser(db(), { role: 'provider_staff', organisationId });
    const now = new Date();
    await db()
      .update(services)
      .set({ lastVerifiedAt: new Date(now.getTime() - 200 * 24 * 3600 * 1000) })
      .where(eq(services.id, serviceId));

    // Two instances running the pass at once send one reminder (advisory lock, then the reminder period).
    const results = await Promise.all([
      flagStaleServices({ db: db(), now, publicUrl: 'http://linkwell.test' }),
      flagStaleServices({ db: db(), now, publicUrl: 'http://linkwell.test' }),
    ]);
    expect(results.some((r) => r.ran && r.staleServices >= 2)).toBe(true);
    const mails = await mailTo(team.providerStaff.user.email, 'directory_confirm_services');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain(`http://linkwell.test/directory/services/${serviceId}`);
    expect(mails[0]!.body).toContain(`http://linkwell.test/directory/services/${second}`);
    expect(await mailTo(colleague.user.email, 'directory_confirm_services')).toHaveLength(1);

    await flagStaleServices({
      db: db(),
      now: new Date(now.getTime() + 10 * 24 * 3600 * 1000),
      publicUrl: 'http://linkwell.test',
    });
    expect(await mailTo(team.providerStaff.user.email, 'directory_confirm_services')).toHaveLength(1);
    await flagStaleServices({
      db: db(),
      now: new Date(now.getTime() + 31 * 24 * 3600 * 1000),
      publicUrl: 'http://linkwell.test',
    });
    expect(await mailTo(team.providerStaff.user.email, 'directory_confirm_services')).toHaveLength(2);

    const job = startStaleServiceJob({
      db: db(),
      publicUrl: 'http://linkwell.test',
      log: console,
      intervalMs: 50,
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    await job.stop();
  });
});
