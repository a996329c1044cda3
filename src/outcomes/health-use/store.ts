// Reading and writing health-service use rows. One row per referral × period × window (a unique
// index), so saving again updates the counts rather than adding a second row.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { healthServiceUse, type referrals } from '../../db/schema';
import type { HealthUseSource } from '../../vocabulary/outcomes';
import type { HealthUseCounts } from './rules';

export type HealthUseRow = typeof healthServiceUse.$inferSelect;
export type { HealthUseSource };

export const slotOf = (entry: { referralId: string; period: string; windowMonths: number }) =>
  `${entry.referralId}|${entry.period}|${entry.windowMonths}`;

export function rowsOfReferrals(tx: Executor, referralIds: string[]): Promise<HealthUseRow[]> {
  if (referralIds.length === 0) return Promise.resolve([]);
  return tx.select().from(healthServiceUse).where(inArray(healthServiceUse.referralId, referralIds));
}

export function rowsOfReferral(tx: Executor, referralId: string): Promise<HealthUseRow[]> {
  return tx
    .select()
    .from(healthServiceUse)
    .where(eq(healthServiceUse.referralId, referralId))
    .orderBy(healthServiceUse.period, healthServiceUse.windowMonths);
}

/**
 * The version of a referral's whole set of counts: the sum of its rows' versions. Every insert adds
 * 1 and every update adds 1, so it grows with each change and a stale form is caught.
 */
export const setVersionOf = (rows: readonly HealthUseRow[]) =>
  rows.reduce((sum, row) => sum + row.version, 0);

type Referral = Pick<typeof referrals.$inferSelect, 'id' | 'programmeId' | 'personId'>;

export async function upsertCounts(
  tx: Executor,
  input: {
    referral: Referral;
    entries: readonly HealthUseCounts[];
    source: HealthUseSource;
    recordedByUserId: string | null;
    now: Date;
  },
): Promise<void> {
  if (input.entries.length === 0) return;
  await tx
    .insert(healthServiceUse)
    .values(
      input.entries.map((entry) => ({
        programmeId: input.referral.programmeId,
        referralId: input.referral.id,
        personId: input.referral.personId,
        period: entry.period,
        windowMonths: entry.windowMonths,
        gpAppointments: entry.gpAppointments,
        aeAttendances: entry.aeAttendances,
        source: input.source,
        recordedByUserId: input.recordedByUserId,
      })),
    )
    .onConflictDoUpdate({
      target: [healthServiceUse.referralId, healthServiceUse.period, healthServiceUse.windowMonths],
      set: {
        gpAppointments: sql`excluded.gp_appointments`,
        aeAttendances: sql`excluded.ae_attendances`,
        source: sql`excluded.source`,
        recordedByUserId: sql`excluded.recorded_by_user_id`,
        updatedAt: input.now,
        version: sql`${healthServiceUse.version} + 1`,
      },
    });
}
