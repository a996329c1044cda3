// Outcome measures for the demo history (docs/DESIGN.md §7): SWEMWBS and ONS4 at baseline, review and
// discharge (UCLA-3 too when loneliness is the need), scored by the real engine, with a realistic
// picture: most people improve a little, some not at all, some get worse, and about a third of
// those with a baseline are lost before a later measure. Plus GP and A&E counts before and after.
import { randomUUID } from 'node:crypto';
import { addMonths, differenceInCalendarDays } from 'date-fns';
import type { healthServiceUse, measures } from '../../db/schema';
import { findBuiltInInstrument } from '../../outcomes/instruments';
import { scoreAnswers } from '../../outcomes/scoring';
import type { Timepoint } from '../../outcomes/timepoints';
import type { Random } from '../random';
import type { EventActor } from './records';
import { isoDate } from './time';

export type MeasureRow = typeof measures.$inferInsert;
export type HealthUseRow = typeof healthServiceUse.$inferInsert;

/** One person's wellbeing over the episode: a baseline level and how much it moves per timepoint. */
export type Trajectory = { baseline: number; gainPerStep: number };

export function drawTrajectory(random: Random): Trajectory {
  // Baseline wellbeing is low on referral (SWEMWBS population mean is about 23.5 metric; people
  // referred for social prescribing often start near 19–20). Gains: mostly small positive.
  const baseline = 0.35 + random.next() * 0.3; // share of the way from the lowest to the highest answer
  const roll = random.next();
  const gainPerStep = roll < 0.15 ? -0.04 : roll < 0.35 ? 0 : 0.05 + random.next() * 0.08;
  return { baseline, gainPerStep };
}

const stepOf: Record<Timepoint, number> = {
  baseline: 0,
  review: 1,
  discharge: 2,
  follow_up_6m: 2,
  follow_up_12m: 2,
};

/** An answer for an item from min to max at a level (0–1), with some noise; reversed if needed. */
function answerAt(random: Random, level: number, min: number, max: number, isReversed: boolean): number {
  const noisy = Math.min(1, Math.max(0, level + (random.next() - 0.5) * 0.3));
  const value = Math.round(min + noisy * (max - min));
  return isReversed ? max - (value - min) : value;
}

function answersFor(random: Random, key: string, level: number): Record<string, number> {
  const instrument = findBuiltInInstrument(key)!;
  const answers: Record<string, number> = {};
  for (const item of instrument.items) {
    const values =
      item.response.kind === 'scale'
        ? { min: item.response.min, max: item.response.max }
        : {
            min: Math.min(...item.response.options.map((o) => o.value)),
            max: Math.max(...item.response.options.map((o) => o.value)),
          };
    const direction = item.direction ?? instrument.direction;
    answers[item.id] = answerAt(random, level, values.min, values.max, direction === 'higher_is_worse');
  }
  return answers;
}

export function demoMeasureRows(input: {
  random: Random;
  programmeId: string;
  referralId: string;
  personId: string;
  timepoint: Timepoint;
  at: Date;
  trajectory: Trajectory;
  isLonely: boolean;
  worker: EventActor & { userId: string };
}): MeasureRow[] {
  const level = Math.min(
    1,
    Math.max(0, input.trajectory.baseline + input.trajectory.gainPerStep * stepOf[input.timepoint]),
  );
  const keys = ['swemwbs', 'ons4', ...(input.isLonely ? ['ucla3'] : [])];
  // About one in five link-worker-led measures is completed by the person through a link.
  const isSelf = input.random.chance(0.2);
  return keys.map((key) => {
    const instrument = findBuiltInInstrument(key)!;
    const answers = answersFor(input.random, key, level);
    const outcome = scoreAnswers(instrument, answers);
    if (!outcome.ok) throw new Error(`Demo ${key} answers did not score: ${outcome.errors[0]?.message}`);
    const { result } = outcome;
    return {
      id: randomUUID(),
      programmeId: input.programmeId,
      referralId: input.referralId,
      personId: input.personId,
      instrumentKey: key,
      instrumentVersion: instrument.version,
      timepoint: input.timepoint,
      completedOn: isoDate(input.at),
      answers,
      itemScores: Object.fromEntries(result.items.map((item) => [item.itemId, item.value])),
      rawTotal: result.rawTotal,
      metricScore: result.metricScore,
      isComplete: result.complete,
      notScoredBecause: result.notScoredBecause ?? null,
      source: isSelf ? 'self' : 'link_worker',
      recordedByUserId: isSelf ? null : input.worker.userId,
      createdAt: input.at,
      updatedAt: input.at,
    };
  });
}

/**
 * GP appointments and A&E attendances in the 3 and 6 months before the referral and, where that
 * window has ended by now, after it. Typically slightly fewer after (observational, not causal).
 */
export function demoHealthUseRows(input: {
  random: Random;
  programmeId: string;
  referralId: string;
  personId: string;
  receivedAt: Date;
  now: Date;
  recordedByUserId: string;
}): HealthUseRow[] {
  const { random } = input;
  const gpRate = 0.4 + random.next() * 1.2; // appointments a month
  const aeRate = random.chance(0.7) ? random.next() * 0.15 : 0.15 + random.next() * 0.3;
  const afterFactor = 0.6 + random.next() * 0.6; // 0.6–1.2 of the rate before
  const count = (rate: number, months: number) =>
    Math.max(0, Math.round(rate * months + (random.next() - 0.5) * 2));
  const rows: HealthUseRow[] = [];
  for (const windowMonths of [3, 6]) {
    const before = { gp: count(gpRate, windowMonths), ae: count(aeRate, windowMonths) };
    const windowEnds = addMonths(input.receivedAt, windowMonths);
    const recordedAt = windowEnds < input.now ? windowEnds : input.receivedAt;
    rows.push(row(input, 'before', windowMonths, before, recordedAt));
    if (differenceInCalendarDays(input.now, windowEnds) >= 0)
      rows.push(
        row(
          input,
          'after',
          windowMonths,
          { gp: count(gpRate * afterFactor, windowMonths), ae: count(aeRate * afterFactor, windowMonths) },
          windowEnds,
        ),
      );
  }
  return rows;
}

function row(
  input: { programmeId: string; referralId: string; personId: string; recordedByUserId: string },
  period: 'before' | 'after',
  windowMonths: number,
  counts: { gp: number; ae: number },
  at: Date,
): HealthUseRow {
  return {
    id: randomUUID(),
    programmeId: input.programmeId,
    referralId: input.referralId,
    personId: input.personId,
    period,
    windowMonths,
    gpAppointments: counts.gp,
    aeAttendances: counts.ae,
    source: 'link_worker',
    recordedByUserId: input.recordedByUserId,
    createdAt: at,
    updatedAt: at,
  };
}
