// Who commissions a programme (table programme_commissioners): the organisations whose commissioners
// see its Insight dashboards besides those whose borough it covers (an ICB, which spans boroughs,
// sees only the programmes listed here). Recorded by platform admins; every change is audited in
// the same transaction, as other admin changes are.
import { and, asc, eq } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../access/actor';
import { recordAudit } from '../access/audit';
import { authorise } from '../access/policy';
import type { Executor } from '../db/client';
import { organisations, programmeCommissioners, programmes } from '../db/schema';
import { AppError, invalidField, notFound } from '../http/errors';

export type ProgrammeCommissioner = {
  organisationId: string;
  organisationName: string;
  organisationType: string;
  borough: string | null;
  createdAt: string;
};

async function assertProgramme(db: Executor, programmeId: string): Promise<void> {
  const [programme] = await db
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  if (!programme) throw notFound('The programme');
}

export async function listProgrammeCommissioners(
  db: Executor,
  options: { actor: Actor; programmeId: string },
): Promise<ProgrammeCommissioner[]> {
  authorise(options.actor, 'list', { kind: 'insight', part: 'commissioners' });
  await assertProgramme(db, options.programmeId);
  const rows = await db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationType: organisations.type,
      borough: organisations.borough,
      createdAt: programmeCommissioners.createdAt,
    })
    .from(programmeCommissioners)
    .innerJoin(organisations, eq(organisations.id, programmeCommissioners.organisationId))
    .where(eq(programmeCommissioners.programmeId, options.programmeId))
    .orderBy(asc(organisations.name), asc(organisations.id));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** 404 for an unknown programme, 400 naming organisationId for an unknown organisation, 409 if already listed. */
export async function addProgrammeCommissioner(
  db: Executor,
  options: { actor: Actor; origin: RequestOrigin; programmeId: string; organisationId: string },
): Promise<ProgrammeCommissioner> {
  const { actor, programmeId, organisationId } = options;
  authorise(actor, 'create', { kind: 'insight', part: 'commissioners' });
  await assertProgramme(db, programmeId);
  const [organisation] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      borough: organisations.borough,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation) throw invalidField('organisationId', 'There is no such organisation.');
  const [row] = await db
    .insert(programmeCommissioners)
    .values({ programmeId, organisationId, createdByUserId: actor.type === 'user' ? actor.userId : null })
    .onConflictDoNothing()
    .returning({ createdAt: programmeCommissioners.createdAt });
  if (!row)
    throw new AppError(
      'conflict',
      `${organisation.name} is already recorded as commissioning this programme.`,
    );
  await recordAudit(db, {
    actor,
    origin: options.origin,
    action: 'insight.programme_commissioner.create',
    entityType: 'programme',
    entityId: programmeId,
    programmeId,
    details: { organisationId },
  });
  return {
    organisationId,
    organisationName: organisation.name,
    organisationType: organisation.type,
    borough: organisation.borough,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function removeProgrammeCommissioner(
  db: Executor,
  options: { actor: Actor; origin: RequestOrigin; programmeId: string; organisationId: string },
): Promise<void> {
  const { actor, programmeId, organisationId } = options;
  authorise(actor, 'revoke', { kind: 'insight', part: 'commissioners' });
  await assertProgramme(db, programmeId);
  const removed = await db
    .delete(programmeCommissioners)
    .where(
      and(
        eq(programmeCommissioners.programmeId, programmeId),
        eq(programmeCommissioners.organisationId, organisationId),
      ),
    )
    .returning({ organisationId: programmeCommissioners.organisationId });
  if (removed.length === 0) throw notFound('The commissioning relationship');
  await recordAudit(db, {
    actor,
    origin: options.origin,
    action: 'insight.programme_commissioner.delete',
    entityType: 'programme',
    entityId: programmeId,
    programmeId,
    details: { organisationId },
  });
}
