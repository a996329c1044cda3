// OAuth2 client credentials with a signed JWT assertion (RFC 6749 §4.4, RFC 7523, SMART Backend
// Services — the pattern NHS APIs use): POST /oauth2/token swaps a client assertion for a 5-minute
// access token, and /.well-known/smart-configuration advertises it. The token endpoint speaks OAuth2's
// own error format ({ error, error_description }), not problem+json, so it lives in its own scope
// with its own error handler and form body parser.
import type { FastifyReply } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ApiClientActor } from '../access/actor';
import { recordAudit } from '../access/audit';
import { apiClients } from '../db/schema';
import type { AppDeps, AppInstance, RouteModule } from '../http/context';
import { toAppError } from '../http/errors';
import { accessTokenLifetimeSeconds, grantScopes, issueAccessToken, supportedScopes } from './access-tokens';
import { OAuthError, verifyClientAssertion } from './client-assertion';
import { assertionAlgorithms } from './client-jwks';

const formContentType = 'application/x-www-form-urlencoded';
const jwtBearerAssertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const maxFormBytes = 16 * 1024;

const tokenRequest = z.object({
  grant_type: z.string().optional().describe('client_credentials'),
  client_assertion_type: z.string().optional().describe(jwtBearerAssertionType),
  client_assertion: z
    .string()
    .optional()
    .describe(
      `A JWT signed (${assertionAlgorithms.join('/')}) with a key in your registered JWKS, kid in its header; ` +
        'iss = sub = your API client id, aud = this endpoint’s URL, exp at most 5 minutes ahead, a jti never used before.',
    ),
  client_id: z.string().optional().describe('Optional; must equal the assertion’s iss'),
  scope: z
    .string()
    .optional()
    .describe(`Space-separated; any of ${supportedScopes.join(', ')}`),
});

const tokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number(),
  scope: z.string(),
});

const oauthErrorResponse = z.object({ error: z.string(), error_description: z.string() });

function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  return reply
    .status(error.status)
    .type('application/json; charset=utf-8')
    .send({ error: error.error, error_description: error.message });
}

/** Whatever reaches the scope's error handler is answered in the OAuth2 format. */
function toOAuthError(error: unknown): OAuthError | undefined {
  if (error instanceof OAuthError) return error;
  const known = toAppError(error);
  if (!known || known.status >= 500) return undefined;
  return new OAuthError(known.status, 'invalid_request', known.message);
}

function formParser(
  _request: unknown,
  body: string,
  done: (error: Error | null, body?: Record<string, string>) => void,
): void {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    if (name in fields) {
      done(new OAuthError(400, 'invalid_request', `Send ${name} once (RFC 6749 §3.2).`));
      return;
    }
    fields[name] = value;
  }
  done(null, fields);
}

export const oauthTokenRoutes: RouteModule = (app, deps) => {
  const tokenUrl = `${deps.config.publicUrl}/oauth2/token`;

  void app.register((scope: AppInstance, _options, done) => {
    scope.addContentTypeParser(formContentType, { parseAs: 'string', bodyLimit: maxFormBytes }, formParser);
    scope.setErrorHandler((error, request, reply) => {
      const known = toOAuthError(error);
      if (known) return sendOAuthError(reply, known);
      request.log.error({ err: error, requestId: request.id }, 'unhandled token endpoint error');
      return sendOAuthError(
        reply,
        new OAuthError(500, 'server_error', `An unexpected error occurred. Quote reference ${request.id}.`),
      );
    });
    scope.addHook('onSend', async (_request, reply) => {
      // RFC 6749 §5.1: token responses must never be cached.
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    });
    registerTokenRoute(scope, deps, tokenUrl);
    done();
  });

  const smartConfiguration = {
    schema: {
      tags: ['auth'],
      summary: 'SMART Backend Services discovery: where and how to get an access token',
    },
  };
  const discovery = () => ({
    token_endpoint: tokenUrl,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...assertionAlgorithms],
    grant_types_supported: ['client_credentials'],
    scopes_supported: [...supportedScopes],
    capabilities: ['client-confidential-asymmetric'],
  });
  // SMART puts discovery beside the FHIR base; the root copy serves clients that look there.
  app.get('/.well-known/smart-configuration', smartConfiguration, discovery);
  app.get('/fhir/.well-known/smart-configuration', { schema: { hide: true } }, discovery);
};

