// The demand estimate's assumptions (table demand_assumptions): for a practice, its list size or
// yearly consultations; for a borough, optionally a population to use instead of the Census; each
// with the share of people or consultations with a social problem and where the figures come from.
// A programme's coordinators change them (version check, audited in the same transaction); whoever
// sees the programme's dashboards sees them, because the demand panel shows every assumption.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor, RequestOrigin, UserActor } from '../access/actor';
import { recordAudit } from '../access/audit';
import { authorise, decide } from '../access/policy';
import type { Executor } from '../db/client';
import { boroughs, demandAssumptions, organisations } from '../db/schema';
import { invalidField, notFound } from '../http/errors';
import { versionConflict } from '../http/schemas';
import type { z } from 'zod';
import type { demandAssumptionBody, DemandAssumptionResponse } from './schemas';
import { findInsightProgramme as findProgramme } from './scope';

/** "Around 1 in 5 GP consultations are for social problems", as the Insight issue quotes it. */
export const defaultSocialShare = 0.2;
export const defaultDemandSource =
  'Around 1 in 5 GP consultations are for social problems: published estimate cited in the London social prescribing report.';

type AssumptionRow = typeof demandAssumptions.$inferSelect & {
  organisationName: string | null;
  boroughName: string | null;
};

/** The source shown beside an assumption: its own, or the default's citation when it keeps the default share. */
export function sourceShown(assumption: { source: string; socialShare: number }): string {
  if (assumption.source.trim()) return assumption.source;
  return assumption.socialShare === defaultSocialShare
    ? defaultDemandSource
    : 'Entered by the programme (no source given)';
}

