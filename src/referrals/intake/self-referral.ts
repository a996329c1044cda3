// Self-referral without an account (docs/DESIGN.md §1 citizen, §4). Anyone may use it, so it is guarded
// without third-party services: a hidden honeypot field, a signed form token that must be a few
// seconds old (form-token.ts), and per-address rate limits. The form itself is the authorisation:
// the policy engine has no anonymous rule for referrals, and the route asks it nothing.
// A citizen checks progress with the reference and a random secret; only the secret's SHA-256 is kept.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { desc, and, eq } from 'drizzle-orm';
import { recordAudit } from '../../access/audit';
import { referralEvents, referrals } from '../../db/schema';
import type { AppDeps, AppInstance } from '../../http/context';
import { AppError, invalidField } from '../../http/errors';
import { runIdempotentCreate } from '../../http/idempotency';
import { createReferral } from './create-referral';
import { findOrCreatePerson } from './find-or-create-person';
import {
  checkFormToken,
  formTokenMessages,
  issueFormToken,
  maximumFormAgeMs,
  minimumFormAgeMs,
} from './form-token';
import { plainStatus } from './messages';
import { normaliseReference } from './reference';
import { routeReferral } from './routing';
import {
  formTokenResponse,
  selfReferralBody,
  selfReferralResponse,
  statusCheckBody,
  statusCheckResponse,
  type SelfReferralBody,
} from './schemas';

/** What a person agreeing to share lets a service see: enough to contact them about their needs. */
const selfReferralSharedFields = ['contact_details', 'needs', 'language'];

const sha256 = (text: string) => createHash('sha256').update(text).digest();

const noProgrammeForCitizen = (place: string) =>
  `Sorry, Linkwell does not have a social prescribing service for ${place} yet. ` +
  'Your GP practice or local council can tell you about support near you.';

const notFoundForCitizen = () =>
  new AppError(
    'not_found',
    'We could not find a referral with that reference and secret code. Check both and try again.',
  );

function personFrom(body: SelfReferralBody) {
  return {
    givenName: body.givenName,
    familyName: body.familyName,
    dateOfBirth: body.dateOfBirth,
    postcode: body.postcode,
    phone: body.phone,
    email: body.email,
    preferredChannel: body.preferredChannel,
    language: body.language,
    needsInterpreter: body.needsInterpreter,
    sex: body.sex,
    genderIdentitySame: body.genderIdentitySame,
    genderIdentity: body.genderIdentity,
    ethnicity: body.ethnicity,
    disability: body.disability,
    carer: body.carer,
  };
}

