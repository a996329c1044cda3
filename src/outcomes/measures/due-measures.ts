// Due measures are tasks (docs/DESIGN.md §3 rule 4). Casework schedules the baseline and review tasks
// when the assessment is first saved; closing a referral schedules the discharge measure (and the
// programme's optional 6- and 12-month follow-ups) here, and recording a measure completes the task
// for its timepoint.
import { addMonths } from 'date-fns';
import type { Executor } from '../../db/client';
import type { ProgrammeSettings } from '../../programmes/settings';
import { completeOpenTasks, scheduleTask, type TaskKind } from '../../referrals/tasks';
import type { Timepoint } from '../timepoints';

/** The task each timepoint closes. */
export const taskKindForTimepoint: Record<Timepoint, TaskKind> = {
  baseline: 'baseline_measure',
  review: 'review_measure',
  discharge: 'discharge_measure',
  follow_up_6m: 'follow_up_6m_measure',
  follow_up_12m: 'follow_up_12m_measure',
};

const followUpTaskKinds: Record<6 | 12, TaskKind> = {
  6: 'follow_up_6m_measure',
  12: 'follow_up_12m_measure',
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
 * Makes the discharge measure due now, and the programme's optional follow-ups due 6 and/or 12
 * months on, when a referral closes as completed with someone still to ask. Called after the
 * closing step has cancelled the referral's other open tasks.
 */
export async function scheduleClosingMeasures(
  tx: Executor,
  referral: {
    id: string;
    programmeId: string;
    status: string;
    closureReason: string | null;
    assignedLinkWorkerId: string | null;
  },
  settings: Pick<ProgrammeSettings, 'followUpMeasureMonths'>,
  now = new Date(),
): Promise<boolean> {
  if (referral.status !== 'completed') return false;
  if (!isDischargeMeasureDue(referral.closureReason)) return false;
  const due: [TaskKind, Date][] = [
    ['discharge_measure', now],
    ...settings.followUpMeasureMonths.map((months): [TaskKind, Date] => [
      followUpTaskKinds[months],
      addMonths(now, months),
    ]),
  ];
  for (const [kind, dueAt] of due)
    await scheduleTask(tx, {
      programmeId: referral.programmeId,
      referralId: referral.id,
      kind,
      dueAt,
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
  return completeOpenTasks(tx, referralId, [taskKindForTimepoint[timepoint]], byUserId, now);
}
