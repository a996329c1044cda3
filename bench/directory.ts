// Directory figures: 50,000 services across London, then the combined search (text + taxonomy +
// 3 km radius + open at a weekday late morning) in-process and over HTTP at 50 connections, and
// its ratio to the trivial authenticated route measured against the same server in the same run.
//
// The server is this file run as a child process (`LINKWELL_BENCH_DIRECTORY_SERVER=1`): the real
// buildApp.
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '../src/db/client';
import { organisations } from '../src/db/schema';
import { saveServices, type ServiceInput } from '../src/directory/save-service';
import { syncTaxonomies, taxonomyTermId } from '../src/directory/sync-taxonomies';
import { searchServices, type SearchQuery } from '../src/directory/search/search-services';
import { loadGeography } from '../src/geo';
import { buildProgramme, buildUser } from '../test/support/factories';
import { createFreshDatabase } from './databases';
import type { BenchContext, BenchGroup } from './group';
import { pickEphemeralPort } from './postgres-cluster';
import { median, percentile } from './report';

export const directory: BenchGroup = {
  name: 'directory',
  description: '50,000 services: combined search in-process and over HTTP, ratio to the trivial route',
  run: runDirectoryBench,
};

// --- Data ------------------------------------------------------------------------------------

/** A small deterministic generator, so every run builds the same directory. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick, chance: (p: number) => next() < p };
}

const activities = [
  {
    term: 'connected.befriending',
    parent: 'connected',
    words: ['Befriending', 'Telephone friends', 'Good neighbours'],
  },
  {
    term: 'connected.social-groups',
    parent: 'connected',
    words: ['Coffee morning', 'Lunch club', 'Social club'],
  },
  { term: 'connected.carers', parent: 'connected', words: ['Carers support', 'Carers cafe'] },
  { term: 'creative.singing', parent: 'creative', words: ['Community choir', 'Singing for health'] },
  { term: 'creative.arts', parent: 'creative', words: ['Art class', 'Craft circle', 'Pottery group'] },
  { term: 'creative.gardening', parent: 'creative', words: ['Community garden', 'Allotment group'] },
  { term: 'active.walking', parent: 'active', words: ['Health walk', 'Walking group'] },
  {
    term: 'active.exercise',
    parent: 'active',
    words: ['Chair exercise', 'Gentle yoga', 'Strength and balance'],
  },
  { term: 'active.dance', parent: 'active', words: ['Tea dance', 'Dance class'] },
  { term: 'safe.debt', parent: 'safe', words: ['Debt advice', 'Money clinic'] },
  { term: 'safe.food', parent: 'safe', words: ['Food bank', 'Community pantry'] },
  { term: 'safe.housing', parent: 'safe', words: ['Housing advice', 'Tenancy support'] },
] as const;
const searchTexts = [
  'befriending',
  'choir',
  'walking',
  'garden',
  'debt advice',
  'food',
  'yoga',
  'art',
  'lunch club',
  'dance',
];
const languages = [
  { code: 'bn', name: 'Bengali' },
  { code: 'tr', name: 'Turkish' },
  { code: 'pl', name: 'Polish' },
  { code: 'so', name: 'Somali' },
  { code: 'ar', name: 'Arabic' },
  { code: 'ur', name: 'Urdu' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'es', name: 'Spanish' },
];
const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR'] as const;
const allDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

type Place = { latitude: number; longitude: number; postcode: string | null; boroughCode: string | null };

/** Real London postcodes when the geography is loaded, else random points in London's box. */
async function samplePlaces(db: Database, count: number): Promise<Place[]> {
  const executed: unknown = await db.execute(
    sql`select postcode, latitude, longitude, borough_code from postcodes order by random() limit ${count}`,
  );
  const result = executed as {
    rows: { postcode: string; latitude: number; longitude: number; borough_code: string }[];
  };
  if (result.rows.length > 0) {
    return result.rows.map((row) => ({
      latitude: row.latitude,
      longitude: row.longitude,
      postcode: row.postcode,
      boroughCode: row.borough_code,
    }));
  }
  const generator = random(7);
  return Array.from({ length: count }, () => ({
    latitude: 51.28 + generator.next() * 0.42,
    longitude: -0.51 + generator.next() * 0.84,
    postcode: null,
    boroughCode: null,
  }));
}

