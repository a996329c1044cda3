// The embedded database directory: data survives a restart, and a second process cannot open a
// directory already in use (PGlite has no inter-process lock of its own; a second writer would
// silently lose data).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirectoryLockedError, isDatabaseEmpty, openDatabase } from '../src/db/client';
import { organisations } from '../src/db/schema';

const directory = mkdtempSync(path.join(tmpdir(), 'linkwell-datadir-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('PGlite data directory', () => {
  it('refuses a second opener, and keeps data across a restart', async () => {
    const dataDir = path.join(directory, 'data');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await first.migrate();
    expect(await isDatabaseEmpty(first.db)).toBe(true);
    await first.db.insert(organisations).values({ name: 'Survives restarts', type: 'vcse' });

    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirectoryLockedError);
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    await second.migrate(); // a no-op on an up-to-date database
    const rows = await second.db.select().from(organisations);
    expect(rows.map((r) => r.name)).toEqual(['Survives restarts']);
    await second.close();
  }, 60_000);
});
