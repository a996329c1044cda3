// Runs once per test run: migrates one template database, which every test file then copies
// (PGlite: a data-directory dump; PostgreSQL: CREATE DATABASE … TEMPLATE). Creating and migrating
// a fresh database per file would cost seconds each and, for PGlite, ~800 MB.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client';
import { prepareDatabase } from '../src/main';
import { templateDatabaseName, testDatabaseUrl, withDatabaseName } from './support/database-kind';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  if (testDatabaseUrl) {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    // Drop databases left behind by an interrupted earlier run, then rebuild the template.
    const stale = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'lw_test_%'",
    );
    for (const row of stale.rows) await admin.query(`drop database if exists "${row.datname}"`);
    await admin.query(`drop database if exists ${templateDatabaseName}`);
    await admin.query(`create database ${templateDatabaseName}`);
    await admin.end();
    const handle = await openDatabase({
      kind: 'postgres',
      url: withDatabaseName(testDatabaseUrl, templateDatabaseName),
    });
    await prepareDatabase(handle);
    await handle.close();
    project.provide('pgliteTemplatePath', '');
    return;
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
