// Short-lived OAuth2 access tokens for API clients (issued by POST /oauth2/token). Like API keys,
// only the token's SHA-256 is stored; a token acts for its client and dies with it (revocation).
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import { startPeriodicJob, type JobLog, type PeriodicJob } from '../jobs/periodic-job';
import { apiAccessTokens, apiClients } from '../db/schema';
import { hashToken, newToken } from './tokens';

export const accessTokenLifetimeSeconds = 300;

// The prefix tells an access token from an API key (lw_…) without a database lookup.
const accessTokenPattern = /^lwat_[A-Za-z0-9_-]{43}$/;

/**
 * SMART system scopes. Linkwell authorises a client by its organisation, not per resource type, so
 * the scopes it can honour are "everything the client may do" and "only read it"; the read-only
 * scope is enforced at authentication (writes are refused).
 */
export const readScope = 'system/*.read';
export const fullScope = 'system/*.*';
export const supportedScopes = [readScope, fullScope] as const;

export function isAccessToken(bearer: string): boolean {
  return accessTokenPattern.test(bearer);
}

/** True when the granted scopes allow a request with this HTTP method. */
export function scopesAllowMethod(scopes: string[], method: string): boolean {
  if (scopes.includes(fullScope)) return true;
  return ['GET', 'HEAD', 'OPTIONS'].includes(method) && scopes.includes(readScope);
}

/**
 * Parses a requested `scope` (space-separated, RFC 6749 §3.3). Absent means the client's full access.
 * Returns undefined when a scope is not one Linkwell supports.
 */
export function grantScopes(requested: string | undefined): string[] | undefined {
  const asked = (requested ?? '').split(' ').filter(Boolean);
  if (asked.length === 0) return [fullScope];
  if (!asked.every((scope) => (supportedScopes as readonly string[]).includes(scope))) return undefined;
  return [...new Set(asked)];
}

/**
 * Stores a token for one client assertion. The (client, jti) pair is unique, so a replayed assertion
 * inserts nothing and answers `undefined` — race-free across app instances.
 * Rows are kept for an hour after their token expires (expiredTokenRetentionMs), longer than any
 * assertion is accepted, so every replay is refused.
 */
export async function issueAccessToken(
  db: Executor,
  input: { apiClientId: string; assertionId: string; scopes: string[]; now: Date },
): Promise<{ token: string; expiresAt: Date } | undefined> {
  const token = `lwat_${newToken(32)}`;
  const expiresAt = new Date(input.now.getTime() + accessTokenLifetimeSeconds * 1000);
  const inserted = await db
    .insert(apiAccessTokens)
    .values({
      tokenHash: hashToken(token),
      apiClientId: input.apiClientId,
      assertionId: input.assertionId,
      scopes: input.scopes,
      expiresAt,
    })
    .onConflictDoNothing({ target: [apiAccessTokens.apiClientId, apiAccessTokens.assertionId] })
    .returning({ tokenHash: apiAccessTokens.tokenHash });
  return inserted.length === 1 ? { token, expiresAt } : undefined;
}

/** The client behind an unexpired token of a client that is not revoked, with the token's scopes. */
export async function findApiClientByAccessToken(db: Executor, token: string, now = new Date()) {
  if (!isAccessToken(token)) return undefined;
  const [row] = await db
    .select({ client: apiClients, scopes: apiAccessTokens.scopes })
    .from(apiAccessTokens)
    .innerJoin(apiClients, eq(apiClients.id, apiAccessTokens.apiClientId))
    .where(
      and(
        eq(apiAccessTokens.tokenHash, hashToken(token)),
        gt(apiAccessTokens.expiresAt, now),
        isNull(apiClients.revokedAt),
      ),
    );
  return row;
}

/**
 * How long a row outlives its token. The row is also the replay guard for its assertion, which is
 * accepted until its exp (at most 5 minutes after issue) plus clock tolerance, so a little over a
 * minute past the token's expiry would do; an hour leaves room for clocks that disagree.
 */
export const expiredTokenRetentionMs = 60 * 60 * 1000;

/** Deletes the rows of tokens that expired more than the retention ago; returns how many. */
export async function deleteExpiredAccessTokens(db: Executor, now: Date): Promise<number> {
  const deleted = await db
    .delete(apiAccessTokens)
    .where(lt(apiAccessTokens.expiresAt, new Date(now.getTime() - expiredTokenRetentionMs)))
    .returning({ tokenHash: apiAccessTokens.tokenHash });
  return deleted.length;
}

/** Clears expired access tokens shortly after start and then hourly (safe on several instances). */
export function startAccessTokenCleanupJob(options: {
  db: Database;
  log: JobLog;
  intervalMs?: number;
}): PeriodicJob {
  return startPeriodicJob({
    name: 'deleted expired OAuth2 access tokens',
    intervalMs: options.intervalMs ?? 60 * 60 * 1000,
    log: options.log,
    run: async () => {
      const deleted = await deleteExpiredAccessTokens(options.db, new Date());
      return deleted > 0 ? { deleted } : undefined;
    },
  });
}
