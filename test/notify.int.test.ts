// The notification outbox over a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL) and
// real HTTP. Only the outside world is replaced: GOV.UK Notify by a local stand-in, and in a few
// tests the sender by one that fails or records, to drive the worker's retry and claim logic.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/accounts/sessions';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase, queryRows, type Database } from '../src/db/client';
import { auditEvents, notifications, users } from '../src/db/schema';
import { createSender } from '../src/notify/create-sender';
import { startFakeNotifyApi, type FakeNotifyApi } from '../src/notify/fake-notify-api';
import { queueNotification, type QueuedMessage } from '../src/notify/outbox';
import {
  DeliveryError,
  developmentSender,
  type NotificationSender,
  type OutgoingMessage,
} from '../src/notify/sender';
import { passwordResetMessage } from '../src/notify/templates';
import { deliverDueNotifications, startOutboxWorker, type DeliveryOptions } from '../src/notify/worker';
import { startTestApp, type TestApp } from './support/app';
import { openTestDatabase, type TestDatabase } from './support/database';
import { testDatabaseKind } from './support/database-kind';
import { HttpClient } from './support/http-client';

const log = pino({ level: 'silent' });
const noJitter = () => 0.5;
const isPostgres = testDatabaseKind === 'postgres';

let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database?.close();
});

function buildMessage(overrides: Partial<QueuedMessage> = {}): QueuedMessage {
  return {
    channel: 'email',
    recipient: `person-${randomUUID().slice(0, 8)}@example.org`,
    ...passwordResetMessage({
      resetUrl: `https://linkwell.test/reset#${randomUUID()}`,
      expiresInMinutes: 60,
    }),
    ...overrides,
  };
}

async function readNotification(id: string) {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row!;
}

async function secondsUntilNextAttempt(id: string): Promise<number> {
  const [row] = await queryRows<{ seconds: number }>(
    db,
    sql`select extract(epoch from next_attempt_at - now())::float8 as seconds from notifications where id = ${id}`,
  );
  return Number(row!.seconds);
}

