// FHIR figures (the FHIR R4 API, docs/DESIGN.md §8), with the real server as a child process over a fresh database:
// - fhir.servicerequest.per_s: POST /fhir/ServiceRequest at 50 connections with a GP system's API
//   key, each a new identifier and a new person (varied names and dates of birth among existing
//   people, so the duplicate-person check finds candidates and rejects them), with p50/p95.
// - fhir.webhook.delay_ms: a FHIR Subscription (rest-hook, with payload) to a receiver on
//   127.0.0.1; referrals sent over FHIR and then accepted by a link worker over the REST API; the
//   app's own webhook worker (polling every 250 ms) posts each Task change.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { generateApiKey } from '../src/accounts/api-keys';
import { hashToken } from '../src/accounts/tokens';
import { queryRows, type Executor } from '../src/db/client';
import { apiClients, programmeReferringOrganisations } from '../src/db/schema';
import { buildProgrammeWithTeam } from '../test/support/factories';
import { gpServiceRequest } from '../test/support/fhir-referral';
import { startAppProcess } from './app-process';
import { createFreshDatabase } from './databases';
import type { BenchContext, BenchGroup } from './group';
import { signInOverHttp, type Session } from './http-load';
import { percentile } from './report';

export const fhir: BenchGroup = {
  name: 'fhir',
  description: 'FHIR ServiceRequest creates/s at 50 connections; webhook delivery delay (rest-hook)',
  run: runFhirBench,
};

const fhirContentType = 'application/fhir+json';
const connections = 50;
const requestTimeoutSeconds = 30;

type Prepared = {
  apiKey: string;
  linkWorker: { email: string; password: string };
};

/** A programme taking referrals from one GP practice with an API key, and `peopleCount` people in it. */
async function prepare(context: BenchContext, db: Executor, peopleCount: number): Promise<Prepared> {
  const team = await buildProgrammeWithTeam(db);
  const gpId = team.referrer.user.organisationId!;
  await db
    .insert(programmeReferringOrganisations)
    .values({ programmeId: team.programme.id, organisationId: gpId });
  const { key, prefix } = generateApiKey();
  await db
    .insert(apiClients)
    .values({ organisationId: gpId, name: 'Bench GP system', keyPrefix: prefix, keyHash: hashToken(key) });
  // Two people per date of birth over the range the load draws from: every create's duplicate
  // check finds candidates with the same date of birth and must compare their names.
  context.progress(`inserting ${peopleCount.toLocaleString('en-GB')} people`);
  await db.execute(sql`insert into people (programme_id, given_name, family_name, date_of_birth, postcode)
    select ${team.programme.id}::uuid,
      (array['Ada','Bola','Chen','Dara','Eitan','Fatima','Grace','Hamza','Ines','Jon'])[1 + g % 10],
      'Existing-' || g, date '1935-01-01' + (g % ${birthDateSpanDays}::int), 'N17 6HB'
    from generate_series(1, ${peopleCount}::int) g`);
  await db.execute(sql`analyze`);
  return {
    apiKey: key,
    linkWorker: { email: team.linkWorker.user.email, password: team.linkWorker.password },
  };
}

const birthDateSpanDays = 25_000;
const givenNames = ['Amara', 'Ben', 'Chloe', 'Dev', 'Efua', 'Femi', 'Gita', 'Hugo', 'Iris', 'Jamal', 'Kemal'];

/** Random letters: unlike "Loadtest-1"/"Loadtest-2", two such names are never similar enough to merge. */
function unlikeFamilyName(): string {
  const letters = [...randomBytes(9)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return letters[0]!.toUpperCase() + letters.slice(1);
}

function serviceRequest(index: number) {
  const birthDate = new Date(Date.UTC(1935, 0, 1) + ((index * 7919) % birthDateSpanDays) * 86_400_000);
  return gpServiceRequest({
    identifier: `bench-${randomUUID()}`,
    givenName: givenNames[index % givenNames.length]!,
    familyName: unlikeFamilyName(),
    birthDate: birthDate.toISOString().slice(0, 10),
  });
}

type CreateLoad = {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  responses: number;
  /** Any answer but 201, plus connection errors and timeouts: with any, the figures do not count. */
  not201: number;
  statusCounts: Record<string, number>;
  /** Connection errors and timeouts (autocannon counts a timeout as an error too). */
  errors: number;
  timeouts: number;
  max: number;
  firstFailure?: string;
};

/**
 * ServiceRequest creates with autocannon. runHttpLoad (http-load.ts) signs in with a session and
 * counts any 2xx as success; here the client is an API key and only 201 (a new referral) counts.
 */
async function loadServiceRequestCreates(options: {
  baseUrl: string;
  apiKey: string;
  seconds: number;
}): Promise<CreateLoad> {
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let next = 0;
  let firstFailure: string | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections,
        duration: options.seconds,
        // A GP system waits this long (autocannon's default is 10 s): on PGlite, where every
        // statement waits its turn, a few of 50 concurrent creates can take over 10 s, and that
        // belongs in the latency figures rather than being dropped as an error.
        timeout: requestTimeoutSeconds,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          'content-type': fhirContentType,
          accept: fhirContentType,
        },
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              method: 'POST',
              path: '/fhir/ServiceRequest',
              body: JSON.stringify(serviceRequest(next++)),
            }),
            onResponse: (status, body) => {
              statusCounts[status] = (statusCounts[status] ?? 0) + 1;
              if (status !== 201 && !firstFailure) firstFailure = `${status} ${String(body).slice(0, 300)}`;
            },
          },
        ],
      },
      (error, finished) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const created = statusCounts['201'] ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    responses: latencies.length,
    not201: latencies.length - created + result.errors,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    max: Math.max(...latencies),
    ...(firstFailure ? { firstFailure } : {}),
  };
}

