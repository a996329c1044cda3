// Deadlines are tasks (docs/DESIGN.md §3 rule 4): first contact within the programme's target, the
// follow-up call, measures due. Scheduled and closed by the casework and onward-referral code in the
// same transaction as the step that causes them.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { tasks } from '../db/schema';

import type { TaskKind } from '../vocabulary/referral';

// The kinds are shared vocabulary (src/vocabulary/referral.ts), held by a CHECK since migration 0019.
export { taskKinds, type TaskKind } from '../vocabulary/referral';

export const taskTitles: Record<Exclude<TaskKind, 'custom'>, string> = {
  first_contact: 'Make first contact',
  follow_up: 'Follow-up call',
  baseline_measure: 'Baseline wellbeing measure due',
  review_measure: 'Review wellbeing measure due',
  discharge_measure: 'Discharge wellbeing measure due',
  follow_up_6m_measure: '6-month follow-up wellbeing measure due',
  follow_up_12m_measure: '12-month follow-up wellbeing measure due',
  choose_another_service: 'Onward referral expired: choose another service',
};

export type TaskRow = typeof tasks.$inferSelect;

export async function scheduleTask(
  tx: Executor,
  task: {
    programmeId: string;
    referralId: string;
    kind: TaskKind;
    dueAt: Date;
    assignedUserId: string | null;
    title?: string;
  },
): Promise<TaskRow> {
  const [row] = await tx
    .insert(tasks)
    .values({
      ...task,
      title: task.title ?? (task.kind === 'custom' ? 'Task' : taskTitles[task.kind]),
    })
    .returning();
  return row!;
}

const isOpen = and(isNull(tasks.completedAt), isNull(tasks.cancelledAt));

/** Marks a referral's open tasks of these kinds done (e.g. first contact made). */
export async function completeOpenTasks(
  tx: Executor,
  referralId: string,
  kinds: readonly TaskKind[],
  byUserId: string | null,
  now = new Date(),
): Promise<number> {
  const done = await tx
    .update(tasks)
    .set({
      completedAt: now,
      completedByUserId: byUserId,
      updatedAt: now,
      version: sql`${tasks.version} + 1`,
    })
    .where(and(eq(tasks.referralId, referralId), inArray(tasks.kind, [...kinds]), isOpen))
    .returning({ id: tasks.id });
  return done.length;
}

/** When a referral closes (or is rejected/cancelled), what was still due no longer is. */
export async function cancelOpenTasks(tx: Executor, referralId: string, now = new Date()): Promise<number> {
  const cancelled = await tx
    .update(tasks)
    .set({ cancelledAt: now, updatedAt: now, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.referralId, referralId), isOpen))
    .returning({ id: tasks.id });
  return cancelled.length;
}

/** Reassigning a referral moves its open tasks with it. */
export async function reassignOpenTasks(
  tx: Executor,
  referralId: string,
  userId: string | null,
): Promise<void> {
  await tx
    .update(tasks)
    .set({ assignedUserId: userId, updatedAt: new Date(), version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.referralId, referralId), isOpen));
}
