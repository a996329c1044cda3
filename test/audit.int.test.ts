// The audit log is append-only for the app's own database role, and searchable by admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { auditEvents } from '../src/db/schema';
import { recordAudit } from '../src/access/audit';
import { testDatabaseKind } from './support/database-kind';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam, buildUser, totpFor } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe(`audit log on ${testDatabaseKind}`, () => {
  it('refuses UPDATE, DELETE and TRUNCATE from the app’s database role', async () => {
    await recordAudit(t.db, {
      actor: { type: 'anonymous' },
      origin: { requestId: 'test-request', ip: '127.0.0.1' },
      action: 'test.append_only',
      entityType: 'test',
      entityId: 'append-only',
    });
    const who = await t.db.execute(
      sql`select current_user as name, (select rolsuper from pg_roles where rolname = current_user) as is_superuser`,
    );
    console.log(
      `audit immutability checked as database role ${JSON.stringify((who as { rows: unknown[] }).rows[0])}`,
    );
    await expect(
      t.db.execute(sql`update audit_events set action = 'tampered' where entity_id = 'append-only'`),
    ).rejects.toThrow();
    await expect(
      t.db.execute(sql`delete from audit_events where entity_id = 'append-only'`),
    ).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.entityId} = 'append-only'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.action).toBe('test.append_only');
  });

  it('lets a platform admin search by entity, action and time, with paging', async () => {
    const admin = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
    const http = new HttpClient(t.baseUrl);
    await http.signIn(admin.user.email, admin.password, totpFor(admin.totpSecret!).generate());
    const created = [];
    for (let index = 0; index < 3; index += 1) {
      created.push(
        (
          await http.post('/api/admin/organisations', {
            name: `Audited org ${index} ${Math.random()}`,
            type: 'vcse',
          })
        ).body.id,
      );
    }
    const byEntity = await http.get(`/api/admin/audit-events?entityType=organisation&entityId=${created[1]}`);
    expect(byEntity.body.items).toHaveLength(1);
    expect(byEntity.body.items[0]).toMatchObject({
      action: 'organisation.create',
      actorId: admin.user.id,
      actorRole: 'platform_admin',
    });

    const page1 = await http.get(
      `/api/admin/audit-events?action=organisation.create&actorId=${admin.user.id}&limit=2`,
    );
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await http.get(
      `/api/admin/audit-events?action=organisation.create&actorId=${admin.user.id}&limit=2&before=${page1.body.nextCursor}`,
    );
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].entityId).toBe(created[0]);

    const future = await http.get(
      `/api/admin/audit-events?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`,
    );
    expect(future.body.items).toHaveLength(0);
    const badDate = await http.get('/api/admin/audit-events?from=yesterday');
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0]).toMatchObject({ field: 'from', in: 'querystring' });
  });

  it('holds a coordinator to their own programme’s events', async () => {
    const mine = await buildProgrammeWithTeam(t.db);
    const theirs = await buildProgrammeWithTeam(t.db);
    const http = new HttpClient(t.baseUrl);
    await http.signIn(mine.coordinator.user.email, mine.coordinator.password);
    const other = new HttpClient(t.baseUrl);
    await other.signIn(theirs.coordinator.user.email, theirs.coordinator.password);
    await other.post('/api/people', { givenName: 'Hidden', familyName: 'Person' });
    const asked = await http.get(`/api/admin/audit-events?programmeId=${theirs.programme.id}`);
    expect(asked.status).toBe(200);
    for (const event of asked.body.items) expect(event.programmeId).toBe(mine.programme.id);
  });
});
