// Dropping a throwaway database (tests and benchmarks) as an ordinary role.
import pg from 'pg';

/** PostgreSQL's insufficient_privilege. */
const insufficientPrivilege = '42501';

/**
 * DROP DATABASE … WITH (FORCE) ends the sessions still open on the database. As a role that is
 * not a superuser it fails when one of them is an autovacuum worker, which belongs to no role
 * ("must be a member of the role whose process is being terminated"). A plain DROP DATABASE
 * cancels autovacuum itself and waits a few seconds for other sessions, so that is the fallback.
 */
export async function dropDatabase(serverUrl: string, name: string, attempts = 5): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const quoted = pg.escapeIdentifier(name);
    try {
      await client.query(`drop database if exists ${quoted} with (force)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== insufficientPrivilege) throw error;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`drop database if exists ${quoted}`);
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}
