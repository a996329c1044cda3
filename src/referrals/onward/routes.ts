// Onward referrals to providers: made by the link worker on the case, answered from the provider's
// inbox (showing only what the person agreed to share), with attendance. Also registers the
// unmet-need routes and the referrer's flowback view (only this module is registered in app.ts).
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Actor } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { assertSignedIn } from '../../access/authorise-as';
import { authoriseList, type ListScope } from '../../access/list-scope';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { attendances, onwardReferrals, people, referrals, services } from '../../db/schema';
import type { RouteModule } from '../../http/context';
import { AppError, invalidField } from '../../http/errors';
import { runIdempotentCreate } from '../../http/idempotency';
import { idParams } from '../../http/schemas';
import { onwardReferralResource } from '../access';
import { lockReferral } from '../store';
import { applyOnwardAction } from './apply-onward-action';
import { createOnwardReferral } from './create-onward-referral';
import { fieldsVisibleTo, presentAttendance, presentOnwardReferral } from './present';
import { findOnwardReferral, loadOnwardContext, lockOnwardReferral, type OnwardReferralRow } from './queries';
import { referrerRoutes } from './referrer-routes';
import { attendanceOpenStatuses } from './rules';
import {
  attendanceBody,
  attendanceCreatedResponse,
  createOnwardReferralBody,
  inboxItemResponse,
  inboxQuery,
  onwardReferralResponse,
  respondBody,
  withdrawBody,
} from './schemas';
import { unmetNeedRoutes } from './unmet-need-routes';
import { z } from 'zod';

/** Locks in one order everywhere (parent referral, then onward referral) so writers never deadlock. */
async function lockForChange(tx: Executor, id: string) {
  const found = await findOnwardReferral(tx, id);
  const referral = await lockReferral(tx, found.referralId);
  const onward = await lockOnwardReferral(tx, id);
  return { referral, onward };
}

/** Presents the onward referral as the actor may see it and audits the fields shown. */
async function presentAndAudit(
  tx: Executor,
  actor: Actor,
  origin: { requestId: string; ip: string | null },
  onward: OnwardReferralRow,
) {
  const context = await loadOnwardContext(tx, onward);
  const fields = fieldsVisibleTo(actor, context);
  await recordAudit(tx, {
    actor,
    origin,
    action: 'onward_referral.read',
    entityType: 'onward_referral',
    entityId: onward.id,
    programmeId: onward.programmeId,
    details: { fieldsShown: ['given_name', ...fields] },
  });
  return presentOnwardReferral(onward, context, actor, fields);
}

