// Versioned publishing. Every version of a service that goes live is written as a 'live' revision
// and the previous live one becomes 'superseded', so the history is complete from the first
// version; a provider's change that needs approval waits as 'pending' without touching the service.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { serviceRevisions, services } from '../../db/schema';
import { saveServices, type ServiceInput } from '../save-service';
import { completeServiceInput, loadServiceInputs } from './load-service-input';

/** Fields the revision history compares; nested lists compare whole. */
const ignoredInDiff = new Set(['id', 'lastVerifiedAt', 'lastVerifiedByUserId', 'capacityUpdatedAt']);

/** Nested ids (new location and schedule rows get fresh ones) and list order are not changes. */
const withoutIds = (value: unknown): unknown => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { id: _id, ...rest } = value as Record<string, unknown>;
  return rest;
};

const comparable = (value: unknown): string => {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'null';
    return JSON.stringify(value.map((item) => JSON.stringify(withoutIds(item))).sort());
  }
  return JSON.stringify(value);
};

/** Top-level fields whose values differ between two snapshots (none for the first version). */
export function changedFields(previous: unknown, next: unknown): string[] {
  if (!previous) return [];
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => !ignoredInDiff.has(key))
    .filter((key) => comparable(before[key]) !== comparable(after[key]))
    .sort();
}

/** Snapshots are stored as JSON; Dates become ISO strings. */
const toSnapshot = (input: ServiceInput) => JSON.parse(JSON.stringify(input)) as Record<string, unknown>;

/**
 * Services changed before curation existed (seeded, or imported) have no revision yet: record
 * their current state as the first live revision before anything replaces it.
 */
export async function recordBaselineRevisions(db: Executor, serviceIds: string[]): Promise<void> {
  if (serviceIds.length === 0) return;
  const withHistory = await db
    .selectDistinct({ serviceId: serviceRevisions.serviceId })
    .from(serviceRevisions)
    .where(inArray(serviceRevisions.serviceId, serviceIds));
  // Any revision counts: a new service proposed by a provider starts with its pending revision.
  const known = new Set(withHistory.map((r) => r.serviceId));
  const missing = serviceIds.filter((id) => !known.has(id));
  if (missing.length === 0) return;
  const current = await loadServiceInputs(db, missing);
  const versions = new Map(
    (
      await db
        .select({ id: services.id, version: services.version, createdAt: services.createdAt })
        .from(services)
        .where(inArray(services.id, missing))
    ).map((r) => [r.id, r]),
  );
  if (current.length === 0) return;
  await db.insert(serviceRevisions).values(
    current.map((input) => ({
      serviceId: input.id!,
      snapshot: toSnapshot(input),
      status: 'live' as const,
      serviceVersion: versions.get(input.id!)?.version ?? 1,
      summary: 'Version before curation history began',
      createdAt: versions.get(input.id!)?.createdAt ?? new Date(),
    })),
  );
}

export type PublishOptions = {
  actorUserId: string | null;
  summary: string;
  reviewedByUserId?: string | null;
  reviewNote?: string | null;
  /** Approving: the pending revision itself becomes the live one (one input only). */
  promoteRevisionId?: string;
};

/**
 * Writes the inputs through saveServices and records each as the new live revision (the old live
 * one is superseded). Returns the service ids and their new revision ids, in input order.
 */
export async function publishServices(
  db: Executor,
  inputs: ServiceInput[],
  options: PublishOptions,
): Promise<{ serviceId: string; revisionId: string; version: number }[]> {
  const existingIds = inputs.map((i) => i.id).filter((id): id is string => !!id);
  await recordBaselineRevisions(db, existingIds);
  const ids = await saveServices(db, inputs);
  await db
    .update(serviceRevisions)
    .set({ status: 'superseded' })
    .where(and(inArray(serviceRevisions.serviceId, ids), eq(serviceRevisions.status, 'live')));
  const saved = await loadServiceInputs(db, ids);
  const versions = new Map(
    (
      await db
        .select({ id: services.id, version: services.version })
        .from(services)
        .where(inArray(services.id, ids))
    ).map((r) => [r.id, r.version]),
  );
  const now = new Date();
  if (options.promoteRevisionId && saved.length === 1) {
    const input = saved[0]!;
    await db
      .update(serviceRevisions)
      .set({
        snapshot: toSnapshot(input),
        status: 'live' as const,
        serviceVersion: versions.get(input.id!) ?? 1,
        reviewedByUserId: options.reviewedByUserId ?? null,
        reviewedAt: now,
        reviewNote: options.reviewNote ?? null,
      })
      .where(eq(serviceRevisions.id, options.promoteRevisionId));
    return [
      { serviceId: input.id!, revisionId: options.promoteRevisionId, version: versions.get(input.id!) ?? 1 },
    ];
  }
  const rows = await db
    .insert(serviceRevisions)
    .values(
      saved.map((input) => ({
        serviceId: input.id!,
        snapshot: toSnapshot(input),
        status: 'live' as const,
        serviceVersion: versions.get(input.id!) ?? 1,
        summary: options.summary,
        createdByUserId: options.actorUserId,
        reviewedByUserId: options.reviewedByUserId ?? null,
        reviewedAt: options.reviewedByUserId ? now : null,
        reviewNote: options.reviewNote ?? null,
      })),
    )
    .returning({ id: serviceRevisions.id, serviceId: serviceRevisions.serviceId });
  const revisionByService = new Map(rows.map((r) => [r.serviceId, r.id]));
  return ids.map((serviceId) => ({
    serviceId,
    revisionId: revisionByService.get(serviceId)!,
    version: versions.get(serviceId) ?? 1,
  }));
}

/** A change waiting for a curator: the service itself is untouched until it is approved. */
export async function submitPendingRevision(
  db: Executor,
  options: {
    serviceId: string;
    input: ServiceInput;
    baseVersion: number;
    actorUserId: string;
    summary: string;
  },
): Promise<string> {
  await recordBaselineRevisions(db, [options.serviceId]);
  const [row] = await db
    .insert(serviceRevisions)
    .values({
      serviceId: options.serviceId,
      snapshot: toSnapshot(completeServiceInput({ ...options.input, id: options.serviceId })),
      status: 'pending',
      serviceVersion: options.baseVersion,
      summary: options.summary,
      createdByUserId: options.actorUserId,
    })
    .returning({ id: serviceRevisions.id });
  return row!.id;
}

/** Marks a pending revision approved-and-published or rejected, keeping who and when. */
export async function closePendingRevision(
  db: Executor,
  revisionId: string,
  outcome: { status: 'superseded' | 'rejected'; reviewedByUserId: string; note: string | null },
): Promise<void> {
  await db
    .update(serviceRevisions)
    .set({
      status: outcome.status,
      reviewedByUserId: outcome.reviewedByUserId,
      reviewedAt: new Date(),
      reviewNote: outcome.note,
    })
    .where(and(eq(serviceRevisions.id, revisionId), eq(serviceRevisions.status, 'pending')));
}
