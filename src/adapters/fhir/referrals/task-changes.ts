// Keeping the Task current: every referral event that changes what the Task says (a status, an
// onward referral, a coded event, a flowback) bumps the Task's version and time in the same
// transaction, and queues a notification for each matching FHIR Subscription of the referring
// organisation (rows in webhook_deliveries, posted by src/webhooks after commit). The payload is
// the Task as it is now, so a subscriber sees every status in order, not just the latest.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../../db/client';
import { referrals, webhookDeliveries } from '../../../db/schema';
import { eq } from 'drizzle-orm';
import type { RecordedReferralEvent } from '../../../referrals/event-subscribers';
import { matchesTaskCriteria, parseTaskCriteria } from '../subscriptions/criteria';
import { loadReferralFacts } from './facts';
import { presentTask } from './present';

export type TaskChange = {
  eventId: number;
  referralId: string;
  type: string;
  occurredAt: Date;
};

/** Whether an event changes the Task (status, outputs, coded events) and so its version. */
export function changesTask(event: {
  type: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  onwardReferralId?: string | null;
  snomedCode?: string | null;
  isVisibleToReferrer?: boolean | null;
}): boolean {
  return (
    Boolean(event.onwardReferralId) ||
    Boolean(event.snomedCode) ||
    Boolean(event.isVisibleToReferrer) ||
    (event.toStatus != null && event.toStatus !== event.fromStatus)
  );
}

type SubscriptionRow = {
  id: string;
  organisation_id: string;
  criteria: string | null;
  payload: string | null;
};

const activeSubscriptions = sql`s.kind = 'fhir_rest_hook' and s.status <> 'off' and (s.end_at is null or s.end_at > now())`;

/**
 * The FHIR adapter's subscriber to referral events (registered at start-up in src/app.ts): an event
 * that changes what the Task says bumps its version and queues its Subscription deliveries, in the
 * event's transaction.
 */
export async function recordTaskChangeOfEvent(tx: Executor, event: RecordedReferralEvent): Promise<void> {
  if (!changesTask(event)) return;
  await recordTaskChange(tx, {
    eventId: event.id,
    referralId: event.referralId,
    type: event.type,
    occurredAt: event.occurredAt,
  });
}

export async function recordTaskChange(tx: Executor, change: TaskChange): Promise<void> {
  // A new referral's row was inserted with version 1 in this transaction; later events bump it.
  // One statement either way: the bump (or lookup) and the subscriptions that care.
  const subscriptions =
    change.type === 'referral.received'
      ? await queryRows<SubscriptionRow>(
          tx,
          sql`select s.id, s.organisation_id, s.criteria, s.payload
              from webhook_subscriptions s
              join referrals r on r.referring_organisation_id = s.organisation_id
              where r.id = ${change.referralId} and ${activeSubscriptions}`,
        )
      : await queryRows<SubscriptionRow>(
          tx,
          sql`with touched as (
                update referrals
                set task_version = task_version + 1,
                    task_updated_at = greatest(task_updated_at, ${change.occurredAt.toISOString()}::timestamptz)
                where id = ${change.referralId}
                returning referring_organisation_id
              )
              select s.id, s.organisation_id, s.criteria, s.payload
              from webhook_subscriptions s
              join touched t on t.referring_organisation_id = s.organisation_id
              where ${activeSubscriptions}`,
        );
  if (subscriptions.length === 0) return;

  const [row] = await tx.select().from(referrals).where(eq(referrals.id, change.referralId));
  if (!row) return;
  const [facts] = await loadReferralFacts(tx, [row]);
  const task = presentTask(facts!);
  const matching = subscriptions.filter((subscription) => {
    try {
      return matchesTaskCriteria(parseTaskCriteria(subscription.criteria ?? 'Task'), task);
    } catch {
      return false; // criteria were checked at creation; an unparseable one never matches
    }
  });
  if (matching.length === 0) return;
  await tx.insert(webhookDeliveries).values(
    matching.map((subscription) => ({
      subscriptionId: subscription.id,
      organisationId: subscription.organisation_id,
      eventType: 'task.updated',
      resourceType: 'Task',
      resourceId: row.id,
      referralEventId: change.eventId,
      // R4 rest-hook: with a payload the endpoint is a FHIR base and receives an update of the
      // resource; without one, an empty POST tells the subscriber to come and read.
      method: subscription.payload ? 'PUT' : 'POST',
      pathSuffix: subscription.payload ? `/Task/${row.id}` : '',
      payload: subscription.payload ? task : null,
      occurredAt: change.occurredAt,
    })),
  );
}
