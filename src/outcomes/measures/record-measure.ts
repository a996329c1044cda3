// Recording one completed questionnaire (a "measure") for a referral at a timepoint, and correcting
// one. Shared by the link worker's entry and the person's self-completion link: both score with the
// one engine, write the row, its timeline event and audit row, and complete the task that was due,
// all in the caller's transaction.
import { and, eq, sql } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import type { Executor } from '../../db/client';
import { measures, referralEvents } from '../../db/schema';
import { AppError, type FieldError } from '../../http/errors';
import { versionConflict } from '../../http/schemas';
import type { MeasureSource } from '../../vocabulary/outcomes';
import { actorLabel, type ReferralRow } from '../../referrals/store';
import type { InstrumentDefinition } from '../instruments';
import { scoreAnswers, type Answers, type ScoreResult } from '../scoring';
import { timepointLabels, type Timepoint } from '../timepoints';
import { completeDueMeasureTask } from './due-measures';
import type { AvailableInstrument } from './instruments-for-programme';

export type MeasureRow = typeof measures.$inferSelect;
/** link_worker: entered by staff; self: the person's link; connected_system: a FHIR QuestionnaireResponse. */
export type { MeasureSource };

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The London calendar date (YYYY-MM-DD) of an instant: measures are dated as people in England see them. */
export function londonDate(instant: Date): string {
  return londonDay.format(instant);
}

/** Referrals nobody is working on any more (or yet) take no measures. */
const statusesWithoutMeasures: Record<string, string> = {
  received: 'Accept the referral before recording measures.',
  rejected: 'This referral was not accepted, so no measures can be recorded for it.',
  cancelled: 'This referral was cancelled, so no measures can be recorded for it.',
};

export function assertReferralTakesMeasures(referral: Pick<ReferralRow, 'status'>): void {
  const refusal = statusesWithoutMeasures[referral.status];
  if (refusal)
    throw new AppError('invalid_transition', refusal, { extra: { currentStatus: referral.status } });
}

/**
 * Scores answers or throws a 400 naming each bad answer at `<fieldPrefix>.<itemId>`. A form with
 * nothing answered is refused too: it is a mistake, not a measure.
 */
export function scoreOrRefuse(
  definition: InstrumentDefinition,
  answers: Answers,
  fieldPrefix: string,
): ScoreResult {
  const outcome = scoreAnswers(definition, answers);
  if (!outcome.ok) {
    const errors: FieldError[] = outcome.errors.map(({ itemId, message }) => ({
      field: `${fieldPrefix}.${itemId}`,
      pointer: `#/${fieldPrefix.split('.').join('/')}/${itemId}`,
      in: 'body',
      detail: message,
    }));
    throw new AppError('validation_failed', errors.map((error) => error.detail).join('. ') + '.', { errors });
  }
  if (outcome.result.answeredCount === 0) {
    const detail = `Answer at least one question of ${definition.shortName ?? definition.name}.`;
    throw new AppError('validation_failed', detail, {
      errors: [{ field: fieldPrefix, pointer: `#/${fieldPrefix.split('.').join('/')}`, in: 'body', detail }],
    });
  }
  return outcome.result;
}

/** The columns a score fills, for insert and update alike. */
function scoreColumns(answers: Answers, result: ScoreResult) {
  const itemScores = Object.fromEntries(
    result.items.flatMap((item) => (item.value === null ? [] : [[item.itemId, item.value]])),
  );
  return {
    // Every item of the instrument, unanswered ones as null, so the row says what was left blank.
    answers: Object.fromEntries(result.items.map((item) => [item.itemId, answers[item.itemId] ?? null])),
    itemScores,
    rawTotal: result.rawTotal,
    metricScore: result.metricScore,
    isComplete: result.complete,
    notScoredBecause: result.notScoredBecause ?? null,
  };
}

async function writeMeasureEvent(
  tx: Executor,
  input: {
    actor: Actor;
    referral: ReferralRow;
    type: 'measure.recorded' | 'measure.corrected';
    row: MeasureRow;
    definition: InstrumentDefinition;
    now: Date;
  },
): Promise<void> {
  const { row, definition, referral } = input;
  const code = definition.code?.system === 'http://snomed.info/sct' ? definition.code : undefined;
  // The person completing their own link has no account; the timeline names them as the source.
  const who =
    row.source === 'self'
      ? { actorUserId: null, actorLabel: 'The person (self-completion link)' }
      : actorLabel(input.actor);
  await tx.insert(referralEvents).values({
    programmeId: referral.programmeId,
    referralId: referral.id,
    type: input.type,
    snomedCode: code?.code ?? null,
    snomedDisplay: code?.display ?? null,
    // Scores are the link worker's casework, not flowback: the referrer never sees them.
    isVisibleToReferrer: false,
    ...who,
    details: {
      measureId: row.id,
      instrumentKey: row.instrumentKey,
      instrumentName: definition.shortName ?? definition.name,
      timepoint: row.timepoint,
      timepointLabel: timepointLabels[row.timepoint],
      source: row.source,
      isComplete: row.isComplete,
      rawTotal: row.rawTotal,
      metricScore: row.metricScore,
    },
    occurredAt: input.now,
  });
}

