// Reading measures for the referral record and the person's chart, with what presenting them needs.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { measures, users } from '../../db/schema';
import { instrumentsByKey } from './instruments-for-programme';
import { presentMeasures } from './present';
import type { MeasureRow } from './record-measure';

async function userNamesOf(tx: Executor, rows: readonly MeasureRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => (row.recordedByUserId ? [row.recordedByUserId] : [])))];
  if (ids.length === 0) return new Map();
  const found = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((user) => [user.id, user.name]));
}

async function present(tx: Executor, programmeId: string, rows: MeasureRow[]) {
  const definitions = await instrumentsByKey(
    tx,
    programmeId,
    rows.map((row) => row.instrumentKey),
  );
  return presentMeasures(rows, definitions, await userNamesOf(tx, rows));
}

export async function listReferralMeasures(tx: Executor, referral: { id: string; programmeId: string }) {
  const rows = await tx
    .select()
    .from(measures)
    .where(and(eq(measures.referralId, referral.id), eq(measures.programmeId, referral.programmeId)));
  return present(tx, referral.programmeId, rows);
}

/** The person's measures across all their referrals in the programme, for the chart over time. */
export async function listPersonMeasures(tx: Executor, person: { id: string; programmeId: string }) {
  const rows = await tx
    .select()
    .from(measures)
    .where(and(eq(measures.personId, person.id), eq(measures.programmeId, person.programmeId)));
  return present(tx, person.programmeId, rows);
}

export async function presentOne(tx: Executor, programmeId: string, row: MeasureRow) {
  // The baseline is needed to show the change since it.
  const siblings = await tx
    .select()
    .from(measures)
    .where(
      and(
        eq(measures.referralId, row.referralId),
        eq(measures.instrumentKey, row.instrumentKey),
        eq(measures.timepoint, 'baseline'),
      ),
    );
  const presented = await present(tx, programmeId, [row, ...siblings.filter((other) => other.id !== row.id)]);
  return presented.find((measure) => measure.id === row.id)!;
}