function buildServiceInput(index: number, organisationId: string, place: Place, now: number): ServiceInput {
  const generator = random(index + 1);
  const activity = generator.pick(activities);
  const name = `${generator.pick(activity.words)} ${index}`;
  const hours = generator.next();
  const schedules =
    hours < 0.5
      ? weekdays.map((byday) => ({ byday, opensAt: '09:00', closesAt: '17:00' }))
      : hours < 0.85
        ? [generator.pick(allDays), generator.pick(allDays)].map((byday) => ({
            byday,
            opensAt: '10:00',
            closesAt: '14:00',
          }))
        : [{ byday: generator.pick(weekdays), opensAt: '18:00', closesAt: '20:00' }];
  const capacity = generator.next();
  const isStale = generator.chance(0.2);
  const daysAgo = isStale ? 200 + generator.next() * 500 : generator.next() * 150;
  const age = generator.next();
  return {
    organisationId,
    name,
    description: `${activity.words[0]} for local people. A friendly ${activity.words.at(-1)!.toLowerCase()} where you can meet others.`,
    isFree: generator.chance(0.8),
    minimumAge: age < 0.2 ? 65 : age < 0.3 ? 18 : null,
    maximumAge: age >= 0.2 && age < 0.3 ? 25 : null,
    deliveryModes: generator.chance(0.2) ? ['in_person', 'telephone'] : ['in_person'],
    isAcceptingReferrals: capacity < 0.7,
    acceptsWaitingList: capacity >= 0.7 && capacity < 0.85,
    waitingTimeDays: capacity >= 0.7 && capacity < 0.85 ? 14 : null,
    placesAvailable: capacity < 0.7 ? Math.floor(generator.next() * 20) + 1 : 0,
    lastVerifiedAt: new Date(now - daysAgo * 86_400_000),
    taxonomyTermIds: [taxonomyTermId('linkwell-support', activity.term)],
    locations: [
      {
        name: 'Community centre',
        // Within ~100 m of the postcode's point: several services per postcode look real.
        latitude: place.latitude + (generator.next() - 0.5) * 0.002,
        longitude: place.longitude + (generator.next() - 0.5) * 0.003,
        postalCode: place.postcode,
        boroughCode: place.boroughCode,
        city: 'London',
      },
    ],
    schedules,
    closures: generator.chance(0.1)
      ? [{ startsOn: '2026-12-24', endsOn: '2027-01-01', reason: 'Christmas' }]
      : [],
    languages: [
      { code: 'en', name: 'English' },
      ...(generator.chance(0.3) ? [generator.pick(languages)] : []),
    ],
    areas: place.boroughCode ? [{ name: place.boroughCode, boroughCode: place.boroughCode }] : [],
  };
}

export async function generateDirectory(context: BenchContext, handle: DatabaseHandle, count: number) {
  const { db } = handle;
  const started = performance.now();
  await handle.migrate();
  await syncTaxonomies(db);
  await loadGeography(db);
  const places = await samplePlaces(db, 5000);
  const organisationRows = await db
    .insert(organisations)
    .values(
      Array.from({ length: 500 }, (_, index) => ({
        name: `Bench organisation ${index}`,
        type: 'vcse' as const,
      })),
    )
    .returning({ id: organisations.id });
  const batch = 1000;
  const now = Date.now();
  for (let from = 0; from < count; from += batch) {
    const inputs = Array.from({ length: Math.min(batch, count - from) }, (_, offset) => {
      const index = from + offset;
      return buildServiceInput(
        index,
        organisationRows[index % organisationRows.length]!.id,
        places[index % places.length]!,
        now,
      );
    });
    await db.transaction((tx) => saveServices(tx, inputs).then(() => undefined));
    if ((from / batch) % 5 === 4 || from + batch >= count) {
      const done = Math.min(from + batch, count);
      const rate = done / ((performance.now() - started) / 1000);
      context.progress(
        `generated ${done.toLocaleString('en-GB')}/${count.toLocaleString('en-GB')} services (${rate.toFixed(0)}/s)`,
      );
    }
  }
  await db.execute(sql`analyze`);
  return { places, generationMs: performance.now() - started };
}

