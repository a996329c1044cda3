// The FHIR R4 API at /fhir: an encapsulated Fastify context with its own body parser
// (application/fhir+json), its own errors (OperationOutcome) and its own CapabilityStatement.
// Systems authenticate with an API key (or an OAuth2 access token); only /fhir/metadata is open.
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { AppDeps, RouteModule } from '../../http/context';
import { ControlCharacterError } from '../../http/control-characters';
import { toAppError } from '../../http/errors';
import { capabilityStatement } from './capability';
import type { FhirModule } from './module';
import { FhirError, fromAppError, operationOutcome } from './outcome';
import { fhirContentType } from './urls';
import { referralsFhirModule } from './referrals';
import { subscriptionsFhirModule } from './subscriptions';
import { directoryFhirModule } from './directory';
import { outcomesFhirModule } from './outcomes';

export const fhirModules: FhirModule[] = [
  referralsFhirModule,
  subscriptionsFhirModule,
  directoryFhirModule,
  outcomesFhirModule,
];

/** The element as FHIRPath: `Patient.name[0].given`, or a search parameter's name. */
function toExpression(error: ControlCharacterError, body: unknown): string {
  const path = error.finding.path
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('')
    .replace(/^\./, '');
  if (error.part !== 'body') return path || error.part;
  const resourceType = (body as { resourceType?: unknown } | null)?.resourceType;
  const root = typeof resourceType === 'string' && /^[A-Za-z]+$/.test(resourceType) ? resourceType : '';
  return [root, path].filter(Boolean).join(path.startsWith('[') ? '' : '.') || 'body';
}

function toFhirError(error: unknown, body?: unknown): FhirError | undefined {
  if (error instanceof FhirError) return error;
  if (error instanceof ControlCharacterError) {
    const expression = toExpression(error, body);
    return new FhirError(400, [
      { code: 'invalid', diagnostics: `${expression}: ${error.finding.detail}`, expression: [expression] },
    ]);
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error) || fastifyError.validation) {
    const location = fastifyError.validationContext ?? 'body';
    return new FhirError(
      400,
      (fastifyError.validation ?? []).map((issue) => {
        const name = issue.instancePath.split('/').filter(Boolean).join('.') || location;
        return {
          code: 'invalid' as const,
          diagnostics: `${name}: ${issue.message ?? 'is invalid'}`,
          expression: [name],
        };
      }),
    );
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
    return new FhirError(400, [{ code: 'structure', diagnostics: 'The body is not valid JSON.' }]);
  const appError = toAppError(error);
  return appError ? fromAppError(appError) : undefined;
}

export const fhirRoutes: RouteModule = (app, deps: AppDeps) => {
  void app.register(
    (fhir, _options, done) => {
      fhir.addContentTypeParser(
        [fhirContentType, 'application/json+fhir'],
        { parseAs: 'string', bodyLimit: 1024 * 1024 },
        fhir.getDefaultJsonParser('error', 'error'),
      );
      fhir.addHook('onSend', (_request, reply, payload, next) => {
        reply.header('cache-control', 'no-store');
        const type = reply.getHeader('content-type');
        if (typeof type === 'string' && type.startsWith('application/json'))
          reply.header('content-type', `${fhirContentType}; charset=utf-8`);
        next(null, payload);
      });
      fhir.addHook('preHandler', (request, _reply, next) => {
        if (request.routeOptions.url === '/fhir/metadata' || request.actor.type === 'api_client')
          return next();
        next(
          new FhirError(401, [
            {
              code: 'login',
              diagnostics:
                'The FHIR API is for connected systems: send Authorization: Bearer <API key or access token>.',
            },
          ]),
        );
      });
      fhir.setErrorHandler((error, request, reply) => {
        const known = toFhirError(error, request.body);
        if (!known) {
          request.log.error({ err: error, requestId: request.id }, 'unhandled FHIR error');
        }
        const fhirError =
          known ??
          new FhirError(500, [
            {
              code: 'exception',
              diagnostics: `An unexpected error occurred. Quote reference ${request.id}.`,
            },
          ]);
        return reply
          .status(fhirError.status)
          .type(`${fhirContentType}; charset=utf-8`)
          .send(operationOutcome(fhirError.issues));
      });
      fhir.setNotFoundHandler((request, reply) =>
        reply
          .status(404)
          .type(`${fhirContentType}; charset=utf-8`)
          .send(
            operationOutcome([
              {
                code: 'not-supported',
                diagnostics: `Nothing is at ${request.method} ${request.url.split('?')[0]}; see /fhir/metadata for what this server supports.`,
              },
            ]),
          ),
      );

      fhir.get('/metadata', { schema: { hide: true } }, async (_request, reply) =>
        reply.type(`${fhirContentType}; charset=utf-8`).send(capabilityStatement(deps.config, fhirModules)),
      );
      for (const module of fhirModules) module.routes(fhir, deps);
      done();
    },
    { prefix: '/fhir' },
  );
};
