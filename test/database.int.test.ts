// The database connection. Embedded: data survives a restart, and a second process cannot open a
// directory already in use (PGlite has no inter-process lock of its own; a second writer would
// silently lose data). Server: a dropped idle connection is noted and replaced, never fatal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DataDirectoryLockedError, isDatabaseEmpty, openDatabase, queryRows } from '../src/db/client';
import { openTestDatabase } from './support/database';
import { testDatabaseUrl } from './support/database-kind';
import { organisations } from '../src/db/schema';
import pg from 'pg';

const directory = mkdtempSync(path.join(tmpdir(), 'linkwell-datadir-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('PGlite data directory', () => {
  it('refuses a second opener, and keeps data across a restart', async () => {
    const dataDir = path.join(directory, 'data');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await first.migrate();
    expect(await isDatabaseEmpty(first.db)).toBe(true);
    await first.db.insert(organisations).values({ name: 'Survives restarts', type: 'vcse' });

    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirectoryLockedError);
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    await second.migrate(); // a no-op on an up-to-date database
    const rows = await second.db.select().from(organisations);
    expect(rows.map((r) => r.name)).toEqual(['Survives restarts']);
    await second.close();
  }, 60_000);
});

// A server may drop an idle connection at any time (restart, failover, pg_terminate_backend);
// unheard, pg's 'error' event is an uncaught exception that kills the app. Only PostgreSQL has
// server-side connections to lose, so the test is defined only there (not skipped, which CI
// would count as a gap).
(testDatabaseUrl ? it : () => undefined)(
  'survives the server terminating an idle pooled connection (postgres)',
  async () => {
    const database = await openTestDatabase();
    let lost!: (error: Error) => void;
    const lostConnection = new Promise<Error>((resolve) => (lost = resolve));
    const handle = await openDatabase({
      kind: 'postgres',
      url: database.url!,
      poolSize: 1,
      onIdleError: (error) => lost(error),
    });
    try {
      const backendPid = async () =>
        (await queryRows<{ pid: number }>(handle.db, sql`select pg_backend_pid() as pid`))[0]!.pid;
      const pid = await backendPid();
      await database.db.execute(sql`select pg_terminate_backend(${pid})`);
      expect((await lostConnection).message).toMatch(/terminating connection/);
      expect(await backendPid()).not.toBe(pid);
    } finally {
      await handle.close();
      await database.close();
    }
  },
);

// Test and benchmark databases are dropped as an ordinary role; a session still open on them
// (a pool closing late, an autovacuum worker) must not stop the drop or fail the run.
(testDatabaseUrl ? it : () => undefined)(
  'drops a throwaway database while a session is still open on it (postgres)',
  async () => {
    const database = await openTestDatabase();
    const straggler = new pg.Client({ connectionString: database.url! });
    straggler.on('error', () => {}); // the drop ends this session on purpose
    await straggler.connect();
    const name = new URL(database.url!).pathname.slice(1);
    await database.close();
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    const left = await admin.query('select 1 from pg_database where datname = $1', [name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
    await straggler.end().catch(() => {});
  },
);