// --- Workload ----------------------------------------------------------------------------------

/** A Wednesday, 11:00 in London: "open now" at a time when services are open, independent of the clock. */
const openAt = new Date('2026-11-25T11:00:00Z');

export function combinedQuery(generator: ReturnType<typeof random>, places: Place[]): SearchQuery {
  const text = generator.pick(searchTexts);
  const activity = activities.find((candidate) =>
    candidate.words.some((word) => word.toLowerCase().includes(text.split(' ')[0]!)),
  );
  const place = generator.pick(places);
  return {
    text,
    taxonomyTermIds: [taxonomyTermId('linkwell-support', activity?.parent ?? 'connected')],
    point: { latitude: place.latitude, longitude: place.longitude, label: place.postcode ?? 'the point' },
    radiusKm: 3,
    openAt,
    staleAfterDays: 183,
    limit: 20,
    offset: 0,
  };
}

function searchPath(query: SearchQuery): string {
  const params = new URLSearchParams({
    q: query.text!,
    taxonomyTermIds: query.taxonomyTermIds!.join(','),
    latitude: String(query.point!.latitude),
    longitude: String(query.point!.longitude),
    radiusKm: String(query.radiusKm),
    openAt: openAt.toISOString(),
  });
  return `/api/directory/search?${params.toString()}`;
}

async function measureInProcess(context: BenchContext, db: Database, places: Place[]) {
  const generator = random(42);
  const runs = context.isQuick ? 100 : 500;
  for (let warm = 0; warm < 20; warm++)
    await searchServices({ db, query: combinedQuery(generator, places), now: openAt });
  const samples: number[] = [];
  let results = 0;
  for (let run = 0; run < runs; run++) {
    const query = combinedQuery(generator, places);
    const started = performance.now();
    const result = await searchServices({ db, query, now: openAt });
    samples.push(performance.now() - started);
    results += result.total;
  }
  const params = {
    workload: 'text + parent taxonomy term + 3 km radius around a real postcode + open at Wednesday 11:00',
    runs,
    meanTotal: Math.round(results / runs),
  };
  context.record('directory.search.p50_ms', median(samples), 'ms', params);
  context.record('directory.search.p95_ms', percentile(samples, 95), 'ms', params);
}

// --- Server and load ---------------------------------------------------------------------------

type Server = { baseUrl: string; stop(): Promise<void> };

async function startServer(env: Record<string, string>, logLevel: string): Promise<Server> {
  const port = await pickEphemeralPort();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !['DATA_DIR', 'DATABASE_URL', 'PORT', 'LOG_LEVEL'].includes(key),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], {
    env: {
      ...inherited,
      ...env,
      PORT: String(port),
      LOG_LEVEL: logLevel,
      LINKWELL_BENCH_DIRECTORY_SERVER: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The directory bench server exited with ${child.exitCode}`);
    if (performance.now() > deadline) throw new Error('The directory bench server did not start in 180 s');
    const ready = await fetch(`${baseUrl}/health/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    baseUrl,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      process.removeListener('exit', killOnExit);
    },
  };
}

/** The child process: the real application over the prepared database. */
async function serveApplication(): Promise<void> {
  const [{ buildApp }, { loadConfig }, { openConfiguredDatabase }, { developmentSender }] = await Promise.all(
    [import('../src/app'), import('../src/config'), import('../src/main'), import('../src/notify/sender')],
  );
  const config = loadConfig();
  const handle = await openConfiguredDatabase(config);
  const deps = {
    db: handle.db,
    config,
    sender: developmentSender,
    ping: () => handle.ping(),
    limits: { loginPerMinute: 1000, lockoutThreshold: 5, lockoutMinutes: 15 },
  };
  const app = await buildApp(deps, { logger: { level: config.logLevel }, serveWeb: false });
  await app.listen({ port: config.port, host: '127.0.0.1' });
  process.stderr.write(`directory bench server on ${(app.server.address() as AddressInfo).port}\n`);
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => handle.close())
      .then(() => process.exit(0));
  });
}

