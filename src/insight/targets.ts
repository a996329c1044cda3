// Reach targets (table reach_targets): how many people a programme means to reach in a year, for the
// whole programme or from one referring organisation (a practice). The activity panel shows progress
// against them. A programme's coordinators change them (version check, audited in the same
// transaction); whoever sees the programme's dashboards may read them.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, RequestOrigin, UserActor } from '../access/actor';
import { recordAudit } from '../access/audit';
import { authorise, decide } from '../access/policy';
import type { Executor } from '../db/client';
import { organisations, reachTargets } from '../db/schema';
import { invalidField, notFound } from '../http/errors';
import { versionConflict } from '../http/schemas';
import type { ReachTargetResponse, reachTargetBody } from './schemas';
import { findInsightProgramme as findProgramme } from './scope';

const columns = {
  id: reachTargets.id,
  programmeId: reachTargets.programmeId,
  organisationId: reachTargets.organisationId,
  organisationName: organisations.name,
  peoplePerYear: reachTargets.peoplePerYear,
  note: reachTargets.note,
  version: reachTargets.version,
  updatedAt: reachTargets.updatedAt,
};

type TargetRow = {
  id: string;
  programmeId: string;
  organisationId: string | null;
  organisationName: string | null;
  peoplePerYear: number;
  note: string;
  version: number;
  updatedAt: Date;
};

export function presentReachTarget(row: TargetRow): ReachTargetResponse {
  return {
    id: row.id,
    programmeId: row.programmeId,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    peoplePerYear: row.peoplePerYear,
    note: row.note,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function selectTargets(db: Executor) {
  return db
    .select(columns)
    .from(reachTargets)
    .leftJoin(organisations, eq(organisations.id, reachTargets.organisationId));
}

/** The programme's targets: programme-wide first, then per organisation by name. */
export async function listReachTargets(db: Executor, programmeId: string): Promise<ReachTargetResponse[]> {
  const rows = await selectTargets(db)
    .where(eq(reachTargets.programmeId, programmeId))
    .orderBy(
      asc(sql`${reachTargets.organisationId} is not null`),
      asc(organisations.name),
      asc(reachTargets.id),
    );
  return rows.map(presentReachTarget);
}

export function canEditReachTargets(actor: UserActor, programme: { id: string; areas: readonly string[] }) {
  return decide(actor, 'update', { kind: 'insight', part: 'settings', programme }).allowed;
}

/**
 * Creates (no version) or replaces (at `version`) the programme's target for the whole programme or
 * one organisation. 404 for an unknown programme, 403/404 unless the actor coordinates it, 400
 * naming organisationId when there is no such organisation, 409 when the target exists and no
 * version (or a stale one) was sent — creating over it would overwrite someone else's figure.
 */
export async function saveReachTarget(
  db: Executor,
  options: { actor: Actor; origin: RequestOrigin; input: z.output<typeof reachTargetBody> },
): Promise<{ created: boolean; target: ReachTargetResponse }> {
  const { actor, origin, input } = options;
  const programme = await findProgramme(db, input.programmeId);
  if (!programme) throw notFound('The programme');
  authorise(actor, 'update', { kind: 'insight', part: 'settings', programme });
  if (input.organisationId !== null) {
    const [organisation] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!organisation) throw invalidField('organisationId', 'There is no such organisation.');
  }
  const [existing] = await db
    .select({ id: reachTargets.id, version: reachTargets.version })
    .from(reachTargets)
    .where(
      and(
        eq(reachTargets.programmeId, programme.id),
        input.organisationId === null
          ? isNull(reachTargets.organisationId)
          : eq(reachTargets.organisationId, input.organisationId),
      ),
    )
    .for('update');
  const values = { peoplePerYear: input.peoplePerYear, note: input.note };
  let id: string;
  if (existing) {
    if (input.version !== existing.version) throw versionConflict('reach target', existing.version);
    await db
      .update(reachTargets)
      .set({ ...values, version: existing.version + 1, updatedAt: new Date() })
      .where(eq(reachTargets.id, existing.id));
    id = existing.id;
  } else {
    if (input.version !== undefined) throw versionConflict('reach target', 0);
    const [row] = await db
      .insert(reachTargets)
      .values({ programmeId: programme.id, organisationId: input.organisationId, ...values })
      .returning({ id: reachTargets.id });
    id = row!.id;
  }
  await recordAudit(db, {
    actor,
    origin,
    action: existing ? 'insight.reach_target.update' : 'insight.reach_target.create',
    entityType: 'reach_target',
    entityId: id,
    programmeId: programme.id,
    details: { organisationId: input.organisationId, ...values },
  });
  const [saved] = await selectTargets(db).where(eq(reachTargets.id, id));
  return { created: !existing, target: presentReachTarget(saved!) };
}

/** Removes a target at `version` (409 when stale). */
export async function deleteReachTarget(
  db: Executor,
  options: { actor: Actor; origin: RequestOrigin; id: string; version: number },
): Promise<void> {
  const { actor, origin } = options;
  const [existing] = await db
    .select({
      id: reachTargets.id,
      programmeId: reachTargets.programmeId,
      organisationId: reachTargets.organisationId,
      version: reachTargets.version,
    })
    .from(reachTargets)
    .where(eq(reachTargets.id, options.id))
    .for('update');
  if (!existing) throw notFound('The reach target');
  const programme = await findProgramme(db, existing.programmeId);
  authorise(actor, 'update', { kind: 'insight', part: 'settings', programme: programme! });
  if (existing.version !== options.version) throw versionConflict('reach target', existing.version);
  await db.delete(reachTargets).where(eq(reachTargets.id, existing.id));
  await recordAudit(db, {
    actor,
    origin,
    action: 'insight.reach_target.delete',
    entityType: 'reach_target',
    entityId: existing.id,
    programmeId: existing.programmeId,
    details: { organisationId: existing.organisationId },
  });
}
