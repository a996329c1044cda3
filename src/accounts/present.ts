// Presenters: database rows → API JSON for accounts. Password hashes and TOTP secrets never leave.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client';
import { organisations, programmes, users } from '../db/schema';
import { roles } from '../access/roles';
import type { Actor } from '../access/actor';
import { listScope } from '../access/list-scope';
import { decide } from '../access/policy';
import type { SessionUser } from './sessions';

export const sessionStatusSchema = z.enum(['signed_in', 'totp_required', 'totp_enrolment_required']);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export function sessionStatusOf(
  session: Pick<SessionUser, 'isMfaPending'> & { user: { hasTotp: boolean } },
): SessionStatus {
  if (!session.isMfaPending) return 'signed_in';
  return session.user.hasTotp ? 'totp_required' : 'totp_enrolment_required';
}

export const userSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  hasTotp: z.boolean(),
});

export const sessionResponseSchema = z.object({
  status: sessionStatusSchema,
  csrfToken: z.string(),
  expiresAt: z.string(),
  user: userSummarySchema,
  abilities: z.record(z.string(), z.boolean()),
});

/** What the signed-in person may reach, for navigation; the server still checks every request. */
export function navigationAbilities(actor: Actor): Record<string, boolean> {
  const allowed = (decision: ReturnType<typeof decide>) => decision.allowed;
  const programmeId = actor.type === 'user' ? actor.programmeId : null;
  return {
    // Administering the platform is reading every programme's audit log (platform admins).
    canAdministerPlatform: listScope(actor, 'audit_log') === 'all',
    canManageOrganisations: allowed(decide(actor, 'create', { kind: 'organisation' })),
    canManageProgrammes: allowed(decide(actor, 'create', { kind: 'programme' })),
    canManageUsers: allowed(decide(actor, 'list', { kind: 'user', programmeId, organisationId: null })),
    canManageApiClients: allowed(decide(actor, 'list', { kind: 'api_client' })),
    canReadAuditLog: allowed(decide(actor, 'list', { kind: 'audit_log', programmeId })),
    canReadOutbox: allowed(decide(actor, 'list', { kind: 'notification_outbox' })),
    // Answering programmes' requests for the actor's organisation's referrals (its referrers, platform admins).
    canAnswerProgrammeLinks: allowed(
      decide(actor, 'approve', {
        kind: 'programme_link',
        ...(actor.type === 'user' && actor.organisationId ? { organisationId: actor.organisationId } : {}),
      }),
    ),
    canFindPeople:
      programmeId !== null &&
      allowed(decide(actor, 'list', { kind: 'person', programmeId, assignedLinkWorkerId: null })),
  };
}

export async function loadUserSummary(
  db: Executor,
  userId: string,
): Promise<z.infer<typeof userSummarySchema>> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      programmeId: users.programmeId,
      programmeName: programmes.name,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .leftJoin(programmes, eq(programmes.id, users.programmeId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!row) throw new Error(`user ${userId} vanished`);
  const { totpEnabledAt, ...rest } = row;
  return { ...rest, hasTotp: totpEnabledAt !== null };
}
