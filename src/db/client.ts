// One typed query builder (Drizzle) over two engines: embedded PGlite (default, zero set-up)
// and node-postgres when DATABASE_URL is set. Both run the same SQL migrations.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema';
import { DataDirectoryLockedError, lockDataDirectory } from './data-directory-lock';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: operations accept both. */
export type Executor = Database | Transaction;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type DatabaseHandle = {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** The embedded engine, when there is one (for the socket server and test cloning). */
  pglite?: PGlite;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

export type OpenDatabaseOptions =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Told when an idle connection dies (server restart, terminated backend). */
      onIdleError?: (error: Error) => void;
    }
  | { kind: 'pglite'; dataDir?: string; pglite?: PGlite };

export { DataDirectoryLockedError };

/**
 * Every PGlite instance is made here, so each one loads the extensions the migrations use
 * (PGlite bundles contrib extensions but loads only those named at construction).
 */
export function createPglite(options: Omit<PGliteOptions, 'extensions'> = {}): PGlite {
  return new PGlite({ ...options, extensions: { pg_trgm } });
}

/**
 * Opens the database. PGlite has no inter-process lock and a second process writing the same
 * directory silently loses data, so we hold a lockfile on the data directory while it is open.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection the server drops (restart, failover, terminated backend) is an 'error'
    // event on the pool; unheard, Node turns it into an uncaught exception that kills the app.
    // The pool has already discarded the connection, so the next query simply opens a new one.
    const onIdleError =
      options.onIdleError ?? ((error: Error) => console.warn(`database connection lost: ${error.message}`));
    pool.on('error', onIdleError);
    const db = drizzlePostgres(pool, { schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      migrate: () => migratePostgres(drizzlePostgres(pool, { schema }), { migrationsFolder }),
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => pool.end(),
    };
  }

  let releaseLock: (() => Promise<void>) | undefined;
  let pglite = options.pglite;
  if (!pglite) {
    const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      // Throws DataDirectoryLockedError while another live process has it; a dead owner's lock
      // (kill -9) is taken over at once, so a supervisor can restart the app straight away.
      releaseLock = await lockDataDirectory(dataDir);
    }
    pglite = createPglite(dataDir ? { dataDir } : {});
  }
  const engine = pglite;
  const db = drizzlePglite(engine, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    pglite: engine,
    migrate: () => migratePglite(drizzlePglite(engine, { schema }), { migrationsFolder }),
    ping: async () => {
      await engine.query('select 1');
    },
    close: async () => {
      if (!engine.closed) await engine.close();
      await releaseLock?.();
    },
  };
}

/** True when no organisation exists yet: the first start of a new database. */
export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const rows = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from organisations`);
  return (rows[0]?.count ?? 0) === 0;
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
