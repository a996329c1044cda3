// Verifies a client assertion (RFC 7523 §3, SMART Backend Services): a JWT the client signs with
// a private key whose public half a platform admin registered. Every refusal is an OAuthError with
// the RFC 6749 §5.2 code; the ones that suggest an attack (a wrong signature, an unknown key, a
// replay, a revoked client) carry an audit reason.
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client';
import { apiClients } from '../db/schema';
import { assertionAlgorithms, type PublicJwks } from './client-jwks';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'server_error';

/** Why a refusal is worth an audit row; refusals without one are ordinary client mistakes. */
export type AuditedRefusal = 'bad_signature' | 'unknown_key' | 'replayed_assertion' | 'revoked_client';

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthErrorCode,
    description: string,
    readonly audit?: { reason: AuditedRefusal; apiClientId: string },
  ) {
    super(description);
  }
}

// SMART Backend Services: "exp … no more than five minutes in the future". Clocks drift, so a
// little leeway is allowed on every time claim.
const maxAssertionLifetimeSeconds = 300;
const clockToleranceSeconds = 30;

export type VerifiedAssertion = {
  client: typeof apiClients.$inferSelect;
  assertionId: string;
  payload: JWTPayload;
};

const invalidClient = (description: string, audit?: OAuthError['audit']) =>
  new OAuthError(401, 'invalid_client', description, audit);

export async function verifyClientAssertion(
  db: Executor,
  input: { assertion: string; clientIdParam: string | undefined; tokenUrl: string; now: Date },
): Promise<VerifiedAssertion> {
  const unverified = readUnverified(input.assertion);
  if (input.clientIdParam !== undefined && input.clientIdParam !== unverified.clientId) {
    throw invalidClient('client_id does not match the assertion’s iss.');
  }
  const [client] = await db.select().from(apiClients).where(eq(apiClients.id, unverified.clientId));
  if (!client) throw invalidClient('No API client has the id in the assertion’s iss.');
  if (client.revokedAt) {
    throw invalidClient('This API client has been revoked.', {
      reason: 'revoked_client',
      apiClientId: client.id,
    });
  }
  const jwks = client.jwks as PublicJwks | null;
  if (!jwks || jwks.keys.length === 0) {
    throw invalidClient(
      'This API client has no registered public keys; ask a Linkwell administrator to register its JWKS.',
    );
  }

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(input.assertion, createLocalJWKSet(jwks), {
      algorithms: [...assertionAlgorithms],
      issuer: client.id,
      subject: client.id,
      audience: input.tokenUrl,
      requiredClaims: ['exp', 'jti'],
      clockTolerance: clockToleranceSeconds,
      currentDate: input.now,
    }));
  } catch (error) {
    throw describeVerificationFailure(error, client.id, input.tokenUrl);
  }

  const latestExpiry = input.now.getTime() / 1000 + maxAssertionLifetimeSeconds + clockToleranceSeconds;
  if (payload.exp! > latestExpiry) {
    throw invalidClient('The assertion’s exp must be at most 5 minutes in the future.');
  }
  if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 255) {
    throw invalidClient('The assertion needs a jti: a unique id of at most 255 characters.');
  }
  return { client, assertionId: payload.jti, payload };
}

/** The claimed client and key, read before verifying so we know whose keys to verify with. */
function readUnverified(assertion: string): { clientId: string } {
  let payload: JWTPayload;
  let kid: string | undefined;
  try {
    payload = decodeJwt(assertion);
    kid = decodeProtectedHeader(assertion).kid;
  } catch {
    throw invalidClient('client_assertion is not a signed JWT.');
  }
  if (typeof payload.iss !== 'string' || payload.iss !== payload.sub) {
    throw invalidClient('The assertion’s iss and sub must both be your API client id.');
  }
  if (!z.uuid().safeParse(payload.iss).success) {
    throw invalidClient('The assertion’s iss must be your API client id (a UUID).');
  }
  if (!kid) throw invalidClient('The assertion’s header must name its signing key with kid.');
  return { clientId: payload.iss };
}

function describeVerificationFailure(error: unknown, apiClientId: string, tokenUrl: string): OAuthError {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return invalidClient('The assertion’s signature does not match the registered key.', {
      reason: 'bad_signature',
      apiClientId,
    });
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return invalidClient('No registered key has the assertion’s kid (or it does not sign with its alg).', {
      reason: 'unknown_key',
      apiClientId,
    });
  }
  if (error instanceof errors.JWTExpired) return invalidClient('The assertion has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return invalidClient(`The assertion’s aud must be ${tokenUrl}.`);
    return invalidClient(`The assertion’s ${error.claim} claim is not valid: ${error.message}.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return invalidClient(`Sign the assertion with ${assertionAlgorithms.join(' or ')}.`);
  }
  if (error instanceof errors.JOSEError) {
    return invalidClient(`The assertion could not be verified: ${error.message}.`);
  }
  throw error;
}
