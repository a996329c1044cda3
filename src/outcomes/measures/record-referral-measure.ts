// Recording a measure on a referral from any entry point that names the questionnaire by key: the
// link worker's form (REST) and a connected system's QuestionnaireResponse (FHIR). Both take the
// same steps in the same order, so a rule added here holds for both. The caller has locked the
// referral (lockReferral) and authorised the actor.
import type { Executor } from '../../db/client';
import { invalidField } from '../../http/errors';
import type { ReferralRow } from '../../referrals/store';
import { findProgrammeInstrument } from './instruments-for-programme';
import {
  assertReferralTakesMeasures,
  londonDate,
  recordMeasure,
  type MeasureRow,
  type RecordMeasureInput,
} from './record-measure';

/** A measure is dated on or after the day the referral arrived, and not after today (London dates). */
export function checkCompletedOn(completedOn: string, referral: ReferralRow, now: Date): void {
  if (completedOn > londonDate(now))
    throw invalidField('completedOn', 'The date the questions were answered cannot be in the future.');
  const received = londonDate(referral.receivedAt);
  if (completedOn < received)
    throw invalidField(
      'completedOn',
      `The date the questions were answered cannot be before the referral was received (${received}).`,
    );
}

export type RecordReferralMeasureInput = Omit<RecordMeasureInput, 'instrument' | 'now'> & {
  instrumentKey: string;
  now: Date;
};

/**
 * Refuses a referral that takes no measures, an unknown questionnaire (field "instrumentKey") and an
 * impossible date (field "completedOn"), then scores and stores the measure (recordMeasure).
 */
export async function recordReferralMeasure(
  tx: Executor,
  input: RecordReferralMeasureInput,
): Promise<MeasureRow> {
  const { referral, instrumentKey, ...rest } = input;
  assertReferralTakesMeasures(referral);
  const instrument = await findProgrammeInstrument(tx, referral.programmeId, instrumentKey);
  if (!instrument)
    throw invalidField('instrumentKey', `There is no questionnaire '${instrumentKey}' in this programme.`);
  checkCompletedOn(input.completedOn, referral, input.now);
  return recordMeasure(tx, { ...rest, referral, instrument });
}
