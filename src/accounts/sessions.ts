// Database-backed sessions: the cookie holds a random token, the table holds its hash.
// Sessions slide forward with use up to an absolute limit, and can all be revoked at once.
import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { sessions, users } from '../db/schema';
import type { Role } from '../access/roles';
import { hashToken, newToken } from './tokens';

export const sessionCookieName = 'lw_session';
/** No session lives longer than this, however active. */
const absoluteLifetimeMs = 7 * 24 * 60 * 60 * 1000;
/** Avoid a write on every request: only refresh last_seen/expiry when it is this stale. */
const touchIntervalMs = 60 * 1000;

export type SessionUser = {
  tokenHash: string;
  csrfToken: string;
  isMfaPending: boolean;
  expiresAt: Date;
  user: {
    id: string;
    name: string;
    email: string;
    role: Role;
    programmeId: string | null;
    organisationId: string | null;
    hasTotp: boolean;
  };
};

export async function createSession(
  db: Executor,
  options: {
    userId: string;
    ttlHours: number;
    isMfaPending: boolean;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(Date.now() + options.ttlHours * 3600_000);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: options.userId,
    csrfToken,
    isMfaPending: options.isMfaPending,
    expiresAt,
    ip: options.ip,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/** Finds a live session by its cookie token and slides its expiry forward. */
export async function findSession(
  db: Executor,
  token: string,
  ttlHours: number,
): Promise<SessionUser | undefined> {
  const tokenHash = hashToken(token);
  const now = new Date();
  const [row] = await db
    .select({
      tokenHash: sessions.tokenHash,
      csrfToken: sessions.csrfToken,
      isMfaPending: sessions.isMfaPending,
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      user: {
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        programmeId: users.programmeId,
        organisationId: users.organisationId,
        totpEnabledAt: users.totpEnabledAt,
        disabledAt: users.disabledAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  if (!row || row.user.disabledAt) return undefined;

  let expiresAt = row.expiresAt;
  if (now.getTime() - row.lastSeenAt.getTime() > touchIntervalMs) {
    const hardLimit = row.createdAt.getTime() + absoluteLifetimeMs;
    expiresAt = new Date(Math.min(now.getTime() + ttlHours * 3600_000, hardLimit));
    await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
  }
  return {
    tokenHash: row.tokenHash,
    csrfToken: row.csrfToken,
    isMfaPending: row.isMfaPending,
    expiresAt,
    user: {
      id: row.user.id,
      name: row.user.name,
      email: row.user.email,
      role: row.user.role,
      programmeId: row.user.programmeId,
      organisationId: row.user.organisationId,
      hasTotp: row.user.totpEnabledAt !== null,
    },
  };
}

export async function completeMfa(db: Executor, tokenHash: string): Promise<void> {
  await db.update(sessions).set({ isMfaPending: false }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user, optionally keeping the one making the request. */
export async function deleteUserSessions(
  db: Executor,
  userId: string,
  exceptTokenHash?: string,
): Promise<number> {
  const condition = exceptTokenHash
    ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash))
    : eq(sessions.userId, userId);
  const deleted = await db.delete(sessions).where(condition).returning({ tokenHash: sessions.tokenHash });
  return deleted.length;
}

export async function deleteExpiredSessions(db: Executor): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.expiresAt} < now()`);
}
