// Assigning a referral: a coordinator gives it to a link worker of the programme, or a link worker
// picks an unassigned one up for themselves. The referral and the person move to the worker's
// caseload together (people.assigned_link_worker_id is the relationship the people policy reads),
// and the case's open tasks follow.
import { and, eq, sql } from 'drizzle-orm';
import type { RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authorise, decide } from '../../access/policy';
import type { Executor } from '../../db/client';
import { people, referrals, users } from '../../db/schema';
import { AppError, invalidField } from '../../http/errors';
import { versionConflict } from '../../http/schemas';
import { referralResource } from '../access';
import { openReferralStatuses } from '../referral-state';
import { lockReferral, recordReferralEvent, type ReferralRow } from '../store';
import { reassignOpenTasks } from '../tasks';
import type { StaffActor } from './staff';

export async function assignReferral(
  tx: Executor,
  input: {
    actor: StaffActor;
    origin: RequestOrigin;
    referralId: string;
    linkWorkerId: string;
    version: number;
    now?: Date;
  },
): Promise<ReferralRow> {
  const { actor } = input;
  const now = input.now ?? new Date();
  const referral = await lockReferral(tx, input.referralId);
  const resource = referralResource(referral);
  // Tenancy before anything else: another programme's referral is 404.
  const decision = decide(actor, 'assign', resource);
  if (!decision.allowed && decision.status === 404) authorise(actor, 'assign', resource);
  // Checked before the policy so that, of two link workers picking up the same referral at once,
  // the one who waited on the row lock hears "someone else changed it" (409), not "not allowed".
  if (referral.version !== input.version) throw versionConflict('referral', referral.version);
  const basis = authorise(actor, 'assign', resource, { assigneeId: input.linkWorkerId });
  if (!openReferralStatuses.includes(referral.status))
    throw new AppError('invalid_transition', `A ${referral.status} referral cannot be assigned.`);
  const [worker] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.id, input.linkWorkerId),
        eq(users.programmeId, referral.programmeId),
        eq(users.role, 'link_worker'),
      ),
    );
  if (!worker) throw invalidField('linkWorkerId', 'Choose a link worker of this programme.');

  const [updated] = await tx
    .update(referrals)
    .set({ assignedLinkWorkerId: worker.id, updatedAt: now, version: sql`${referrals.version} + 1` })
    .where(and(eq(referrals.id, referral.id), eq(referrals.version, referral.version)))
    .returning();
  if (!updated) throw versionConflict('referral', referral.version + 1);
  await tx
    .update(people)
    .set({ assignedLinkWorkerId: worker.id, updatedAt: now, version: sql`${people.version} + 1` })
    .where(eq(people.id, referral.personId));
  await reassignOpenTasks(tx, referral.id, worker.id);
  await recordReferralEvent(tx, actor, {
    programmeId: referral.programmeId,
    referralId: referral.id,
    type: 'referral.assigned',
    details: { fromLinkWorkerId: referral.assignedLinkWorkerId, toLinkWorkerId: worker.id, to: worker.name },
    occurredAt: now,
  });
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: 'referral.assign',
    entityType: 'referral',
    entityId: referral.id,
    programmeId: referral.programmeId,
    details: { basis, from: referral.assignedLinkWorkerId, to: worker.id, personId: referral.personId },
  });
  return updated;
}