function registerTokenRoute(scope: AppInstance, deps: AppDeps, tokenUrl: string): void {
  const { db } = deps;
  scope.post(
    '/oauth2/token',
    {
      config: { rateLimit: { max: deps.limits.loginPerMinute, timeWindow: 60_000 } },
      bodyLimit: maxFormBytes,
      schema: {
        tags: ['auth'],
        summary: 'Get a 5-minute access token with a signed JWT client assertion (SMART Backend Services)',
        description:
          'OAuth2 client credentials (RFC 6749 §4.4) authenticated by a private_key_jwt assertion (RFC 7523). ' +
          'Register the public keys first (PUT /api/admin/api-clients/{id}/jwks). Send the token as ' +
          '`Authorization: Bearer <access_token>` to /fhir and /api, as you would an API key. ' +
          'Errors use the OAuth2 format { error, error_description }.',
        consumes: [formContentType],
        body: tokenRequest,
        response: { 200: tokenResponse, 400: oauthErrorResponse, 401: oauthErrorResponse },
      },
    },
    async (request, reply) => {
      if (!request.headers['content-type']?.toLowerCase().startsWith(formContentType)) {
        throw new OAuthError(400, 'invalid_request', `Send the parameters as ${formContentType}.`);
      }
      const form = request.body;
      if (!form.grant_type) throw new OAuthError(400, 'invalid_request', 'grant_type is missing.');
      if (form.grant_type !== 'client_credentials') {
        throw new OAuthError(
          400,
          'unsupported_grant_type',
          'Only grant_type=client_credentials is supported.',
        );
      }
      if (form.client_assertion_type !== jwtBearerAssertionType) {
        throw new OAuthError(
          400,
          'invalid_request',
          `client_assertion_type must be ${jwtBearerAssertionType}.`,
        );
      }
      if (!form.client_assertion)
        throw new OAuthError(400, 'invalid_request', 'client_assertion is missing.');

      const now = new Date();
      const verified = await verifyClientAssertion(db, {
        assertion: form.client_assertion,
        clientIdParam: form.client_id,
        tokenUrl,
        now,
      }).catch(async (error: unknown) => {
        if (error instanceof OAuthError && error.audit) {
          await recordAudit(db, {
            actor: request.actor,
            origin: request.origin,
            action: 'api_client.token_refused',
            entityType: 'api_client',
            entityId: error.audit.apiClientId,
            details: { reason: error.audit.reason },
          });
        }
        throw error;
      });
      const scopes = grantScopes(form.scope);
      if (!scopes) {
        throw new OAuthError(400, 'invalid_scope', `Ask for any of: ${supportedScopes.join(', ')}.`);
      }
      const { client } = verified;
      const actor: ApiClientActor = {
        type: 'api_client',
        clientId: client.id,
        name: client.name,
        organisationId: client.organisationId,
        scopes,
      };
      const issued = await db.transaction(async (tx) => {
        const token = await issueAccessToken(tx, {
          apiClientId: client.id,
          assertionId: verified.assertionId,
          scopes,
          now,
        });
        if (!token) return undefined;
        await tx.update(apiClients).set({ lastUsedAt: now }).where(eq(apiClients.id, client.id));
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'api_client.token_issued',
          entityType: 'api_client',
          entityId: client.id,
          details: { scopes, assertionId: verified.assertionId, expiresAt: token.expiresAt.toISOString() },
        });
        return token;
      });
      if (!issued) {
        await recordAudit(db, {
          actor,
          origin: request.origin,
          action: 'api_client.token_refused',
          entityType: 'api_client',
          entityId: client.id,
          details: { reason: 'replayed_assertion', assertionId: verified.assertionId },
        });
        throw new OAuthError(
          401,
          'invalid_client',
          'This assertion’s jti has been used before; sign a new one.',
        );
      }
      return reply.send({
        access_token: issued.token,
        token_type: 'bearer' as const,
        expires_in: accessTokenLifetimeSeconds,
        scope: scopes.join(' '),
      });
    },
  );
}
