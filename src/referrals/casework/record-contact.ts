// A contact attempt (telephone first: nothing requires face to face). Every attempt is kept; the
// state machine counts failed attempts in a row and spots the first reached contact, which is the
// referrer's "first contact" flowback and ends the first-contact deadline.
import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../access/actor';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { contactAttempts } from '../../db/schema';
import { referralResource } from '../access';
import { applyReferralAction, lockReferral, programmeSettingsOf, type ReferralRow } from '../store';
import { completeOpenTasks } from '../tasks';
import type { contactModes, contactOutcomes } from './schemas';
import type { StaffActor } from './staff';

export type RecordContactInput = {
  mode: (typeof contactModes)[number];
  outcome: (typeof contactOutcomes)[number];
  durationMinutes?: number | undefined;
  note?: string | undefined;
  occurredAt?: string | undefined;
  version: number;
};

export async function recordContact(
  tx: Executor,
  input: RecordContactInput & {
    actor: StaffActor;
    origin: RequestOrigin;
    referralId: string;
    publicUrl: string;
  },
): Promise<{
  referral: ReferralRow;
  attempt: typeof contactAttempts.$inferSelect;
  canCloseAsUnableToContact: boolean;
  maxFailedContactAttempts: number;
}> {
  const { actor } = input;
  const referral = await lockReferral(tx, input.referralId);
  authorise(actor, 'update', referralResource(referral));
  const reached = input.outcome === 'reached';
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
  const attemptId = randomUUID();
  // The transition is dated when the contact happened, so time-to-first-contact is true to life.
  const updated = await applyReferralAction(tx, {
    referral,
    action: { type: 'record_contact', reached },
    actor,
    origin: input.origin,
    expectedVersion: input.version,
    note: input.note,
    details: { contactAttemptId: attemptId, mode: input.mode, outcome: input.outcome },
    publicUrl: input.publicUrl,
    now: occurredAt,
  });
  const [attempt] = await tx
    .insert(contactAttempts)
    .values({
      id: attemptId,
      programmeId: referral.programmeId,
      referralId: referral.id,
      mode: input.mode,
      outcome: input.outcome,
      durationMinutes: input.durationMinutes ?? null,
      note: input.note ?? '',
      occurredAt,
      userId: actor.userId,
    })
    .returning();
  if (reached) await completeOpenTasks(tx, referral.id, ['first_contact'], actor.userId);
  const settings = await programmeSettingsOf(tx, referral.programmeId);
  return {
    referral: updated,
    attempt: attempt!,
    canCloseAsUnableToContact: updated.failedContactAttempts >= settings.maxFailedContactAttempts,
    maxFailedContactAttempts: settings.maxFailedContactAttempts,
  };
}
