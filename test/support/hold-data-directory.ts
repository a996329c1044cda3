// A separate process that opens a PGlite data directory and holds it until killed: the data
// directory lock test kills it with SIGKILL, as a crash or an OOM kill would.
import { openDatabase } from '../../src/db/client';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hold-data-directory.ts <data directory>');
const handle = await openDatabase({ kind: 'pglite', dataDir });
await handle.ping();
process.stdout.write('ready\n');
setInterval(() => {}, 60_000);
