// Referral in: staff, referrer and provider referrals (POST /api/referrals), the duplicate check
// staff run before referring, and the public self-referral form (self-referral.ts).
// Handlers validate, then refer-in.ts routes, authorises and writes everything in one transaction.
import { recordAudit } from '../../access/audit';
import { authoriseStaff } from '../../access/authorise-as';
import { authorise } from '../../access/policy';
import type { RouteModule } from '../../http/context';
import { runIdempotentCreate } from '../../http/idempotency';
import { countOpenReferrals, findPersonCandidates } from './find-or-create-person';
import { rankCandidates } from './person-match';
import { presentCreatedReferral } from './present';
import { prepareReferral, referIn } from './refer-in';
import { describeReferrer } from './referrer-context';
import {
  createdReferralResponse,
  createReferralBody,
  duplicateCheckBody,
  duplicateCheckResponse,
} from './schemas';
import { selfReferralRoutes } from './self-referral';

export const referralIntakeRoutes: RouteModule = (app, deps) => {
  const { db, config } = deps;

  app.post(
    '/api/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'Refer a person in (referrers, providers referring back, programme staff). Send an Idempotency-Key to make retries safe.',
        body: createReferralBody,
        response: { 201: createdReferralResponse },
      },
    },
    async (request, reply) => {
      const { actor, origin, body } = request;
      const referrer = await describeReferrer(db, actor);
      // Refuse what needs no database before taking a transaction (and an idempotency slot).
      prepareReferral(referrer, body);
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const { referral, programme, person, openReferrals } = await referIn(tx, {
          actor,
          origin,
          referrer,
          body,
          publicUrl: config.publicUrl,
        });
        return {
          statusCode: 201 as const,
          body: presentCreatedReferral(referral, {
            programme: { id: programme.id, name: programme.name },
            person,
            isProgrammeStaff: referrer.isProgrammeStaff,
            openReferrals,
          }),
        };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.post(
    '/api/referrals/duplicate-check',
    {
      schema: {
        tags: ['referrals'],
        summary:
          'Before referring: people already in your programme who may be this person (link workers and coordinators)',
        body: duplicateCheckBody,
        response: { 200: duplicateCheckResponse },
      },
    },
    async (request) => {
      const { actor, body } = request;
      // Referrers and providers would see other organisations' patients: never candidates for them.
      const { programmeId } = authoriseStaff(actor, 'read', { kind: 'duplicate_check' });
      authorise(actor, 'list', { kind: 'person', programmeId, assignedLinkWorkerId: null });
      return db.transaction(async (tx) => {
        const facts = {
          givenName: body.givenName,
          familyName: body.familyName,
          dateOfBirth: body.dateOfBirth,
          nhsNumber: body.nhsNumber ?? null,
          postcode: body.postcode ?? null,
        };
        const ranked = rankCandidates(facts, await findPersonCandidates(tx, programmeId, facts)).slice(0, 10);
        const openCounts = await countOpenReferrals(
          tx,
          ranked.map((r) => r.candidate.id),
        );
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'person.duplicate_check',
          entityType: 'person',
          programmeId,
          details: { results: ranked.map((r) => r.candidate.id) },
        });
        return {
          candidates: ranked.map(({ candidate, reason }) => ({
            id: candidate.id,
            givenName: candidate.givenName,
            familyName: candidate.familyName,
            dateOfBirth: candidate.dateOfBirth,
            postcode: candidate.postcode,
            openReferrals: openCounts.get(candidate.id) ?? 0,
            matchReason: reason,
          })),
        };
      });
    },
  );

  selfReferralRoutes(app, deps);
};
