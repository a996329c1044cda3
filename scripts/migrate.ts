// `npm run db:migrate`: applies the pending SQL migrations to the configured database (the PGlite
// data directory, or DATABASE_URL) and says which ran. The server migrates on start as well; this
// is for deployments that migrate as a separate step, and for checking what a database has.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigOrExit, type Config } from '../src/config';
import type { DatabaseHandle } from '../src/db/client';
import { appliedMigrationTimes, readJournal } from '../src/db/migration-state';
import { openConfiguredDatabaseOrExit, prepareConfiguredDatabase, prepareDatabase } from '../src/main';

/** Migrates and returns the tags of the migrations that this call applied, oldest first. */
export async function migrateAndList(
  handle: DatabaseHandle,
  /** With MIGRATION_DATABASE_URL in it, the owner role migrates and grants the app's role. */
  config?: Config,
): Promise<{ applied: string[]; total: number }> {
  const journal = readJournal();
  const log = (line: string) => console.log(line);
  const before = await appliedMigrationTimes(handle.db);
  if (config) await prepareConfiguredDatabase(config, handle, log);
  else await prepareDatabase(handle, log);
  const after = await appliedMigrationTimes(handle.db);
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
    const { applied, total } = await migrateAndList(handle, config);
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
