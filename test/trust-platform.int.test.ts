// Platform hardening ("Trust" issue, defects 9–12): the development mailbox refuses foreign Host
// names (DNS rebinding), the password policy, locked accounts that look like wrong passwords, and
// the https-only security headers, and the app's database role that cannot rewrite the audit log.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { auditEvents, users } from '../src/db/schema';
import { openDatabase, queryRows } from '../src/db/client';
import { dropDatabase } from '../src/db/drop-database';
import { prepareConfiguredDatabase } from '../src/main';
import { developmentSender } from '../src/notify/sender';
import { startTestApp, type TestApp } from './support/app';
import {
  testDatabaseKind,
  testDatabaseUrl,
  testMigrationDatabaseUrl,
  withDatabaseName,
} from './support/database-kind';
import { buildProgramme, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** fetch() will not send a Host header of our choosing, so this asks with node:http. */
function getWithHost(
  baseUrl: string,
  path: string,
  host: string,
): Promise<{ status: number; contentType: string; body: Record<string, unknown> }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? '',
            body: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('development mailbox and DNS rebinding', () => {
  it('refuses a request whose Host is not this server, even on loopback', async () => {
    for (const path of ['/api/dev/notifications', '/api/dev/mailbox']) {
      for (const host of ['attacker.example', `attacker.example:${new URL(t.baseUrl).port}`, '127.0.0.1:1']) {
        const response = await getWithHost(t.baseUrl, path, host);
        expect(response.status, `${path} with Host ${host}`).toBe(403);
        expect(response.contentType).toContain('application/problem+json');
        expect(response.body.code).toBe('forbidden');
      }
    }
  });

  it('still answers at localhost, 127.0.0.1, [::1] with its port and at the public URL', async () => {
    const port = new URL(t.baseUrl).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'linkwell.test']) {
      const response = await getWithHost(t.baseUrl, '/api/dev/notifications', host);
      expect(response.status, host).toBe(200);
      expect(await getWithHost(t.baseUrl, '/api/dev/mailbox', host)).toMatchObject({ body: { open: true } });
    }
    expect((await new HttpClient(t.baseUrl).get('/api/dev/mailbox')).body).toEqual({ open: true });
  }, 60_000);
});

describe('password policy', () => {
  async function signedInCoordinator() {
    const programme = await buildProgramme(t.db, { name: 'Hackney Wellbeing Link' });
    const { user, password } = await buildUser(t.db, { role: 'coordinator', programmeId: programme.id });
    await t.db.update(users).set({ name: 'Priya Sharma' }).where(eq(users.id, user.id));
    const http = new HttpClient(t.baseUrl);
    await http.signIn(user.email, password);
    return { http, password };
  }

  it('refuses keyboard walks, name and year, product or programme name and year, with advice', async () => {
    const { http, password } = await signedInCoordinator();
    for (const newPassword of [
      'qwertzuiopasdf',
      'zxcvbnm,./1234',
      'PriyaSharma1987',
      'Sharma-Priya-84',
      'Linkwell2026',
      'Linkwell-demo-2026',
      'HackneyWellbeing2026',
    ]) {
      const response = await http.post('/api/account/password', { currentPassword: password, newPassword });
      expect(response.status, newPassword).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors, newPassword).toEqual([
        expect.objectContaining({ field: 'newPassword', detail: expect.stringMatching(/\w+ .*\./) }),
      ]);
    }
    const accepted = await http.post('/api/account/password', {
      currentPassword: password,
      newPassword: 'lanterns over quiet harbours',
    });
    expect(accepted.status).toBe(200);
  });

  it('refuses the current password as the new one', async () => {
    const { http, password } = await signedInCoordinator();
    const response = await http.post('/api/account/password', {
      currentPassword: password,
      newPassword: password,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'newPassword' });
    expect(response.body.errors[0].detail).toMatch(/different from your current/);
  });
});

