// `npm run seed` on a real, migrated database: it loads the demo data into an empty database, and
// a second run leaves the data as it was (no duplicate demo rows, no failed transaction).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../test/support/database';
import { queryRows } from '../src/db/client';
import { seedIfEmpty } from './seed';

async function countRows(database: TestDatabase): Promise<{ organisations: number; referrals: number }> {
  const [row] = await queryRows<{ organisations: number; referrals: number }>(
    database.db,
    sql`select (select count(*)::int from organisations) as organisations,
               (select count(*)::int from referrals) as referrals`,
  );
  return row!;
}

describe('npm run seed', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('loads the demo data into an empty database, then leaves it alone on a second run', async () => {
    const first = await seedIfEmpty(database, () => {});
    expect(first.isLoaded).toBe(true);
    expect(first.isLoaded && first.logins.map((login) => login.role)).toContain('link_worker');
    const seeded = await countRows(database);
    expect(seeded.organisations).toBeGreaterThan(0);
    expect(seeded.referrals).toBeGreaterThan(0);

    const second = await seedIfEmpty(database, () => {});
    expect(second.isLoaded).toBe(false);
    expect(await countRows(database)).toEqual(seeded);
  }, 180_000);
});
