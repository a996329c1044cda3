// Signing in and out, the TOTP step, the current session, and password reset.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { passwordResetTokens, users } from '../db/schema';
import { recordAudit } from '../access/audit';
import { userActorFrom } from '../access/actor';
import { mustUseSecondFactor } from '../access/roles';
import type { AppDeps, RouteModule } from '../http/context';
import { AppError, invalidField } from '../http/errors';
import { queueNotification } from '../notify/outbox';
import { accountInvitationMessage, passwordResetMessage } from '../notify/templates';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { loadPasswordContext } from './password-context';
import { checkPasswordSignIn, findUserByEmail, recordFailedAttempt, recordSuccessfulSignIn } from './sign-in';
import { completeMfa, createSession, deleteSession, deleteUserSessions, sessionCookieName } from './sessions';
import {
  loadUserSummary,
  navigationAbilities,
  sessionResponseSchema,
  sessionStatusOf,
  sessionStatusSchema,
} from './present';
import { hashToken, newToken } from './tokens';
import { matchTotpCode } from './totp';

const signInResponse = z.object({ status: sessionStatusSchema, csrfToken: z.string() });
const emailField = z
  .string()
  .trim()
  .min(1, 'Enter your email address')
  .max(320)
  .email('Enter a valid email address');
const resetTokenLifetimeMs = 60 * 60 * 1000;

function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string, expiresAt: Date): void {
  reply.setCookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.isCookieSecure,
    path: '/',
    // The cookie outlives the sliding server-side expiry; the database decides when a session ends.
    maxAge: 7 * 24 * 3600,
  });
  void expiresAt;
}

function clearSessionCookie(reply: FastifyReply, deps: AppDeps): void {
  reply.clearCookie(sessionCookieName, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.isCookieSecure,
  });
}

/** Queues a set-password link; used for resets and for inviting new users. */
export async function sendPasswordLink(
  tx: Parameters<typeof queueNotification>[0],
  deps: AppDeps,
  user: { id: string; email: string; name: string; programmeId: string | null },
  kind: 'password_reset' | 'account_invitation',
): Promise<void> {
  const token = newToken();
  const lifetime = kind === 'account_invitation' ? 7 * 24 * 3600_000 : resetTokenLifetimeMs;
  await tx
    .insert(passwordResetTokens)
    .values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + lifetime) });
  const link = `${deps.config.publicUrl}/reset-password?token=${token}`;
  const message =
    kind === 'account_invitation'
      ? accountInvitationMessage({
          recipientName: user.name,
          setPasswordUrl: link,
          expiresInMinutes: lifetime / 60_000,
        })
      : passwordResetMessage({
          recipientName: user.name,
          resetUrl: link,
          expiresInMinutes: lifetime / 60_000,
        });
  await queueNotification(tx, {
    channel: 'email',
    recipient: user.email,
    ...message,
    programmeId: user.programmeId,
  });
}

