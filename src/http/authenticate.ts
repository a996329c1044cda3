// Resolves the actor of every request: an API key in `Authorization: Bearer lw_…`, an OAuth2
// access token from POST /oauth2/token in `Authorization: Bearer lwat_…`, or a session cookie.
// Cookie-authenticated writes must carry the session's CSRF token in `X-CSRF-Token`; bearer requests
// are not exposed to CSRF (browsers never attach a key or token by themselves).
import { anonymous, type ApiClientActor } from '../access/actor';
import { findApiClientByAccessToken, isAccessToken, scopesAllowMethod } from '../accounts/access-tokens';
import { findApiClientByKey } from '../accounts/api-keys';
import { findSession, sessionCookieName } from '../accounts/sessions';
import { safeEqual } from '../accounts/tokens';
import type { AppDeps, AppInstance } from './context';
import { AppError } from './errors';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that may be used while a session is waiting for its second factor. */
const mfaPendingAllowed = new Set([
  '/api/session',
  '/api/auth/totp',
  '/api/auth/logout',
  '/api/account/totp/setup',
  '/api/account/totp/confirm',
]);

export function installAuthentication(app: AppInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', undefined);
  app.decorateRequest('origin', null as never);

  app.addHook('onRequest', async (request) => {
    request.origin = { requestId: request.id, ip: request.ip ?? null };
    request.actor = anonymous;
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/fhir')) return;

    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      request.actor = match ? await findApiClientActor(deps, match[1]!, request.method) : anonymous;
      if (request.actor.type !== 'api_client') {
        throw new AppError(
          'unauthenticated',
          'The API key or access token is not valid, has expired or has been revoked.',
        );
      }
      return;
    }

    const token = request.cookies[sessionCookieName];
    if (!token) return;
    const session = await findSession(deps.db, token, deps.config.sessionTtlHours);
    if (!session) return;
    request.session = session;

    const path = request.url.split('?')[0]!;
    if (!safeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        throw new AppError(
          'csrf_failed',
          'This request did not include a valid X-CSRF-Token header. Reload the page and try again.',
        );
      }
    }
    if (session.isMfaPending) {
      if (!mfaPendingAllowed.has(path)) {
        throw new AppError('unauthenticated', 'Finish signing in with your authenticator app code first.');
      }
    }
    request.actor = {
      type: 'user',
      userId: session.user.id,
      role: session.user.role,
      name: session.user.name,
      email: session.user.email,
      programmeId: session.user.programmeId,
      organisationId: session.user.organisationId,
      sessionTokenHash: session.tokenHash,
    };
  });
}

/** The client behind an API key or an access token; a token's read-only scope refuses writes. */
async function findApiClientActor(
  deps: AppDeps,
  bearer: string,
  method: string,
): Promise<ApiClientActor | typeof anonymous> {
  if (isAccessToken(bearer)) {
    const found = await findApiClientByAccessToken(deps.db, bearer);
    if (!found) return anonymous;
    if (!scopesAllowMethod(found.scopes, method)) {
      throw new AppError(
        'forbidden',
        `This access token was granted ${found.scopes.join(' ')}, which only reads; ask for system/*.* to make changes.`,
      );
    }
    return actorFor(found.client, found.scopes);
  }
  const client = await findApiClientByKey(deps.db, bearer);
  return client ? actorFor(client, client.scopes) : anonymous;
}

function actorFor(
  client: { id: string; name: string; organisationId: string },
  scopes: string[],
): ApiClientActor {
  return {
    type: 'api_client',
    clientId: client.id,
    name: client.name,
    organisationId: client.organisationId,
    scopes,
  };
}