async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = /lw_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (response.status !== 200 || !cookie) throw new Error(`Signing in failed: ${response.status}`);
  return `lw_session=${cookie}`;
}

async function runLoad(options: { baseUrl: string; paths: string[]; cookie: string; seconds: number }) {
  const latencies: number[] = [];
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: 50,
        duration: options.seconds,
        headers: { cookie: options.cookie },
        requests: [
          {
            setupRequest: (request) => ({ ...request, path: options.paths[next++ % options.paths.length]! }),
          },
        ],
      },
      (error, finished) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

async function runDirectoryBench(context: BenchContext): Promise<void> {
  const count = context.isQuick ? 5000 : 50_000;
  const seconds = context.isQuick ? 3 : 10;
  const database = await createFreshDatabase(context.target, 'directory');
  try {
    const handle = await database.open();
    let places: Place[];
    let credentials: { email: string; password: string };
    try {
      context.progress(`generating ${count.toLocaleString('en-GB')} services across London`);
      const generated = await generateDirectory(context, handle, count);
      places = generated.places;
      context.record('directory.generate.per_s', count / (generated.generationMs / 1000), 'services/s', {
        services: count,
        writer: 'saveServices, 1,000 per transaction',
      });
      context.progress('in-process combined search');
      await measureInProcess(context, handle.db, places);
      const programme = await buildProgramme(handle.db);
      const { user, password } = await buildUser(handle.db, {
        role: 'link_worker',
        programmeId: programme.id,
      });
      credentials = { email: user.email, password };
    } finally {
      await handle.close();
    }

    const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
    const server = await startServer(database.env, logLevel);
    try {
      const cookie = await signIn(server.baseUrl, credentials.email, credentials.password);
      const generator = random(99);
      const paths = Array.from({ length: 500 }, () => searchPath(combinedQuery(generator, places)));
      const check = await fetch(server.baseUrl + paths[0]!, { headers: { cookie } });
      if (check.status !== 200) throw new Error(`The search answered ${check.status}: ${await check.text()}`);
      context.progress('warming up for 2 s');
      await runLoad({ baseUrl: server.baseUrl, paths, cookie, seconds: 2 });
      context.progress(`trivial route GET /api/session, 50 connections, ${seconds} s`);
      const trivial = await runLoad({ baseUrl: server.baseUrl, paths: ['/api/session'], cookie, seconds });
      context.progress(`combined search, 50 connections, ${seconds} s`);
      const search = await runLoad({ baseUrl: server.baseUrl, paths, cookie, seconds });
      const params = {
        connections: 50,
        durationSeconds: seconds,
        services: count,
        serverLogLevel: logLevel,
        non2xx: search.non2xx,
        trivialRps: Math.round(trivial.requestsPerSecond),
        trivialNon2xx: trivial.non2xx,
      };
      if (search.non2xx > 0 || trivial.non2xx > 0)
        context.progress(
          `WARNING: ${search.non2xx + trivial.non2xx} failed responses: the figures are not valid`,
        );
      context.record('directory.search.http.p50_ms', search.p50, 'ms', params);
      context.record('directory.search.http.p95_ms', search.p95, 'ms', params);
      context.record('directory.search.http.rps', search.requestsPerSecond, 'req/s', params);
      context.record(
        'directory.search.ratio_to_trivial',
        search.requestsPerSecond / trivial.requestsPerSecond,
        'ratio',
        params,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await database.dispose();
  }
}

if (process.env.LINKWELL_BENCH_DIRECTORY_SERVER === '1') await serveApplication();
