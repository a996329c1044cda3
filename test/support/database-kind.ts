// Which database the tests run against: PGlite unless TEST_DATABASE_URL names a PostgreSQL server.
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testDatabaseKind: 'pglite' | 'postgres' = testDatabaseUrl ? 'postgres' : 'pglite';
/**
 * The role that owns the tables (TEST_MIGRATION_DATABASE_URL, as MIGRATION_DATABASE_URL in
 * production): it creates, migrates and drops the test databases, and the app under test connects
 * as TEST_DATABASE_URL's role with row privileges only. Unset, one role does everything.
 */
export const testMigrationDatabaseUrl =
  (testDatabaseUrl && process.env.TEST_MIGRATION_DATABASE_URL) || undefined;
/** Who creates and drops test databases: the owner role when there is one. */
export const testAdminDatabaseUrl = testMigrationDatabaseUrl ?? testDatabaseUrl;

/**
 * PostgreSQL databases of one test run carry the run's process id (the global setup's), so a run
 * cleans up only what crashed runs left behind and never drops a concurrent run's databases.
 */
export const templateDatabaseNameFor = (runId: number) => `lw_template_${runId}`;
export const testDatabasePrefixFor = (runId: number) => `lw_test_${runId}_`;
const runDatabasePattern = /^lw_test_(\d+)_[0-9a-f]+$|^lw_template_(\d+)$/;

/** The run id in a test database's name, or undefined for names that are not ours. */
export function runIdOfDatabase(name: string): number | undefined {
  const match = runDatabasePattern.exec(name);
  return match ? Number(match[1] ?? match[2]) : undefined;
}

/** The same server URL pointing at another database on it. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
