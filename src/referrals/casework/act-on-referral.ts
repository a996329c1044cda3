// The link worker's state changes: accept, reject, hold, resume, close. The state machine and its
// event, audit and flowback live in store.applyReferralAction; this adds what casework owes around
// it: picking the referral up on accept, the first-contact deadline, and closing open tasks.
import { eq, sql } from 'drizzle-orm';
import type { RequestOrigin } from '../../access/actor';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { people } from '../../db/schema';
import { invalidField } from '../../http/errors';
import { referralResource } from '../access';
import { addWorkingDays } from '../deadlines';
import {
  closureReasons,
  rejectionReasons,
  type ClosureReason,
  type ReferralAction,
  type RejectionReason,
} from '../referral-state';
import { applyReferralAction, lockReferral, programmeSettingsOf, type ReferralRow } from '../store';
import { cancelOpenTasks, scheduleTask } from '../tasks';
import { scheduleClosingMeasures } from './closing-measures';
import type { caseworkActions } from './schemas';
import type { StaffActor } from './staff';

export type CaseworkActionInput = {
  action: (typeof caseworkActions)[number];
  reason?: string | undefined;
  note?: string | undefined;
  outcomeSummary?: string | undefined;
  version: number;
};

/** Builds the state-machine action, or a 400 naming `reason` when it is missing or not one we know. */
export function toReferralAction(input: Pick<CaseworkActionInput, 'action' | 'reason'>): ReferralAction {
  switch (input.action) {
    case 'reject':
      if (!rejectionReasons.includes(input.reason as RejectionReason))
        throw invalidField('reason', `Choose a reason for not accepting: ${rejectionReasons.join(', ')}.`);
      return { type: 'reject', reason: input.reason as RejectionReason };
    case 'close':
      if (!closureReasons.includes(input.reason as ClosureReason))
        throw invalidField('reason', `Choose a reason for closing: ${closureReasons.join(', ')}.`);
      return { type: 'close', reason: input.reason as ClosureReason };
    case 'accept':
    case 'hold':
    case 'resume':
      return { type: input.action };
  }
}

export async function actOnReferral(
  tx: Executor,
  input: CaseworkActionInput & {
    actor: StaffActor;
    origin: RequestOrigin;
    referralId: string;
    publicUrl: string;
    now?: Date;
  },
): Promise<ReferralRow> {
  const { actor } = input;
  const now = input.now ?? new Date();
  const action = toReferralAction(input);
  const referral = await lockReferral(tx, input.referralId);
  authorise(actor, 'update', referralResource(referral));
  // A link worker accepting from the queue takes the case: referral and person join their caseload.
  const picksUp = action.type === 'accept' && actor.role === 'link_worker' && !referral.assignedLinkWorkerId;
  const updated = await applyReferralAction(tx, {
    referral,
    action,
    actor,
    origin: input.origin,
    expectedVersion: input.version,
    note: input.note,
    outcomeSummary: input.outcomeSummary,
    changes: picksUp ? { assignedLinkWorkerId: actor.userId } : {},
    publicUrl: input.publicUrl,
    now,
  });
  if (picksUp) {
    await tx
      .update(people)
      .set({ assignedLinkWorkerId: actor.userId, updatedAt: now, version: sql`${people.version} + 1` })
      .where(eq(people.id, referral.personId));
  }
  if (action.type === 'accept') {
    const settings = await programmeSettingsOf(tx, referral.programmeId);
    await scheduleTask(tx, {
      programmeId: referral.programmeId,
      referralId: referral.id,
      kind: 'first_contact',
      dueAt: addWorkingDays(now, settings.firstContactWorkingDays),
      assignedUserId: updated.assignedLinkWorkerId,
    });
  }
  if (action.type === 'close' || action.type === 'reject') await cancelOpenTasks(tx, referral.id, now);
  // After the cancel above, so the measures due after closing are the only tasks left open.
  if (action.type === 'close')
    await scheduleClosingMeasures(tx, updated, await programmeSettingsOf(tx, referral.programmeId), now);
  return updated;
}
