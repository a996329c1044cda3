// Single-use self-completion links, the person's side (no account): open the link to see the
// questionnaires, then submit every answer at once. The link row is locked for the submission, so
// of two concurrent submits exactly one records and the other finds the link used.
import { and, eq } from 'drizzle-orm';
import { anonymous, type RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import type { Executor } from '../../db/client';
import { measureLinks, people, programmes } from '../../db/schema';
import { AppError, type FieldError } from '../../http/errors';
import { lockReferral } from '../../referrals/store';
import type { Answers } from '../scoring';
import { findProgrammeInstrument, type AvailableInstrument } from './instruments-for-programme';
import { hashToken, linkStatus, type LinkStatus, type MeasureLinkRow } from './measure-links';
import { presentInstrument } from './present';
import { assertReferralTakesMeasures, londonDate, recordMeasure, scoreOrRefuse } from './record-measure';

/** Thrown when a link exists but can no longer be used; the route answers 410 Gone. */
export class MeasureLinkGone extends Error {
  constructor(readonly reason: Exclude<LinkStatus, 'active'>) {
    super(goneMessages[reason]);
  }
}

const goneMessages: Record<Exclude<LinkStatus, 'active'>, string> = {
  used: 'These questions have already been answered through this link, so it cannot be used again. Thank you.',
  expired: 'This link has expired. Ask your link worker to send you a new one.',
  revoked: 'This link has been cancelled. Ask your link worker if you need a new one.',
};

// One answer for an unknown and a malformed token, so neither can be told apart by probing.
const unknownLink = () =>
  new AppError('not_found', 'We could not find this link. Check you copied all of it from the message.');

async function findUsableLink(tx: Executor, token: string, options: { lock: boolean }, now: Date) {
  const query = tx
    .select()
    .from(measureLinks)
    .where(eq(measureLinks.tokenHash, hashToken(token)));
  const [link] = options.lock ? await query.for('update') : await query;
  if (!link) throw unknownLink();
  const status = linkStatus(link, now);
  if (status !== 'active') throw new MeasureLinkGone(status);
  return link;
}

async function instrumentsOf(tx: Executor, link: MeasureLinkRow): Promise<AvailableInstrument[]> {
  const found: AvailableInstrument[] = [];
  for (const key of link.instrumentKeys) {
    // Archived after the link was sent: the person may still answer what they were asked.
    const instrument = await findProgrammeInstrument(tx, link.programmeId, key, { includeArchived: true });
    if (instrument) found.push(instrument);
  }
  return found;
}

export async function openMeasureLink(
  tx: Executor,
  input: { token: string; origin: RequestOrigin; now?: Date },
) {
  const now = input.now ?? new Date();
  const link = await findUsableLink(tx, input.token, { lock: false }, now);
  const [person] = await tx
    .select({ givenName: people.givenName })
    .from(people)
    .where(eq(people.id, link.personId));
  const [programme] = await tx
    .select({ name: programmes.name })
    .from(programmes)
    .where(eq(programmes.id, link.programmeId));
  await recordAudit(tx, {
    actor: anonymous,
    origin: input.origin,
    action: 'measure_link.open',
    entityType: 'measure_link',
    entityId: link.id,
    programmeId: link.programmeId,
    details: { referralId: link.referralId, personId: link.personId },
  });
  return {
    programmeName: programme?.name ?? '',
    // The first name only: enough for the person to know it is meant for them, little for anyone else.
    firstName: person?.givenName ?? '',
    timepoint: link.timepoint,
    expiresAt: link.expiresAt.toISOString(),
    instruments: (await instrumentsOf(tx, link)).map(presentInstrument),
  };
}

/** Every questionnaire the link asks for must be answered, and nothing else. */
function checkInstrumentKeys(link: MeasureLinkRow, answers: Record<string, Answers>): void {
  const errors: FieldError[] = [];
  for (const key of Object.keys(answers))
    if (!link.instrumentKeys.includes(key))
      errors.push({
        field: `answers.${key}`,
        pointer: `#/answers/${key}`,
        in: 'body',
        detail: `This link does not ask for '${key}'.`,
      });
  for (const key of link.instrumentKeys)
    if (!Object.hasOwn(answers, key))
      errors.push({
        field: `answers.${key}`,
        pointer: `#/answers/${key}`,
        in: 'body',
        detail: 'Answer these questions before sending.',
      });
  if (errors.length > 0)
    throw new AppError('validation_failed', errors.map((error) => error.detail).join(' '), { errors });
}

export async function submitMeasureLink(
  tx: Executor,
  input: { token: string; answers: Record<string, Answers>; origin: RequestOrigin; now?: Date },
) {
  const now = input.now ?? new Date();
  const link = await findUsableLink(tx, input.token, { lock: true }, now);
  checkInstrumentKeys(link, input.answers);
  const instruments = await instrumentsOf(tx, link);
  // Check every questionnaire before writing any, so one bad answer leaves nothing half-recorded.
  const fieldErrors: FieldError[] = [];
  for (const instrument of instruments) {
    try {
      scoreOrRefuse(
        instrument.definition,
        input.answers[instrument.definition.key] ?? {},
        `answers.${instrument.definition.key}`,
      );
    } catch (error) {
      if (error instanceof AppError && error.errors) fieldErrors.push(...error.errors);
      else throw error;
    }
  }
  if (fieldErrors.length > 0)
    throw new AppError('validation_failed', fieldErrors.map((error) => error.detail).join('. ') + '.', {
      errors: fieldErrors,
    });

  const referral = await lockReferral(tx, link.referralId);
  assertReferralTakesMeasures(referral);
  const recorded: { instrumentKey: string; name: string }[] = [];
  for (const instrument of instruments) {
    const { key } = instrument.definition;
    await recordMeasure(tx, {
      actor: anonymous,
      origin: input.origin,
      referral,
      instrument,
      timepoint: link.timepoint,
      completedOn: londonDate(now),
      answers: input.answers[key] ?? {},
      source: 'self',
      answersField: `answers.${key}`,
      recordedByUserId: null,
      auditDetails: { measureLinkId: link.id },
      now,
    });
    recorded.push({
      instrumentKey: key,
      name: instrument.definition.shortName ?? instrument.definition.name,
    });
  }
  await tx
    .update(measureLinks)
    .set({ usedAt: now })
    .where(and(eq(measureLinks.id, link.id)));
  return {
    recorded,
    message: 'Thank you. Your answers have been sent to your link worker.',
  };
}
