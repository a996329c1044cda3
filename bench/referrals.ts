// Referral figures (the referral loop, docs/DESIGN.md §3): referral creates per second at 50 connections over real HTTP (each
// with the duplicate-person check, the event row, audit rows and the coordinators' message in the
// outbox), and the link worker's caseload and queue page queries with 200,000 referrals in one
// programme. Targets on PostgreSQL: over 500 creates/s; caseload p95 under 30 ms.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client';
import { programmeReferringOrganisations } from '../src/db/schema';
import { buildOrganisation, buildProgramme, buildUser } from '../test/support/factories';
import { startAppProcess } from './app-process';
import { createFreshDatabase } from './databases';
import type { BenchContext, BenchGroup } from './group';
import { runHttpLoad, signInOverHttp, timeSequentialGets } from './http-load';

export const referrals: BenchGroup = {
  name: 'referrals',
  description: 'referral creates/s at 50 connections; caseload and queue pages with 200,000 referrals',
  run: runReferralsBench,
};

const linkWorkerCount = 100;

type Prepared = {
  referrer: { email: string; password: string };
  linkWorker: { email: string; password: string };
  coordinator: { email: string; password: string };
};

/**
 * One programme with `count` referrals over 18 months, one person each, spread over 100 link
 * workers; 2% open on caseloads (so each link worker has ~count/5,000 open cases), 2% waiting in
 * the queue, the rest closed. Written with INSERT … SELECT generate_series: seconds, not minutes.
 */
async function generateReferrals(
  context: BenchContext,
  db: Parameters<typeof buildProgramme>[0],
  count: number,
): Promise<Prepared> {
  const gp = await buildOrganisation(db, { type: 'gp_practice', name: 'Bench Surgery' });
  const programme = await buildProgramme(db, { areas: ['Haringey'] });
  await db
    .insert(programmeReferringOrganisations)
    .values({ programmeId: programme.id, organisationId: gp.id });
  const referrer = await buildUser(db, { role: 'referrer', organisationId: gp.id });
  const coordinator = await buildUser(db, { role: 'coordinator', programmeId: programme.id });
  const workers = [];
  for (let i = 0; i < linkWorkerCount; i++)
    workers.push((await buildUser(db, { role: 'link_worker', programmeId: programme.id })).user.id);
  const workerArray = sql.raw(`array[${workers.map((id) => `'${id}'::uuid`).join(',')}]`);
  const programmeId = programme.id;

  context.progress(`inserting ${count.toLocaleString('en-GB')} people`);
  await db.execute(sql`insert into people (id, programme_id, given_name, family_name, date_of_birth, postcode)
    select md5('bench-person-' || g)::uuid, ${programmeId}::uuid,
      (array['Ada','Bola','Chen','Dara','Eitan','Fatima','Grace','Hamza','Ines','Jon'])[1 + g % 10],
      'Bench-' || g, date '1935-01-01' + (g % 25000), 'N17 6HB'
    from generate_series(1, ${count}::int) g`);

  // g = 100·m + k belongs to link worker k; m % 50 = 0 is open on the caseload, m % 50 = 25 waits
  // unassigned in the queue, everything else is closed.
  context.progress(`inserting ${count.toLocaleString('en-GB')} referrals`);
  await db.execute(sql`insert into referrals (id, programme_id, person_id, reference, source_type,
      referring_organisation_id, referrer_name, referrer_email, needs, reason_text, urgency,
      consent_to_referral, consent_to_share, consent_method, consent_recorded_by, consent_recorded_at,
      status, assigned_link_worker_id, received_at, accepted_at, closed_at, closure_reason)
    select md5('bench-referral-' || g)::uuid, ${programmeId}::uuid, md5('bench-person-' || g)::uuid,
      'B' || lpad(g::text, 9, '0'), 'gp_practice', ${gp.id}::uuid, 'Dr Bench', 'bench@example.test',
      array[(array['loneliness','money_debt','housing','mental_wellbeing','physical_activity'])[1 + g % 5]],
      'Bench referral', case when g % 17 = 0 then 'urgent' else 'routine' end,
      true, true, 'verbal', 'Dr Bench', received,
      case when (g / 100) % 50 = 0 then (array['accepted','contacting','in_progress','on_hold'])[1 + (g / 100) % 4]
           when (g / 100) % 50 = 25 then 'received' else 'completed' end,
      case when (g / 100) % 50 = 25 then null else (${workerArray})[1 + g % 100] end,
      received,
      case when (g / 100) % 50 = 25 then null else received + interval '2 days' end,
      case when (g / 100) % 50 in (0, 25) then null else received + interval '60 days' end,
      case when (g / 100) % 50 in (0, 25) then null else 'connected_to_services' end
    from generate_series(1, ${count}::int) g,
      lateral (select now() - make_interval(days => g % 540, mins => g % 1440) as received) r`);
  await db.execute(sql`update people p set assigned_link_worker_id = r.assigned_link_worker_id
    from referrals r where r.person_id = p.id and r.programme_id = ${programmeId}::uuid
      and r.status in ('accepted','contacting','in_progress','on_hold')`);
  context.progress('inserting events and tasks');
  await db.execute(sql`insert into referral_events (programme_id, referral_id, type, to_status, actor_label,
      is_visible_to_referrer, occurred_at)
    select programme_id, id, 'referral.received', 'received', 'Dr Bench', true, received_at
    from referrals where programme_id = ${programmeId}::uuid`);
  await db.execute(sql`insert into tasks (programme_id, referral_id, kind, title, due_at, assigned_user_id)
    select programme_id, id, 'follow_up', 'Follow-up call', received_at + interval '56 days', assigned_link_worker_id
    from referrals where programme_id = ${programmeId}::uuid
      and status in ('accepted','contacting','in_progress','on_hold')`);
  await db.execute(sql`analyze`);
  return {
    referrer: { email: referrer.user.email, password: referrer.password },
    // Link worker k = 0 owns g = 100·m: count/100 referrals, count/5,000 of them open.
    linkWorker: {
      email: (
        await queryRows<{ email: string }>(db, sql`select email from users where id = ${workers[0]}::uuid`)
      )[0]!.email,
      password: coordinator.password,
    },
    coordinator: { email: coordinator.user.email, password: coordinator.password },
  };
}

