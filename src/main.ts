// Starts Linkwell: validate configuration, open the database (PGlite or PostgreSQL), migrate,
// load demo data on first start, start the background worker and listen.
import { buildApp } from './app';
import { ConfigError, loadConfigOrExit, type Config } from './config';
import { DataDirectoryLockedError, isDatabaseEmpty, openDatabase, type DatabaseHandle } from './db/client';
import { currentRole, grantAppRole } from './db/app-role';
import { hasPendingMigrations } from './db/migration-state';
import { seedDemoData, type DemoLogin } from './demo/seed';
import { demoGpApiKey, demoGpPracticeName } from './demo/api-clients';
import { syncTaxonomies } from './directory/sync-taxonomies';
import { loadGeography } from './geo';
import { createSender } from './notify/create-sender';
import type { NotificationSender } from './notify/sender';
import { startOutboxWorker } from './notify/worker';
import { startWebhookWorker } from './webhooks/worker';
import { startStaleServiceJob } from './directory/curation/flag-stale-services';
import { startOnwardResponseWindowJob } from './referrals/onward/chase-unanswered';
import { startAccessTokenCleanupJob } from './accounts/access-tokens';
import type { AppDeps } from './http/context';

export const defaultLimits: AppDeps['limits'] = {
  loginPerMinute: 10,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
};

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir });
}

function printLogins(config: Config, logins: DemoLogin[], sender: NotificationSender): void {
  const mailbox =
    sender.name === 'development'
      ? `    Development mailbox: ${config.publicUrl}/dev/mail`
      : '    Messages go out through GOV.UK Notify';
  const lines = [
    '',
    `Linkwell is running at ${config.publicUrl}`,
    `  API docs: ${config.publicUrl}/api/docs${mailbox}`,
    `  FHIR R4: ${config.publicUrl}/fhir/metadata`,
  ];
  if (logins.length > 0) {
    lines.push('', 'Demo logins (one per role):');
    const roleWidth = Math.max(...logins.map((l) => l.role.length));
    const emailWidth = Math.max(...logins.map((l) => l.email.length));
    for (const login of logins) {
      const note = login.note ? `  ${login.note}` : '';
      lines.push(
        `  ${login.role.padEnd(roleWidth)}  ${login.email.padEnd(emailWidth)}  ${login.password}${note}`,
      );
    }
    lines.push(
      '',
      `Demo GP system API key (${demoGpPracticeName}): ${demoGpApiKey}`,
      '  Try the FHIR referral loop: npm run demo:gp',
    );
  }
  console.log(lines.join('\n') + '\n');
}

/**
 * Everything a Linkwell database needs before the app serves from it: migrations, the shared
 * taxonomies and the London geography. Idempotent and cheap once done; used at start-up, by
 * `npm run db:migrate`, and for the test template database.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  log: (line: string) => void = () => {},
): Promise<void> {
  // Up to date, nothing is migrated: the app's own role may read but not own the tables (see
  // db/app-role.ts), and then only the owner can run a migration.
  if (await hasPendingMigrations(handle.db)) await handle.migrate();
  await syncTaxonomies(handle.db);
  const geography = await loadGeography(handle.db);
  if (!geography.isAlreadyLoaded) {
    log(`Loaded London postcodes (${geography.insertedRows.postcodes}) in ${geography.milliseconds} ms`);
  }
}

export const singleRoleWarning =
  'Warning: the app’s database role (DATABASE_URL) owns the tables, so it could rewrite the ' +
  'append-only audit log. Set MIGRATION_DATABASE_URL to a separate owner role (see README, Configuration).';

/**
 * Prepares the configured database, at start-up and for `npm run db:migrate`. With
 * MIGRATION_DATABASE_URL the owner role migrates and then grants the app's role (DATABASE_URL's)
 * row privileges only; without it one role does everything, as on PGlite, with a warning on
 * PostgreSQL.
 */
export async function prepareConfiguredDatabase(
  config: Config,
  handle: DatabaseHandle,
  log: (line: string) => void = () => {},
): Promise<void> {
  if (!config.migrationDatabaseUrl) {
    if (handle.kind === 'postgres') log(singleRoleWarning);
    await prepareDatabase(handle, log);
    return;
  }
  const owner = await openDatabase({ kind: 'postgres', url: config.migrationDatabaseUrl, poolSize: 2 });
  try {
    await prepareDatabase(owner, log);
    const appRole = await currentRole(handle.db);
    if (appRole === (await currentRole(owner.db))) log(singleRoleWarning);
    else await grantAppRole({ ownerDb: owner.db, appRole });
  } finally {
    await owner.close();
  }
}

/** For command-line entry points: the database, or a clear message when another process holds it. */
export async function openConfiguredDatabaseOrExit(config: Config): Promise<DatabaseHandle> {
  try {
    return await openConfiguredDatabase(config);
  } catch (error) {
    if (error instanceof DataDirectoryLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const handle = await openConfiguredDatabaseOrExit(config);
  await prepareConfiguredDatabase(config, handle, (line) => console.log(line));

  let logins: DemoLogin[] = [];
  if (config.loadDemoData && (await isDatabaseEmpty(handle.db))) {
    console.log('First start: loading demo data…');
    logins = await seedDemoData(handle.db);
  }

  let sender: NotificationSender;
  try {
    sender = createSender(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      await handle.close();
      process.exit(1);
    }
    throw error;
  }
  const app = await buildApp({
    db: handle.db,
    config,
    sender,
    ping: () => handle.ping(),
    limits: defaultLimits,
  });
  const worker = startOutboxWorker({ db: handle.db, sender, log: app.log });
  const webhookWorker = startWebhookWorker({
    db: handle.db,
    log: app.log,
    allowLoopback: config.allowLoopbackWebhooks,
  });
  const staleJob = startStaleServiceJob({
    db: handle.db,
    publicUrl: config.publicUrl,
    log: app.log,
    staleAfterDays: config.staleAfterDays,
  });
  const responseWindowJob = startOnwardResponseWindowJob({
    db: handle.db,
    publicUrl: config.publicUrl,
    log: app.log,
  });
  const accessTokenJob = startAccessTokenCleanupJob({ db: handle.db, log: app.log });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await staleJob.stop();
    await responseWindowJob.stop();
    await accessTokenJob.stop();
    await worker.stop();
    await webhookWorker.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (logins.length === 0 && config.loadDemoData) {
    console.log('(Demo data was loaded on an earlier start; the demo logins are listed in the README.)');
  }
  printLogins(config, logins, sender);
}
