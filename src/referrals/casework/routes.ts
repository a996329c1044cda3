// Link worker casework: triage queue, assignment, transitions, contacts, assessment, history.
// Each handler: authenticate → validate (zod) → one transaction (authorise + change + audit) → present.
// Task routes are in task-routes.ts.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import { referrals } from '../../db/schema';
import type { RouteModule } from '../../http/context';
import { notFound } from '../../http/errors';
import { idParams } from '../../http/schemas';
import { findPersonForRead, referralResource } from '../access';
import { programmeSettingsOf } from '../store';
import { referralAbilities } from './abilities';
import { actOnReferral } from './act-on-referral';
import { assignReferral } from './assign-referral';
import { loadPersonHistory } from './history';
import { presentAssessment, presentContactAttempt, presentReferralState } from './present';
import { listReferrals, type ListFilter } from './queries';
import { recordContact } from './record-contact';
import { buildReferralRecord } from './referral-record';
import { saveAssessment } from './save-assessment';
import {
  accessReasonQuery,
  assessmentBody,
  assessmentResponse,
  assignBody,
  contactBody,
  contactResponse,
  historyResponse,
  referralActionBody,
  referralDetailResponse,
  referralListQuery,
  referralListResponse,
  referralStateResponse,
} from './schemas';
import { authoriseStaff } from '../../access/authorise-as';
import type { StaffActor } from './staff';
import { taskRoutes } from './task-routes';
import { waitingTimeRoutes } from './waiting-time-routes';

const tags = ['casework'];

/** The list asked for, within the programme the policy allowed (link workers: queue and own caseload). */
function listFilterFor(actor: StaffActor, query: z.infer<typeof referralListQuery>): ListFilter {
  const programmeId = actor.programmeId;
  switch (query.view) {
    case 'queue':
      return { view: 'queue', programmeId };
    case 'caseload':
      return { view: 'caseload', programmeId, linkWorkerId: query.linkWorkerId ?? actor.userId };
    case 'all':
      return { view: 'all', programmeId, status: query.status, linkWorkerId: query.linkWorkerId };
  }
}

const caseloadViews = { queue: 'queue', caseload: 'caseload', all: 'programme' } as const;

