// The assessment: "what matters to me" in the person's words, needs by domain with priority, goals.
// One per referral, created once and then edited with a version check. The first save makes the
// baseline measure due now and the review measure due at the programme's review interval (the
// outcomes work supplies the instruments; until then the task records that a measure is due).
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { assessments } from '../../db/schema';
import { AppError, invalidField } from '../../http/errors';
import { versionConflict } from '../../http/schemas';
import { referralResource } from '../access';
import { addWeeks } from '../deadlines';
import { lockReferral, programmeSettingsOf, recordReferralEvent } from '../store';
import { scheduleTask } from '../tasks';
import { assessableStatuses } from './abilities';
import type { StaffActor } from './staff';

export type AssessmentInput = {
  whatMatters: string;
  needs: { domain: string; priority: 'high' | 'medium' | 'low'; detail?: string | undefined }[];
  goals: { id?: string | undefined; text: string; status: 'open' | 'achieved' | 'dropped' }[];
  version?: number | undefined;
};

export async function saveAssessment(
  tx: Executor,
  input: AssessmentInput & { actor: StaffActor; origin: RequestOrigin; referralId: string; now?: Date },
): Promise<{ row: typeof assessments.$inferSelect; isNew: boolean }> {
  const { actor } = input;
  const now = input.now ?? new Date();
  const referral = await lockReferral(tx, input.referralId);
  const basis = authorise(actor, 'update', referralResource(referral));
  if (!assessableStatuses.includes(referral.status))
    throw new AppError(
      'invalid_transition',
      `An assessment can be written once the person is being contacted or worked with; this referral is ${referral.status.replace('_', ' ')}.`,
      { extra: { currentStatus: referral.status } },
    );
  const values = {
    whatMatters: input.whatMatters,
    needs: input.needs.map((need) => ({
      domain: need.domain,
      priority: need.priority,
      ...(need.detail ? { detail: need.detail } : {}),
    })),
    // Goals keep their ids across edits so later outcome records can point at them.
    goals: input.goals.map((goal) => ({ id: goal.id ?? randomUUID(), text: goal.text, status: goal.status })),
    assessedByUserId: actor.userId,
    assessedAt: now,
    updatedAt: now,
  };
  const [existing] = await tx.select().from(assessments).where(eq(assessments.referralId, referral.id));
  let row: typeof assessments.$inferSelect;
  if (existing) {
    if (input.version === undefined)
      throw invalidField('version', 'Send the version of the assessment you are changing.');
    if (input.version !== existing.version) throw versionConflict('assessment', existing.version);
    const [updated] = await tx
      .update(assessments)
      .set({ ...values, version: sql`${assessments.version} + 1` })
      .where(and(eq(assessments.id, existing.id), eq(assessments.version, existing.version)))
      .returning();
    if (!updated) throw versionConflict('assessment', existing.version + 1);
    row = updated;
  } else {
    const [created] = await tx
      .insert(assessments)
      .values({ ...values, programmeId: referral.programmeId, referralId: referral.id })
      .returning();
    row = created!;
    const settings = await programmeSettingsOf(tx, referral.programmeId);
    const assignedUserId = referral.assignedLinkWorkerId ?? actor.userId;
    await scheduleTask(tx, {
      programmeId: referral.programmeId,
      referralId: referral.id,
      kind: 'baseline_measure',
      dueAt: now,
      assignedUserId,
    });
    await scheduleTask(tx, {
      programmeId: referral.programmeId,
      referralId: referral.id,
      kind: 'review_measure',
      dueAt: addWeeks(now, settings.reviewWeeks),
      assignedUserId,
    });
  }
  await recordReferralEvent(tx, actor, {
    programmeId: referral.programmeId,
    referralId: referral.id,
    type: 'assessment.saved',
    details: { assessmentId: row.id, version: row.version, needs: values.needs.map((n) => n.domain) },
    occurredAt: now,
  });
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: existing ? 'assessment.update' : 'assessment.create',
    entityType: 'assessment',
    entityId: row.id,
    programmeId: referral.programmeId,
    details: { basis, referralId: referral.id, personId: referral.personId },
  });
  return { row, isNew: !existing };
}
