// Signing in and out, lockout, TOTP, CSRF, session expiry, password reset and API keys, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { auditEvents, notifications, sessions, users } from '../src/db/schema';
import { hashToken } from '../src/accounts/tokens';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgramme, buildUser, totpFor } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const client = () => new HttpClient(t.baseUrl);

async function coordinator() {
  const programme = await buildProgramme(t.db);
  return buildUser(t.db, { role: 'coordinator', programmeId: programme.id });
}

describe('signing in and out', () => {
  it('signs in with the right password, shows the session, and signs out', async () => {
    const { user, password } = await coordinator();
    const http = client();
    const login = await http.post('/api/auth/login', { email: user.email.toUpperCase(), password });
    expect(login.status).toBe(200);
    expect(login.body.status).toBe('signed_in');
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    http.csrfToken = login.body.csrfToken;
    const session = await http.get('/api/session');
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ id: user.id, role: 'coordinator' });
    expect(session.body.abilities.canManageUsers).toBe(true);
    expect(session.body.abilities.canAdministerPlatform).toBe(false);

    expect((await http.post('/api/auth/logout')).status).toBe(204);
    const cookieBefore = http.cookie;
    http.cookie = cookieBefore ?? undefined;
    expect((await http.get('/api/session')).status).toBe(401);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['session.signed_in', 'session.signed_out']),
    );
  });

  it('refuses a wrong password or unknown email with the same generic problem', async () => {
    const { user } = await coordinator();
    const wrong = await client().post('/api/auth/login', {
      email: user.email,
      password: 'not the password at all',
    });
    const unknown = await client().post('/api/auth/login', {
      email: 'nobody@example.test',
      password: 'whatever it is',
    });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.detail).toBe(wrong.body.detail);
    }
  });

  it('locks the account after repeated failures, even for the right password, and tells the owner', async () => {
    const { user, password } = await coordinator();
    const http = client();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push(
        (await http.post('/api/auth/login', { email: user.email, password: 'wrong password here' })).status,
      );
    }
    // A locked account answers as a wrong password does, so a lock never confirms an address.
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await http.post('/api/auth/login', { email: user.email, password });
    expect(locked.status).toBe(401);
    expect(locked.body.code).toBe('unauthenticated');
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const mail = await t.db.select().from(notifications).where(eq(notifications.recipient, user.email));
    expect(mail.map((m) => m.template)).toContain('account_locked');

    // When the lock has passed, the right password works again.
    await t.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    expect((await http.post('/api/auth/login', { email: user.email, password })).status).toBe(200);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const limited = await startTestApp({ limits: { loginPerMinute: 3 }, database: t.database });
    try {
      const http = new HttpClient(limited.baseUrl);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        statuses.push(
          (await http.post('/api/auth/login', { email: 'rate@example.test', password: 'anything at all' }))
            .status,
        );
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      const last = await http.post('/api/auth/login', {
        email: 'rate@example.test',
        password: 'anything at all',
      });
      expect(last.headers.get('content-type')).toContain('application/problem+json');
      expect(last.body.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('ends an expired session', async () => {
    const { user, password } = await coordinator();
    const http = client();
    await http.signIn(user.email, password);
    expect((await http.get('/api/session')).status).toBe(200);
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    const expired = await http.get('/api/session');
    expect(expired.status).toBe(401);
    expect((await http.get('/api/admin/users')).status).toBe(401);
  });

  it('signs out everywhere', async () => {
    const { user, password } = await coordinator();
    const laptop = client();
    const phone = client();
    await laptop.signIn(user.email, password);
    await phone.signIn(user.email, password);
    const ended = await laptop.post('/api/auth/logout-everywhere');
    expect(ended.status).toBe(200);
    expect(ended.body.ended).toBe(2);
    expect((await phone.get('/api/session')).status).toBe(401);
    expect((await laptop.get('/api/session')).status).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated write without the CSRF token, and changes nothing', async () => {
    const { user, password } = await coordinator();
    const http = client();
    await http.signIn(user.email, password);
    const refused = await http.request('POST', '/api/account/password', {
      body: { currentPassword: password, newPassword: 'a brand new passphrase' },
      withCsrf: false,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('csrf_failed');
    const wrongToken = await http.request('POST', '/api/account/password', {
      body: { currentPassword: password, newPassword: 'a brand new passphrase' },
      headers: { 'x-csrf-token': 'forged' },
      withCsrf: false,
    });
    expect(wrongToken.status).toBe(403);
    // The password is unchanged: the old one still signs in.
    expect((await client().post('/api/auth/login', { email: user.email, password })).status).toBe(200);
  });
});

describe('TOTP second factor', () => {
  it('enrols an authenticator app and then asks for a code at sign-in', async () => {
    const { user, password } = await coordinator();
    const http = client();
    await http.signIn(user.email, password);
    const setup = await http.post('/api/account/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.body.qrSvg).toContain('<svg');
    const badConfirm = await http.post('/api/account/totp/confirm', { code: '000000' });
    expect(badConfirm.status).toBe(400);
    expect(badConfirm.body.errors[0].field).toBe('code');
    const enrolmentCode = totpFor(setup.body.secret).generate();
    const confirm = await http.post('/api/account/totp/confirm', { code: enrolmentCode });
    expect(confirm.status).toBe(200);

    const next = client();
    const login = await next.post('/api/auth/login', { email: user.email, password });
    expect(login.body.status).toBe('totp_required');
    // Until the code is given, the session cannot be used for anything else.
    expect((await next.get('/api/admin/users')).status).toBe(401);
    const wrong = await next.post(
      '/api/auth/totp',
      { code: '123456' },
      { 'x-csrf-token': login.body.csrfToken },
    );
    expect(wrong.status).toBe(400);
    const replayed = await next.post(
      '/api/auth/totp',
      { code: enrolmentCode },
      { 'x-csrf-token': login.body.csrfToken },
    );
    expect(replayed.status).toBe(400);
    // A code already used (the one that confirmed enrolment) cannot be replayed in the same window.
    const step = await next.post(
      '/api/auth/totp',
      { code: totpFor(setup.body.secret).generate({ timestamp: Date.now() + 30_000 }) },
      { 'x-csrf-token': login.body.csrfToken },
    );
    expect(step.status).toBe(200);
    expect(step.body.status).toBe('signed_in');
    next.csrfToken = login.body.csrfToken;
    expect((await next.get('/api/admin/users')).status).toBe(200);
  });

  it('makes a platform admin without TOTP enrol before doing anything', async () => {
    const { user, password } = await buildUser(t.db, { role: 'platform_admin' });
    const http = client();
    const login = await http.post('/api/auth/login', { email: user.email, password });
    expect(login.body.status).toBe('totp_enrolment_required');
    http.csrfToken = login.body.csrfToken;
    expect((await http.get('/api/admin/organisations')).status).toBe(401);
    const setup = await http.post('/api/account/totp/setup');
    expect(
      (await http.post('/api/account/totp/confirm', { code: totpFor(setup.body.secret).generate() })).status,
    ).toBe(200);
    expect((await http.get('/api/admin/organisations')).status).toBe(200);
    // Admins cannot turn the second factor off.
    expect((await http.post('/api/account/totp/disable', { password })).status).toBe(403);
  });

  it('signs a platform admin in with password and code', async () => {
    const { user, password, totpSecret } = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
    const http = client();
    const session = await http.signIn(user.email, password, totpFor(totpSecret!).generate());
    expect(session.status).toBe(200);
    expect(session.body.status).toBe('signed_in');
    expect(session.body.abilities.canAdministerPlatform).toBe(true);
  });
});

describe('password reset through the notification outbox', () => {
  it('sends a single-use link that sets a new password and ends old sessions', async () => {
    const { user, password } = await coordinator();
    const old = client();
    await old.signIn(user.email, password);
    const asked = await client().post('/api/auth/password-reset', { email: user.email });
    expect(asked.status).toBe(202);
    const unknown = await client().post('/api/auth/password-reset', { email: 'nobody-here@example.test' });
    expect(unknown.status).toBe(202);
    expect(unknown.body.message).toBe(asked.body.message);

    const [mail] = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipient, user.email))
      .orderBy(desc(notifications.createdAt));
    expect(mail!.template).toBe('password_reset');
    const token = /token=([\w-]+)/.exec(mail!.body)![1]!;

    const weak = await client().post('/api/auth/password-reset/complete', { token, password: 'password123' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('password');
    const done = await client().post('/api/auth/password-reset/complete', {
      token,
      password: 'three random words here',
    });
    expect(done.status).toBe(200);
    const again = await client().post('/api/auth/password-reset/complete', {
      token,
      password: 'another set of words',
    });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].field).toBe('token');

    expect((await old.get('/api/session')).status).toBe(401);
    expect((await client().post('/api/auth/login', { email: user.email, password })).status).toBe(401);
    expect(
      (await client().post('/api/auth/login', { email: user.email, password: 'three random words here' }))
        .status,
    ).toBe(200);
  });

  it('rejects common and short passwords when changing a password', async () => {
    const { user, password } = await coordinator();
    const http = client();
    await http.signIn(user.email, password);
    const short = await http.post('/api/account/password', {
      currentPassword: password,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toMatchObject({ field: 'newPassword', pointer: '#/newPassword' });
    const common = await http.post('/api/account/password', {
      currentPassword: password,
      newPassword: 'iloveyou123',
    });
    expect(common.status).toBe(400);
    expect(common.body.detail).toMatch(/too common/);
  });
});

describe('API keys', () => {
  it('authenticates a system client scoped to its organisation, until revoked', async () => {
    const organisation = await buildOrganisation(t.db, { type: 'gp_practice' });
    const { user, password, totpSecret } = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
    const admin = client();
    await admin.signIn(user.email, password, totpFor(totpSecret!).generate());
    const created = await admin.post('/api/admin/api-clients', {
      organisationId: organisation.id,
      name: 'EMIS integration engine',
    });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^lw_/);

    const system = client();
    system.bearer = key;
    // A key-authenticated client needs no CSRF token, and is not an admin.
    const orgs = await system.get(`/api/admin/organisations/${organisation.id}`);
    expect(orgs.status).toBe(200);
    expect((await system.get('/api/admin/users')).status).toBe(403);
    expect((await system.post('/api/admin/organisations', { name: 'Sneaky org', type: 'vcse' })).status).toBe(
      403,
    );

    const stored = await t.db.query.apiClients.findFirst({
      where: (c, { eq: equals }) => equals(c.id, created.body.client.id),
    });
    expect(stored!.keyHash).toBe(hashToken(key));
    expect(JSON.stringify(stored)).not.toContain(key);

    expect((await admin.post(`/api/admin/api-clients/${created.body.client.id}/revoke`)).status).toBe(200);
    const revoked = await system.get(`/api/admin/organisations/${organisation.id}`);
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('unauthenticated');
  });

  it('refuses a malformed or unknown key', async () => {
    const system = client();
    system.bearer = 'lw_abcdefgh_notarealkeyatallnotarealkey';
    expect((await system.get('/api/admin/organisations')).status).toBe(401);
    system.bearer = 'garbage';
    expect((await system.get('/api/admin/organisations')).status).toBe(401);
  });
});