export function selfReferralRoutes(app: AppInstance, { db, config }: AppDeps): void {
  // Signs form tokens: FORM_SECRET when set (shared by every instance), else per process.
  const { formSecret } = config;

  app.get(
    '/api/public/referrals/form-token',
    {
      config: { rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags: ['self-referral'],
        summary: 'A token for the self-referral form; send it back with the form after filling it in',
        response: { 200: formTokenResponse },
      },
    },
    () => ({
      formToken: issueFormToken(formSecret),
      minimumSeconds: minimumFormAgeMs / 1000,
      expiresInSeconds: maximumFormAgeMs / 1000,
    }),
  );

  app.post(
    '/api/public/referrals',
    {
      config: { rateLimit: { max: 5, timeWindow: 60 * 60_000 } },
      schema: {
        tags: ['self-referral'],
        summary:
          'Refer yourself to social prescribing (no account needed). Returns your reference and a secret code.',
        body: selfReferralBody,
        response: { 201: selfReferralResponse },
      },
    },
    async (request, reply) => {
      const { actor, origin, body } = request;
      if (body.website?.trim())
        throw invalidField('website', 'This form could not be sent. Leave the website field empty.');
      const token = checkFormToken(formSecret, body.formToken);
      if (!token.ok)
        throw new AppError('validation_failed', formTokenMessages[token.problem], {
          errors: [
            {
              field: 'formToken',
              pointer: '#/formToken',
              in: 'body',
              detail: formTokenMessages[token.problem],
            },
          ],
          extra: { reason: token.problem },
        });
      const statusSecret = randomBytes(18).toString('base64url');
      let firstAnswer: object | undefined;
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const programme = await routeReferral(tx, {
          organisationId: null,
          postcode: body.postcode,
          postcodeField: 'postcode',
          noProgrammeMessage: noProgrammeForCitizen,
        });
        const person = await findOrCreatePerson(tx, {
          programmeId: programme.id,
          person: personFrom(body),
          actor,
          origin,
        });
        const referral = await createReferral(tx, {
          actor,
          origin,
          programme,
          person,
          publicUrl: config.publicUrl,
          fields: {
            sourceType: 'self',
            referrerNotifyBy: 'none',
            needs: body.needs,
            reasonText: body.helpWith,
            urgency: 'routine',
            contactPreferences: {
              ...(body.bestTimes ? { bestTimes: body.bestTimes } : {}),
              ...(body.safeToLeaveMessage !== undefined
                ? { safeToLeaveMessage: body.safeToLeaveMessage }
                : {}),
            },
            consentToReferral: true,
            consentToShare: body.consentToShare,
            sharedFields: body.consentToShare ? selfReferralSharedFields : [],
            consentMethod: 'digital',
            consentRecordedBy: 'the person',
            consentRecordedAt: new Date(),
            statusSecretHash: sha256(statusSecret).toString('hex'),
          },
        });
        // The remembered answer (for retries) never holds the secret: only its hash is stored.
        const answer = {
          reference: referral.reference,
          statusSecret: null,
          checkStatusUrl: `${config.publicUrl}/refer/status?reference=${encodeURIComponent(referral.reference)}`,
        };
        firstAnswer = answer;
        return { statusCode: 201 as const, body: answer };
      });
      // Only the request that created the referral shows the secret (a retry, or the loser of a
      // concurrent race answered from the stored response, gets null).
      const isFirst = result.body === firstAnswer;
      return reply
        .status(result.statusCode)
        .send({ ...result.body, statusSecret: isFirst ? statusSecret : null });
    },
  );

  app.post(
    '/api/public/referrals/status',
    {
      config: { rateLimit: { max: 20, timeWindow: 10 * 60_000 } },
      schema: {
        tags: ['self-referral'],
        summary: 'Check a self-referral’s progress with its reference and secret code',
        body: statusCheckBody,
        response: { 200: statusCheckResponse },
      },
    },
    async (request) => {
      const { actor, origin, body } = request;
      const reference = normaliseReference(body.reference);
      return db.transaction(async (tx) => {
        const [row] = reference
          ? await tx
              .select({
                id: referrals.id,
                programmeId: referrals.programmeId,
                reference: referrals.reference,
                status: referrals.status,
                receivedAt: referrals.receivedAt,
                statusSecretHash: referrals.statusSecretHash,
              })
              .from(referrals)
              .where(eq(referrals.reference, reference))
          : [];
        // Compare even when nothing was found, so timing does not tell a real reference from a guess.
        const stored = Buffer.from(row?.statusSecretHash ?? '0'.repeat(64), 'hex');
        const given = sha256(body.secret);
        const isMatch = stored.length === given.length && timingSafeEqual(stored, given);
        if (!row || !row.statusSecretHash || !isMatch) throw notFoundForCitizen();
        const [latest] = await tx
          .select({ at: referralEvents.occurredAt })
          .from(referralEvents)
          .where(and(eq(referralEvents.referralId, row.id), eq(referralEvents.isVisibleToReferrer, true)))
          .orderBy(desc(referralEvents.occurredAt))
          .limit(1);
        await recordAudit(tx, {
          actor,
          origin,
          action: 'referral.status_check',
          entityType: 'referral',
          entityId: row.id,
          programmeId: row.programmeId,
        });
        return {
          reference: row.reference,
          status: plainStatus[row.status] ?? 'We are working on your referral.',
          receivedAt: row.receivedAt.toISOString(),
          lastUpdate: (latest?.at ?? row.receivedAt).toISOString(),
        };
      });
    },
  );
}
