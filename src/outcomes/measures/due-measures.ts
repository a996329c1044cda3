// Due measures are tasks (docs/DESIGN.md §3 rule 4). Casework schedules them: the baseline and review
// tasks when the assessment is first saved, the discharge measure (and the programme's optional 6-
// and 12-month follow-ups) on closing (referrals/casework/closing-measures.ts). Recording a measure
// completes the task for its timepoint, here: outcomes builds on referrals, never the reverse.
import type { Executor } from '../../db/client';
import { completeOpenTasks, type TaskKind } from '../../referrals/tasks';
import type { Timepoint } from '../timepoints';

/** The task each timepoint closes. */
export const taskKindForTimepoint: Record<Timepoint, TaskKind> = {
  baseline: 'baseline_measure',
  review: 'review_measure',
  discharge: 'discharge_measure',
  follow_up_6m: 'follow_up_6m_measure',
  follow_up_12m: 'follow_up_12m_measure',
};

/** Recording a measure at a timepoint completes that timepoint's open task, if there is one. */
export async function completeDueMeasureTask(
  tx: Executor,
  referralId: string,
  timepoint: Timepoint,
  byUserId: string | null,
  now = new Date(),
): Promise<number> {
  return completeOpenTasks(tx, referralId, [taskKindForTimepoint[timepoint]], byUserId, now);
}
