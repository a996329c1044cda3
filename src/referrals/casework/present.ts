// Rows → casework API JSON. Database rows never leave the casework module except through these.
import type { z } from 'zod';
import type { assessments, contactAttempts, referrals, tasks } from '../../db/schema';
import type { ReferralAbilities } from './abilities';
import type {
  assessmentResponse,
  contactAttemptResponse,
  referralStateResponse,
  taskResponse,
} from './schemas';

const dayMs = 24 * 60 * 60 * 1000;

/** A timestamp from a row, whichever driver returned it (a lateral subquery may give a string). */
export function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : asDate(value).toISOString();

/** Age in whole years on `today`, from an ISO date of birth. */
export function ageOn(dateOfBirth: string | null, today: Date): number | null {
  if (!dateOfBirth) return null;
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age--;
  return age;
}

/** Whole days from received until closed (or now, while open). */
export function daysWaiting(receivedAt: Date, closedAt: Date | null, now: Date): number {
  return Math.max(0, Math.floor(((closedAt ?? now).getTime() - receivedAt.getTime()) / dayMs));
}

export const fullName = (person: { givenName: string; familyName: string }) =>
  `${person.givenName} ${person.familyName}`;

export function presentTask(
  row: typeof tasks.$inferSelect,
  context: { reference: string; personId: string; personName: string },
  now: Date,
): z.infer<typeof taskResponse> {
  const isOpen = row.completedAt === null && row.cancelledAt === null;
  return {
    id: row.id,
    referralId: row.referralId,
    referralReference: context.reference,
    person: { id: context.personId, name: context.personName },
    kind: row.kind,
    title: row.title,
    dueAt: row.dueAt.toISOString(),
    isOverdue: isOpen && row.dueAt.getTime() < now.getTime(),
    assignedUserId: row.assignedUserId,
    completedAt: iso(row.completedAt),
    cancelledAt: iso(row.cancelledAt),
    version: row.version,
  };
}

export function presentContactAttempt(
  row: typeof contactAttempts.$inferSelect,
  recordedBy: string,
): z.infer<typeof contactAttemptResponse> {
  return {
    id: row.id,
    mode: row.mode,
    outcome: row.outcome,
    durationMinutes: row.durationMinutes,
    note: row.note,
    occurredAt: row.occurredAt.toISOString(),
    recordedBy,
  };
}

export function presentAssessment(
  row: typeof assessments.$inferSelect,
  assessedBy: string | null,
): z.infer<typeof assessmentResponse> {
  return {
    id: row.id,
    referralId: row.referralId,
    whatMatters: row.whatMatters,
    needs: row.needs as z.infer<typeof assessmentResponse>['needs'],
    goals: row.goals as z.infer<typeof assessmentResponse>['goals'],
    baselineMeasureDue: row.baselineMeasureDue,
    assessedBy,
    assessedAt: row.assessedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function presentReferralState(
  row: typeof referrals.$inferSelect,
  abilities: ReferralAbilities,
): z.infer<typeof referralStateResponse> {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    assignedLinkWorkerId: row.assignedLinkWorkerId,
    rejectionReason: row.rejectionReason,
    closureReason: row.closureReason,
    outcomeSummary: row.outcomeSummary,
    failedContactAttempts: row.failedContactAttempts,
    abilities,
    version: row.version,
  };
}
