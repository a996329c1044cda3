// Due measures are tasks (design.md §3 rule 4). Casework schedules the baseline and review tasks
// when the assessment is first saved; closing a referral schedules the discharge measure here, and
// recording a measure completes the task for its timepoint.
import type { Executor } from '../../db/client';
import { completeOpenTasks, scheduleTask, type TaskKind } from '../../referrals/tasks';
import type { Timepoint } from '../timepoints';

/** The task each timepoint closes. Follow-ups have no task kind yet: they are optional. */
export const taskKindForTimepoint: Partial<Record<Timepoint, TaskKind>> = {
  baseline: 'baseline_measure',
  review: 'review_measure',
  discharge: 'discharge_measure',
};

// Closing because the person could not be reached, died or moved away leaves nobody to ask.
const closuresWithoutDischargeMeasure: ReadonlySet<string> = new Set([
  'unable_to_contact',
  'deceased',
  'moved_away',
]);

/** Whether closing for this reason leaves someone to ask for the discharge measure. */
export function isDischargeMeasureDue(closureReason: string | null): boolean {
  return !closureReason || !closuresWithoutDischargeMeasure.has(closureReason);
}

/**
 * Makes the discharge measure due now, when a referral closes as completed with someone still to
 * ask. Called after the closing step has cancelled the referral's other open tasks.
 */
export async function scheduleDischargeMeasure(
  tx: Executor,
  referral: {
    id: string;
    programmeId: string;
    status: string;
    closureReason: string | null;
    assignedLinkWorkerId: string | null;
  },
  now = new Date(),
): Promise<boolean> {
  if (referral.status !== 'completed') return false;
  if (!isDischargeMeasureDue(referral.closureReason)) return false;
  await scheduleTask(tx, {
    programmeId: referral.programmeId,
    referralId: referral.id,
    kind: 'discharge_measure',
    dueAt: now,
    assignedUserId: referral.assignedLinkWorkerId,
  });
  return true;
}

/** Recording a measure at a timepoint completes that timepoint's open task, if there is one. */
export async function completeDueMeasureTask(
  tx: Executor,
  referralId: string,
  timepoint: Timepoint,
  byUserId: string | null,
  now = new Date(),
): Promise<number> {
  const kind = taskKindForTimepoint[timepoint];
  return kind ? completeOpenTasks(tx, referralId, [kind], byUserId, now) : 0;
}
