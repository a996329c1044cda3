// Staleness: entries nobody has confirmed for a while (default 6 months) are flagged and their
// owners asked, through the outbox, to confirm them. One email per person lists all their stale
// services; a service is asked about at most once per reminder period.
import { and, eq, gt, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '../../db/client';
import { services, serviceVerificationRequests } from '../../db/schema';
import { startPeriodicJob, type JobLog, type PeriodicJob } from '../../jobs/periodic-job';
import { queueNotification } from '../../notify/outbox';
import {
  boroughCodesOfService,
  findCurators,
  findCuratingProgrammes,
  findOwnerStaff,
  type Recipient,
} from './curators';
import { confirmServicesMessage } from './messages';

export const defaultStaleAfterDays = 183;
const dayMs = 24 * 60 * 60 * 1000;

/** For search and service pages: is this entry unverified (never confirmed, or not for the period)? */
export function isServiceStale(
  lastVerifiedAt: Date | null,
  now = new Date(),
  staleAfterDays = defaultStaleAfterDays,
): boolean {
  return !lastVerifiedAt || lastVerifiedAt.getTime() < now.getTime() - staleAfterDays * dayMs;
}

export type FlagStaleServicesOptions = {
  db: Database;
  now?: Date;
  publicUrl: string;
  staleAfterDays?: number;
  remindEveryDays?: number;
};

export type FlagStaleServicesResult = {
  /** False when another instance held the lock, so this run did nothing. */
  ran: boolean;
  staleServices: number;
  remindersQueued: number;
  servicesWithoutRecipient: number;
};

// Any fixed number shared by every instance: pg_try_advisory_xact_lock takes a bigint key.
const staleJobLockKey = 7_310_402_611;

export async function flagStaleServices(options: FlagStaleServicesOptions): Promise<FlagStaleServicesResult> {
  const now = options.now ?? new Date();
  const staleAfterDays = options.staleAfterDays ?? defaultStaleAfterDays;
  const remindEveryDays = options.remindEveryDays ?? 30;
  return options.db.transaction(async (tx) => {
    // A transaction-scoped advisory lock: with several app instances only one runs the pass, and the
    // lock is released at commit (or when a crashed connection goes). Works on PGlite as well.
    const lockRows = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${staleJobLockKey}) as locked`,
    );
    if (!lockRows[0]?.locked)
      return { ran: false, staleServices: 0, remindersQueued: 0, servicesWithoutRecipient: 0 };
    return flagWithin(tx, { now, staleAfterDays, remindEveryDays, publicUrl: options.publicUrl });
  });
}

async function flagWithin(
  db: Executor,
  options: { now: Date; staleAfterDays: number; remindEveryDays: number; publicUrl: string },
): Promise<FlagStaleServicesResult> {
  const staleBefore = new Date(options.now.getTime() - options.staleAfterDays * dayMs);
  const askedSince = new Date(options.now.getTime() - options.remindEveryDays * dayMs);
  const stale = await db
    .select({
      id: services.id,
      name: services.name,
      organisationId: services.organisationId,
      lastVerifiedAt: services.lastVerifiedAt,
    })
    .from(services)
    .where(
      and(
        inArray(services.status, ['active', 'temporarily closed']),
        or(isNull(services.lastVerifiedAt), lt(services.lastVerifiedAt, staleBefore)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(serviceVerificationRequests)
            .where(
              and(
                eq(serviceVerificationRequests.serviceId, services.id),
                gt(serviceVerificationRequests.requestedAt, askedSince),
              ),
            ),
        ),
      ),
    )
    .orderBy(services.name);

  // Owners first (the organisation's provider staff); a service whose organisation has nobody on
  // Linkwell goes to the coordinators of the programmes that curate it.
  const owners = await findOwnerStaff(db, [...new Set(stale.map((s) => s.organisationId))]);
  const byRecipient = new Map<string, { recipient: Recipient; services: typeof stale }>();
  const recipientCount = new Map<string, number>();
  let servicesWithoutRecipient = 0;
  for (const service of stale) {
    let recipients: Recipient[] = owners.filter((o) => o.organisationId === service.organisationId);
    if (recipients.length === 0) {
      const curating = await findCuratingProgrammes(db, await boroughCodesOfService(db, service.id));
      recipients = await findCurators(
        db,
        curating.map((p) => p.id),
      );
    }
    if (recipients.length === 0) servicesWithoutRecipient += 1;
    recipientCount.set(service.id, recipients.length);
    for (const recipient of recipients) {
      const key = recipient.email.toLowerCase();
      const entry = byRecipient.get(key) ?? { recipient, services: [] };
      entry.services.push(service);
      byRecipient.set(key, entry);
    }
  }

  for (const { recipient, services: theirs } of byRecipient.values()) {
    await queueNotification(db, {
      channel: 'email',
      recipient: recipient.email,
      programmeId: recipient.programmeId,
      personalisation: { serviceIds: theirs.map((s) => s.id) },
      ...confirmServicesMessage({
        recipientName: recipient.name,
        staleAfterDays: options.staleAfterDays,
        services: theirs.map((s) => ({
          name: s.name,
          url: `${options.publicUrl}/directory/services/${s.id}`,
          lastVerifiedAt: s.lastVerifiedAt,
        })),
      }),
    });
  }
  // Recorded even when nobody could be asked, so the pass does not re-examine it every hour.
  if (stale.length > 0) {
    await db.insert(serviceVerificationRequests).values(
      stale.map((s) => ({
        serviceId: s.id,
        requestedAt: options.now,
        recipientCount: recipientCount.get(s.id) ?? 0,
      })),
    );
  }
  return {
    ran: true,
    staleServices: stale.length,
    remindersQueued: byRecipient.size,
    servicesWithoutRecipient,
  };
}

/**
 * Runs flagStaleServices shortly after start and then hourly. Safe with several instances: each
 * pass takes a transaction-scoped advisory lock, and the reminder period stops repeats.
 */
export function startStaleServiceJob(options: {
  db: Database;
  publicUrl: string;
  log: JobLog;
  intervalMs?: number;
  staleAfterDays?: number;
}): PeriodicJob {
  return startPeriodicJob({
    name: 'asked owners to confirm stale directory entries',
    intervalMs: options.intervalMs ?? 60 * 60 * 1000,
    log: options.log,
    run: async () => {
      const result = await flagStaleServices({
        db: options.db,
        publicUrl: options.publicUrl,
        staleAfterDays: options.staleAfterDays,
      });
      return result.staleServices > 0 ? result : undefined;
    },
  });
}