export function presentDemandAssumption(row: AssumptionRow): DemandAssumptionResponse {
  return {
    id: row.id,
    programmeId: row.programmeId,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    boroughCode: row.boroughCode,
    boroughName: row.boroughName,
    listSize: row.listSize,
    consultationsPerYear: row.consultationsPerYear,
    socialShare: Number(row.socialShare),
    source: row.source,
    sourceShown: sourceShown({ source: row.source, socialShare: Number(row.socialShare) }),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const columns = {
  id: demandAssumptions.id,
  programmeId: demandAssumptions.programmeId,
  organisationId: demandAssumptions.organisationId,
  boroughCode: demandAssumptions.boroughCode,
  listSize: demandAssumptions.listSize,
  consultationsPerYear: demandAssumptions.consultationsPerYear,
  socialShare: demandAssumptions.socialShare,
  source: demandAssumptions.source,
  createdAt: demandAssumptions.createdAt,
  updatedAt: demandAssumptions.updatedAt,
  version: demandAssumptions.version,
  organisationName: organisations.name,
  boroughName: boroughs.name,
};

function selectAssumptions(db: Executor) {
  return db
    .select(columns)
    .from(demandAssumptions)
    .leftJoin(organisations, eq(organisations.id, demandAssumptions.organisationId))
    .leftJoin(boroughs, eq(boroughs.code, demandAssumptions.boroughCode));
}

/** Every assumption of the programmes given, boroughs first, then practices, by name. */
export async function listDemandAssumptions(
  db: Executor,
  programmeIds: readonly string[],
): Promise<AssumptionRow[]> {
  if (programmeIds.length === 0) return [];
  return selectAssumptions(db)
    .where(
      sql`${demandAssumptions.programmeId} = any(array[${sql.join(
        programmeIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[])`,
    )
    .orderBy(
      asc(sql`${demandAssumptions.organisationId} is not null`),
      asc(sql`coalesce(${boroughs.name}, ${organisations.name})`),
      asc(demandAssumptions.id),
    );
}

/** May this actor change the programme's assumptions? (For the response's canEdit.) */
export function canEditDemandAssumptions(
  actor: UserActor,
  programme: { id: string; areas: readonly string[] },
) {
  return decide(actor, 'update', { kind: 'insight', part: 'settings', programme }).allowed;
}

type SaveInput = z.output<typeof demandAssumptionBody>;

/**
 * Creates (no version) or replaces (at `version`) the assumption for the practice or borough.
 * 404 for a programme the actor may not see; 403 unless they coordinate it; 400 naming the field
 * for a scope that is not exactly one of practice or borough, or names no such organisation or
 * borough; 409 when the assumption exists and no version (or a stale one) was sent.
 */
export async function saveDemandAssumption(
  db: Executor,
  options: { actor: Actor; origin: RequestOrigin; input: SaveInput },
): Promise<{ created: boolean; assumption: DemandAssumptionResponse }> {
  const { actor, origin, input } = options;
  const programme = await findProgramme(db, input.programmeId);
  if (!programme) throw notFound('The programme');
  authorise(actor, 'update', { kind: 'insight', part: 'settings', programme });
  if ((input.organisationId === null) === (input.boroughCode === null)) {
    throw invalidField(
      input.organisationId === null ? 'organisationId' : 'boroughCode',
      'Give either a practice (organisationId) or a borough (boroughCode), not both and not neither.',
    );
  }
  if (input.organisationId !== null) {
    const [organisation] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!organisation) throw invalidField('organisationId', 'There is no such organisation.');
    if (input.listSize === null && input.consultationsPerYear === null) {
      throw invalidField('listSize', 'Give the practice’s list size or its consultations a year.');
    }
  } else {
    const [borough] = await db
      .select({ code: boroughs.code })
      .from(boroughs)
      .where(eq(boroughs.code, input.boroughCode!));
    if (!borough) throw invalidField('boroughCode', 'There is no London borough with this code.');
  }
  const scope =
    input.organisationId !== null
      ? eq(demandAssumptions.organisationId, input.organisationId)
      : eq(demandAssumptions.boroughCode, input.boroughCode!);
  const [existing] = await db
    .select({ id: demandAssumptions.id, version: demandAssumptions.version })
    .from(demandAssumptions)
    .where(and(eq(demandAssumptions.programmeId, programme.id), scope))
    .for('update');
  const values = {
    listSize: input.listSize,
    consultationsPerYear: input.consultationsPerYear,
    socialShare: input.socialShare,
    source: input.source,
  };
  let id: string;
  if (existing) {
    // Creating over an existing one would silently overwrite what someone else entered.
    if (input.version !== existing.version) throw versionConflict('demand assumption', existing.version);
    await db
      .update(demandAssumptions)
      .set({ ...values, version: existing.version + 1, updatedAt: new Date() })
      .where(eq(demandAssumptions.id, existing.id));
    id = existing.id;
  } else {
    if (input.version !== undefined) throw versionConflict('demand assumption', 0);
    const [row] = await db
      .insert(demandAssumptions)
      .values({
        programmeId: programme.id,
        organisationId: input.organisationId,
        boroughCode: input.boroughCode,
        ...values,
      })
      .returning({ id: demandAssumptions.id });
    id = row!.id;
  }
  await recordAudit(db, {
    actor,
    origin,
    action: existing ? 'insight.demand_assumption.update' : 'insight.demand_assumption.create',
    entityType: 'demand_assumption',
    entityId: id,
    programmeId: programme.id,
    details: {
      organisationId: input.organisationId,
      boroughCode: input.boroughCode,
      ...values,
    },
  });
  const [saved] = await selectAssumptions(db).where(eq(demandAssumptions.id, id));
  return { created: !existing, assumption: presentDemandAssumption(saved!) };
}

/** Removes an assumption at `version` (409 when stale); the estimate falls back to the defaults. */
export async function deleteDemandAssumption(
  db: Executor,
  options: { actor: Actor; origin: RequestOrigin; id: string; version: number },
): Promise<void> {
  const { actor, origin } = options;
  const [existing] = await db
    .select({
      id: demandAssumptions.id,
      programmeId: demandAssumptions.programmeId,
      version: demandAssumptions.version,
      organisationId: demandAssumptions.organisationId,
      boroughCode: demandAssumptions.boroughCode,
    })
    .from(demandAssumptions)
    .where(eq(demandAssumptions.id, options.id))
    .for('update');
  if (!existing) throw notFound('The demand assumption');
  const programme = await findProgramme(db, existing.programmeId);
  authorise(actor, 'update', { kind: 'insight', part: 'settings', programme: programme! });
  if (existing.version !== options.version) throw versionConflict('demand assumption', existing.version);
  await db.delete(demandAssumptions).where(eq(demandAssumptions.id, existing.id));
  await recordAudit(db, {
    actor,
    origin,
    action: 'insight.demand_assumption.delete',
    entityType: 'demand_assumption',
    entityId: existing.id,
    programmeId: existing.programmeId,
    details: { organisationId: existing.organisationId, boroughCode: existing.boroughCode },
  });
}