const givenNames = ['Amara', 'Ben', 'Chloe', 'Dev', 'Efua', 'Femi', 'Gita', 'Hugo', 'Iris', 'Jamal'];

/** A new person each time, so every create runs the duplicate check and creates a person. */
function referralBody(index: number) {
  return {
    person: {
      givenName: givenNames[index % givenNames.length],
      familyName: `Loadtest-${index}-${randomUUID().slice(0, 8)}`,
      dateOfBirth: `19${40 + (index % 50)}-0${1 + (index % 9)}-1${index % 10}`,
      postcode: 'N17 6HB',
      phone: '07700 900123',
    },
    needs: ['loneliness'],
    reasonText: 'Lives alone and rarely goes out since a fall.',
    urgency: 'routine',
    contactPreferences: {},
    consent: { toReferral: true, toShare: true, sharedFields: ['contact_details'], method: 'verbal' },
    referrer: { notifyBy: 'email' },
  };
}

async function runReferralsBench(context: BenchContext): Promise<void> {
  const count = context.isQuick ? 20_000 : 200_000;
  const seconds = context.isQuick ? 3 : 10;
  const database = await createFreshDatabase(context.target, 'referrals');
  let prepared: Prepared;
  try {
    const handle = await database.open();
    try {
      await handle.migrate();
      const started = performance.now();
      prepared = await generateReferrals(context, handle.db, count);
      context.record('referrals.generate_s', (performance.now() - started) / 1000, 's', { referrals: count });
    } finally {
      await handle.close();
    }
    const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
    const app = await startAppProcess({ env: database.env, isDemoData: false, logLevel });
    try {
      const linkWorker = await signInOverHttp(
        app.baseUrl,
        prepared.linkWorker.email,
        prepared.linkWorker.password,
      );
      const coordinator = await signInOverHttp(
        app.baseUrl,
        prepared.coordinator.email,
        prepared.coordinator.password,
      );
      const pages = context.isQuick ? 30 : 200;
      const params = { referrals: count, linkWorkers: linkWorkerCount, requests: pages, connections: 1 };
      context.progress(`caseload page, ${pages} sequential requests`);
      await timeSequentialGets({
        baseUrl: app.baseUrl,
        session: linkWorker,
        paths: Array.from({ length: 10 }, () => '/api/referrals?view=caseload'),
      });
      const caseload = await timeSequentialGets({
        baseUrl: app.baseUrl,
        session: linkWorker,
        paths: Array.from({ length: pages }, () => '/api/referrals?view=caseload'),
      });
      context.record('referrals.caseload.p50_ms', caseload.p50, 'ms', { ...params, failed: caseload.failed });
      context.record('referrals.caseload.p95_ms', caseload.p95, 'ms', { ...params, failed: caseload.failed });
      context.progress(`triage queue page (coordinator), ${pages} sequential requests`);
      const queue = await timeSequentialGets({
        baseUrl: app.baseUrl,
        session: coordinator,
        paths: Array.from({ length: pages }, () => '/api/referrals?view=queue'),
      });
      context.record('referrals.queue.p95_ms', queue.p95, 'ms', { ...params, failed: queue.failed });

      const referrer = await signInOverHttp(app.baseUrl, prepared.referrer.email, prepared.referrer.password);
      const create = (index: number) => ({
        path: '/api/referrals',
        method: 'POST' as const,
        body: referralBody(index),
        headers: { 'idempotency-key': randomUUID() },
      });
      context.progress('warming up creates for 2 s');
      await runHttpLoad({
        baseUrl: app.baseUrl,
        session: referrer,
        connections: 50,
        seconds: 2,
        request: create,
      });
      context.progress(`referral creates, 50 connections, ${seconds} s`);
      const load = await runHttpLoad({
        baseUrl: app.baseUrl,
        session: referrer,
        connections: 50,
        seconds,
        request: (index) => create(index + 1_000_000),
      });
      const loadParams = {
        connections: 50,
        durationSeconds: seconds,
        existingReferrals: count,
        route: 'POST /api/referrals (GP referrer, new person, duplicate check, event, audit, outbox)',
        failed: load.failed,
        ...(load.firstFailure ? { firstFailure: load.firstFailure } : {}),
      };
      if (load.failed > 0) context.progress(`WARNING: ${load.failed} failed creates: ${load.firstFailure}`);
      context.record('referrals.create.rps', load.requestsPerSecond, 'req/s', loadParams);
      context.record('referrals.create.p95_ms', load.p95, 'ms', loadParams);
    } finally {
      await app.stop();
    }
  } finally {
    await database.dispose();
  }
}
