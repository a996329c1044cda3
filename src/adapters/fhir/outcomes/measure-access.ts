// Which measures a connected system may see, and the audit of each read: only measures on referrals
// its own organisation made, and only of the built-in instruments (the ones with a Questionnaire).
// Every row is also passed through the one policy engine, so SQL scoping and policy must agree.
import { uuidPattern } from '../search';
import { and, asc, count, eq, gt, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { ApiClientActor, RequestOrigin } from '../../../access/actor';
import { recordAuditMany } from '../../../access/audit';
import { authorise } from '../../../access/policy';
import type { Executor } from '../../../db/client';
import { measures, referrals } from '../../../db/schema';
import { notFound } from '../../../http/errors';
import type { MeasureRow } from '../../../outcomes/measures/record-measure';
import { referralResource } from '../../../referrals/access';
import type { DateComparison, Paging } from '../search';
import { builtInKeys } from './questionnaires';

export const isUuid = (value: string) => uuidPattern.test(value);

export type VisibleMeasure = { measure: MeasureRow; basis: string };

export type MeasureFilter = {
  personId?: string | undefined;
  referralId?: string | undefined;
  instrumentKey?: string | undefined;
  /** On the completion date; dateTimes compare by their London calendar date. */
  completedOn?: { prefix: DateComparison['prefix']; date: string } | undefined;
};

const referralColumns = {
  id: referrals.id,
  programmeId: referrals.programmeId,
  status: referrals.status,
  assignedLinkWorkerId: referrals.assignedLinkWorkerId,
  referringOrganisationId: referrals.referringOrganisationId,
};

const compare = { eq, gt, ge: gte, lt, le: lte } as const;

function conditions(actor: ApiClientActor, filter: MeasureFilter): SQL[] | undefined {
  // Ids that are not uuids match nothing (and must not reach a uuid column).
  if (filter.personId !== undefined && !isUuid(filter.personId)) return undefined;
  if (filter.referralId !== undefined && !isUuid(filter.referralId)) return undefined;
  const where: SQL[] = [
    eq(referrals.referringOrganisationId, actor.organisationId),
    inArray(measures.instrumentKey, builtInKeys),
  ];
  if (filter.personId) where.push(eq(measures.personId, filter.personId));
  if (filter.referralId) where.push(eq(measures.referralId, filter.referralId));
  if (filter.instrumentKey) where.push(eq(measures.instrumentKey, filter.instrumentKey));
  if (filter.completedOn)
    where.push(compare[filter.completedOn.prefix](measures.completedOn, filter.completedOn.date));
  return where;
}

function authoriseEach(
  actor: ApiClientActor,
  rows: { measure: MeasureRow; referral: Parameters<typeof referralResource>[0] }[],
): VisibleMeasure[] {
  return rows.map(({ measure, referral }) => ({
    measure,
    basis: authorise(actor, 'read', referralResource(referral)),
  }));
}

/** Matching measures, oldest first; paged in SQL when `paging` is given. */
export async function findVisibleMeasures(
  tx: Executor,
  actor: ApiClientActor,
  filter: MeasureFilter,
  paging?: Paging,
): Promise<{ rows: VisibleMeasure[]; total: number }> {
  const where = conditions(actor, filter);
  if (!where) return { rows: [], total: 0 };
  const query = tx
    .select({ measure: measures, referral: referralColumns })
    .from(measures)
    .innerJoin(referrals, eq(referrals.id, measures.referralId))
    .where(and(...where))
    .orderBy(asc(measures.completedOn), asc(measures.createdAt), asc(measures.id));
  const rows = paging ? await query.limit(paging.count).offset(paging.offset) : await query;
  let total = rows.length;
  if (paging) {
    const [counted] = await tx
      .select({ total: count() })
      .from(measures)
      .innerJoin(referrals, eq(referrals.id, measures.referralId))
      .where(and(...where));
    total = counted?.total ?? 0;
  }
  return { rows: authoriseEach(actor, rows), total };
}

/** One measure, or 404 alike for a missing one and another organisation's. */
export async function findVisibleMeasure(
  tx: Executor,
  actor: ApiClientActor,
  id: string,
): Promise<VisibleMeasure> {
  if (!isUuid(id)) throw notFound('The resource');
  const [row] = await tx
    .select({ measure: measures, referral: referralColumns })
    .from(measures)
    .innerJoin(referrals, eq(referrals.id, measures.referralId))
    .where(and(eq(measures.id, id), inArray(measures.instrumentKey, builtInKeys)));
  if (!row) throw notFound('The resource');
  return authoriseEach(actor, [row])[0]!;
}

/** One audit row per measure read, as every read of a person's data is. */
export async function auditMeasureReads(
  tx: Executor,
  input: {
    actor: ApiClientActor;
    origin: RequestOrigin;
    read: VisibleMeasure[];
    resourceType: 'QuestionnaireResponse' | 'Observation';
    interaction: 'read' | 'search-type' | 'create';
    query?: Record<string, string | undefined>;
  },
): Promise<void> {
  await recordAuditMany(
    tx,
    input.read.map(({ measure, basis }) => ({
      actor: input.actor,
      origin: input.origin,
      action: 'measure.read',
      entityType: 'measure',
      entityId: measure.id,
      programmeId: measure.programmeId,
      details: {
        basis,
        via: 'fhir',
        resourceType: input.resourceType,
        interaction: input.interaction,
        referralId: measure.referralId,
        personId: measure.personId,
        ...(input.query ? { query: input.query } : {}),
      },
    })),
  );
}
