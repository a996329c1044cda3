// A throwaway local PostgreSQL cluster, made the way .ci/run makes one: initdb into a temp
// directory, loopback only on a free port, trust auth, durability off for speed, and an ordinary
// (non-superuser) role `linkwell` that may create databases. As root, PostgreSQL's tools refuse to
// run, so they run as the `postgres` OS user.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabase } from '../src/db/drop-database';

export type PostgresServer = {
  /** Connection URL of the `linkwell` role's own database on the server. */
  url: string;
  /** Where it came from, for the results' params. */
  origin: 'throwaway cluster' | 'BENCH_DATABASE_URL';
  version: string;
  stop(): Promise<void>;
};

export type ScratchDatabase = { url: string; drop(): Promise<void> };

function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('PostgreSQL server binaries not found: install them with `apt-get install postgresql`.');
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export async function findFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) if (await isPortFree(port)) return port;
  throw new Error(`No free port in ${from}–${from + 99}`);
}

/** A port the OS picks as free right now. */
export function pickEphemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startThrowawayCluster(progress: (message: string) => void): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const isRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    isRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, tool), args, { stdio: 'pipe' });

  const directory = mkdtempSync(path.join(os.tmpdir(), 'linkwell-bench-pg-'));
  const dataDir = path.join(directory, 'data');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(directory, uid, gid);
  }
  let isRunning = false;
  const stopNow = () => {
    if (isRunning) {
      try {
        run('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast']);
      } catch {
        // Already gone: nothing to stop.
      }
      isRunning = false;
    }
    rmSync(directory, { recursive: true, force: true });
  };
  // Whatever ends the run, do not leave a server or its files behind.
  process.once('exit', stopNow);

  try {
    const port = await findFreePort(55432);
    progress(`starting a throwaway PostgreSQL cluster (${bin}) on 127.0.0.1:${port}`);
    run('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    appendFileSync(
      path.join(dataDir, 'postgresql.conf'),
      [
        `listen_addresses = '127.0.0.1'`,
        `port = ${port}`,
        `unix_socket_directories = '${directory}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    run('pg_ctl', ['start', '-D', dataDir, '-l', path.join(directory, 'postgres.log'), '-w', '-t', '60']);
    isRunning = true;

    const admin = new pg.Client({ host: directory, port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    // An ordinary role, as in production: privilege checks and the audit-log trigger are real.
    await admin.query('create role linkwell login createdb');
    await admin.query('create database linkwell owner linkwell');
    const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!
      .server_version;
    await admin.end();

    return {
      url: `postgres://linkwell@127.0.0.1:${port}/linkwell`,
      origin: 'throwaway cluster',
      version,
      stop: () => {
        stopNow();
        process.removeListener('exit', stopNow);
        return Promise.resolve();
      },
    };
  } catch (error) {
    stopNow();
    process.removeListener('exit', stopNow);
    throw error;
  }
}

/** An existing server named by BENCH_DATABASE_URL; the role must be allowed to create databases. */
export async function useExistingServer(url: string): Promise<PostgresServer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const version = (await client.query<{ server_version: string }>('show server_version')).rows[0]!
    .server_version;
  await client.end();
  return { url, origin: 'BENCH_DATABASE_URL', version, stop: () => Promise.resolve() };
}

/** The same server URL pointing at another database on it. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A new empty database on the server, for one measurement; drop it afterwards. */
export async function createScratchDatabase(server: PostgresServer, label: string): Promise<ScratchDatabase> {
  const name = `lw_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabaseName(server.url, name),
    drop: async () => {
      await dropDatabase(server.url, name);
    },
  };
}
