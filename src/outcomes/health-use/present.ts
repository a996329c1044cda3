// A referral's health-service use as the API shows it: each window with its dates, and the
// observational caveat that must travel with the numbers.
import type { referrals } from '../../db/schema';
import { observationalCaveat, windowDates, londonDate, type WindowMonths } from './rules';
import { setVersionOf, type HealthUseRow } from './store';

export function presentHealthUse(
  referral: Pick<typeof referrals.$inferSelect, 'id' | 'reference' | 'receivedAt'>,
  rows: readonly HealthUseRow[],
) {
  return {
    referralId: referral.id,
    reference: referral.reference,
    receivedOn: londonDate(referral.receivedAt),
    isObservational: true as const,
    caveat: observationalCaveat,
    version: setVersionOf(rows),
    entries: rows.map((row) => {
      const { from, to } = windowDates(referral.receivedAt, row.period, row.windowMonths as WindowMonths);
      return {
        period: row.period,
        windowMonths: row.windowMonths as WindowMonths,
        from,
        to,
        gpAppointments: row.gpAppointments,
        aeAttendances: row.aeAttendances,
        source: row.source,
        updatedAt: row.updatedAt.toISOString(),
      };
    }),
  };
}
