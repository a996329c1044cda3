// The link worker's state changes: accept, reject, hold, resume, close. The state machine and its
// event, audit and flowback live in store.applyReferralAction; this adds what casework owes around
// it: picking the referral up on accept, the person details the referral brought, the first-contact
// deadline, and closing open tasks.
import { eq, sql } from 'drizzle-orm';
import type { RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { listScope } from '../../access/list-scope';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { people } from '../../db/schema';
import { personAreaOfPostcode } from '../../geo';
import { AppError, invalidField } from '../../http/errors';
import { referralResource } from '../access';
import { addWorkingDays } from '../deadlines';
import { blanksToFill, proposedDetails, readReferredPerson } from '../intake/referred-person';
import {
  closureReasons,
  rejectionReasons,
  type ClosureReason,
  type ReferralAction,
  type RejectionReason,
} from '../referral-state';
import {
  applyReferralAction,
  lockReferral,
  programmeSettingsOf,
  recordReferralEvent,
  type ReferralRow,
} from '../store';
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

/**
 * Authorises against the row read under the lock. Two link workers accepting the same queued
 * referral: the second reads it after the first committed, off the queue and on someone else's
 * caseload, so the policy refuses. That refusal is not the truth the loser needs: they saw the
 * referral in the queue (their version is older) and lost a race, so they get 409 with its state.
 */
function authoriseOnLockedRow(
  actor: StaffActor,
  referral: ReferralRow,
  action: ReferralAction,
  basedOnVersion: number,
): void {
  try {
    authorise(actor, 'update', referralResource(referral));
  } catch (error) {
    const isLostRace =
      action.type === 'accept' &&
      error instanceof AppError &&
      error.code === 'forbidden' &&
      basedOnVersion < referral.version;
    if (!isLostRace) throw error;
    throw new AppError(
      'invalid_transition',
      `Someone else took this referral first: it is now ${referral.status.replace('_', ' ')}.`,
      { extra: { currentStatus: referral.status, currentVersion: referral.version } },
    );
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
  authoriseOnLockedRow(actor, referral, action, input.version);
  // A link worker accepting from the queue takes the case: referral and person join their caseload.
  // Whoever's list scope is their own caseload (link workers, not coordinators) carries the cases they accept.
  const scope = listScope(actor, 'caseload');
  const picksUp =
    action.type === 'accept' &&
    typeof scope === 'object' &&
    'assignedTo' in scope &&
    !referral.assignedLinkWorkerId;
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
    await takeInReferredDetails(tx, { actor, origin: input.origin, referral, now });
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

/**
 * Accepting a referral is when what it says about the person reaches their record (until then it
 * stays on the referral: another organisation must not direct links and shortlists to an address
 * the person never gave us). Only blanks are filled; a detail that differs from the record is
 * left for the link worker, and both are written on the timeline so they see what was proposed.
 */
async function takeInReferredDetails(
  tx: Executor,
  input: { actor: StaffActor; origin: RequestOrigin; referral: ReferralRow; now: Date },
): Promise<void> {
  const { actor, referral, now } = input;
  const [person] = await tx.select().from(people).where(eq(people.id, referral.personId)).for('update');
  if (!person) return;
  const referred = readReferredPerson(referral.referredPerson, person);
  const proposals = proposedDetails(person, referred);
  if (proposals.length === 0) return;
  const fill = blanksToFill(person, referred);
  const filledFields = Object.keys(fill);
  if (filledFields.length > 0)
    await tx
      .update(people)
      .set({
        ...fill,
        // The area follows the postcode whenever it is written (src/geo/person-area.ts).
        ...(fill.postcode ? await personAreaOfPostcode(tx, fill.postcode) : {}),
        updatedAt: now,
        version: sql`${people.version} + 1`,
      })
      .where(eq(people.id, person.id));
  await recordReferralEvent(tx, actor, {
    programmeId: referral.programmeId,
    referralId: referral.id,
    type: 'referral.person_details_proposed',
    isVisibleToReferrer: false,
    details: {
      personId: person.id,
      filled: proposals.filter((p) => p.fillsBlank),
      notApplied: proposals.filter((p) => !p.fillsBlank),
    },
    occurredAt: now,
  });
  if (filledFields.length > 0)
    await recordAudit(tx, {
      actor,
      origin: input.origin,
      action: 'person.update',
      entityType: 'person',
      entityId: person.id,
      programmeId: person.programmeId,
      details: { via: 'referral.accept', referralId: referral.id, filledFields },
    });
}
