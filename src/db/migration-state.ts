// Which migrations a database has: the journal shipped with the code against drizzle's record of
// what ran. Used to report what `npm run db:migrate` applied, and to skip migrating at start-up
// when nothing is pending (the app's own role may not own the tables: see app-role.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder, queryRows, type Executor } from './client';

export type JournalEntry = { tag: string; when: number };

export function readJournal(): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

/**
 * Drizzle records each applied migration with its journal timestamp in drizzle.__drizzle_migrations.
 * A role that may not read it (or a new database without it) counts as having none.
 */
export async function appliedMigrationTimes(db: Executor): Promise<Set<number>> {
  const [table] = await queryRows<{ readable: boolean }>(
    db,
    // CASE, unlike AND, checks in order: each test is safe to run only after the one before it.
    sql`select case
          when not exists (select 1 from pg_namespace where nspname = 'drizzle') then false
          when not has_schema_privilege('drizzle', 'usage') then false
          when to_regclass('drizzle.__drizzle_migrations') is null then false
          else has_table_privilege('drizzle.__drizzle_migrations', 'select')
        end as readable`,
  );
  if (!table?.readable) return new Set();
  const rows = await queryRows<{ created_at: string | number }>(
    db,
    sql`select created_at from drizzle.__drizzle_migrations`,
  );
  return new Set(rows.map((row) => Number(row.created_at)));
}

/** Whether every migration in the journal has run on this database. */
export async function hasPendingMigrations(db: Executor): Promise<boolean> {
  const applied = await appliedMigrationTimes(db);
  return readJournal().some((entry) => !applied.has(entry.when));
}
