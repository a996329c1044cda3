// API clients for system integrations (GP systems, provider case systems). A key is shown once
// at creation; only its SHA-256 is stored. Keys act for exactly one organisation and can be revoked.
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { apiClients } from '../db/schema';
import { hashToken, newToken } from './tokens';

const keyPattern = /^lw_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}$/;

export function generateApiKey(): { key: string; prefix: string } {
  const prefix = newToken(12)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 8)
    .padEnd(8, 'x');
  return { key: `lw_${prefix}_${newToken(32)}`, prefix: `lw_${prefix}` };
}

export async function findApiClientByKey(db: Executor, key: string) {
  if (!keyPattern.test(key)) return undefined;
  const [client] = await db
    .select()
    .from(apiClients)
    .where(and(eq(apiClients.keyHash, hashToken(key)), isNull(apiClients.revokedAt)));
  if (!client) return undefined;
  // Last-used is advisory; updating at most once a minute keeps API calls read-only in practice.
  if (!client.lastUsedAt || Date.now() - client.lastUsedAt.getTime() > 60_000) {
    await db.update(apiClients).set({ lastUsedAt: new Date() }).where(eq(apiClients.id, client.id));
  }
  return client;
}
