// `npm run db:migrate`: applies the pending SQL migrations to the configured database (the PGlite
// data directory, or DATABASE_URL) and says which ran. The server migrates on start as well; this
// is for deployments that migrate as a separate step, and for checking what a database has.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { loadConfigOrExit, type Config } from '../src/config';
import { migrationsFolder, queryRows, type DatabaseHandle } from '../src/db/client';
import { openConfiguredDatabaseOrExit, prepareDatabase } from '../src/main';

type JournalEntry = { tag: string; when: number };

function readJournal(): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

/** Drizzle records each applied migration with its journal timestamp in drizzle.__drizzle_migrations. */
async function appliedMigrationTimes(handle: DatabaseHandle): Promise<Set<number>> {
  const [table] = await queryRows<{ present: boolean }>(
    handle.db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!table?.present) return new Set();
  const rows = await queryRows<{ created_at: string | number }>(
    handle.db,
    sql`select created_at from drizzle.__drizzle_migrations`,
  );
  return new Set(rows.map((row) => Number(row.created_at)));
}

/** Migrates and returns the tags of the migrations that this call applied, oldest first. */
export async function migrateAndList(handle: DatabaseHandle): Promise<{ applied: string[]; total: number }> {
  const journal = readJournal();
  const before = await appliedMigrationTimes(handle);
  await prepareDatabase(handle, (line) => console.log(line));
  const after = await appliedMigrationTimes(handle);
  const applied = journal
    .filter((entry) => after.has(entry.when) && !before.has(entry.when))
    .map((entry) => entry.tag);
  return { applied, total: journal.length };
}

/** Where the configured database is, without the password. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `PGlite data directory ${path.resolve(config.dataDir)}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  console.log(`Migrating ${describeDatabase(config)}…`);
  const handle = await openConfiguredDatabaseOrExit(config);
  try {
    const { applied, total } = await migrateAndList(handle);
    if (applied.length === 0) console.log(`Already up to date: all ${total} migrations are applied.`);
    else
      console.log(
        `Applied ${applied.length} of ${total} migrations:\n${applied.map((tag) => `  ${tag}`).join('\n')}`,
      );
  } finally {
    await handle.close();
  }
}

// Run only as a script, so that db-socket.ts can reuse migrateAndList.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
