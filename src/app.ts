// Builds the HTTP application: plugins, hooks, the OpenAPI document, every route module, and the
// web app's static files. No side effects at import time; main.ts and tests call buildApp.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps, AppInstance, RouteModule } from './http/context';
import { AppError, installErrorHandler, sendProblem } from './http/errors';
import { installAuthentication } from './http/authenticate';
import { answerClientError, answerFrameworkError } from './http/client-errors';
import { refuseControlCharacters, validatorCompiler } from './http/control-characters';
import { healthRoutes } from './http/health-routes';
import { authRoutes } from './accounts/auth-routes';
import { accountRoutes } from './accounts/account-routes';
import { userRoutes } from './accounts/user-routes';
import { apiClientRoutes } from './accounts/api-client-routes';
import { oauthTokenRoutes } from './accounts/oauth-token';
import { organisationRoutes } from './organisations/routes';
import { programmeRoutes } from './programmes/routes';
import { auditRoutes } from './access/audit-routes';
import { peopleRoutes } from './people/routes';
import { notifyRoutes } from './notify/routes';
import { openReferralRoutes } from './adapters/open-referral/routes';
import { geoRoutes } from './geo';
import { directorySearchRoutes } from './directory/search/routes';
import { directoryCurationRoutes } from './directory/curation/routes';
import { directoryCsvRoutes } from './directory/csv/routes';
import { directoryJsonExportRoutes } from './adapters/open-referral/directory-export-routes';
import { directoryTaxonomyRoutes } from './directory/taxonomy-routes';
import { directoryShortlistRoutes } from './directory/shortlist/routes';
import { programmeTaxonomyTermRoutes } from './directory/programme-terms/routes';
import { referralIntakeRoutes } from './referrals/intake/routes';
import { caseworkRoutes } from './referrals/casework/routes';
import { onwardReferralRoutes } from './referrals/onward/routes';
import { measuresRoutes } from './outcomes/measures/routes';
import { evaluationRoutes } from './outcomes/evaluation/routes';
import { questionnairesRoutes } from './outcomes/questionnaires/routes';
import { wordingRoutes } from './outcomes/wording/routes';
import { healthUseRoutes } from './outcomes/health-use/routes';
import { fhirRoutes } from './adapters/fhir/routes';
import { webhookRoutes } from './webhooks/routes';
import { insightRoutes } from './insight/routes';
import { insightMapRoutes } from './insight/map-routes';
import { demandAssumptionRoutes } from './insight/demand-assumption-routes';
import { subscribeToReferralEvents } from './referrals/event-subscribers';
import { recordTaskChangeOfEvent } from './adapters/fhir/referrals/task-changes';
import { queueProviderWebhooks } from './webhooks';

export const webDistDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  accountRoutes,
  organisationRoutes,
  programmeRoutes,
  userRoutes,
  apiClientRoutes,
  oauthTokenRoutes,
  auditRoutes,
  peopleRoutes,
  notifyRoutes,
  openReferralRoutes,
  geoRoutes,
  directorySearchRoutes,
  directoryCurationRoutes,
  directoryCsvRoutes,
  directoryJsonExportRoutes,
  directoryTaxonomyRoutes,
  directoryShortlistRoutes,
  programmeTaxonomyTermRoutes,
  referralIntakeRoutes,
  caseworkRoutes,
  onwardReferralRoutes,
  measuresRoutes,
  evaluationRoutes,
  questionnairesRoutes,
  wordingRoutes,
  healthUseRoutes,
  fhirRoutes,
  webhookRoutes,
  insightRoutes,
  insightMapRoutes,
  demandAssumptionRoutes,
];

export type BuildAppOptions = {
  logger?: FastifyServerOptions['logger'];
  /** Serve web/dist when it exists (off in API-only tests). */
  serveWeb?: boolean;
};

export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<AppInstance> {
  // Connected systems hear of every referral event in its transaction: the referrer's FHIR Task
  // first, then provider webhooks (the order recordReferralEvent used to call them in).
  subscribeToReferralEvents(recordTaskChangeOfEvent, queueProviderWebhooks);
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Errors before routing (HTTP parser, bad percent-encoding, overlong ids) are problem+json too.
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  refuseControlCharacters(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Personal data must not be cached by browsers or proxies.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  // Over plain http (local development, tests) upgrade-insecure-requests and HSTS would send the
  // browser to an https port that does not exist, so both follow the public URL's scheme.
  const isHttps = deps.config.publicUrl.startsWith('https://');
  await app.register(helmet, {
    strictTransportSecurity: isHttps,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: isHttps ? [] : null,
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // CORS stays closed: no Access-Control-Allow-Origin is ever sent, so other sites cannot read responses.
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'rate_limited',
        `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Linkwell API',
        version: '0.1.0',
        description:
          'Social prescribing: referrals, casework, directory and flowback. Errors are RFC 9457 problem+json. ' +
          'Browser sessions send the X-CSRF-Token header on writes; systems use `Authorization: Bearer <API key>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lw_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  installAuthentication(app, deps);
  for (const register of routeModules) register(app, deps);

  if (options.serveWeb !== false && existsSync(webDistDir)) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, maxAge: '1h' });
    // The web app routes in the browser: any non-API GET answers with index.html.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (['/api/', '/fhir', '/openreferral'].some((prefix) => request.url.startsWith(prefix))) {
        return sendProblem(
          request,
          reply,
          new AppError('not_found', `Nothing is at ${request.method} ${request.url}.`),
        );
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
