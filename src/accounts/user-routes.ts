// Managing staff accounts. Platform admins manage everyone; coordinators manage the team of their
// own programme (coordinators, link workers, buddies). New users get an invitation email with a
// set-password link instead of a password chosen for them.
import { and, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client';
import { organisations, programmes, users } from '../db/schema';
import type { Actor } from '../access/actor';
import { recordAudit } from '../access/audit';
import { listScope } from '../access/list-scope';
import { abilitiesFor, authorise } from '../access/policy';
import { organisationRoles, programmeRoles, roles, type Role } from '../access/roles';
import type { RouteModule } from '../http/context';
import { invalidField, notFound } from '../http/errors';
import { runIdempotentCreate } from '../http/idempotency';
import { idParams, likePattern, pageQuery, versionConflict, versionField } from '../http/schemas';
import { hashPassword } from './passwords';
import { deleteUserSessions } from './sessions';
import { newToken } from './tokens';
import { sendPasswordLink } from './auth-routes';
import { findUserByEmail } from './sign-in';

const userResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  programmeId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  hasTotp: z.boolean(),
  isDisabled: z.boolean(),
  isLocked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  abilities: z.record(z.string(), z.boolean()),
});

type UserRow = typeof users.$inferSelect;

function present(row: UserRow, actor: Actor): z.infer<typeof userResponse> {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    programmeId: row.programmeId,
    organisationId: row.organisationId,
    hasTotp: row.totpEnabledAt !== null,
    isDisabled: row.disabledAt !== null,
    isLocked: row.lockedUntil !== null && row.lockedUntil > new Date(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    abilities: abilitiesFor(
      actor,
      {
        kind: 'user',
        id: row.id,
        programmeId: row.programmeId,
        organisationId: row.organisationId,
        role: row.role,
      },
      ['update'],
    ),
  };
}

/** A role's home: programme roles need a programme, organisation roles an organisation. */
async function checkPlacement(
  db: Executor,
  role: Role,
  programmeId: string | null,
  organisationId: string | null,
): Promise<void> {
  if (programmeRoles.includes(role) && !programmeId)
    throw invalidField('programmeId', 'Choose the programme this person works in.');
  if (organisationRoles.includes(role) && !organisationId) {
    throw invalidField('organisationId', 'Choose the organisation this person works for.');
  }
  if (programmeId) {
    const [found] = await db
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.id, programmeId));
    if (!found) throw invalidField('programmeId', 'No programme has this id.');
  }
  if (organisationId) {
    const [found] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    if (!found) throw invalidField('organisationId', 'No organisation has this id.');
  }
}

async function loadUserFor(
  db: Executor,
  actor: Actor,
  id: string,
  action: 'read' | 'update',
): Promise<UserRow> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  // Authorise against the real row (404 if it does not exist or is outside the actor's programme).
  authorise(
    actor,
    action,
    row
      ? {
          kind: 'user',
          id: row.id,
          programmeId: row.programmeId,
          organisationId: row.organisationId,
          role: row.role,
        }
      : { kind: 'user', id, programmeId: '∅', organisationId: null },
  );
  if (!row) throw notFound('The user');
  return row;
}

