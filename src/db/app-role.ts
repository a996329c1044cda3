// Two PostgreSQL roles: an owner that runs the migrations and owns every table, and the app's
// role, which only reads and writes rows. A table's owner can always `ALTER TABLE … DISABLE
// TRIGGER` and rewrite it, so the append-only audit log holds only against a role that does not
// own it: the app gets SELECT and INSERT on audit_events, and never UPDATE, DELETE or TRUNCATE.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { queryRows, type Executor } from './client';

/** The role a connection string signs in as (asked of the server: the URL may leave it implicit). */
export async function roleOfUrl(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ role: string }>('select current_user as role');
    return result.rows[0]!.role;
  } finally {
    await client.end();
  }
}

export async function currentRole(db: Executor): Promise<string> {
  const [row] = await queryRows<{ role: string }>(db, sql`select current_user as role`);
  return row!.role;
}

/**
 * Grants the app's role what it needs on everything the owner has migrated, and on tables later
 * migrations add. Run as the owner after each migration; idempotent (grants and revokes of what is
 * already so are no-ops).
 */
export async function grantAppRole(options: { ownerDb: Executor; appRole: string }): Promise<void> {
  const { ownerDb, appRole } = options;
  const app = sql.identifier(appRole);
  const statements = [
    sql`grant usage on schema public to ${app}`,
    sql`grant select, insert, update, delete on all tables in schema public to ${app}`,
    // The audit log is append-only for the app: reading and adding rows, nothing else.
    sql`revoke update, delete, truncate, references, trigger on audit_events from ${app}`,
    sql`grant usage, select on all sequences in schema public to ${app}`,
    // Tables and sequences that later migrations create (as the owner) get the same grants.
    sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${app}`,
    sql`alter default privileges in schema public grant usage, select on sequences to ${app}`,
    // Reading which migrations ran lets the app start without migrating when none is pending.
    sql`grant usage on schema drizzle to ${app}`,
    sql`grant select on all tables in schema drizzle to ${app}`,
  ];
  for (const statement of statements) await ownerDb.execute(statement);
}