/** Time passes: the message's next attempt is due now. */
async function makeDue(id: string): Promise<void> {
  await db
    .update(notifications)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` })
    .where(eq(notifications.id, id));
}

/** Messages left due by one test must not be delivered by the next: finish everything due first. */
async function drainQueue(): Promise<void> {
  while (
    (await deliverDueNotifications({ db, sender: developmentSender, log, batchSize: 100 })).claimed > 0
  ) {
    /* keep going */
  }
}

function recordingSender(
  options: { delayMs?: number } = {},
): NotificationSender & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    name: 'development',
    sent,
    send: async (message) => {
      if (options.delayMs)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * options.delayMs!));
      sent.push(message);
      return { providerReference: `recorded-${message.id}` };
    },
  };
}

describe('outbox worker', () => {
  it('delivers a queued message and marks it sent', async () => {
    await drainQueue();
    const id = await queueNotification(db, buildMessage({ personalisation: { userId: 'u1' } }));
    expect((await readNotification(id)).status).toBe('queued');

    const sender = recordingSender();
    const result = await deliverDueNotifications({ db, sender, log });

    expect(result).toMatchObject({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]).toMatchObject({
      id,
      channel: 'email',
      template: 'password_reset',
      personalisation: { userId: 'u1' },
    });
    expect(sender.sent[0]!.subject).toBe('Reset your Linkwell password');
    const row = await readNotification(id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      provider: 'development',
      providerReference: `recorded-${id}`,
      lockedUntil: null,
      lastError: null,
    });
    expect(row.sentAt).toBeInstanceOf(Date);

    // Sent means sent: another pass does not touch it.
    expect((await deliverDueNotifications({ db, sender, log })).claimed).toBe(0);
    expect(sender.sent).toHaveLength(1);
  });

  it('retries a failing sender with growing waits, then marks the message failed after 8 attempts', async () => {
    await drainQueue();
    const id = await queueNotification(db, buildMessage());
    let calls = 0;
    const failing: NotificationSender = {
      name: 'govuk-notify',
      send: () => {
        calls += 1;
        return Promise.reject(new Error('Gateway timed out'));
      },
    };
    const options: DeliveryOptions = { db, sender: failing, log, random: noJitter };
    const expectedWaits = [30, 120, 600, 1800, 3600, 7200, 14400];

    for (let attempt = 1; attempt <= 7; attempt++) {
      expect(await deliverDueNotifications(options)).toMatchObject({ claimed: 1, retried: 1 });
      const row = await readNotification(id);
      expect(row).toMatchObject({
        status: 'queued',
        attempts: attempt,
        lastError: 'Gateway timed out',
        provider: 'govuk-notify',
      });
      expect(row.lockedUntil).toBeNull();
      const wait = await secondsUntilNextAttempt(id);
      expect(wait).toBeGreaterThan(expectedWaits[attempt - 1]! - 5);
      expect(wait).toBeLessThanOrEqual(expectedWaits[attempt - 1]!);
      // Not due yet: a pass now leaves it alone.
      expect((await deliverDueNotifications(options)).claimed).toBe(0);
      await makeDue(id);
    }

    expect(await deliverDueNotifications(options)).toMatchObject({ claimed: 1, failed: 1 });
    const row = await readNotification(id);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastError: 'Gave up after 8 attempts. Last error: Gateway timed out',
    });
    expect(calls).toBe(8);
    await makeDue(id);
    expect((await deliverDueNotifications(options)).claimed).toBe(0);
  });

  it('fails a message at once when the sender says retrying cannot help', async () => {
    await drainQueue();
    const id = await queueNotification(db, buildMessage({ recipient: 'not-an-address' }));
    const refusing: NotificationSender = {
      name: 'govuk-notify',
      send: () =>
        Promise.reject(
          new DeliveryError('GOV.UK Notify answered 400: ValidationError', {
            isPermanent: true,
            status: 400,
          }),
        ),
    };
    expect(await deliverDueNotifications({ db, sender: refusing, log })).toMatchObject({
      claimed: 1,
      failed: 1,
    });
    expect(await readNotification(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'GOV.UK Notify answered 400: ValidationError',
    });
  });

  it('never sends a message queued in a transaction that rolled back', async () => {
    await drainQueue();
    let rolledBackId: string | undefined;
    await expect(
      db.transaction(async (tx) => {
        rolledBackId = await queueNotification(tx, buildMessage());
        throw new Error('the change that caused the message failed');
      }),
    ).rejects.toThrow('the change that caused the message failed');
    const committedId = await db.transaction((tx) => queueNotification(tx, buildMessage()));

    const sender = recordingSender();
    await deliverDueNotifications({ db, sender, log });

    expect(rolledBackId).toBeDefined();
    expect(await db.select().from(notifications).where(eq(notifications.id, rolledBackId!))).toEqual([]);
    expect(sender.sent.map((m) => m.id)).toEqual([committedId]);
  });

  it('takes over a claim whose worker died mid-send, and gives up on one that has used all its attempts', async () => {
    await drainQueue();
    const crashedId = await queueNotification(db, buildMessage());
    const exhaustedId = await queueNotification(db, buildMessage());
    const busyId = await queueNotification(db, buildMessage());
    await db
      .update(notifications)
      .set({ status: 'sending', attempts: 1, lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(notifications.id, crashedId));
    await db
      .update(notifications)
      .set({ status: 'sending', attempts: 8, lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(notifications.id, exhaustedId));
    // Another worker's live claim.
    await db
      .update(notifications)
      .set({ status: 'sending', attempts: 1, lockedUntil: sql`now() + interval '5 minutes'` })
      .where(eq(notifications.id, busyId));

    const sender = recordingSender();
    expect(await deliverDueNotifications({ db, sender, log })).toMatchObject({
      claimed: 2,
      sent: 1,
      failed: 1,
    });

    expect(sender.sent.map((m) => m.id)).toEqual([crashedId]);
    expect(await readNotification(crashedId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await readNotification(exhaustedId)).toMatchObject({ status: 'failed', attempts: 9 });
    expect((await readNotification(exhaustedId)).lastError).toContain('did not finish');
    expect(await readNotification(busyId)).toMatchObject({ status: 'sending', attempts: 1 });
    await db.update(notifications).set({ status: 'sent' }).where(eq(notifications.id, busyId));
  });

  it(`never sends the same message twice with two workers running at once (${testDatabaseKind})`, async () => {
    await drainQueue();
    // On PostgreSQL the second worker has its own connection pool, as a second app instance would.
    const other = database.url
      ? await openDatabase({ kind: 'postgres', url: database.url, poolSize: 5 })
      : undefined;
    try {
      const ids = new Set<string>();
      const batch = Array.from({ length: 300 }, () => buildMessage());
      for (let i = 0; i < batch.length; i += 50) {
        await db.transaction(async (tx) => {
          for (const message of batch.slice(i, i + 50)) ids.add(await queueNotification(tx, message));
        });
      }

      const sender = recordingSender({ delayMs: 3 });
      const runWorker = async (workerDb: Database) => {
        let claimed = 0;
        for (;;) {
          const result = await deliverDueNotifications({
            db: workerDb,
            sender,
            log,
            batchSize: 10,
            concurrency: 3,
          });
          if (result.claimed === 0) return claimed;
          claimed += result.claimed;
        }
      };
      const [first, second] = await Promise.all([runWorker(db), runWorker(other?.db ?? db)]);

      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(0);
      expect(first + second).toBe(300);
      const sendsPerId = new Map<string, number>();
      for (const message of sender.sent) sendsPerId.set(message.id, (sendsPerId.get(message.id) ?? 0) + 1);
      expect(sendsPerId.size).toBe(300);
      expect([...sendsPerId.values()].every((count) => count === 1)).toBe(true);
      expect([...sendsPerId.keys()].every((id) => ids.has(id))).toBe(true);
      const rows = await db
        .select({ status: notifications.status, attempts: notifications.attempts })
        .from(notifications)
        .where(inArray(notifications.id, [...ids]));
      expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    } finally {
      await other?.close();
    }
  });

  // Only PostgreSQL has a second connection to hold a lock with: PGlite is one connection, so the
  // test is defined only there (not skipped, which CI would count as a gap).
  (isPostgres ? it : () => undefined)(
    'skips rows another transaction has locked instead of waiting for them (postgres)',
    async () => {
      await drainQueue();
      const lockedId = await queueNotification(db, buildMessage());
      const freeId = await queueNotification(db, buildMessage());
      const other = await openDatabase({ kind: 'postgres', url: database.url!, poolSize: 2 });
      try {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        const holder = other.db.transaction(async (tx) => {
          await tx.select().from(notifications).where(eq(notifications.id, lockedId)).for('update');
          locked();
          await released;
        });
        await isLocked;

        const sender = recordingSender();
        const started = Date.now();
        const result = await deliverDueNotifications({ db, sender, log });
        expect(Date.now() - started).toBeLessThan(2000);
        expect(result.claimed).toBe(1);
        expect(sender.sent.map((m) => m.id)).toEqual([freeId]);

        release();
        await holder;
        await deliverDueNotifications({ db, sender, log });
        expect(sender.sent.map((m) => m.id)).toEqual([freeId, lockedId]);
      } finally {
        await other.close();
      }
    },
  );

  it('runs on a timer until stopped, and stop waits for the pass in flight', async () => {
    await drainQueue();
    const id = await queueNotification(db, buildMessage());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inSend = new Promise<void>((resolve) => (entered = resolve));
    const slow: NotificationSender = {
      name: 'development',
      send: async (message) => {
        entered();
        await gate;
        return { providerReference: `slow-${message.id}` };
      },
    };
    const worker = startOutboxWorker({ db, sender: slow, log, pollIntervalMs: 50 });
    await inSend;
    let hasStopped = false;
    const stopping = worker.stop().then(() => (hasStopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hasStopped).toBe(false);
    release();
    await stopping;
    expect(await readNotification(id)).toMatchObject({ status: 'sent', providerReference: `slow-${id}` });
  });
});

describe('outbox worker with GOV.UK Notify', () => {
  let notify: FakeNotifyApi;
  let sender: NotificationSender;
  beforeAll(async () => {
    notify = await startFakeNotifyApi();
    sender = createSender(loadConfig({ NOTIFY_API_KEY: notify.apiKey }), {
      NOTIFY_EMAIL_TEMPLATE_ID: '2b1d0e4c-6d0c-4a3e-9f5b-0d6a1c7e8f90',
      NOTIFY_BASE_URL: notify.baseUrl,
    });
  });
  afterAll(async () => {
    await notify?.close();
  });

  it('sends through Notify and stores Notify’s id as the provider reference', async () => {
    await drainQueue();
    const message = buildMessage();
    const id = await queueNotification(db, message);
    expect(await deliverDueNotifications({ db, sender, log })).toMatchObject({ sent: 1 });

    const request = notify.requests.at(-1)!;
    expect(request.claims?.iss).toBe(notify.serviceId);
    expect(request.body).toEqual({
      template_id: '2b1d0e4c-6d0c-4a3e-9f5b-0d6a1c7e8f90',
      email_address: message.recipient,
      personalisation: { subject: message.subject, body: message.body },
      reference: id,
    });
    const row = await readNotification(id);
    expect(row).toMatchObject({ status: 'sent', provider: 'govuk-notify', attempts: 1 });
    expect(row.providerReference).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('fails an invalid recipient at once and retries a Notify outage', async () => {
    await drainQueue();
    const invalidId = await queueNotification(db, buildMessage({ recipient: 'nobody' }));
    notify.answerNext({
      status: 400,
      body: {
        status_code: 400,
        errors: [{ error: 'ValidationError', message: 'email_address Not a valid email address' }],
      },
    });
    await deliverDueNotifications({ db, sender, log });
    expect(await readNotification(invalidId)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'GOV.UK Notify answered 400: ValidationError: email_address Not a valid email address',
    });

    const outageId = await queueNotification(db, buildMessage());
    notify.answerNext({
      status: 503,
      body: { status_code: 503, errors: [{ error: 'Exception', message: 'Service unavailable' }] },
    });
    await deliverDueNotifications({ db, sender, log });
    expect(await readNotification(outageId)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(await secondsUntilNextAttempt(outageId)).toBeGreaterThan(20);

    await makeDue(outageId);
    await deliverDueNotifications({ db, sender, log });
    expect(await readNotification(outageId)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });
});

async function signInAs(baseUrl: string, role: 'platform_admin' | 'coordinator'): Promise<HttpClient> {
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${randomUUID()}@example.org`,
      name: `Test ${role}`,
      role,
      passwordHash: 'not-used-here',
    })
    .returning({ id: users.id });
  const session = await createSession(db, {
    userId: user!.id,
    ttlHours: 1,
    isMfaPending: false,
    ip: null,
    userAgent: null,
  });
  const client = new HttpClient(baseUrl);
  client.cookie = `lw_session=${session.token}`;
  client.csrfToken = session.csrfToken;
  return client;
}

