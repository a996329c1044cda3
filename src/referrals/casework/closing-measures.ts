// Closing a referral as completed leaves measures due: the discharge measure now and the
// programme's optional follow-ups 6 and/or 12 months on (docs/ARCHITECTURE.md, src/referrals/). They
// are referral tasks like the baseline and review measures that saving the assessment schedules, so
// casework schedules them itself; outcomes builds on referrals (recording a measure completes the
// task, outcomes/measures/due-measures.ts) and referrals imports nothing from outcomes.
import { addMonths } from 'date-fns';
import type { Executor } from '../../db/client';
import type { ProgrammeSettings } from '../../programmes/settings';
import { scheduleTask, type TaskKind } from '../tasks';

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
