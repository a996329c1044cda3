// Checking a password sign-in: generic failure messages (no account enumeration), lockout after
// repeated failures, and an audit row for every attempt. A locked account answers exactly as a
// wrong password does (its owner learns of the lock by email), so a lock does not confirm that an
// address has an account. Failure counts are committed before the
// refusal is thrown, so lockout works even though the request fails.
import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import { users } from '../db/schema';
import { anonymous, type RequestOrigin } from '../access/actor';
import { recordAudit } from '../access/audit';
import { AppError } from '../http/errors';
import { queueNotification } from '../notify/outbox';
import { accountLockedMessage } from '../notify/templates';
import { getDecoyHash, verifyPassword } from './passwords';

export type LockoutLimits = { lockoutThreshold: number; lockoutMinutes: number };
type UserRow = typeof users.$inferSelect;

const wrongCredentials = () =>
  new AppError(
    'unauthenticated',
    'The email address or password is not right. Check them and try again. ' +
      'After several failed attempts an account is locked for a while and its owner is emailed.',
  );

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .then((rows) => rows[0]);
}

/**
 * Records a failed password or code attempt and locks the account once the threshold is reached.
 * Returns the lock expiry when this failure locked it.
 */
export async function recordFailedAttempt(
  db: Database,
  user: UserRow,
  limits: LockoutLimits,
  origin: RequestOrigin,
  kind: 'password' | 'totp',
  publicUrl: string,
): Promise<Date | undefined> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedLoginCount: users.failedLoginCount });
    const failures = updated?.failedLoginCount ?? 1;
    let lockedUntil: Date | undefined;
    if (failures >= limits.lockoutThreshold) {
      lockedUntil = new Date(Date.now() + limits.lockoutMinutes * 60_000);
      await tx.update(users).set({ lockedUntil, failedLoginCount: 0 }).where(eq(users.id, user.id));
      await queueNotification(tx, {
        channel: 'email',
        recipient: user.email,
        ...accountLockedMessage({
          recipientName: user.name,
          unlockInMinutes: limits.lockoutMinutes,
          resetUrl: `${publicUrl}/forgot-password`,
        }),
        programmeId: user.programmeId,
      });
    }
    await recordAudit(tx, {
      actor: anonymous,
      origin,
      action: lockedUntil ? 'session.locked_out' : `session.${kind}_failed`,
      entityType: 'user',
      entityId: user.id,
      programmeId: user.programmeId,
      details: { failures },
    });
    return lockedUntil;
  });
}

/** Verifies email and password; returns the user or throws 401 after recording the attempt. */
export async function checkPasswordSignIn(options: {
  db: Database;
  email: string;
  password: string;
  limits: LockoutLimits;
  origin: RequestOrigin;
  publicUrl: string;
}): Promise<UserRow> {
  const { db, email, password, limits, origin, publicUrl } = options;
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) {
    await verifyPassword(await getDecoyHash(), password); // same work either way: timing reveals nothing
    await recordAudit(db, {
      actor: anonymous,
      origin,
      action: 'session.password_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      details: { reason: user ? 'disabled' : 'unknown_email' },
    });
    throw wrongCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await verifyPassword(user.passwordHash, password); // the same work as a wrong password
    await recordAudit(db, {
      actor: anonymous,
      origin,
      action: 'session.refused_locked',
      entityType: 'user',
      entityId: user.id,
    });
    throw wrongCredentials();
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailedAttempt(db, user, limits, origin, 'password', publicUrl);
    throw wrongCredentials();
  }
  return user;
}

export async function recordSuccessfulSignIn(db: Executor, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(eq(users.id, userId));
}
