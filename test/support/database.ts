// A database for one test file, copied from the migrated template made in global-setup.
// Tests inside a file share it and stay independent by building a fresh programme each.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPglite, openDatabase, type DatabaseHandle } from '../../src/db/client';
import { dropDatabase } from '../../src/db/drop-database';
import {
  templateDatabaseNameFor,
  testAdminDatabaseUrl,
  testDatabasePrefixFor,
  testDatabaseUrl,
  withDatabaseName,
} from './database-kind';

export type TestDatabase = DatabaseHandle & { url?: string };

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseUrl && testAdminDatabaseUrl) {
    const adminUrl = testAdminDatabaseUrl;
    const runId = inject('testRunId');
    const name = `${testDatabasePrefixFor(runId)}${randomBytes(6).toString('hex')}`;
    // Created (and dropped) by the owner role when there is one; the app connects as its own role.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${templateDatabaseNameFor(runId)}`);
    await admin.end();
    const url = withDatabaseName(testDatabaseUrl, name);
    // close() drops the database WITH (FORCE), which can reach a connection the pool is still
    // closing; that lost connection is expected here, so it is not reported.
    const handle = await openDatabase({ kind: 'postgres', url, poolSize: 5, onIdleError: () => {} });
    return {
      ...handle,
      url,
      close: async () => {
        await handle.close();
        await dropDatabase(adminUrl, name);
      },
    };
  }
  const tarball = readFileSync(inject('pgliteTemplatePath'));
  const pglite = createPglite({ loadDataDir: new Blob([tarball]) });
  return openDatabase({ kind: 'pglite', pglite });
}
