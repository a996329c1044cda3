// A fresh, empty database for one measurement on either engine: a new PGlite data directory in a
// temp folder, or a new database on the PostgreSQL server. `env` is what the real server needs
// to use it (DATA_DIR or DATABASE_URL); `open` gives the bench its own handle to prepare data.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '../src/db/client';
import type { BenchTarget } from './group';
import { createScratchDatabase } from './postgres-cluster';

export type FreshDatabase = {
  env: Record<string, string>;
  /** Opens it in this process. PGlite allows one process at a time: close before a server starts. */
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
};

export async function createFreshDatabase(target: BenchTarget, label: string): Promise<FreshDatabase> {
  if (target.db === 'pglite') {
    const directory = mkdtempSync(path.join(os.tmpdir(), `linkwell-bench-${label}-`));
    const dataDir = path.join(directory, 'data');
    return {
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ kind: 'pglite', dataDir }),
      dispose: () => {
        rmSync(directory, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const scratch = await createScratchDatabase(target.server, label.replace(/\W/g, '_'));
  return {
    env: { DATABASE_URL: scratch.url },
    open: () => openDatabase({ kind: 'postgres', url: scratch.url }),
    dispose: () => scratch.drop(),
  };
}