export const caseworkRoutes: RouteModule = (app, deps) => {
  const { db, config } = deps;

  app.get(
    '/api/referrals',
    {
      schema: {
        tags,
        summary:
          'Referral lists for programme staff: the triage queue, a caseload, or (coordinators) the whole programme',
        querystring: referralListQuery,
        response: { 200: referralListResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'list', {
        kind: 'caseload',
        view: caseloadViews[request.query.view],
        linkWorkerId: request.query.linkWorkerId,
      });
      const filter = listFilterFor(actor, request.query);
      const { limit, offset } = request.query;
      return db.transaction(async (tx) => {
        const result = await listReferrals(tx, filter, { limit, offset }, new Date());
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'referral.list',
          entityType: 'referral',
          programmeId: actor.programmeId,
          details: {
            view: request.query.view,
            filter,
            personIds: [...new Set(result.items.map((item) => item.person.id))],
          },
        });
        return result;
      });
    },
  );

  app.get(
    '/api/referrals/:id',
    {
      schema: {
        tags,
        summary:
          'A referral’s full record for the link worker. Opening one not on your caseload needs a reason (audited).',
        params: idParams,
        querystring: accessReasonQuery,
        response: { 200: referralDetailResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'read', { kind: 'casework' });
      return db.transaction(async (tx) => {
        const [referral] = await tx.select().from(referrals).where(eq(referrals.id, request.params.id));
        if (!referral) throw notFound('The referral');
        const basis = authorise(actor, 'read', referralResource(referral), {
          accessReason: request.query.reason,
        });
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'referral.read',
          entityType: 'referral',
          entityId: referral.id,
          programmeId: referral.programmeId,
          details: { basis, personId: referral.personId, reason: request.query.reason ?? null },
        });
        return buildReferralRecord(tx, actor, referral);
      });
    },
  );

  app.post(
    '/api/referrals/:id/assign',
    {
      schema: {
        tags,
        summary:
          'Assign a referral to a link worker (coordinators), or pick an unassigned one up yourself (link workers)',
        params: idParams,
        body: assignBody,
        response: { 200: referralStateResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'update', { kind: 'casework' });
      return db.transaction(async (tx) => {
        const updated = await assignReferral(tx, {
          actor,
          origin: request.origin,
          referralId: request.params.id,
          ...request.body,
        });
        const settings = await programmeSettingsOf(tx, updated.programmeId);
        return presentReferralState(updated, referralAbilities(actor, updated, settings));
      });
    },
  );

  app.post(
    '/api/referrals/:id/actions',
    {
      schema: {
        tags,
        summary:
          'Accept, reject, hold, resume or close a referral (reason required to reject or close; refused steps are 409)',
        params: idParams,
        body: referralActionBody,
        response: { 200: referralStateResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'update', { kind: 'casework' });
      return db.transaction(async (tx) => {
        const updated = await actOnReferral(tx, {
          ...request.body,
          actor,
          origin: request.origin,
          referralId: request.params.id,
          publicUrl: config.publicUrl,
        });
        const settings = await programmeSettingsOf(tx, updated.programmeId);
        return presentReferralState(updated, referralAbilities(actor, updated, settings));
      });
    },
  );

  app.post(
    '/api/referrals/:id/contacts',
    {
      schema: {
        tags,
        summary:
          'Record a contact attempt (phone, text, video, face to face…); the first reached contact tells the referrer',
        params: idParams,
        body: contactBody,
        response: { 201: contactResponse },
      },
    },
    async (request, reply) => {
      const actor = authoriseStaff(request.actor, 'update', { kind: 'casework' });
      const result = await db.transaction(async (tx) => {
        const recorded = await recordContact(tx, {
          ...request.body,
          actor,
          origin: request.origin,
          referralId: request.params.id,
          publicUrl: config.publicUrl,
        });
        const abilities = referralAbilities(actor, recorded.referral, recorded);
        return {
          contactAttempt: presentContactAttempt(recorded.attempt, actor.name),
          referral: presentReferralState(recorded.referral, abilities),
          canCloseAsUnableToContact: recorded.canCloseAsUnableToContact,
        };
      });
      return reply.status(201).send(result);
    },
  );

  app.put(
    '/api/referrals/:id/assessment',
    {
      schema: {
        tags,
        summary:
          'Create or change the assessment: what matters to the person, needs by domain, goals (version required to change)',
        params: idParams,
        body: assessmentBody,
        response: { 200: assessmentResponse, 201: assessmentResponse },
      },
    },
    async (request, reply) => {
      const actor = authoriseStaff(request.actor, 'update', { kind: 'casework' });
      const { row, isNew } = await db.transaction((tx) =>
        saveAssessment(tx, { ...request.body, actor, origin: request.origin, referralId: request.params.id }),
      );
      return reply.status(isNew ? 201 : 200).send(presentAssessment(row, actor.name));
    },
  );

  app.get(
    '/api/people/:id/history',
    {
      schema: {
        tags,
        summary:
          'A person’s previous and open referrals and onward referrals with attendance, checked before making a plan',
        params: idParams,
        querystring: accessReasonQuery,
        response: { 200: historyResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'read', { kind: 'casework' });
      return db.transaction(async (tx) => {
        const { person, basis } = await findPersonForRead(tx, actor, request.params.id, request.query.reason);
        const history = await loadPersonHistory(tx, person);
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'person.history.read',
          entityType: 'person',
          entityId: person.id,
          programmeId: person.programmeId,
          details: { basis, reason: request.query.reason ?? null },
        });
        return history;
      });
    },
  );

  taskRoutes(app, deps);
  waitingTimeRoutes(app, deps);
};