export const authRoutes: RouteModule = (app, deps) => {
  const { db } = deps;

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: deps.limits.loginPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: z.object({ email: emailField, password: z.string().min(1, 'Enter your password').max(1024) }),
        response: { 200: signInResponse },
      },
    },
    async (request, reply) => {
      const user = await checkPasswordSignIn({
        db,
        ...request.body,
        limits: deps.limits,
        origin: request.origin,
        publicUrl: deps.config.publicUrl,
      });
      const hasTotp = user.totpEnabledAt !== null;
      const needsSecondStep = hasTotp || mustUseSecondFactor(user.role);
      const session = await db.transaction(async (tx) => {
        if (!needsSecondStep) await recordSuccessfulSignIn(tx, user.id);
        const created = await createSession(tx, {
          userId: user.id,
          ttlHours: deps.config.sessionTtlHours,
          isMfaPending: needsSecondStep,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        await recordAudit(tx, {
          actor: userActorFrom(user),
          origin: request.origin,
          action: needsSecondStep ? 'session.password_accepted' : 'session.signed_in',
          entityType: 'user',
          entityId: user.id,
          programmeId: user.programmeId,
        });
        return created;
      });
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      return {
        status: sessionStatusOf({ isMfaPending: needsSecondStep, user: { hasTotp } }),
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/auth/totp',
    {
      config: { rateLimit: { max: deps.limits.loginPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Complete sign-in with an authenticator app code',
        body: z.object({
          code: z.string().trim().min(1, 'Enter the 6-digit code from your authenticator app').max(12),
        }),
        response: { 200: signInResponse },
      },
    },
    async (request) => {
      const session = request.session;
      if (!session || !session.isMfaPending || !session.user.hasTotp) {
        throw new AppError('unauthenticated', 'Sign in with your email and password first.');
      }
      const [user] = await db.select().from(users).where(eq(users.id, session.user.id));
      if (!user?.totpSecret)
        throw new AppError('unauthenticated', 'Sign in with your email and password first.');
      if (user.lockedUntil && user.lockedUntil > new Date()) {
        throw new AppError('account_locked', 'Too many failed attempts. The account is temporarily locked.');
      }
      const step = matchTotpCode(user.totpSecret, request.body.code, user.totpLastUsedStep);
      if (step === undefined) {
        const lockedUntil = await recordFailedAttempt(
          db,
          user,
          deps.limits,
          request.origin,
          'totp',
          deps.config.publicUrl,
        );
        if (lockedUntil) {
          await deleteSession(db, session.tokenHash);
          throw new AppError(
            'account_locked',
            'Too many failed attempts. The account is temporarily locked.',
          );
        }
        throw invalidField(
          'code',
          'The code is not right, or it has already been used. Enter the current code from your app.',
        );
      }
      await db.transaction(async (tx) => {
        await tx.update(users).set({ totpLastUsedStep: step }).where(eq(users.id, user.id));
        await recordSuccessfulSignIn(tx, user.id);
        await completeMfa(tx, session.tokenHash);
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'session.signed_in',
          entityType: 'user',
          entityId: user.id,
          programmeId: user.programmeId,
          details: { secondFactor: 'totp' },
        });
      });
      return { status: 'signed_in' as const, csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their abilities and the CSRF token',
        response: { 200: sessionResponseSchema },
      },
    },
    async (request) => {
      const session = request.session;
      if (!session) throw new AppError('unauthenticated', 'You are not signed in.');
      const status = sessionStatusOf(session);
      return {
        status,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        user: await loadUserSummary(db, session.user.id),
        abilities: status === 'signed_in' ? navigationAbilities(request.actor) : {},
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out of this browser' } },
    async (request, reply) => {
      if (request.session) {
        await db.transaction(async (tx) => {
          await deleteSession(tx, request.session!.tokenHash);
          await recordAudit(tx, {
            actor: request.actor,
            origin: request.origin,
            action: 'session.signed_out',
            entityType: 'user',
            entityId: request.session!.user.id,
          });
        });
      }
      clearSessionCookie(reply, deps);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/logout-everywhere',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out of every browser and device',
        response: { 200: z.object({ ended: z.number() }) },
      },
    },
    async (request, reply) => {
      const session = request.session;
      if (!session) throw new AppError('unauthenticated', 'You are not signed in.');
      const ended = await db.transaction(async (tx) => {
        const count = await deleteUserSessions(tx, session.user.id);
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'session.signed_out_everywhere',
          entityType: 'user',
          entityId: session.user.id,
          details: { ended: count },
        });
        return count;
      });
      clearSessionCookie(reply, deps);
      return { ended };
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { rateLimit: { max: Math.min(deps.limits.loginPerMinute, 20), timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password reset link (always answers 202, whether or not the email exists)',
        body: z.object({ email: emailField }),
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      const candidate = await findUserByEmail(db, request.body.email);
      await db.transaction(async (tx) => {
        if (candidate && !candidate.disabledAt) await sendPasswordLink(tx, deps, candidate, 'password_reset');
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'password_reset.requested',
          entityType: 'user',
          entityId: candidate?.id ?? null,
          details: candidate ? {} : { reason: 'unknown_email' },
        });
      });
      return reply.status(202).send({
        message: 'If an account uses that email address, we have sent it a link to reset the password.',
      });
    },
  );

  app.post(
    '/api/auth/password-reset/complete',
    {
      config: { rateLimit: { max: Math.min(deps.limits.loginPerMinute, 20), timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Choose a new password with a reset or invitation link',
        body: z.object({ token: z.string().min(10).max(200), password: z.string().max(1024) }),
        response: { 200: z.object({ message: z.string() }) },
      },
    },
    async (request) => {
      const tokenHash = hashToken(request.body.token);
      const [row] = await db
        .select({ tokenHash: passwordResetTokens.tokenHash, user: users })
        .from(passwordResetTokens)
        .innerJoin(users, eq(users.id, passwordResetTokens.userId))
        .where(
          and(
            eq(passwordResetTokens.tokenHash, tokenHash),
            isNull(passwordResetTokens.usedAt),
            gt(passwordResetTokens.expiresAt, new Date()),
          ),
        );
      if (!row || row.user.disabledAt) {
        throw invalidField('token', 'This link has expired or has already been used. Ask for a new one.');
      }
      const problem = checkPasswordPolicy(request.body.password, await loadPasswordContext(db, row.user));
      if (problem) throw invalidField('password', problem);
      const passwordHash = await hashPassword(request.body.password);
      await db.transaction(async (tx) => {
        const [claimed] = await tx
          .update(passwordResetTokens)
          .set({ usedAt: new Date() })
          .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt)))
          .returning();
        if (!claimed) throw invalidField('token', 'This link has already been used. Ask for a new one.');
        await tx
          .update(users)
          .set({ passwordHash, failedLoginCount: 0, lockedUntil: null, updatedAt: new Date() })
          .where(eq(users.id, row.user.id));
        await deleteUserSessions(tx, row.user.id);
        await recordAudit(tx, {
          actor: request.actor,
          origin: request.origin,
          action: 'password_reset.completed',
          entityType: 'user',
          entityId: row.user.id,
          programmeId: row.user.programmeId,
        });
      });
      return { message: 'Your password has been changed. Sign in with your new password.' };
    },
  );
};
