// Which database the tests run against: PGlite unless TEST_DATABASE_URL names a PostgreSQL server.
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testDatabaseKind: 'pglite' | 'postgres' = testDatabaseUrl ? 'postgres' : 'pglite';
export const templateDatabaseName = 'linkwell_test_template';

/** The same server URL pointing at another database on it. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
