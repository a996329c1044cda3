// Runs once per test run: migrates one template database, which every test file then copies
// (PGlite: a data-directory dump; PostgreSQL: CREATE DATABASE … TEMPLATE). Creating and migrating
// a fresh database per file would cost seconds each and, for PGlite, ~800 MB.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client';
import { grantAppRole, roleOfUrl } from '../src/db/app-role';
import { dropDatabase } from '../src/db/drop-database';
import { prepareDatabase } from '../src/main';
import {
  runIdOfDatabase,
  templateDatabaseNameFor,
  testAdminDatabaseUrl,
  testDatabaseUrl,
  testMigrationDatabaseUrl,
  withDatabaseName,
} from './support/database-kind';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    /** This run's id: names its PostgreSQL template and test databases. */
    testRunId: number;
  }
}

/** Is this process still running (on this machine: the tests' PostgreSQL is on 127.0.0.1)? */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const runId = process.pid;
  project.provide('testRunId', runId);
  if (testDatabaseUrl && testAdminDatabaseUrl) {
    const adminUrl = testAdminDatabaseUrl;
    const templateName = templateDatabaseNameFor(runId);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // Drop what interrupted earlier runs left behind, but never a run that is still going.
    // Only this role's own databases: another role's (a developer's other set-up) are not ours to drop.
    const existing = await admin.query<{ datname: string }>(
      'select datname from pg_database where datdba = (select oid from pg_roles where rolname = current_user)',
    );
    for (const { datname } of existing.rows) {
      const owner = runIdOfDatabase(datname);
      if (owner !== undefined && !isAlive(owner)) await dropDatabase(adminUrl, datname);
    }
    await admin.query(`create database ${templateName}`);
    await admin.end();
    // The owner migrates the template and grants the app's role its row privileges; every test
    // database copied from it keeps those grants, so the app under test never owns a table.
    const handle = await openDatabase({ kind: 'postgres', url: withDatabaseName(adminUrl, templateName) });
    await prepareDatabase(handle);
    if (testMigrationDatabaseUrl) {
      const appRole = await roleOfUrl(testDatabaseUrl);
      if (appRole === (await roleOfUrl(testMigrationDatabaseUrl))) {
        throw new Error('TEST_MIGRATION_DATABASE_URL must name another role than TEST_DATABASE_URL');
      }
      await grantAppRole({ ownerDb: handle.db, appRole });
    }
    await handle.close();
    project.provide('pgliteTemplatePath', '');
    return async () => {
      await dropDatabase(adminUrl, templateName);
    };
  }
  const handle = await openDatabase({ kind: 'pglite' });
  await prepareDatabase(handle);
  const dump = await handle.pglite!.dumpDataDir('none');
  await handle.close();
  const directory = path.resolve('.test-tmp');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplatePath', file);
}
