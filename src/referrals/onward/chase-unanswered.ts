// The response-window job (docs/DESIGN.md §3 rule 6): onward referrals the provider has not answered are reminded
// once when the programme's window passes, and expire some working days later, going back to the
// link worker with a task to choose another service. Each referral is handled in its own
// transaction under the same row locks as a provider's reply, and re-checked after locking, so
// several app instances (or a provider replying at that moment) never double-send or lose a reply.
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { systemActor, type RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import type { Database, Executor } from '../../db/client';
import { onwardReferrals } from '../../db/schema';
import { startPeriodicJob, type JobLog, type PeriodicJob } from '../../jobs/periodic-job';
import { queueNotification } from '../../notify/outbox';
import { lockReferral, programmeSettingsOf, recordReferralEvent, type ReferralRow } from '../store';
import { addWorkingDays } from '../deadlines';
import { scheduleTask } from '../tasks';
import { applyOnwardAction } from './apply-onward-action';
import {
  caseUrl,
  onwardReferralExpiredMessage,
  onwardReferralReminderMessage,
  providerInboxUrl,
} from './messages';
import {
  findOnwardReferral,
  lockOnwardReferral,
  providerStaffOf,
  serviceName,
  userContact,
  type OnwardReferralRow,
} from './queries';
import { formatLongDate, nextResponseWindowStep } from './response-window';

const job = 'onward-response-window';
const actor = systemActor(job);
const origin: RequestOrigin = { requestId: `job:${job}`, ip: null };
const dayMs = 24 * 60 * 60 * 1000;

export type ChaseResult = { checked: number; nudged: number; expired: number };

export async function chaseUnansweredOnwardReferrals(options: {
  db: Database;
  publicUrl: string;
  now?: Date;
  /** At most this many referrals per pass; the rest wait for the next pass. */
  batchSize?: number;
}): Promise<ChaseResult> {
  const now = options.now ?? new Date();
  // Every window is at least one working day, so nothing younger than a day can be due.
  const candidates = await options.db
    .select({ id: onwardReferrals.id })
    .from(onwardReferrals)
    .where(
      and(eq(onwardReferrals.status, 'sent'), lt(onwardReferrals.sentAt, new Date(now.getTime() - dayMs))),
    )
    .orderBy(asc(onwardReferrals.sentAt))
    .limit(options.batchSize ?? 2000);

  const result: ChaseResult = { checked: candidates.length, nudged: 0, expired: 0 };
  for (const { id } of candidates) {
    const step = await options.db.transaction((tx) => chaseOne(tx, id, now, options.publicUrl));
    if (step === 'nudge') result.nudged++;
    if (step === 'expire') result.expired++;
  }
  return result;
}

async function chaseOne(tx: Executor, id: string, now: Date, publicUrl: string) {
  // Parent referral first, then the onward referral: the same lock order as a provider's reply.
  const { referralId } = await findOnwardReferral(tx, id);
  const referral = await lockReferral(tx, referralId);
  const onward = await lockOnwardReferral(tx, id);
  if (onward.status !== 'sent') return 'wait';
  const settings = await programmeSettingsOf(tx, onward.programmeId);
  const step = nextResponseWindowStep(onward, settings, now);
  if (step.kind === 'nudge') await nudgeProvider(tx, onward, step.expiresAt, now, publicUrl);
  if (step.kind === 'expire') await expireAndReturn(tx, referral, onward, now, publicUrl);
  return step.kind;
}

async function nudgeProvider(
  tx: Executor,
  onward: OnwardReferralRow,
  expiresAt: Date,
  now: Date,
  publicUrl: string,
) {
  await tx
    .update(onwardReferrals)
    .set({ nudgedAt: now, updatedAt: now, version: sql`${onwardReferrals.version} + 1` })
    .where(eq(onwardReferrals.id, onward.id));
  await recordReferralEvent(tx, actor, {
    programmeId: onward.programmeId,
    referralId: onward.referralId,
    onwardReferralId: onward.id,
    type: 'onward.nudged',
    fromStatus: onward.status,
    toStatus: onward.status,
    isVisibleToReferrer: false,
    details: { serviceId: onward.serviceId, expiresAt: expiresAt.toISOString() },
    occurredAt: now,
  });
  await recordAudit(tx, {
    actor,
    origin,
    action: 'onward_referral.nudge',
    entityType: 'onward_referral',
    entityId: onward.id,
    programmeId: onward.programmeId,
    details: { expiresAt: expiresAt.toISOString() },
  });
  const name = await serviceName(tx, onward.serviceId);
  for (const staff of await providerStaffOf(tx, onward.providerOrganisationId)) {
    await queueNotification(tx, {
      channel: 'email',
      recipient: staff.email,
      programmeId: onward.programmeId,
      ...onwardReferralReminderMessage({
        recipientName: staff.name,
        serviceName: name,
        inboxUrl: providerInboxUrl(publicUrl, onward.id),
        sentOn: formatLongDate(onward.sentAt),
        expiresOn: formatLongDate(expiresAt),
      }),
    });
  }
}

async function expireAndReturn(
  tx: Executor,
  referral: ReferralRow,
  onward: OnwardReferralRow,
  now: Date,
  publicUrl: string,
) {
  await applyOnwardAction(tx, {
    referral,
    onward,
    action: { type: 'expire' },
    actor,
    origin,
    publicUrl,
    now,
  });
  // Back to the link worker: a closed case needs nothing more; an open one gets a task and an email.
  if (['completed', 'rejected', 'cancelled'].includes(referral.status)) return;
  const name = await serviceName(tx, onward.serviceId);
  await scheduleTask(tx, {
    programmeId: onward.programmeId,
    referralId: referral.id,
    kind: 'choose_another_service',
    title: `${name} did not reply: choose another service`,
    dueAt: addWorkingDays(now, 2),
    assignedUserId: referral.assignedLinkWorkerId,
  });
  const linkWorker = await userContact(tx, referral.assignedLinkWorkerId);
  if (!linkWorker) return;
  await queueNotification(tx, {
    channel: 'email',
    recipient: linkWorker.email,
    programmeId: onward.programmeId,
    ...onwardReferralExpiredMessage({
      recipientName: linkWorker.name,
      reference: referral.reference,
      serviceName: name,
      caseUrl: caseUrl(publicUrl, referral.id),
    }),
  });
}

/** Runs the response-window pass shortly after start and then hourly. */
export function startOnwardResponseWindowJob(options: {
  db: Database;
  publicUrl: string;
  log: JobLog;
  intervalMs?: number;
}): PeriodicJob {
  return startPeriodicJob({
    name: 'chased unanswered onward referrals',
    intervalMs: options.intervalMs ?? 60 * 60 * 1000,
    log: options.log,
    run: async () => {
      const result = await chaseUnansweredOnwardReferrals({ db: options.db, publicUrl: options.publicUrl });
      return result.nudged + result.expired > 0 ? result : undefined;
    },
  });
}