export const userRoutes: RouteModule = (app, deps) => {
  const { db } = deps;

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'List users (coordinators see their own programme’s team)',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          role: z.enum(roles).optional(),
          programmeId: z.uuid().optional(),
          organisationId: z.uuid().optional(),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(userResponse), total: z.number() }) },
      },
    },
    async (request) => {
      const { actor } = request;
      const programmeId = actor.type === 'user' ? actor.programmeId : null;
      authorise(actor, 'list', { kind: 'user', programmeId, organisationId: null });
      const { q, role, organisationId, limit, offset } = request.query;
      const conditions: SQL[] = [];
      // Platform admins list every user (optionally one programme's); coordinators their programme's.
      const scope = listScope(actor, 'user');
      const scopedProgramme =
        scope === 'all'
          ? request.query.programmeId
          : scope !== 'none' && 'programmeId' in scope
            ? scope.programmeId
            : programmeId;
      if (scopedProgramme) conditions.push(eq(users.programmeId, scopedProgramme));
      if (q) conditions.push(or(ilike(users.name, likePattern(q)), ilike(users.email, likePattern(q)))!);
      if (role) conditions.push(eq(users.role, role));
      if (organisationId) conditions.push(eq(users.organisationId, organisationId));
      const where = conditions.length ? and(...conditions) : undefined;
      const [rows, [totalRow]] = await Promise.all([
        db.select().from(users).where(where).orderBy(users.name).limit(limit).offset(offset),
        db.select({ total: count() }).from(users).where(where),
      ]);
      return { items: rows.map((row) => present(row, actor)), total: totalRow?.total ?? 0 };
    },
  );

  app.post(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add a user and email them an invitation (send an Idempotency-Key to make retries safe)',
        body: z.object({
          email: z.string().trim().toLowerCase().max(320).email('Enter a valid email address'),
          name: z.string().trim().min(2, 'Enter the person’s name').max(200),
          role: z.enum(roles, { message: `Choose one of: ${roles.join(', ')}` }),
          programmeId: z.uuid().nullable().optional(),
          organisationId: z.uuid().nullable().optional(),
        }),
        response: { 201: userResponse },
      },
    },
    async (request, reply) => {
      const { email, name, role } = request.body;
      const programmeId = request.body.programmeId ?? null;
      const organisationId = request.body.organisationId ?? null;
      authorise(request.actor, 'create', { kind: 'user', programmeId, organisationId, role });
      await checkPlacement(db, role, programmeId, organisationId);
      if (await findUserByEmail(db, email))
        throw invalidField('email', 'A user with this email address already exists.');
      // Nobody knows this password: the invitation link sets the real one.
      const unusablePasswordHash = await hashPassword(newToken(32));
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({ email, name, role, programmeId, organisationId, passwordHash: unusablePasswordHash })
          .returning();
        await sendPasswordLink(tx, deps, row!, 'account_invitation');
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'user.create',
          entityType: 'user',
          entityId: row!.id,
          programmeId,
          details: { role },
        });
        return { statusCode: 201, body: present(row!, request.actor) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/api/admin/users/:id',
    { schema: { tags: ['admin'], summary: 'One user', params: idParams, response: { 200: userResponse } } },
    async (request) =>
      present(await loadUserFor(db, request.actor, request.params.id, 'read'), request.actor),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a user: name, role, placement, or disable (disabling ends their sessions)',
        params: idParams,
        body: z.object({
          version: versionField,
          name: z.string().trim().min(2).max(200).optional(),
          role: z.enum(roles).optional(),
          programmeId: z.uuid().nullable().optional(),
          organisationId: z.uuid().nullable().optional(),
          isDisabled: z.boolean().optional(),
        }),
        response: { 200: userResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      const current = await loadUserFor(db, actor, request.params.id, 'update');
      const { version, isDisabled, ...changes } = request.body;
      const role = changes.role ?? current.role;
      const programmeId = changes.programmeId !== undefined ? changes.programmeId : current.programmeId;
      const organisationId =
        changes.organisationId !== undefined ? changes.organisationId : current.organisationId;
      // The user as it would be after the change must also be within the actor's reach.
      authorise(actor, 'update', { kind: 'user', id: current.id, programmeId, organisationId, role });
      await checkPlacement(db, role, programmeId, organisationId);
      if (isDisabled && actor.type === 'user' && actor.userId === current.id) {
        throw invalidField('isDisabled', 'You cannot disable your own account.');
      }
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({
            ...changes,
            ...(isDisabled === undefined
              ? {}
              : { disabledAt: isDisabled ? (current.disabledAt ?? new Date()) : null }),
            version: current.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(users.id, current.id), eq(users.version, version)))
          .returning();
        if (!row) throw versionConflict('user', current.version);
        // Not an authorisation check: any change of role ends the user's sessions.
        // eslint-disable-next-line no-restricted-syntax
        if (isDisabled || role !== current.role || programmeId !== current.programmeId) {
          // A change of access takes effect at once, not when old sessions expire.
          await deleteUserSessions(tx, current.id);
        }
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'user.update',
          entityType: 'user',
          entityId: current.id,
          programmeId: row.programmeId,
          details: { fields: Object.keys(request.body).filter((f) => f !== 'version') },
        });
        return present(row, actor);
      });
    },
  );

  for (const [action, summary] of [
    ['unlock', 'Unlock an account locked after failed sign-ins'],
    ['reset-totp', 'Remove a user’s authenticator app so they can set it up again'],
  ] as const) {
    app.post(
      `/api/admin/users/:id/${action}`,
      { schema: { tags: ['admin'], summary, params: idParams, response: { 200: userResponse } } },
      async (request) => {
        const current = await loadUserFor(db, request.actor, request.params.id, 'update');
        const changes =
          action === 'unlock'
            ? { lockedUntil: null, failedLoginCount: 0 }
            : { totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null };
        return db.transaction(async (tx) => {
          const [row] = await tx
            .update(users)
            .set({ ...changes, version: current.version + 1, updatedAt: new Date() })
            .where(eq(users.id, current.id))
            .returning();
          if (action === 'reset-totp') await deleteUserSessions(tx, current.id);
          await recordAudit(tx, {
            actor: request.actor,
            origin: request.origin,
            action: `user.${action.replace('-', '_')}`,
            entityType: 'user',
            entityId: current.id,
            programmeId: current.programmeId,
          });
          return present(row!, request.actor);
        });
      },
    );
  }
};
