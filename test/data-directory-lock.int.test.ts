// The PGlite data directory lock (Trust issue, defect 10): after the owner is killed with SIGKILL
// the app starts again at once, while a live owner is still refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirectoryLockedError, openDatabase } from '../src/db/client';

const workDir = mkdtempSync(path.join(tmpdir(), 'linkwell-lock-'));
const dataDir = path.join(workDir, 'data');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

/** Starts a process that opens the data directory, and resolves once it holds it. */
async function startHolder(): Promise<ChildProcess> {
  const script = path.resolve('test/support/hold-data-directory.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}: ${errors}`)));
  });
  return child;
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('PGlite data directory lock', () => {
  it('refuses while a live process holds the directory, naming it', async () => {
    const holder = await startHolder();
    try {
      const opening = openDatabase({ kind: 'pglite', dataDir });
      await expect(opening).rejects.toThrow(DataDirectoryLockedError);
      await expect(opening).rejects.toThrow(`process ${holder.pid}`);
    } finally {
      await killHard(holder);
    }
  }, 120_000);

  it('opens at once after the owner was killed with SIGKILL', async () => {
    const holder = await startHolder();
    await killHard(holder);
    const started = Date.now();
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    const elapsed = Date.now() - started;
    try {
      await handle.ping();
      expect(elapsed).toBeLessThan(5_000);
    } finally {
      await handle.close();
    }
    // Closed cleanly, the directory is free for the next process.
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  }, 120_000);
});