/** The real app as deployed somewhere other than loopback, or with another sender. */
async function startAppWith(options: { host: string; sender?: NotificationSender }) {
  const config = {
    ...loadConfig({ PORT: '0', LOG_LEVEL: 'warn', HOST: options.host }),
    publicUrl: 'http://linkwell.test',
  };
  const app = await buildApp(
    {
      db,
      config,
      sender: options.sender ?? developmentSender,
      ping: () => database.ping(),
      limits: { loginPerMinute: 1000, lockoutThreshold: 5, lockoutMinutes: 15 },
    },
    { logger: { level: 'warn' }, serveWeb: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: () => app.close(),
  };
}

describe('development mailbox', () => {
  let local: TestApp;
  beforeAll(async () => {
    local = await startTestApp({ database });
  });
  afterAll(async () => {
    await local?.close();
  });

  it('shows anyone the messages, newest first, when the server listens on loopback only', async () => {
    const olderId = await queueNotification(db, buildMessage());
    const message = buildMessage();
    const newerId = await queueNotification(db, message);
    const response = await new HttpClient(local.baseUrl).get('/api/dev/notifications?limit=2');
    expect((await new HttpClient(local.baseUrl).get('/api/dev/mailbox')).body).toEqual({ open: true });

    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([newerId, olderId]);
    expect(response.body.items[0]).toEqual({
      id: newerId,
      channel: 'email',
      recipient: message.recipient,
      template: 'password_reset',
      subject: message.subject,
      body: message.body,
      status: 'queued',
      attempts: 0,
      lastError: null,
      createdAt: expect.any(String),
      sentAt: null,
    });
  });

  it('answers a bad limit with a problem document', async () => {
    const response = await new HttpClient(local.baseUrl).get('/api/dev/notifications?limit=0');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'limit', in: 'querystring' }],
    });
  });

  it('is not open to a request that came through a reverse proxy', async () => {
    const response = await new HttpClient(local.baseUrl).get('/api/dev/notifications', {
      'x-forwarded-for': '203.0.113.7',
    });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthenticated');
  });

  it('is for platform admins only when the server listens beyond loopback', async () => {
    const exposed = await startAppWith({ host: '0.0.0.0' });
    try {
      const anonymous = await new HttpClient(exposed.baseUrl).get('/api/dev/notifications');
      expect(anonymous.status).toBe(401);
      // The footer asks first, and shows no mailbox link to the public or to staff.
      expect((await new HttpClient(exposed.baseUrl).get('/api/dev/mailbox')).body).toEqual({ open: false });
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      const coordinator = await signInAs(exposed.baseUrl, 'coordinator');
      expect((await coordinator.get('/api/dev/notifications')).status).toBe(403);
      expect((await coordinator.get('/api/dev/mailbox')).body).toEqual({ open: false });
      const admin = await signInAs(exposed.baseUrl, 'platform_admin');
      expect((await admin.get('/api/dev/mailbox')).body).toEqual({ open: true });
      const allowed = await admin.get('/api/dev/notifications');
      expect(allowed.status).toBe(200);
      expect(allowed.body.items.length).toBeGreaterThan(0);
    } finally {
      await exposed.close();
    }
  });

  it('does not exist when messages go through GOV.UK Notify', async () => {
    const notifySender: NotificationSender = {
      name: 'govuk-notify',
      send: () => Promise.resolve({ providerReference: null }),
    };
    const withNotify = await startAppWith({ host: '127.0.0.1', sender: notifySender });
    try {
      const admin = await signInAs(withNotify.baseUrl, 'platform_admin');
      const response = await admin.get('/api/dev/notifications');
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not_found');
      expect((await admin.get('/api/dev/mailbox')).body).toEqual({ open: false });
    } finally {
      await withNotify.close();
    }
  });
});