describe('locked accounts', () => {
  /** The parts of a problem document that do not change from one request to the next. */
  const stable = (body: Record<string, unknown>) => {
    const copy = { ...body };
    delete copy.instance;
    delete copy.requestId;
    return copy;
  };

  it('answers exactly as for a wrong password, so a lock does not confirm the address', async () => {
    const programme = await buildProgramme(t.db);
    const { user, password } = await buildUser(t.db, { role: 'coordinator', programmeId: programme.id });
    const http = new HttpClient(t.baseUrl);
    const wrong = await http.post('/api/auth/login', {
      email: user.email,
      password: 'not the password at all',
    });
    for (let attempt = 1; attempt < 5; attempt += 1) {
      const again = await http.post('/api/auth/login', {
        email: user.email,
        password: 'still not the password',
      });
      expect(again.status).toBe(401);
      expect(stable(again.body)).toEqual(stable(wrong.body));
    }
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    const locked = await http.post('/api/auth/login', { email: user.email, password });
    const unknown = await http.post('/api/auth/login', { email: 'nobody-at-all@example.test', password });
    for (const response of [locked, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(stable(response.body)).toEqual(stable(wrong.body));
      expect(response.headers.get('retry-after')).toBeNull();
    }
  });
});

describe('security headers follow the public URL', () => {
  async function startWithPublicUrl(publicUrl: string) {
    const config = { ...loadConfig({ PORT: '0', LOG_LEVEL: 'warn' }), publicUrl };
    const app = await buildApp(
      {
        db: t.db,
        config,
        sender: developmentSender,
        ping: () => t.database.ping(),
        limits: { loginPerMinute: 1000, lockoutThreshold: 5, lockoutMinutes: 15 },
      },
      { logger: { level: 'warn' }, serveWeb: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, app };
  }

  it('sends neither HSTS nor upgrade-insecure-requests over plain http', async () => {
    const response = await new HttpClient(t.baseUrl).get('/health/live');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('sends both when the public URL is https', async () => {
    const secure = await startWithPublicUrl('https://linkwell.example.org');
    try {
      const response = await new HttpClient(secure.baseUrl).get('/health/live');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await secure.app.close();
    }
  });
});

// Only PostgreSQL has roles: PGlite is one embedded user, and the README says what that protects.
// The suite is defined only where it applies (not skipped, which CI would count as a gap); under
// CI=true it always runs on PostgreSQL, so a missing owner role there is a failure, not a skip.
const roleSkipReason =
  testDatabaseKind === 'pglite'
    ? 'PGlite has a single user, so there is no separate app role to check'
    : testMigrationDatabaseUrl || process.env.CI
      ? undefined
      : 'TEST_MIGRATION_DATABASE_URL is not set (.ci/run sets it), so the app runs as the role that owns the tables';
if (roleSkipReason) console.warn(`Not running the app database role tests: ${roleSkipReason}.`);
const describeAppRole = roleSkipReason === undefined ? describe : () => undefined;

/** The PostgreSQL error behind a refused statement (drizzle may wrap it). */
async function refusal(statement: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await statement;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message: string } }).cause;
    return cause?.code ? cause : (error as { code?: string; message: string });
  }
  throw new Error('the statement was not refused');
}

describeAppRole(`the app's database role (PostgreSQL, separate owner role)`, () => {
  it('does not own audit_events, and cannot disable its triggers, update, delete or truncate it', async () => {
    const [role] = await queryRows<{ app: string; owner: string }>(
      t.db,
      sql`select current_user as app, tableowner as owner from pg_tables where tablename = 'audit_events'`,
    );
    expect(role!.owner).not.toBe(role!.app);

    const disable = await refusal(t.db.execute(sql`alter table audit_events disable trigger user`));
    expect(disable).toMatchObject({ code: '42501', message: expect.stringMatching(/must be owner/) });
    // Refused by privileges, before the append-only trigger is reached.
    for (const statement of [
      sql`update audit_events set action = 'tampered'`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
    ]) {
      expect(await refusal(t.db.execute(statement))).toMatchObject({
        code: '42501',
        message: expect.stringMatching(/permission denied for table audit_events/),
      });
    }
  });

  it('is granted its privileges by start-up on a new database, again harmlessly on a restart', async () => {
    const name = `lw_trust_roles_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: testMigrationDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const config = {
      ...loadConfig({ PORT: '0', LOG_LEVEL: 'warn' }),
      databaseUrl: withDatabaseName(testDatabaseUrl!, name),
      migrationDatabaseUrl: withDatabaseName(testMigrationDatabaseUrl!, name),
    };
    const app = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
    try {
      const logged: string[] = [];
      await prepareConfiguredDatabase(config, app, (line) => logged.push(line));
      await prepareConfiguredDatabase(config, app, (line) => logged.push(line));
      expect(logged.join('\n')).not.toMatch(/Warning/);
      const [can] = await queryRows<Record<string, boolean>>(
        app.db,
        sql`select has_table_privilege('audit_events', 'insert') as audit_insert,
                     has_table_privilege('audit_events', 'update') as audit_update,
                     has_table_privilege('audit_events', 'delete') as audit_delete,
                     has_table_privilege('users', 'update') as users_update,
                     (select tableowner from pg_tables where tablename = 'users') = current_user as owns_users`,
      );
      expect(can).toEqual({
        audit_insert: true,
        audit_update: false,
        audit_delete: false,
        users_update: true,
        owns_users: false,
      });
    } finally {
      await app.close();
      await dropDatabase(testMigrationDatabaseUrl!, name);
    }
  }, 180_000);

  it('still does the app’s own writes, audit rows included', async () => {
    const programme = await buildProgramme(t.db);
    const { user, password } = await buildUser(t.db, { role: 'coordinator', programmeId: programme.id });
    const http = new HttpClient(t.baseUrl);
    expect((await http.signIn(user.email, password)).status).toBe(200);
    expect((await http.post('/api/auth/logout')).status).toBe(204);
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['session.signed_in', 'session.signed_out']),
    );
  });
});
