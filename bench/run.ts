// `npm run bench`: runs every group (or `--only <group>`) against PGlite, and also against
// PostgreSQL when BENCH_DATABASE_URL is set or `--postgres` starts a throwaway local cluster.
// Figures print as `bench <figure-id> <db> <value> <unit>` and are written to bench/results.json.
//
// To add a group: write bench/<group>.ts exporting a BenchGroup, and list it in `groups` below.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { directory } from './directory';
import { evaluation } from './evaluation';
import { fhir } from './fhir';
import { foundation } from './foundation';
import { insight } from './insight';
import { referrals } from './referrals';
import type { BenchContext, BenchGroup, BenchTarget } from './group';
import { startThrowawayCluster, useExistingServer, type PostgresServer } from './postgres-cluster';
import { Report } from './report';

const groups: BenchGroup[] = [foundation, directory, referrals, evaluation, fhir, insight];

const resultsFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');

const usage = `Usage: npm run bench -- [--only <group>] [--postgres] [--quick]

  --only <group>   run one group: ${groups.map((group) => group.name).join(', ')}
  --postgres       also run against a throwaway local PostgreSQL cluster (as CI makes one)
  --quick          fewer repetitions and shorter loads (to check the bench, not to quote)

Always runs on PGlite; also on PostgreSQL with --postgres or BENCH_DATABASE_URL=postgres://…
(that role must be allowed to create databases). BENCH_LOG_LEVEL sets the server's LOG_LEVEL under
load (default info, as deployed). Figures go to stdout and ${path.relative(process.cwd(), resultsFile)}.

Groups:
${groups.map((group) => `  ${group.name.padEnd(14)} ${group.description}`).join('\n')}`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      postgres: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const selected = values.only === undefined ? groups : groups.filter((group) => group.name === values.only);
  if (selected.length === 0) {
    console.error(`No bench group named "${values.only}".\n\n${usage}`);
    process.exit(2);
  }
  return { groups: selected, isPostgresCluster: values.postgres, isQuick: values.quick };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const report = new Report();
  const existingUrl = process.env.BENCH_DATABASE_URL || undefined;

  let server: PostgresServer | undefined;
  const targets: BenchTarget[] = [{ db: 'pglite' }];
  if (existingUrl) {
    server = await useExistingServer(existingUrl);
  } else if (options.isPostgresCluster) {
    server = await startThrowawayCluster((message) => report.progress(message));
  }
  if (server) {
    report.progress(`PostgreSQL ${server.version} (${server.origin})`);
    targets.push({ db: 'postgres', server });
  }

  // Ctrl-C still stops the cluster and child servers (their 'exit' handlers run on process.exit).
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));

  // A group that fails on one database is reported and the run goes on: the other figures still count.
  const failures: string[] = [];
  try {
    for (const group of options.groups) {
      for (const target of targets) {
        report.progress(`${group.name} on ${target.db}`);
        const context: BenchContext = {
          target,
          isQuick: options.isQuick,
          record: (figure, value, unit, params = {}) =>
            report.record({ figure, db: target.db, value, unit, params }),
          progress: (message) => report.progress(`${group.name}/${target.db}: ${message}`),
        };
        try {
          await group.run(context);
        } catch (error) {
          failures.push(`${group.name} on ${target.db}`);
          report.progress(
            `FAILED ${group.name} on ${target.db}: ${error instanceof Error ? error.stack : String(error)}` +
              // Drizzle wraps the database's own message ("Failed query: …") in `cause`.
              (error instanceof Error && error.cause instanceof Error
                ? `\nCaused by: ${error.cause.message}`
                : ''),
          );
        }
      }
    }
  } finally {
    // Write what was measured even when a later group failed.
    report.write(resultsFile);
    report.progress(
      `${report.figures.length} figures written to ${path.relative(process.cwd(), resultsFile)}`,
    );
    await server?.stop();
  }
  if (failures.length > 0) {
    console.error(`Failed: ${failures.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
