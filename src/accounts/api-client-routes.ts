// API clients for system integrations. The key is returned once, at creation. A client may also
// register public keys (a JWKS) to get OAuth2 access tokens with signed assertions (oauth-token.ts).
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { apiClients, organisations } from '../db/schema';
import { recordAudit } from '../access/audit';
import { authorise } from '../access/policy';
import type { RouteModule } from '../http/context';
import { AppError, invalidField, notFound } from '../http/errors';
import { runIdempotentCreate } from '../http/idempotency';
import { idParams } from '../http/schemas';
import { generateApiKey } from './api-keys';
import { checkPublicJwks, jwksBody, jwksKeyIds } from './client-jwks';
import { hashToken } from './tokens';

const apiClientResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  keyPrefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Whether the client can get OAuth2 access tokens with a signed assertion, and with which keys. */
  hasJwks: z.boolean(),
  jwksKeyIds: z.array(z.string()),
});

type Row = typeof apiClients.$inferSelect & { organisationName: string };

function present(row: Row): z.infer<typeof apiClientResponse> {
  return {
    id: row.id,
    name: row.name,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    keyPrefix: row.keyPrefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    hasJwks: jwksKeyIds(row.jwks).length > 0,
    jwksKeyIds: jwksKeyIds(row.jwks),
  };
}

export const apiClientRoutes: RouteModule = (app, { db }) => {
  const selectRows = () =>
    db
      .select({ client: apiClients, organisationName: organisations.name })
      .from(apiClients)
      .innerJoin(organisations, eq(organisations.id, apiClients.organisationId));

  app.get(
    '/api/admin/api-clients',
    {
      schema: {
        tags: ['admin'],
        summary: 'List API clients',
        response: { 200: z.object({ items: z.array(apiClientResponse) }) },
      },
    },
    async (request) => {
      authorise(request.actor, 'list', { kind: 'api_client' });
      const rows = await selectRows().orderBy(desc(apiClients.createdAt));
      return { items: rows.map((r) => present({ ...r.client, organisationName: r.organisationName })) };
    },
  );

  app.post(
    '/api/admin/api-clients',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create an API client for one organisation; the key is shown only in this response',
        body: z.object({
          organisationId: z.uuid('Choose the organisation this system acts for'),
          name: z.string().trim().min(2, 'Name the system, e.g. "EMIS integration engine"').max(200),
          scopes: z
            .array(z.string().regex(/^[a-z_.:]+$/))
            .max(20)
            .default([]),
        }),
        response: { 201: z.object({ client: apiClientResponse, key: z.string() }) },
      },
    },
    async (request, reply) => {
      authorise(request.actor, 'create', { kind: 'api_client', organisationId: request.body.organisationId });
      const [organisation] = await db
        .select()
        .from(organisations)
        .where(eq(organisations.id, request.body.organisationId));
      if (!organisation) throw invalidField('organisationId', 'No organisation has this id.');
      const { key, prefix } = generateApiKey();
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const [row] = await tx
          .insert(apiClients)
          .values({
            ...request.body,
            keyPrefix: prefix,
            keyHash: hashToken(key),
            createdByUserId: request.actor.type === 'user' ? request.actor.userId : null,
          })
          .returning();
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'api_client.create',
          entityType: 'api_client',
          entityId: row!.id,
        });
        return {
          statusCode: 201,
          body: { client: present({ ...row!, organisationName: organisation.name }), key },
        };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.post(
    '/api/admin/api-clients/:id/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API client’s key at once',
        params: idParams,
        response: { 200: apiClientResponse },
      },
    },
    async (request) => {
      authorise(request.actor, 'revoke', { kind: 'api_client' });
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(apiClients)
          .where(eq(apiClients.id, request.params.id))
          .for('update');
        if (!current) throw notFound('The API client');
        if (current.revokedAt) throw new AppError('conflict', 'This API client was already revoked.');
        await tx.update(apiClients).set({ revokedAt: new Date() }).where(eq(apiClients.id, current.id));
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'api_client.revoke',
          entityType: 'api_client',
          entityId: current.id,
        });
        const [row] = await tx
          .select({ client: apiClients, organisationName: organisations.name })
          .from(apiClients)
          .innerJoin(organisations, eq(organisations.id, apiClients.organisationId))
          .where(eq(apiClients.id, current.id));
        return present({ ...row!.client, organisationName: row!.organisationName });
      });
    },
  );

  app.put(
    '/api/admin/api-clients/:id/jwks',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Register or replace the client’s public keys (JWKS: RS384 or ES384, each with a kid) for OAuth2 signed assertions',
        description:
          'Send public keys only: a key with private material (d, p, q…) is refused. Tokens already issued stay valid until they expire (5 minutes).',
        params: idParams,
        body: jwksBody,
        response: { 200: apiClientResponse },
      },
    },
    async (request) => {
      authorise(request.actor, 'update', { kind: 'api_client' });
      const jwks = await checkPublicJwks(request.body);
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(apiClients)
          .where(eq(apiClients.id, request.params.id))
          .for('update');
        if (!current) throw notFound('The API client');
        if (current.revokedAt)
          throw new AppError('conflict', 'This API client was revoked; create a new one.');
        await tx.update(apiClients).set({ jwks }).where(eq(apiClients.id, current.id));
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'api_client.jwks_replace',
          entityType: 'api_client',
          entityId: current.id,
          details: { keyIds: jwksKeyIds(jwks), previousKeyIds: jwksKeyIds(current.jwks) },
        });
        const [row] = await tx
          .select({ client: apiClients, organisationName: organisations.name })
          .from(apiClients)
          .innerJoin(organisations, eq(organisations.id, apiClients.organisationId))
          .where(eq(apiClients.id, current.id));
        return present({ ...row!.client, organisationName: row!.organisationName });
      });
    },
  );
};
