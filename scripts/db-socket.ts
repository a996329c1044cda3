// `npm run db:socket`: lets psql and other PostgreSQL tools reach the embedded PGlite database
// over the PostgreSQL wire protocol on 127.0.0.1. PGlite allows one process per data directory,
// so this refuses to run while the app has it open (and the app refuses while this runs).
//
//   npm run db:socket -- [--port 5433] [--max-connections 1]
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ConfigError, loadConfig } from '../src/config';
import { DataDirectoryLockedError, openDatabase, type DatabaseHandle } from '../src/db/client';
import { describeDatabase, migrateAndList } from './migrate';

const host = '127.0.0.1';

function parseOptions(): { port: number; maxConnections: number } {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5433' },
      'max-connections': { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run db:socket -- [--port 5433] [--max-connections 1]\n\n' +
        'Serves the PGlite data directory (DATA_DIR, default ./data) to PostgreSQL clients on 127.0.0.1.\n' +
        'Stop the Linkwell server first: only one process may open the directory.',
    );
    process.exit(0);
  }
  const port = Number(values.port);
  const maxConnections = Number(values['max-connections']);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`--port ${values.port}: must be a port number`);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    fail(`--max-connections ${values['max-connections']}: must be a whole number, 1 or more`);
  }
  return { port, maxConnections };
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// COPY … FROM STDIN (psql's \copy … from) hangs the socket server and with it every connection,
// because PGlite cannot take the copy-in sub-protocol through a socket. Refuse such a query up
// front with an ordinary PostgreSQL error instead; the session stays usable.
const copyFromStdin = /\bcopy\b[\s\S]*\bfrom\s+stdin\b/i;
const queryMessage = 0x51; // 'Q': a simple-protocol query

function errorResponse(message: string, transactionStatus: 'I' | 'T'): Uint8Array {
  const fields = ['SERROR', 'VERROR', 'C0A000', `M${message}`].map((field) => Buffer.from(`${field}\0`));
  const body = Buffer.concat([...fields, Buffer.from([0])]);
  const error = Buffer.alloc(5);
  error.write('E', 0);
  error.writeInt32BE(body.length + 4, 1);
  const ready = Buffer.alloc(6);
  ready.write('Z', 0);
  ready.writeInt32BE(5, 1);
  ready.write(transactionStatus, 5);
  return new Uint8Array(Buffer.concat([error, body, ready]));
}

/** The PGlite instance as the socket server sees it, with COPY FROM STDIN refused. */
function refusingCopyFromStdin(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get(target, property, receiver) {
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }) => {
          if (
            message[0] === queryMessage &&
            copyFromStdin.test(Buffer.from(message.subarray(5)).toString('utf8'))
          ) {
            options.onRawData(
              errorResponse(
                'COPY FROM STDIN is not supported through npm run db:socket (it would hang the server). ' +
                  'Use INSERT statements instead.',
                target.isInTransaction() ? 'T' : 'I',
              ),
            );
            return Promise.resolve();
          }
          return target.execProtocolRawStream(message, options);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      // PGlite's methods use private fields, so they must run with the real instance as `this`.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function main(): Promise<void> {
  const options = parseOptions();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (config.databaseUrl) {
    fail(
      'DATABASE_URL is set, so Linkwell uses a PostgreSQL server: connect your tools to that server directly. ' +
        'db:socket serves the embedded PGlite database only.',
    );
  }

  console.log(`Opening ${describeDatabase(config)}…`);
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirectoryLockedError) {
      fail(
        `The data directory ${path.resolve(config.dataDir)} is in use by another process: the Linkwell server, ` +
          'or another npm run db:socket.\nPGlite allows one process per data directory, so stop that one first ' +
          '(Ctrl-C in its terminal), then run npm run db:socket again.',
      );
    }
    throw error;
  }

  const { applied, total } = await migrateAndList(handle);
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
      : `Migrations up to date (${total}).`,
  );

  const server = new PGLiteSocketServer({
    db: refusingCopyFromStdin(handle.pglite!),
    host,
    port: options.port,
    maxConnections: options.maxConnections,
  });
  try {
    await server.start();
  } catch (error) {
    await handle.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`Port ${options.port} is in use: choose another with --port.`);
    throw error;
  }

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`\n${signal}: closing connections and the database…`);
    await server.stop();
    await handle.close();
    console.log('Closed.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  console.log(
    [
      '',
      `The Linkwell database is served on ${host}:${options.port} (${options.maxConnections} connection(s) at a time).`,
      'Connect with:',
      '',
      `  PGSSLMODE=disable psql -h ${host} -p ${options.port} -U postgres`,
      '',
      `  or postgres://postgres@${host}:${options.port}/postgres?sslmode=disable`,
      '',
      'COPY … FROM STDIN (psql \\copy … from) is refused: it would hang the server. Use INSERT statements.',
      'Press Ctrl-C to stop. The Linkwell server cannot start on this data directory until then.',
    ].join('\n'),
  );
}

await main();
