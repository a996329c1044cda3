// The signed-in user's own account: profile, password change, and the TOTP second factor.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../db/schema';
import { recordAudit } from '../access/audit';
import { authoriseUser } from '../access/authorise-as';
import { mustUseSecondFactor } from '../access/roles';
import type { RouteModule } from '../http/context';
import { AppError, invalidField } from '../http/errors';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords';
import { loadPasswordContext } from './password-context';
import { completeMfa, deleteUserSessions } from './sessions';
import { loadUserSummary, userSummarySchema } from './present';
import { describeTotpEnrolment, matchTotpCode, newTotpSecret } from './totp';

export const accountRoutes: RouteModule = (app, deps) => {
  const { db } = deps;

  app.get(
    '/api/account',
    { schema: { tags: ['account'], summary: 'Your account', response: { 200: userSummarySchema } } },
    async (request) => loadUserSummary(db, authoriseUser(request.actor, 'read', { kind: 'account' }).userId),
  );

  app.post(
    '/api/account/password',
    {
      schema: {
        tags: ['account'],
        summary: 'Change your password (signs out your other sessions)',
        body: z.object({
          currentPassword: z.string().min(1, 'Enter your current password').max(1024),
          newPassword: z.string().max(1024),
        }),
        response: { 200: z.object({ message: z.string() }) },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'account' });
      const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
      if (!user || !(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        throw invalidField('currentPassword', 'Your current password is not right.');
      }
      if (request.body.newPassword === request.body.currentPassword) {
        throw invalidField('newPassword', 'Choose a new password that is different from your current one.');
      }
      const problem = checkPasswordPolicy(request.body.newPassword, await loadPasswordContext(db, user));
      if (problem) throw invalidField('newPassword', problem);
      const passwordHash = await hashPassword(request.body.newPassword);
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash, updatedAt: new Date(), version: user.version + 1 })
          .where(eq(users.id, user.id));
        await deleteUserSessions(tx, user.id, actor.sessionTokenHash);
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'account.password_changed',
          entityType: 'user',
          entityId: user.id,
        });
      });
      return { message: 'Your password has been changed. Your other sessions have been signed out.' };
    },
  );

  app.post(
    '/api/account/totp/setup',
    {
      schema: {
        tags: ['account'],
        summary: 'Start setting up an authenticator app: returns a new secret and QR code',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() }) },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'account' });
      const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
      if (!user) throw new AppError('unauthenticated', 'Sign in to manage your account.');
      if (user.totpEnabledAt) {
        throw new AppError(
          'conflict',
          'An authenticator app is already set up. Turn it off first to replace it.',
        );
      }
      // The secret is pending until a code from it is confirmed; repeating setup replaces it.
      const secret = newTotpSecret();
      await db.update(users).set({ totpSecret: secret, totpLastUsedStep: null }).where(eq(users.id, user.id));
      return describeTotpEnrolment(secret, user.email);
    },
  );

  app.post(
    '/api/account/totp/confirm',
    {
      schema: {
        tags: ['account'],
        summary: 'Finish setting up an authenticator app with a code from it',
        body: z.object({
          code: z.string().trim().min(1, 'Enter the 6-digit code from your authenticator app').max(12),
        }),
        response: { 200: z.object({ status: z.literal('signed_in') }) },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'account' });
      const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
      if (!user?.totpSecret || user.totpEnabledAt) {
        throw new AppError(
          'conflict',
          'Start the set-up again: there is no authenticator app waiting to be confirmed.',
        );
      }
      const step = matchTotpCode(user.totpSecret, request.body.code, null);
      if (step === undefined)
        throw invalidField('code', 'The code is not right. Enter the current code shown in your app.');
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ totpEnabledAt: new Date(), totpLastUsedStep: step })
          .where(eq(users.id, user.id));
        // Enrolling completes a sign-in that was waiting for it (platform admins must enrol).
        if (request.session?.isMfaPending) await completeMfa(tx, request.session.tokenHash);
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'account.totp_enabled',
          entityType: 'user',
          entityId: user.id,
        });
      });
      return { status: 'signed_in' as const };
    },
  );

  app.post(
    '/api/account/totp/disable',
    {
      schema: {
        tags: ['account'],
        summary: 'Turn off the authenticator app (not allowed for roles that require it)',
        body: z.object({ password: z.string().min(1, 'Enter your password').max(1024) }),
        response: { 200: z.object({ message: z.string() }) },
      },
    },
    async (request) => {
      const actor = authoriseUser(request.actor, 'update', { kind: 'account' });
      if (mustUseSecondFactor(actor.role)) {
        throw new AppError(
          'forbidden',
          'Your role must use an authenticator app, so it cannot be turned off.',
        );
      }
      const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
      if (!user || !(await verifyPassword(user.passwordHash, request.body.password))) {
        throw invalidField('password', 'Your password is not right.');
      }
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null })
          .where(eq(users.id, user.id));
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'account.totp_disabled',
          entityType: 'user',
          entityId: user.id,
        });
      });
      return { message: 'The authenticator app has been turned off for your account.' };
    },
  );
};