/** A subscriber's endpoint: answers 200 to everything and counts what arrived. */
async function startReceiver() {
  let received = 0;
  let lastArrival = performance.now();
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      lastArrival = performance.now();
      response.statusCode = 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`,
    received: () => received,
    quietForMs: () => performance.now() - lastArrival,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const asClient = (apiKey: string, method: string, body: unknown): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${apiKey}`, 'content-type': fhirContentType },
  body: JSON.stringify(body),
});

async function request(baseUrl: string, path: string, init: RequestInit, expected: number) {
  const response = await fetch(baseUrl + path, init);
  const text = await response.text();
  if (response.status !== expected)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * One create, answered before going on. Before a load it pays for the first request (compiling the
 * FHIR schema); after one it waits out the requests the load left queued at the server, which
 * would otherwise slow the next measurement (on PGlite every statement waits its turn).
 */
async function createOne(baseUrl: string, apiKey: string): Promise<void> {
  await request(baseUrl, '/fhir/ServiceRequest', asClient(apiKey, 'POST', serviceRequest(0)), 201);
}

/**
 * Subscribes, makes `count` referrals over FHIR and accepts each as the link worker (two Task
 * changes each, one at a time as a practice and a link worker would), and waits until the receiver
 * has had them all and nothing more arrives. Returns the subscription's id.
 */
async function makeTaskChanges(options: {
  context: BenchContext;
  baseUrl: string;
  apiKey: string;
  linkWorker: Session;
  endpoint: string;
  count: number;
  received: () => number;
  quietForMs: () => number;
}): Promise<string> {
  const { baseUrl, count } = options;
  const subscription = await request(
    baseUrl,
    '/fhir/Subscription',
    asClient(options.apiKey, 'POST', {
      resourceType: 'Subscription',
      status: 'requested',
      reason: 'Bench: follow referrals',
      criteria: 'Task',
      channel: { type: 'rest-hook', endpoint: options.endpoint, payload: fhirContentType },
    }),
    201,
  );
  options.context.progress(`${count} referrals over FHIR, each accepted by a link worker`);
  const session = {
    cookie: options.linkWorker.cookie,
    'x-csrf-token': options.linkWorker.csrfToken,
    'content-type': 'application/json',
  };
  for (let index = 0; index < count; index++) {
    const created = await request(
      baseUrl,
      '/fhir/ServiceRequest',
      asClient(options.apiKey, 'POST', serviceRequest(index)),
      201,
    );
    const referral = await request(
      baseUrl,
      `/api/referrals/${String(created.id)}`,
      { headers: session },
      200,
    );
    await request(
      baseUrl,
      `/api/referrals/${String(created.id)}/actions`,
      {
        method: 'POST',
        headers: session,
        body: JSON.stringify({ action: 'accept', version: referral.version }),
      },
      200,
    );
  }
  // Each referral makes at least two deliveries (received, accepted); wait for those and then for
  // a second with nothing arriving, so later changes of the same Tasks are in too.
  const deadline = performance.now() + 120_000;
  while (options.received() < 2 * count || options.quietForMs() < 1000) {
    if (performance.now() > deadline)
      throw new Error(`Only ${options.received()} of at least ${2 * count} webhooks arrived within 120 s.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return String(subscription.id);
}

type DeliveryTiming = { status: string; event_type: string; delay_ms: number | null };

async function runFhirBench(context: BenchContext): Promise<void> {
  const peopleCount = context.isQuick ? 5_000 : 50_000;
  const seconds = context.isQuick ? 3 : 10;
  const webhookReferrals = context.isQuick ? 40 : 200;
  const database = await createFreshDatabase(context.target, 'fhir');
  const problems: string[] = [];
  try {
    let prepared: Prepared;
    const handle = await database.open();
    try {
      await handle.migrate();
      prepared = await prepare(context, handle.db, peopleCount);
    } finally {
      await handle.close();
    }

    const receiver = await startReceiver();
    const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
    const app = await startAppProcess({ env: database.env, isDemoData: false, logLevel });
    let subscriptionId: string;
    try {
      context.progress('warming up ServiceRequest creates for 2 s');
      await createOne(app.baseUrl, prepared.apiKey);
      await loadServiceRequestCreates({ baseUrl: app.baseUrl, apiKey: prepared.apiKey, seconds: 2 });
      await createOne(app.baseUrl, prepared.apiKey);
      context.progress(`ServiceRequest creates, ${connections} connections, ${seconds} s`);
      const load = await loadServiceRequestCreates({
        baseUrl: app.baseUrl,
        apiKey: prepared.apiKey,
        seconds,
      });
      await createOne(app.baseUrl, prepared.apiKey);
      const params = {
        connections,
        durationSeconds: seconds,
        existingPeople: peopleCount,
        route: 'POST /fhir/ServiceRequest (API key; schema validation, new person, duplicate check, Task)',
        responses: load.responses,
        statusCounts: load.statusCounts,
        errors: load.errors,
        timeouts: load.timeouts,
        timeoutSeconds: requestTimeoutSeconds,
        maxMs: load.max,
        ...(load.firstFailure ? { firstFailure: load.firstFailure } : {}),
      };
      context.record('fhir.servicerequest.not_201', load.not201, 'responses', params);
      if (load.not201 > 0 || load.responses === 0) {
        problems.push(
          `${load.not201} creates were not answered 201: statuses ${JSON.stringify(load.statusCounts)}, ` +
            `${load.errors} errors, ${load.timeouts} timeouts${load.firstFailure ? `; first: ${load.firstFailure}` : ''}`,
        );
      } else {
        context.record('fhir.servicerequest.per_s', load.requestsPerSecond, 'req/s', params);
        context.record('fhir.servicerequest.p50_ms', load.p50, 'ms', params);
        context.record('fhir.servicerequest.p95_ms', load.p95, 'ms', params);
      }

      const linkWorker = await signInOverHttp(
        app.baseUrl,
        prepared.linkWorker.email,
        prepared.linkWorker.password,
      );
      subscriptionId = await makeTaskChanges({
        context,
        baseUrl: app.baseUrl,
        apiKey: prepared.apiKey,
        linkWorker,
        endpoint: receiver.endpoint,
        count: webhookReferrals,
        received: receiver.received,
        quietForMs: receiver.quietForMs,
      });
    } finally {
      await app.stop();
      await receiver.close();
    }

    // Measured in the database, after the server stopped (PGlite allows one process at a time):
    // delivered_at (recorded by the worker once the receiver answered 2xx) minus occurred_at (the
    // change's time, in the transaction that queued the delivery). So the figure covers commit,
    // the worker's polling interval, the POST and the receiver's answer.
    const read = await database.open();
    let timings: DeliveryTiming[];
    try {
      timings = await queryRows<DeliveryTiming>(
        read.db,
        sql`select status, event_type,
              extract(epoch from (delivered_at - occurred_at)) * 1000 as delay_ms
            from webhook_deliveries where subscription_id = ${subscriptionId}::uuid`,
      );
    } finally {
      await read.close();
    }
    const undelivered = timings.filter((row) => row.status !== 'delivered').length;
    const delays = timings.filter((row) => row.delay_ms !== null).map((row) => Number(row.delay_ms));
    const params = {
      referrals: webhookReferrals,
      deliveries: timings.length,
      undelivered,
      measured: 'webhook_deliveries.delivered_at - occurred_at',
      changes: 'ServiceRequest over FHIR, then accept over the REST API, one at a time',
      workerPollMs: 250,
    };
    context.record('fhir.webhook.undelivered', undelivered, 'deliveries', params);
    if (undelivered > 0 || timings.length < 2 * webhookReferrals) {
      problems.push(`${undelivered} of ${timings.length} webhook deliveries were not delivered`);
    } else {
      context.record('fhir.webhook.delay_ms', percentile(delays, 50), 'ms', {
        ...params,
        statistic: 'median',
      });
      context.record('fhir.webhook.delay.p95_ms', percentile(delays, 95), 'ms', params);
    }
  } finally {
    await database.dispose();
  }
  if (problems.length > 0) throw new Error(`The FHIR figures are not valid: ${problems.join('; ')}`);
}
