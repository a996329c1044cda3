// Referral in: staff, referrer and provider referrals (POST /api/referrals), the duplicate check
// staff run before referring, and the public self-referral form (self-referral.ts).
// Handlers validate, route, authorise, then do everything in one transaction.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { AppError, notFound } from '../../http/errors';
import type { Actor } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { people, referrals } from '../../db/schema';
import type { RouteModule } from '../../http/context';
import { runIdempotentCreate } from '../../http/idempotency';
import { openReferralStatuses } from '../referral-state';
import { createReferral } from './create-referral';
import {
  countOpenReferrals,
  findOrCreatePerson,
  findPersonCandidates,
  type PersonOutcome,
} from './find-or-create-person';
import { rankCandidates } from './person-match';
import { presentCreatedReferral } from './present';
import { chooseSourceType, describeReferrer, referrerContact } from './referrer-context';
import { routeReferral } from './routing';
import {
  createdReferralResponse,
  createReferralBody,
  duplicateCheckBody,
  duplicateCheckResponse,
  type CreateReferralBody,
} from './schemas';
import { selfReferralRoutes } from './self-referral';

const noProgrammeForReferrer = (place: string) =>
  `No social prescribing programme in Linkwell covers ${place} or your organisation. ` +
  'Contact your local social prescribing service directly.';

/** Programme staff referring someone already in the programme: authorised as a read of the person. */
async function existingPerson(
  tx: Executor,
  actor: Actor,
  origin: { requestId: string; ip: string | null },
  personId: string,
  accessReason: string | undefined,
): Promise<PersonOutcome> {
  const [row] = await tx.select().from(people).where(eq(people.id, personId));
  if (!row) throw notFound('The person');
  const basis = authorise(
    actor,
    'read',
    {
      kind: 'person',
      id: row.id,
      programmeId: row.programmeId,
      assignedLinkWorkerId: row.assignedLinkWorkerId,
    },
    { accessReason },
  );
  await recordAudit(tx, {
    actor,
    origin,
    action: 'person.read',
    entityType: 'person',
    entityId: row.id,
    programmeId: row.programmeId,
    details: { basis, via: 'referral' },
  });
  return { person: row, isExisting: true, matchedOn: null };
}

async function otherOpenReferrals(tx: Executor, personId: string, excludeId: string) {
  return tx
    .select({ reference: referrals.reference, status: referrals.status })
    .from(referrals)
    .where(
      and(
        eq(referrals.personId, personId),
        ne(referrals.id, excludeId),
        inArray(referrals.status, [...openReferralStatuses]),
      ),
    )
    .orderBy(referrals.receivedAt);
}

function consentFields(body: CreateReferralBody, recordedByDefault: string) {
  return {
    consentToReferral: true,
    consentToShare: body.consent.toShare,
    sharedFields: body.consent.toShare ? body.consent.sharedFields : [],
    consentMethod: body.consent.method,
    consentRecordedBy: body.consent.recordedBy ?? recordedByDefault,
    consentRecordedAt: new Date(),
  };
}

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
      if (body.personId && !referrer.isProgrammeStaff)
        throw new AppError(
          'forbidden',
          'Only programme staff can refer a person already in the programme by id.',
        );
      const sourceType = chooseSourceType(referrer, body.sourceType);
      const contact = referrerContact(referrer, body.referrer);
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const programme = await routeReferral(tx, {
          staffProgrammeId: referrer.staffProgrammeId,
          organisationId: referrer.organisationId,
          postcode: body.person?.postcode,
          postcodeField: 'person.postcode',
          noProgrammeMessage: noProgrammeForReferrer,
        });
        authorise(actor, 'create', {
          kind: 'referral',
          programmeId: programme.id,
          assignedLinkWorkerId: null,
          referringOrganisationId: referrer.organisationId,
        });
        const person = body.personId
          ? await existingPerson(tx, actor, origin, body.personId, body.accessReason)
          : await findOrCreatePerson(tx, { programmeId: programme.id, person: body.person!, actor, origin });
        const referral = await createReferral(tx, {
          actor,
          origin,
          programme,
          person,
          routedBy: programme.basis,
          publicUrl: config.publicUrl,
          fields: {
            sourceType,
            referringOrganisationId: referrer.organisationId,
            referrerUserId: actor.type === 'user' ? actor.userId : null,
            referrerName: contact.name,
            referrerEmail: contact.email,
            referrerPhone: contact.phone,
            referrerNotifyBy: contact.notifyBy,
            needs: body.needs,
            reasonText: body.reasonText,
            urgency: body.urgency,
            contactPreferences: body.contactPreferences,
            ...consentFields(body, referrer.defaultName),
          },
        });
        const openReferrals =
          referrer.isProgrammeStaff && person.isExisting
            ? await otherOpenReferrals(tx, person.person.id, referral.id)
            : [];
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
      if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in to continue.');
      // Referrers and providers would see other organisations' patients: never candidates for them.
      if (
        actor.type !== 'user' ||
        (actor.role !== 'coordinator' && actor.role !== 'link_worker') ||
        !actor.programmeId
      )
        throw new AppError(
          'forbidden',
          'Only link workers and coordinators can check for people already known.',
        );
      const programmeId = actor.programmeId;
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
