// How long people wait, for the coordinator (docs/DESIGN.md §3 rule 7): from referral to acceptance, from
// acceptance to first contact (and the share within the programme's working-day target), and how
// long the triage queue has waited now. Programme aggregates only; no person appears.
import { and, eq, gte, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { referrals } from '../../db/schema';
import { addWorkingDays } from '../deadlines';
import { readTogether } from '../../db/read-together';

const dayMs = 24 * 60 * 60 * 1000;

export type WaitingTimes = {
  periodDays: number;
  /** Referrals accepted in the period: median days from receipt to acceptance. */
  acceptance: { count: number; medianDays: number | null };
  /** First contacts made in the period: median days from acceptance, and the share within target. */
  firstContact: {
    count: number;
    medianDays: number | null;
    targetWorkingDays: number;
    withinTargetShare: number | null;
  };
  /** The triage queue now. */
  queue: { count: number; oldestDays: number | null; medianDays: number | null };
};

/** The middle value (mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const days = (from: Date, to: Date) => (to.getTime() - from.getTime()) / dayMs;
const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Pure: the figures from the rows, so the arithmetic is unit-tested (waiting-times.test.ts). */
export function summariseWaitingTimes(input: {
  accepted: { receivedAt: Date; acceptedAt: Date }[];
  contacted: { acceptedAt: Date; firstContactAt: Date }[];
  queued: { receivedAt: Date }[];
  targetWorkingDays: number;
  periodDays: number;
  now: Date;
}): WaitingTimes {
  const contactDays = input.contacted.map((row) => days(row.acceptedAt, row.firstContactAt));
  const withinTarget = input.contacted.filter(
    (row) => row.firstContactAt <= addWorkingDays(row.acceptedAt, input.targetWorkingDays),
  ).length;
  const queueDays = input.queued.map((row) => days(row.receivedAt, input.now));
  return {
    periodDays: input.periodDays,
    acceptance: {
      count: input.accepted.length,
      medianDays: oneDecimal(median(input.accepted.map((row) => days(row.receivedAt, row.acceptedAt)))),
    },
    firstContact: {
      count: input.contacted.length,
      medianDays: oneDecimal(median(contactDays)),
      targetWorkingDays: input.targetWorkingDays,
      withinTargetShare: input.contacted.length ? withinTarget / input.contacted.length : null,
    },
    queue: {
      count: input.queued.length,
      oldestDays: queueDays.length ? oneDecimal(Math.max(...queueDays)) : null,
      medianDays: oneDecimal(median(queueDays)),
    },
  };
}

export async function waitingTimesOf(
  db: Executor,
  options: { programmeId: string; periodDays: number; targetWorkingDays: number; now: Date },
): Promise<WaitingTimes> {
  const { programmeId, now } = options;
  const since = new Date(now.getTime() - options.periodDays * dayMs);
  const [accepted, contacted, queued] = await readTogether(db, [
    () =>
      db
        .select({ receivedAt: referrals.receivedAt, acceptedAt: referrals.acceptedAt })
        .from(referrals)
        .where(and(eq(referrals.programmeId, programmeId), gte(referrals.acceptedAt, since))),
    () =>
      db
        .select({ acceptedAt: referrals.acceptedAt, firstContactAt: referrals.firstContactAt })
        .from(referrals)
        .where(
          and(
            eq(referrals.programmeId, programmeId),
            gte(referrals.firstContactAt, since),
            isNotNull(referrals.acceptedAt),
          ),
        ),
    () =>
      db
        .select({ receivedAt: referrals.receivedAt })
        .from(referrals)
        .where(
          and(
            eq(referrals.programmeId, programmeId),
            eq(referrals.status, 'received'),
            isNull(referrals.assignedLinkWorkerId),
          ),
        ),
  ]);
  return summariseWaitingTimes({
    accepted: accepted.map((row) => ({ receivedAt: row.receivedAt, acceptedAt: row.acceptedAt! })),
    contacted: contacted.map((row) => ({ acceptedAt: row.acceptedAt!, firstContactAt: row.firstContactAt! })),
    queued,
    targetWorkingDays: options.targetWorkingDays,
    periodDays: options.periodDays,
    now,
  });
}