export type RecordMeasureInput = {
  actor: Actor;
  origin: RequestOrigin;
  /** Locked by the caller for the rest of the transaction (lockReferral). */
  referral: ReferralRow;
  instrument: AvailableInstrument;
  timepoint: Timepoint;
  completedOn: string;
  answers: Answers;
  source: MeasureSource;
  /** Where the answers sit in the request body, for field errors: "answers" or "answers.swemwbs". */
  answersField: string;
  recordedByUserId: string | null;
  auditDetails?: Record<string, unknown>;
  now?: Date;
};

export async function findMeasureAt(
  tx: Executor,
  referralId: string,
  instrumentKey: string,
  timepoint: Timepoint,
): Promise<MeasureRow | undefined> {
  const [row] = await tx
    .select()
    .from(measures)
    .where(
      and(
        eq(measures.referralId, referralId),
        eq(measures.instrumentKey, instrumentKey),
        eq(measures.timepoint, timepoint),
      ),
    );
  return row;
}

export function alreadyRecorded(existing: MeasureRow, definition: InstrumentDefinition): AppError {
  const name = definition.shortName ?? definition.name;
  return new AppError(
    'conflict',
    `${name} is already recorded at ${timepointLabels[existing.timepoint].toLowerCase()} for this referral. ` +
      'To correct it, change the answers already recorded instead.',
    { extra: { measureId: existing.id, currentVersion: existing.version } },
  );
}

/** Scores and stores one measure. The referral must already be locked, so duplicates cannot race. */
export async function recordMeasure(tx: Executor, input: RecordMeasureInput): Promise<MeasureRow> {
  const { referral, instrument, actor } = input;
  const { definition } = instrument;
  const now = input.now ?? new Date();
  const result = scoreOrRefuse(definition, input.answers, input.answersField);
  const existing = await findMeasureAt(tx, referral.id, definition.key, input.timepoint);
  if (existing) throw alreadyRecorded(existing, definition);
  const [row] = await tx
    .insert(measures)
    .values({
      programmeId: referral.programmeId,
      referralId: referral.id,
      personId: referral.personId,
      instrumentKey: definition.key,
      instrumentVersion: definition.version,
      questionnaireId: instrument.questionnaireId,
      timepoint: input.timepoint,
      completedOn: input.completedOn,
      ...scoreColumns(input.answers, result),
      source: input.source,
      recordedByUserId: input.recordedByUserId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const measure = row!;
  await writeMeasureEvent(tx, { actor, referral, type: 'measure.recorded', row: measure, definition, now });
  const tasksCompleted = await completeDueMeasureTask(
    tx,
    referral.id,
    input.timepoint,
    input.recordedByUserId,
    now,
  );
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: 'measure.create',
    entityType: 'measure',
    entityId: measure.id,
    programmeId: referral.programmeId,
    details: {
      ...input.auditDetails,
      referralId: referral.id,
      personId: referral.personId,
      instrumentKey: definition.key,
      timepoint: input.timepoint,
      source: input.source,
      tasksCompleted,
    },
  });
  return measure;
}

/** Corrects a measure's answers (and date): re-scored with the instrument as it is now. */
export async function correctMeasure(
  tx: Executor,
  input: {
    actor: Actor;
    origin: RequestOrigin;
    referral: ReferralRow;
    measure: MeasureRow;
    instrument: AvailableInstrument;
    completedOn: string;
    answers: Answers;
    version: number;
    recordedByUserId: string | null;
    auditDetails?: Record<string, unknown>;
    now?: Date;
  },
): Promise<MeasureRow> {
  const { referral, measure, instrument, actor } = input;
  const { definition } = instrument;
  const now = input.now ?? new Date();
  if (input.version !== measure.version) throw versionConflict('measure', measure.version);
  const result = scoreOrRefuse(definition, input.answers, 'answers');
  const [updated] = await tx
    .update(measures)
    .set({
      ...scoreColumns(input.answers, result),
      instrumentVersion: definition.version,
      completedOn: input.completedOn,
      recordedByUserId: input.recordedByUserId,
      updatedAt: now,
      version: sql`${measures.version} + 1`,
    })
    .where(and(eq(measures.id, measure.id), eq(measures.version, measure.version)))
    .returning();
  if (!updated) throw versionConflict('measure', measure.version + 1);
  await writeMeasureEvent(tx, { actor, referral, type: 'measure.corrected', row: updated, definition, now });
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: 'measure.update',
    entityType: 'measure',
    entityId: updated.id,
    programmeId: referral.programmeId,
    details: {
      ...input.auditDetails,
      referralId: referral.id,
      personId: referral.personId,
      previousVersion: measure.version,
    },
  });
  return updated;
}
