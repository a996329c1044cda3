// Unmet needs: a need no suitable, available service could meet, recorded by the link worker (or
// automatically when a provider declines for capacity or eligibility). Coordinators count them by
// need, reason and borough: the start of gap analysis. Counts carry no names.
import { addDays } from 'date-fns';
import { and, asc, count, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../access/audit';
import { assertSignedIn } from '../../access/authorise-as';
import { authoriseList } from '../../access/list-scope';
import { authorise } from '../../access/policy';
import { boroughs, people, referrals, taxonomyTerms, unmetNeeds } from '../../db/schema';
import type { RouteModule } from '../../http/context';
import { AppError, invalidField, notFound } from '../../http/errors';
import { runIdempotentCreate } from '../../http/idempotency';
import { idParams } from '../../http/schemas';
import { referralResource } from '../access';
import { lockReferral, recordReferralEvent } from '../store';
import { areaOfPostcode } from './queries';
import {
  accessReasonQuery,
  createUnmetNeedBody,
  unmetNeedResponse,
  unmetNeedSummaryQuery,
  unmetNeedSummaryResponse,
} from './schemas';

type UnmetNeedRow = typeof unmetNeeds.$inferSelect;

function presentUnmetNeed(row: UnmetNeedRow): z.infer<typeof unmetNeedResponse> {
  return {
    id: row.id,
    referralId: row.referralId,
    onwardReferralId: row.onwardReferralId,
    need: row.need,
    reason: row.reason,
    detail: row.detail,
    taxonomyTermId: row.taxonomyTermId,
    boroughCode: row.boroughCode,
    postcodeDistrict: row.postcodeDistrict,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A case being worked: from acceptance until it closes. */
const workingStatuses = ['accepted', 'contacting', 'in_progress', 'on_hold'];

export const unmetNeedRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/api/referrals/:id/unmet-needs',
    {
      schema: {
        tags: ['unmet needs'],
        summary: 'Record a need no suitable, available service could meet (send an Idempotency-Key)',
        params: idParams,
        body: createUnmetNeedBody,
        response: { 201: unmetNeedResponse },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      assertSignedIn(actor);
      const body = request.body;
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const referral = await lockReferral(tx, request.params.id);
        authorise(actor, 'create', { kind: 'unmet_need', referral: referralResource(referral) });
        if (!workingStatuses.includes(referral.status)) {
          throw new AppError(
            'invalid_transition',
            `Unmet needs are recorded while the case is being worked; it is ${referral.status.replace('_', ' ')}.`,
            { extra: { currentStatus: referral.status } },
          );
        }
        if (body.taxonomyTermId) {
          const [term] = await tx
            .select({ id: taxonomyTerms.id })
            .from(taxonomyTerms)
            .where(eq(taxonomyTerms.id, body.taxonomyTermId));
          if (!term) throw invalidField('taxonomyTermId', 'There is no such taxonomy term.');
        }
        const [person] = await tx
          .select({ postcode: people.postcode })
          .from(people)
          .where(eq(people.id, referral.personId));
        const area = await areaOfPostcode(tx, person?.postcode ?? null);
        const [row] = await tx
          .insert(unmetNeeds)
          .values({
            programmeId: referral.programmeId,
            referralId: referral.id,
            need: body.need,
            reason: body.reason,
            detail: body.detail ?? '',
            taxonomyTermId: body.taxonomyTermId ?? null,
            ...area,
            recordedByUserId: actor.type === 'user' ? actor.userId : null,
          })
          .returning();
        await recordReferralEvent(tx, actor, {
          programmeId: referral.programmeId,
          referralId: referral.id,
          type: 'unmet_need.recorded',
          isVisibleToReferrer: false,
          details: { unmetNeedId: row!.id, need: body.need, reason: body.reason },
        });
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'unmet_need.create',
          entityType: 'referral',
          entityId: referral.id,
          programmeId: referral.programmeId,
          details: { unmetNeedId: row!.id },
        });
        return { statusCode: 201, body: presentUnmetNeed(row!) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/api/referrals/:id/unmet-needs',
    {
      schema: {
        tags: ['unmet needs'],
        summary: 'The unmet needs recorded on a case (link workers outside their caseload give a reason)',
        params: idParams,
        querystring: accessReasonQuery,
        response: { 200: z.object({ items: z.array(unmetNeedResponse) }) },
      },
    },
    async (request) => {
      const { actor } = request;
      assertSignedIn(actor);
      return db.transaction(async (tx) => {
        const [referral] = await tx.select().from(referrals).where(eq(referrals.id, request.params.id));
        if (!referral) throw notFound('The referral');
        // Referrers may read their referral's status, but a case's planning is for programme staff.
        authorise(
          actor,
          'read',
          { kind: 'unmet_need', referral: referralResource(referral) },
          { accessReason: request.query.reason },
        );
        const rows = await tx
          .select()
          .from(unmetNeeds)
          .where(eq(unmetNeeds.referralId, referral.id))
          .orderBy(asc(unmetNeeds.createdAt));
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'unmet_need.list',
          entityType: 'referral',
          entityId: referral.id,
          programmeId: referral.programmeId,
        });
        return { items: rows.map(presentUnmetNeed) };
      });
    },
  );

  app.get(
    '/api/unmet-needs',
    {
      schema: {
        tags: ['unmet needs'],
        summary: 'Gap analysis for coordinators: unmet needs counted by need, reason and borough (no names)',
        querystring: unmetNeedSummaryQuery,
        response: { 200: unmetNeedSummaryResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      const scope = authoriseList(
        actor,
        'unmet_need',
        'Only coordinators see their programme’s unmet needs.',
      );
      if (scope === 'all' || !('programmeId' in scope))
        throw new AppError('forbidden', 'Only coordinators see their programme’s unmet needs.');
      const { from, to } = request.query;
      if (from && to && from > to)
        throw invalidField('to', 'The end date must be on or after the start date.', 'querystring');
      const conditions: SQL[] = [eq(unmetNeeds.programmeId, scope.programmeId)];
      if (from) conditions.push(gte(unmetNeeds.createdAt, new Date(`${from}T00:00:00Z`)));
      // "to" is inclusive: everything before the start of the next day.
      if (to) conditions.push(lt(unmetNeeds.createdAt, addDays(new Date(`${to}T00:00:00Z`), 1)));
      const rows = await db
        .select({
          need: unmetNeeds.need,
          reason: unmetNeeds.reason,
          boroughCode: unmetNeeds.boroughCode,
          boroughName: boroughs.name,
          count: count(),
        })
        .from(unmetNeeds)
        .leftJoin(boroughs, eq(boroughs.code, unmetNeeds.boroughCode))
        .where(and(...conditions))
        .groupBy(unmetNeeds.need, unmetNeeds.reason, unmetNeeds.boroughCode, boroughs.name)
        .orderBy(asc(unmetNeeds.need), asc(unmetNeeds.reason), asc(unmetNeeds.boroughCode));
      return {
        from: from ?? null,
        to: to ?? null,
        total: rows.reduce((sum, row) => sum + row.count, 0),
        rows,
      };
    },
  );
};
