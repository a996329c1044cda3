// Runs once per test run: migrates one template database, which every test file then copies
// (PGlite: a data-directory dump; PostgreSQL: CREATE DATABASE … TEMPLATE). Creating and migrating
// a fresh database per file would cost seconds each and, for PGlite, ~800 MB.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client';
import { dropDatabase } from '../src/db/drop-database';
import { prepareDatabase } from '../src/main';
import {
  runIdOfDatabase,
  templateDatabaseNameFor,
  testDatabaseUrl,
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
  if (testDatabaseUrl) {
    const templateName = templateDatabaseNameFor(runId);
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    // Drop what interrupted earlier runs left behind, but never a run that is still going.
    const existing = await admin.query<{ datname: string }>('select datname from pg_database');
    for (const { datname } of existing.rows) {
      const owner = runIdOfDatabase(datname);
      if (owner !== undefined && !isAlive(owner)) await dropDatabase(testDatabaseUrl, datname);
    }
    await admin.query(`create database ${templateName}`);
    await admin.end();
    const handle = await openDatabase({
      kind: 'postgres',
      url: withDatabaseName(testDatabaseUrl, templateName),
    });
    await prepareDatabase(handle);
    await handle.close();
    project.provide('pgliteTemplatePath', '');
    return async () => {
      await dropDatabase(testDatabaseUrl!, templateName);
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
