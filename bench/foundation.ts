// Foundation figures: how long the real server takes to start, and what one authenticated trivial
// request costs (session lookup, headers, JSON) under load. Every later group's HTTP figures are
// best read as a ratio to http.trivial, measured in the same run.
import autocannon from 'autocannon';
import { buildProgramme, buildUser } from '../test/support/factories';
import { startAppProcess, type AppProcess } from './app-process';
import { createFreshDatabase, type FreshDatabase } from './databases';
import type { BenchContext, BenchGroup } from './group';
import { median, percentile } from './report';

export const foundation: BenchGroup = {
  name: 'foundation',
  description: 'server start-up time and the authenticated trivial request',
  run: async (context) => {
    await measureStartup(context);
    await measureTrivialRequest(context);
  },
};

async function measureStartup(context: BenchContext): Promise<void> {
  const runs = context.isQuick ? 1 : 3;
  const server = { entry: 'node --import tsx bench/serve-app.ts (src/main.ts main())', readyPollMs: 20 };
  const cold: number[] = [];
  const coldEmpty: number[] = [];
  const warm: number[] = [];

  for (let run = 1; run <= runs; run++) {
    // A realistic first start: create (PGlite) or connect, migrate, load the demo data, listen.
    const database = await createFreshDatabase(context.target, 'startup');
    try {
      context.progress(`startup ${run}/${runs}: cold start with demo data on a fresh empty database`);
      const first = await startAppProcess({ env: database.env, isDemoData: true });
      cold.push(first.readyMs);
      await first.stop();
      context.progress(`startup ${run}/${runs}: warm restart on the same database`);
      const second = await startAppProcess({ env: database.env, isDemoData: true });
      warm.push(second.readyMs);
      await second.stop();
    } finally {
      await database.dispose();
    }

    const empty = await createFreshDatabase(context.target, 'startup-empty');
    try {
      context.progress(`startup ${run}/${runs}: cold start without demo data`);
      const app = await startAppProcess({ env: empty.env, isDemoData: false });
      coldEmpty.push(app.readyMs);
      await app.stop();
    } finally {
      await empty.dispose();
    }
  }

  const params = (samples: number[], extra: Record<string, unknown>) => ({
    ...server,
    ...extra,
    statistic: `median of ${samples.length}`,
    samplesMs: samples.map((ms) => Math.round(ms)),
  });
  context.record(
    'startup.cold_ms',
    median(cold),
    'ms',
    params(cold, { demoData: true, database: 'fresh, empty' }),
  );
  context.record(
    'startup.cold_empty_ms',
    median(coldEmpty),
    'ms',
    params(coldEmpty, { demoData: false, database: 'fresh, empty' }),
  );
  context.record(
    'startup.warm_ms',
    median(warm),
    'ms',
    params(warm, { database: 'migrated, with demo data' }),
  );
}

type Credentials = { email: string; password: string };

/** A programme and a coordinator in it, made with the tests' factories so schema changes reach both. */
async function createBenchUser(database: FreshDatabase): Promise<Credentials> {
  const handle = await database.open();
  try {
    await handle.migrate();
    const programme = await buildProgramme(handle.db);
    const { user, password } = await buildUser(handle.db, { role: 'coordinator', programmeId: programme.id });
    return { email: user.email, password };
  } finally {
    await handle.close();
  }
}

async function signIn(app: AppProcess, credentials: Credentials): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const body = await response.text();
  const cookie = /lw_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (response.status !== 200 || !cookie) {
    throw new Error(`Signing in failed: ${response.status} ${body.slice(0, 500)}`);
  }
  const session = await fetch(`${app.baseUrl}/api/session`, { headers: { cookie: `lw_session=${cookie}` } });
  if (session.status !== 200)
    throw new Error(`GET /api/session answered ${session.status}: ${await session.text()}`);
  return `lw_session=${cookie}`;
}

type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  responses: number;
  non2xx: number;
  errors: number;
};

async function runLoad(options: {
  url: string;
  cookie: string;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: { cookie: options.cookie },
      },
      (error, finished) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
    );
    // autocannon reports p50/p97.5/p99 but not p95: keep every response time.
    instance.on('response', (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    responses: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function measureTrivialRequest(context: BenchContext): Promise<void> {
  const connections = 50;
  const seconds = context.isQuick ? 3 : 10;
  const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
  const database = await createFreshDatabase(context.target, 'trivial');
  try {
    context.progress('http.trivial: preparing a programme and a signed-in coordinator');
    const credentials = await createBenchUser(database);
    const app = await startAppProcess({ env: database.env, isDemoData: false, logLevel });
    try {
      const cookie = await signIn(app, credentials);
      const url = `${app.baseUrl}/api/session`;
      context.progress('http.trivial: warming up for 2 s');
      await runLoad({ url, cookie, connections, seconds: 2 });
      context.progress(`http.trivial: GET /api/session at ${connections} connections for ${seconds} s`);
      const load = await runLoad({ url, cookie, connections, seconds });
      const params = {
        route: 'GET /api/session (signed-in coordinator, session cookie)',
        connections,
        durationSeconds: seconds,
        warmUpSeconds: 2,
        server: 'child process (bench/serve-app.ts), load from the bench process over loopback',
        serverLogLevel: logLevel,
        responses: load.responses,
        non2xx: load.non2xx,
        errors: load.errors,
        p99Ms: Math.round(load.p99 * 100) / 100,
      };
      if (load.non2xx > 0 || load.errors > 0) {
        context.progress(
          `WARNING: ${load.non2xx} non-2xx responses and ${load.errors} errors: the figures are not valid`,
        );
      }
      context.record('http.trivial.rps', load.requestsPerSecond, 'req/s', params);
      context.record('http.trivial.p50_ms', load.p50, 'ms', params);
      context.record('http.trivial.p95_ms', load.p95, 'ms', params);
      context.record('http.trivial.non2xx', load.non2xx + load.errors, 'responses', params);
    } finally {
      await app.stop();
    }
  } finally {
    await database.dispose();
  }
}
