// Reads for curation: a service with its curating programmes (for the policy), its revision
// history with who and what changed, and the review queue of a programme's area.
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import {
  locations,
  serviceAreas,
  serviceAtLocations,
  serviceRevisions,
  services,
  users,
} from '../../db/schema';
import type { Resource } from '../../access/policy';
import type { ServiceRevisionStatus } from '../../vocabulary/directory';
import { boroughCodesOfService, findCuratingProgrammes, type CuratingProgramme } from './curators';
import { changedFields } from './revisions';

export type CuratedService = {
  id: string;
  name: string;
  organisationId: string;
  version: number;
  status: string;
  curating: CuratingProgramme[];
  resource: Extract<Resource, { kind: 'service' }>;
};

export async function findCuratedService(
  db: Executor,
  serviceId: string,
  options: { forUpdate?: boolean; extraBoroughCodes?: string[] } = {},
): Promise<CuratedService | undefined> {
  const query = db
    .select({
      id: services.id,
      name: services.name,
      organisationId: services.organisationId,
      version: services.version,
      status: services.status,
    })
    .from(services)
    .where(eq(services.id, serviceId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) return undefined;
  const codes = [...(await boroughCodesOfService(db, serviceId)), ...(options.extraBoroughCodes ?? [])];
  const curating = await findCuratingProgrammes(db, [...new Set(codes)]);
  return {
    ...row,
    curating,
    resource: {
      kind: 'service',
      id: row.id,
      organisationId: row.organisationId,
      curatingProgrammeIds: curating.map((p) => p.id),
    },
  };
}

const author = alias(users, 'author');
const reviewer = alias(users, 'reviewer');

const revisionColumns = {
  id: serviceRevisions.id,
  serviceId: serviceRevisions.serviceId,
  serviceName: services.name,
  status: serviceRevisions.status,
  summary: serviceRevisions.summary,
  serviceVersion: serviceRevisions.serviceVersion,
  snapshot: serviceRevisions.snapshot,
  createdAt: serviceRevisions.createdAt,
  reviewedAt: serviceRevisions.reviewedAt,
  reviewNote: serviceRevisions.reviewNote,
  authorId: author.id,
  authorName: author.name,
  reviewerId: reviewer.id,
  reviewerName: reviewer.name,
};

type RevisionRow = {
  id: string;
  serviceId: string;
  serviceName: string;
  status: ServiceRevisionStatus;
  summary: string;
  serviceVersion: number | null;
  snapshot: unknown;
  createdAt: Date;
  reviewedAt: Date | null;
  reviewNote: string | null;
  authorId: string | null;
  authorName: string | null;
  reviewerId: string | null;
  reviewerName: string | null;
};

function presentRevision(row: RevisionRow, changed: string[]) {
  return {
    id: row.id,
    serviceId: row.serviceId,
    serviceName: row.serviceName,
    status: row.status,
    summary: row.summary,
    serviceVersion: row.serviceVersion,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.authorId ? { id: row.authorId, name: row.authorName ?? '' } : null,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewedBy: row.reviewerId ? { id: row.reviewerId, name: row.reviewerName ?? '' } : null,
    reviewNote: row.reviewNote,
    changedFields: changed,
    snapshot: (row.snapshot ?? {}) as Record<string, unknown>,
  };
}
export type PresentedRevision = ReturnType<typeof presentRevision>;

function selectRevisions(db: Executor, where: SQL | undefined) {
  return db
    .select(revisionColumns)
    .from(serviceRevisions)
    .innerJoin(services, eq(services.id, serviceRevisions.serviceId))
    .leftJoin(author, eq(author.id, serviceRevisions.createdByUserId))
    .leftJoin(reviewer, eq(reviewer.id, serviceRevisions.reviewedByUserId))
    .where(where);
}

/**
 * A service's history, newest first. Each revision lists the fields it changes compared with the
 * version that was published before it (pending and rejected ones compare with the live version
 * of their time).
 */
export async function listRevisions(db: Executor, serviceId: string): Promise<PresentedRevision[]> {
  const rows = await selectRevisions(db, eq(serviceRevisions.serviceId, serviceId)).orderBy(
    asc(serviceRevisions.createdAt),
    asc(serviceRevisions.id),
  );
  let published: unknown;
  const presented = rows.map((row) => {
    const result = presentRevision(row, changedFields(published, row.snapshot));
    if (row.status === 'live' || row.status === 'superseded') published = row.snapshot;
    return result;
  });
  return presented.reverse();
}

export async function findRevision(db: Executor, revisionId: string): Promise<RevisionRow | undefined> {
  const [row] = await selectRevisions(db, eq(serviceRevisions.id, revisionId));
  return row;
}

/** The live snapshot of a service, to show a pending change against. */
async function liveSnapshots(db: Executor, serviceIds: string[]): Promise<Map<string, unknown>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db
    .select({ serviceId: serviceRevisions.serviceId, snapshot: serviceRevisions.snapshot })
    .from(serviceRevisions)
    .where(and(inArray(serviceRevisions.serviceId, serviceIds), eq(serviceRevisions.status, 'live')));
  return new Map(rows.map((r) => [r.serviceId, r.snapshot]));
}

/** Services located in, or serving, any of these boroughs. */
export function serviceInBoroughs(boroughCodes: string[]): SQL {
  if (boroughCodes.length === 0) return sql`false`;
  return or(
    sql`exists (select 1 from ${serviceAreas} sa where sa.service_id = ${services.id} and sa.borough_code in ${boroughCodes})`,
    sql`exists (select 1 from ${serviceAtLocations} sal join ${locations} l on l.id = sal.location_id
      where sal.service_id = ${services.id} and l.borough_code in ${boroughCodes})`,
  )!;
}

/** Pending changes, oldest first; `boroughCodes` undefined means every borough (platform admins). */
export async function listReviewQueue(
  db: Executor,
  boroughCodes: string[] | undefined,
  page: { limit: number; offset: number },
): Promise<PresentedRevision[]> {
  const conditions: SQL[] = [eq(serviceRevisions.status, 'pending')];
  if (boroughCodes) conditions.push(serviceInBoroughs(boroughCodes));
  const rows = await selectRevisions(db, and(...conditions))
    .orderBy(asc(serviceRevisions.createdAt))
    .limit(page.limit)
    .offset(page.offset);
  const live = await liveSnapshots(db, [...new Set(rows.map((r) => r.serviceId))]);
  return rows.map((row) => presentRevision(row, changedFields(live.get(row.serviceId), row.snapshot)));
}
