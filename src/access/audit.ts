// The append-only audit log. Rows are written with the same executor (transaction) as the change
// they record, so a change and its audit row commit or roll back together.
import type { Executor } from '../db/client';
import { auditEvents } from '../db/schema';
import { describeActor, type Actor, type RequestOrigin } from './actor';

export type AuditEntry = {
  actor: Actor;
  origin: RequestOrigin;
  /** verb.noun style, e.g. 'person.read', 'user.create', 'session.login_failed' */
  action: string;
  entityType: string;
  entityId?: string | null;
  programmeId?: string | null;
  details?: Record<string, unknown>;
};

export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await recordAuditMany(db, [entry]);
}

export async function recordAuditMany(db: Executor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditEvents).values(
    entries.map((entry) => ({
      ...describeActor(entry.actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      programmeId: entry.programmeId ?? null,
      requestId: entry.origin.requestId,
      ip: entry.origin.ip,
      details: entry.details ?? {},
    })),
  );
}
