// One process per PGlite data directory. PGlite has no inter-process lock, and a second process
// writing the same directory silently loses data, so the directory's owner is recorded in a lock
// file beside it: its process id and that process's start time. A lock whose owner has died
// (kill -9, a crash, a power cut) is taken over at once, so a supervisor's quick restart works; a
// live owner is refused. The start time tells a reused process id (common in containers, where
// every incarnation is pid 1) from the owner itself.
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';

type LockOwner = { pid: number; startedAt: string | null };

/** When the process started, as the kernel counts it (Linux); null where /proc is not available. */
export function processStartTime(pid: number): string | null {
  try {
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and brackets, so count fields after its ')'.
    const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // field 22 of the whole line: starttime in clock ticks since boot
  } catch {
    return null;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the recorded owner is still the running process that wrote the lock. */
function isOwnerAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid && owner.startedAt === processStartTime(process.pid)) return true;
  if (!isProcessAlive(owner.pid)) return false;
  // Alive, but maybe another process that was given the same id since: compare start times.
  const startedAt = processStartTime(owner.pid);
  return owner.startedAt === null || startedAt === null || startedAt === owner.startedAt;
}

async function readOwner(lockPath: string): Promise<LockOwner | 'unreadable' | 'missing'> {
  let text: string;
  try {
    if ((await stat(lockPath)).isDirectory()) return 'unreadable';
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number') return 'unreadable';
    return { pid: parsed.pid, startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : null };
  } catch {
    return 'unreadable';
  }
}

/** Unreadable locks (a crash mid-write, the old lock directory) count as stale after this long. */
const unreadableStaleMs = 30_000;

async function isOldEnough(lockPath: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs > unreadableStaleMs;
  } catch {
    return true;
  }
}

export class DataDirectoryLockedError extends Error {}

/**
 * Takes the lock on a data directory, or throws DataDirectoryLockedError naming the live owner.
 * Returns the release function.
 */
export async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${dataDir}.lock`;
  const me: LockOwner = { pid: process.pid, startedAt: processStartTime(process.pid) };
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await writeFile(lockPath, content, { flag: 'wx' }); // atomic: fails when the file exists
      return async () => {
        // Remove only our own lock: never one a later owner took over.
        const owner = await readOwner(lockPath);
        if (typeof owner === 'object' && owner.pid === me.pid && owner.startedAt === me.startedAt) {
          await unlink(lockPath);
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(lockPath);
    if (owner === 'missing') continue;
    if (owner === 'unreadable' ? !(await isOldEnough(lockPath)) : isOwnerAlive(owner)) {
      const who = typeof owner === 'object' ? ` (process ${owner.pid})` : '';
      throw new DataDirectoryLockedError(
        `The data directory ${dataDir} is in use by another Linkwell process${who}. ` +
          'Stop it first, or use `npm run db:socket` to reach the embedded database from other tools.',
      );
    }
    // The owner is dead. Move its lock aside (atomic) rather than deleting it, then check that what
    // was moved is the dead owner's: if another starting process took over in between, its fresh
    // lock goes back and this process refuses on the next attempt.
    const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await rename(lockPath, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = await readOwner(aside);
    const isSameDeadOwner =
      typeof owner === 'object'
        ? typeof moved === 'object' && moved.pid === owner.pid && moved.startedAt === owner.startedAt
        : moved === 'unreadable';
    if (isSameDeadOwner) await rm(aside, { recursive: true, force: true });
    else await rename(aside, lockPath);
  }
  throw new DataDirectoryLockedError(
    `The data directory ${dataDir} is being opened by another Linkwell process at the same moment. Try again.`,
  );
}