describe('admin view of the outbox', () => {
  let app: TestApp;
  let admin: HttpClient;
  beforeAll(async () => {
    app = await startTestApp({ database });
    admin = await signInAs(app.baseUrl, 'platform_admin');
  });
  afterAll(async () => {
    await app?.close();
  });

  async function queueFailedMessage(): Promise<string> {
    const id = await queueNotification(db, buildMessage());
    await db
      .update(notifications)
      .set({ status: 'failed', attempts: 8, lastError: 'Gave up after 8 attempts. Last error: timeout' })
      .where(eq(notifications.id, id));
    return id;
  }

  it('refuses anyone but a platform admin', async () => {
    expect((await new HttpClient(app.baseUrl).get('/api/admin/notifications')).status).toBe(401);
    const coordinator = await signInAs(app.baseUrl, 'coordinator');
    const refused = await coordinator.get('/api/admin/notifications');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'forbidden',
      detail: 'Only a platform admin can see outgoing messages.',
    });
  });

  it('lists messages with their delivery state, filtered by status, a page at a time, without bodies', async () => {
    const failedIds = [await queueFailedMessage(), await queueFailedMessage(), await queueFailedMessage()];
    const firstPage = await admin.get('/api/admin/notifications?status=failed&limit=2');
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.items.map((item: { id: string }) => item.id)).toEqual([failedIds[2], failedIds[1]]);
    expect(firstPage.body.items[0]).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastError: 'Gave up after 8 attempts. Last error: timeout',
      nextAttemptAt: null,
      canRetry: true,
    });
    expect(firstPage.body.items[0]).not.toHaveProperty('body');
    expect(firstPage.body.nextBefore).toBe(failedIds[1]);

    const secondPage = await admin.get(
      `/api/admin/notifications?status=failed&limit=2&before=${firstPage.body.nextBefore}`,
    );
    expect(secondPage.body.items[0].id).toBe(failedIds[0]);

    const queued = await admin.get('/api/admin/notifications?status=queued');
    expect(queued.body.items.every((item: { status: string }) => item.status === 'queued')).toBe(true);

    expect((await admin.get('/api/admin/notifications?status=lost')).status).toBe(400);
    const unknownCursor = await admin.get(`/api/admin/notifications?before=${randomUUID()}`);
    expect(unknownCursor.status).toBe(400);
    expect(unknownCursor.body.errors[0]).toMatchObject({ field: 'before', in: 'querystring' });
  });

  it('lets an admin requeue a failed message, audits it, and the worker then delivers it', async () => {
    const id = await queueFailedMessage();
    const response = await admin.post(`/api/admin/notifications/${id}/retry`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, status: 'queued', attempts: 0, canRetry: false });

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'notification.retry')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: 'user',
      actorRole: 'platform_admin',
      entityType: 'notification',
    });
    expect(audit[0]!.details).toMatchObject({ previousAttempts: 8, template: 'password_reset' });

    await deliverDueNotifications({ db, sender: developmentSender, log, batchSize: 100 });
    expect(await readNotification(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });

  it('refuses to retry a message that has not failed, or one that does not exist', async () => {
    const id = await queueNotification(db, buildMessage());
    const conflict = await admin.post(`/api/admin/notifications/${id}/retry`);
    expect(conflict.status).toBe(409);
    expect(conflict.body.detail).toBe('Only a failed message can be retried. This message is queued.');

    expect((await admin.post(`/api/admin/notifications/${randomUUID()}/retry`)).status).toBe(404);
    expect((await admin.post('/api/admin/notifications/not-an-id/retry')).status).toBe(400);
  });

  it('leaves the message untouched when a retry is refused', async () => {
    const id = await queueFailedMessage();
    const coordinator = await signInAs(app.baseUrl, 'coordinator');
    expect((await coordinator.post(`/api/admin/notifications/${id}/retry`)).status).toBe(403);
    const withoutCsrf = await admin.request('POST', `/api/admin/notifications/${id}/retry`, {
      body: {},
      withCsrf: false,
    });
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.body.code).toBe('csrf_failed');
    expect(await readNotification(id)).toMatchObject({ status: 'failed', attempts: 8 });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(audit).toEqual([]);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const doc = await new HttpClient(app.baseUrl).get('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/dev/notifications',
        '/api/admin/notifications',
        '/api/admin/notifications/{id}/retry',
      ]),
    );
  });
});
