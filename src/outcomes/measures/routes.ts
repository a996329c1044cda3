// Outcome measures for programme staff: the instruments they may use, recording and correcting a
// measure on a referral, and reading a referral's or a person's measures with their meaning.
// Self-completion links are in link-routes.ts (staff) and public-routes.ts (the person).
// Each handler: authenticate → validate (zod) → one transaction (authorise + change + audit) → present.
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import { measures, referrals } from '../../db/schema';
import type { RouteModule } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { runIdempotentCreate } from '../../http/idempotency';
import { idParams } from '../../http/schemas';
import { findPersonForRead, referralResource } from '../../referrals/access';
import { accessReasonQuery } from '../../referrals/casework/schemas';
import { authoriseStaff } from '../../access/authorise-as';
import { lockReferral } from '../../referrals/store';
import { findProgrammeInstrument, listProgrammeInstruments } from './instruments-for-programme';
import { linkRoutes } from './link-routes';
import { presentInstrument } from './present';
import { publicMeasureLinkRoutes } from './public-routes';
import { listPersonMeasures, listReferralMeasures, presentOne } from './queries';
import { correctMeasure } from './record-measure';
import { checkCompletedOn, recordReferralMeasure } from './record-referral-measure';
import {
  correctMeasureBody,
  instrumentListResponse,
  measureListResponse,
  measureParams,
  measureResponse,
  recordMeasureBody,
} from './schemas';

const tags = ['outcomes'];

export const measuresRoutes: RouteModule = (app, deps) => {
  const { db } = deps;

  app.get(
    '/api/outcomes/instruments',
    {
      schema: {
        tags,
        summary:
          'The questionnaires your programme can use: the built-in measures and the programme’s own, with items, answers and licence notes',
        response: { 200: instrumentListResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'read', { kind: 'measures' });
      const instruments = await listProgrammeInstruments(db, actor.programmeId);
      return { items: instruments.map(presentInstrument) };
    },
  );

  app.post(
    '/api/referrals/:id/measures',
    {
      schema: {
        tags,
        summary:
          'Record a completed questionnaire at a timepoint (one per questionnaire and timepoint; correct it with PUT). Send an Idempotency-Key to make retries safe.',
        params: idParams,
        body: recordMeasureBody,
        response: { 201: measureResponse },
      },
    },
    async (request, reply) => {
      const actor = authoriseStaff(request.actor, 'create', { kind: 'measures' });
      const { body } = request;
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const now = new Date();
        const referral = await lockReferral(tx, request.params.id);
        const basis = authorise(actor, 'update', referralResource(referral));
        const row = await recordReferralMeasure(tx, {
          actor,
          origin: request.origin,
          referral,
          instrumentKey: body.instrumentKey,
          timepoint: body.timepoint,
          completedOn: body.completedOn,
          answers: body.answers,
          source: 'link_worker',
          answersField: 'answers',
          recordedByUserId: actor.userId,
          auditDetails: { basis },
          now,
        });
        return { statusCode: 201 as const, body: await presentOne(tx, referral.programmeId, row) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.put(
    '/api/referrals/:id/measures/:measureId',
    {
      schema: {
        tags,
        summary: 'Correct a recorded questionnaire’s answers or date (version required; it is scored again)',
        params: measureParams,
        body: correctMeasureBody,
        response: { 200: measureResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'update', { kind: 'measures' });
      const { body } = request;
      return db.transaction(async (tx) => {
        const now = new Date();
        const referral = await lockReferral(tx, request.params.id);
        const basis = authorise(actor, 'update', referralResource(referral));
        const [measure] = await tx
          .select()
          .from(measures)
          .where(and(eq(measures.id, request.params.measureId), eq(measures.referralId, referral.id)));
        if (!measure) throw notFound('The measure');
        const instrument = await findProgrammeInstrument(tx, referral.programmeId, measure.instrumentKey, {
          includeArchived: true,
        });
        if (!instrument)
          throw new AppError('invalid_transition', 'The questionnaire this measure used no longer exists.');
        const completedOn = body.completedOn ?? measure.completedOn;
        checkCompletedOn(completedOn, referral, now);
        const row = await correctMeasure(tx, {
          actor,
          origin: request.origin,
          referral,
          measure,
          instrument,
          completedOn,
          answers: body.answers,
          version: body.version,
          recordedByUserId: actor.userId,
          auditDetails: { basis },
          now,
        });
        return presentOne(tx, referral.programmeId, row);
      });
    },
  );

  app.get(
    '/api/referrals/:id/measures',
    {
      schema: {
        tags,
        summary:
          'A referral’s measures over time, with scores, bands, plain-language meaning and change since baseline',
        params: idParams,
        querystring: accessReasonQuery,
        response: { 200: measureListResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'read', { kind: 'measures' });
      return db.transaction(async (tx) => {
        const [referral] = await tx.select().from(referrals).where(eq(referrals.id, request.params.id));
        if (!referral) throw notFound('The referral');
        const basis = authorise(actor, 'read', referralResource(referral), {
          accessReason: request.query.reason,
        });
        const items = await listReferralMeasures(tx, referral);
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'measure.list',
          entityType: 'referral',
          entityId: referral.id,
          programmeId: referral.programmeId,
          details: { basis, personId: referral.personId, reason: request.query.reason ?? null },
        });
        return { items };
      });
    },
  );

  app.get(
    '/api/people/:id/measures',
    {
      schema: {
        tags,
        summary:
          'A person’s measures across their referrals in the programme, oldest first, for the chart over time',
        params: idParams,
        querystring: accessReasonQuery,
        response: { 200: measureListResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'read', { kind: 'measures' });
      return db.transaction(async (tx) => {
        const { person, basis } = await findPersonForRead(tx, actor, request.params.id, request.query.reason);
        const items = await listPersonMeasures(tx, person);
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'measure.list',
          entityType: 'person',
          entityId: person.id,
          programmeId: person.programmeId,
          details: { basis, reason: request.query.reason ?? null },
        });
        return { items };
      });
    },
  );

  linkRoutes(app, deps);
  publicMeasureLinkRoutes(app, deps);
};
