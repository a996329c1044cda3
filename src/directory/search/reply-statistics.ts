// How a service answers referrals, for its directory entry (docs/DESIGN.md §3 rule 7): the share of referrals it
// accepted (or put on its waiting list) and its median reply time, over the last 12 months and
// across every programme. Aggregates only; with fewer than 5 answers nothing is shown, so a figure
// never describes one or two identifiable people.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

export const replyStatisticsMonths = 12;
export const minimumAnswersToShow = 5;

export type ReplyStatistics = {
  periodMonths: number;
  /** Referrals answered (accepted, waitlisted or declined) or left to expire in the period. */
  referralsAnswered: number;
  /** Accepted or waitlisted, as a share of referrals answered or expired; null when too few. */
  acceptanceRate: number | null;
  /** Median days from sending to the provider's answer; null when too few answers. */
  medianReplyDays: number | null;
};

export async function replyStatisticsOf(
  db: Executor,
  serviceId: string,
  now: Date,
): Promise<ReplyStatistics> {
  const since = new Date(now);
  since.setMonth(since.getMonth() - replyStatisticsMonths);
  // A decline is the only answer that leaves decline_reason set; expiry is the absence of an answer.
  const [row] = await queryRows<{
    answered: number;
    accepted: number;
    replied: number;
    median_days: number | null;
  }>(
    db,
    sql`select
          count(*) filter (where responded_at is not null or status = 'expired')::int as answered,
          count(*) filter (where responded_at is not null and decline_reason is null)::int as accepted,
          count(*) filter (where responded_at is not null)::int as replied,
          percentile_cont(0.5) within group (
            order by extract(epoch from (responded_at - sent_at)) / 86400.0
          ) filter (where responded_at is not null) as median_days
        from onward_referrals
        where service_id = ${serviceId} and sent_at >= ${since.toISOString()}::timestamptz`,
  );
  const answered = row?.answered ?? 0;
  const replied = row?.replied ?? 0;
  return {
    periodMonths: replyStatisticsMonths,
    referralsAnswered: answered,
    acceptanceRate: answered >= minimumAnswersToShow ? row!.accepted / answered : null,
    medianReplyDays:
      replied >= minimumAnswersToShow && row!.median_days !== null
        ? Math.round(Number(row!.median_days) * 10) / 10
        : null,
  };
}
