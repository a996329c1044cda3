// `npm run seed`: loads the demo data into the configured database (the PGlite data directory, or
// DATABASE_URL) — the same seed start-up loads into an empty database. For a database started with
// DEMO_DATA=false, or a PostgreSQL database migrated separately. It leaves a database that already
// has organisations alone: the seed is one transaction of fixed demo rows, so a second run would
// collide with (or sit beside) the first rather than top it up.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigOrExit } from '../src/config';
import { isDatabaseEmpty, type DatabaseHandle } from '../src/db/client';
import { seedDemoData, type DemoLogin } from '../src/demo/seed';
import { openConfiguredDatabaseOrExit, prepareDatabase } from '../src/main';
import { describeDatabase } from './migrate';

export type SeedResult = { isLoaded: true; logins: DemoLogin[] } | { isLoaded: false };

/** Prepares the database as start-up does, then seeds it only when it is empty. */
export async function seedIfEmpty(handle: DatabaseHandle, log: (line: string) => void): Promise<SeedResult> {
  // The seed needs the schema, taxonomies and geography, as start-up does before seeding.
  await prepareDatabase(handle, log);
  if (!(await isDatabaseEmpty(handle.db))) return { isLoaded: false };
  return { isLoaded: true, logins: await seedDemoData(handle.db) };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const where = describeDatabase(config);
  const handle = await openConfiguredDatabaseOrExit(config);
  try {
    console.log(`Loading demo data into ${where}…`);
    const started = Date.now();
    const result = await seedIfEmpty(handle, (line) => console.log(line));
    if (!result.isLoaded) {
      console.log('The database already has data (organisations exist): the demo data was not loaded again.');
      return;
    }
    console.log(`Demo data loaded in ${Math.round((Date.now() - started) / 1000)} s. Demo logins:`);
    for (const login of result.logins) console.log(`  ${login.role}: ${login.email} / ${login.password}`);
  } finally {
    await handle.close();
  }
}

// Run only as a script, so that the test can call seedIfEmpty.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
