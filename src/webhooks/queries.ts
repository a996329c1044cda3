// SQL behind the webhook API. Every read is scoped to the caller's organisation: another
// organisation's subscription or delivery is simply not found (its existence is not leaked).
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { webhookDeliveries, webhookDeliveryAttempts, webhookSubscriptions } from '../db/schema';
import type { DeliveryRow, SubscriptionRow } from './delivery-queue';
import type { DeliveryStatus, ProviderEventType } from './events';

export async function insertProviderSubscription(
  db: Executor,
  values: {
    organisationId: string;
    apiClientId: string;
    url: string;
    events: readonly ProviderEventType[];
    description: string;
    secret: string;
  },
): Promise<SubscriptionRow> {
  const [row] = await db
    .insert(webhookSubscriptions)
    .values({
      organisationId: values.organisationId,
      apiClientId: values.apiClientId,
      kind: 'provider_events',
      endpoint: values.url,
      secret: values.secret,
      events: [...values.events],
      reason: values.description,
    })
    .returning();
  return row!;
}

/** Both kinds (provider events and FHIR Subscriptions), newest first. */
export async function listSubscriptions(db: Executor, organisationId: string): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.organisationId, organisationId))
    .orderBy(desc(webhookSubscriptions.createdAt), desc(webhookSubscriptions.id))
    .limit(500);
}

export async function findSubscription(
  db: Executor,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SubscriptionRow | undefined> {
  const query = db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.organisationId, organisationId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** Newest first (queue order); `beforeId` is the last delivery already seen (a keyset cursor). */
export async function listDeliveries(
  db: Executor,
  options: {
    organisationId: string;
    limit: number;
    subscriptionId?: string | undefined;
    status?: DeliveryStatus | undefined;
    beforeId?: string | undefined;
  },
): Promise<DeliveryRow[]> {
  const conditions: SQL[] = [eq(webhookDeliveries.organisationId, options.organisationId)];
  if (options.subscriptionId) conditions.push(eq(webhookDeliveries.subscriptionId, options.subscriptionId));
  if (options.status) conditions.push(eq(webhookDeliveries.status, options.status));
  if (options.beforeId) {
    conditions.push(
      sql`${webhookDeliveries.sequence} < (select c.sequence from ${webhookDeliveries} c where c.id = ${options.beforeId})`,
    );
  }
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.sequence))
    .limit(options.limit);
}

export async function findDelivery(
  db: Executor,
  organisationId: string,
  id: string,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.organisationId, organisationId)));
  return row;
}

export async function listAttempts(db: Executor, deliveryId: string) {
  return db
    .select()
    .from(webhookDeliveryAttempts)
    .where(eq(webhookDeliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookDeliveryAttempts.id));
}

/** A new pending delivery with the same request as `source`; it keeps its place behind older ones. */
export async function insertReplay(db: Executor, source: DeliveryRow): Promise<DeliveryRow> {
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      subscriptionId: source.subscriptionId,
      organisationId: source.organisationId,
      eventType: source.eventType,
      resourceType: source.resourceType,
      resourceId: source.resourceId,
      referralEventId: source.referralEventId,
      method: source.method,
      pathSuffix: source.pathSuffix,
      payload: source.payload,
      occurredAt: source.occurredAt,
      replayOf: source.id,
    })
    .returning();
  return row!;
}