export const onwardReferralRoutes: RouteModule = (app, deps) => {
  const { db, config } = deps;

  app.post(
    '/api/referrals/:id/onward-referrals',
    {
      schema: {
        tags: ['onward referrals'],
        summary:
          'Refer the person on to a directory service (link worker on the case or coordinator; send an Idempotency-Key)',
        params: idParams,
        body: createOnwardReferralBody,
        response: { 201: onwardReferralResponse },
      },
    },
    async (request, reply) => {
      assertSignedIn(request.actor);
      // A concurrent retry that meets the first request's row in the re-referral guard is answered
      // with the first response by runIdempotentCreate.
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const onward = await createOnwardReferral(tx, {
          actor: request.actor,
          origin: request.origin,
          referralId: request.params.id,
          ...request.body,
          publicUrl: config.publicUrl,
        });
        return { statusCode: 201, body: await presentAndAudit(tx, request.actor, request.origin, onward) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/api/onward-referrals',
    {
      schema: {
        tags: ['onward referrals'],
        summary:
          'The provider’s inbox: onward referrals to your organisation’s services, newest first (programme staff: their own)',
        querystring: inboxQuery,
        response: { 200: z.object({ items: z.array(inboxItemResponse), total: z.number() }) },
      },
    },
    async (request) => {
      const { actor } = request;
      const scope = authoriseList(
        actor,
        'onward_referral',
        'Only provider staff and programme staff have an onward-referral inbox.',
      );
      const conditions: SQL[] = [inboxCondition(scope)];
      if (request.query.status) conditions.push(eq(onwardReferrals.status, request.query.status));
      const where = and(...conditions);
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({
            id: onwardReferrals.id,
            programmeId: onwardReferrals.programmeId,
            reference: referrals.reference,
            service: { id: services.id, name: services.name },
            needs: onwardReferrals.needs,
            status: onwardReferrals.status,
            expectedStartOn: onwardReferrals.expectedStartOn,
            sentAt: onwardReferrals.sentAt,
            respondedAt: onwardReferrals.respondedAt,
            version: onwardReferrals.version,
            givenName: people.givenName,
          })
          .from(onwardReferrals)
          .innerJoin(referrals, eq(referrals.id, onwardReferrals.referralId))
          .innerJoin(people, eq(people.id, onwardReferrals.personId))
          .innerJoin(services, eq(services.id, onwardReferrals.serviceId))
          .where(where)
          .orderBy(desc(onwardReferrals.sentAt), desc(onwardReferrals.id))
          .limit(request.query.limit)
          .offset(request.query.offset);
        const [totalRow] = await tx
          .select({ total: count() })
          .from(onwardReferrals)
          .innerJoin(referrals, eq(referrals.id, onwardReferrals.referralId))
          .where(where);
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'onward_referral.list',
          entityType: 'onward_referral',
          programmeId: scope !== 'all' && 'programmeId' in scope ? scope.programmeId : null,
          details: { status: request.query.status ?? null, shown: rows.map((r) => r.id) },
        });
        return {
          items: rows.map((row) => ({
            id: row.id,
            reference: row.reference,
            service: row.service,
            needs: row.needs,
            status: row.status,
            expectedStartOn: row.expectedStartOn,
            sentAt: row.sentAt.toISOString(),
            respondedAt: row.respondedAt?.toISOString() ?? null,
            version: row.version,
            person: { givenName: row.givenName },
          })),
          total: totalRow?.total ?? 0,
        };
      });
    },
  );

  app.get(
    '/api/onward-referrals/:id',
    {
      schema: {
        tags: ['onward referrals'],
        summary:
          'One onward referral with attendance; providers see only what the person agreed to share (audited)',
        params: idParams,
        response: { 200: onwardReferralResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      assertSignedIn(actor);
      return db.transaction(async (tx) => {
        const onward = await findOnwardReferral(tx, request.params.id);
        const assigned = await assignedLinkWorkerOf(tx, onward.referralId);
        authorise(actor, 'read', onwardReferralResource(onward, assigned));
        return presentAndAudit(tx, actor, request.origin, onward);
      });
    },
  );

  app.post(
    '/api/onward-referrals/:id/withdraw',
    {
      schema: {
        tags: ['onward referrals'],
        summary:
          'Withdraw an onward referral (the link worker on the case; refused with 409 if the version is stale)',
        params: idParams,
        body: withdrawBody,
        response: { 200: onwardReferralResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      assertSignedIn(actor);
      return db.transaction(async (tx) => {
        const { referral, onward } = await lockForChange(tx, request.params.id);
        authorise(actor, 'revoke', onwardReferralResource(onward, referral.assignedLinkWorkerId));
        const updated = await applyOnwardAction(tx, {
          referral,
          onward,
          action: { type: 'withdraw' },
          actor,
          origin: request.origin,
          expectedVersion: request.body.version,
          note: request.body.reason,
          publicUrl: config.publicUrl,
        });
        return presentAndAudit(tx, actor, request.origin, updated);
      });
    },
  );

  app.post(
    '/api/onward-referrals/:id/respond',
    {
      schema: {
        tags: ['onward referrals'],
        summary:
          'Answer an onward referral: accept, waitlist, decline (with reason), start, complete or drop out',
        params: idParams,
        body: respondBody,
        response: { 200: onwardReferralResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      const body = request.body;
      assertSignedIn(actor);
      if (body.action === 'decline' && !body.reason)
        throw invalidField('reason', 'Say why the referral is declined.');
      if (body.action !== 'decline' && body.reason)
        throw invalidField('reason', 'A reason is only given when declining.');
      if (body.action !== 'waitlist' && body.expectedStartOn)
        throw invalidField('expectedStartOn', 'An expected start is only given when waitlisting.');
      const action =
        body.action === 'decline'
          ? { type: 'decline' as const, reason: body.reason! }
          : body.action === 'waitlist'
            ? {
                type: 'waitlist' as const,
                ...(body.expectedStartOn ? { expectedStartOn: body.expectedStartOn } : {}),
              }
            : { type: body.action };
      return db.transaction(async (tx) => {
        const { referral, onward } = await lockForChange(tx, request.params.id);
        authorise(actor, 'update', onwardReferralResource(onward, referral.assignedLinkWorkerId));
        const updated = await applyOnwardAction(tx, {
          referral,
          onward,
          action,
          actor,
          origin: request.origin,
          expectedVersion: body.version,
          note: body.note,
          publicUrl: config.publicUrl,
        });
        return presentAndAudit(tx, actor, request.origin, updated);
      });
    },
  );

  app.post(
    '/api/onward-referrals/:id/attendance',
    {
      schema: {
        tags: ['onward referrals'],
        summary:
          'Record a session: attended, did not attend or cancelled (the first attended session starts the referral)',
        params: idParams,
        body: attendanceBody,
        response: { 201: attendanceCreatedResponse },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      assertSignedIn(actor);
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const { referral, onward } = await lockForChange(tx, request.params.id);
        authorise(actor, 'update', onwardReferralResource(onward, referral.assignedLinkWorkerId));
        if (!attendanceOpenStatuses.includes(onward.status)) {
          throw new AppError(
            'invalid_transition',
            `Sessions can be recorded once the referral is accepted or waitlisted; it is ${onward.status.replace('_', ' ')}.`,
            { extra: { currentStatus: onward.status } },
          );
        }
        const [attendance] = await tx
          .insert(attendances)
          .values({
            programmeId: onward.programmeId,
            onwardReferralId: onward.id,
            sessionOn: request.body.sessionOn,
            status: request.body.status,
            note: request.body.note ?? '',
            recordedByUserId: actor.type === 'user' ? actor.userId : null,
          })
          .returning();
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'attendance.create',
          entityType: 'onward_referral',
          entityId: onward.id,
          programmeId: onward.programmeId,
          details: { sessionOn: request.body.sessionOn, status: request.body.status },
        });
        let current = onward;
        // The first session attended is the start: the same transition (and flowback) as respond/start.
        if (
          request.body.status === 'attended' &&
          (onward.status === 'accepted' || onward.status === 'waitlisted')
        ) {
          current = await applyOnwardAction(tx, {
            referral,
            onward,
            action: { type: 'start' },
            actor,
            origin: request.origin,
            note: `First session attended on ${request.body.sessionOn}.`,
            publicUrl: config.publicUrl,
          });
        }
        return {
          statusCode: 201,
          body: {
            attendance: presentAttendance(attendance!),
            onwardReferral: await presentAndAudit(tx, actor, request.origin, current),
          },
        };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  unmetNeedRoutes(app, deps);
  referrerRoutes(app, deps);
};

async function assignedLinkWorkerOf(db: Executor, referralId: string): Promise<string | null> {
  const [row] = await db
    .select({ assignedLinkWorkerId: referrals.assignedLinkWorkerId })
    .from(referrals)
    .where(eq(referrals.id, referralId));
  return row?.assignedLinkWorkerId ?? null;
}

/** Whose inbox (the policy's list scope): a provider's organisation, a coordinator's programme, a link worker's caseload. */
function inboxCondition(scope: Exclude<ListScope, 'none'>): SQL {
  if (scope === 'all') throw new AppError('forbidden', 'No one lists every programme’s onward referrals.');
  if ('organisationId' in scope) return eq(onwardReferrals.providerOrganisationId, scope.organisationId);
  const inProgramme = eq(onwardReferrals.programmeId, scope.programmeId);
  return scope.assignedTo
    ? and(inProgramme, eq(referrals.assignedLinkWorkerId, scope.assignedTo))!
    : inProgramme;
}
