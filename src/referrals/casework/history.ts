// A person's history before a plan is made (docs/DESIGN.md §3 rule 3): their previous and open referrals
// in this programme, and every onward referral with its service, outcome and attendance, so nobody
// is sent again to what they already tried. Three queries, each on an index (referrals_person_idx,
// onward_referrals_person_idx, attendances_onward_idx); attendance is counted in SQL, not per row.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client';
import type { people } from '../../db/schema';
import { attendances, onwardReferrals, organisations, referrals, services } from '../../db/schema';
import { activeOnwardStatuses } from '../onward-referral-state';
import { openReferralStatuses } from '../referral-state';
import { fullName, iso } from './present';
import type { historyResponse } from './schemas';

export async function loadPersonHistory(
  db: Executor,
  person: typeof people.$inferSelect,
): Promise<z.infer<typeof historyResponse>> {
  const attendanceCounts = db
    .select({
      onwardReferralId: attendances.onwardReferralId,
      attended: sql<number>`count(*) filter (where ${attendances.status} = 'attended')`
        .mapWith(Number)
        .as('attended'),
      didNotAttend: sql<number>`count(*) filter (where ${attendances.status} = 'did_not_attend')`
        .mapWith(Number)
        .as('did_not_attend'),
    })
    .from(attendances)
    .innerJoin(onwardReferrals, eq(onwardReferrals.id, attendances.onwardReferralId))
    .where(and(eq(onwardReferrals.personId, person.id), eq(onwardReferrals.programmeId, person.programmeId)))
    .groupBy(attendances.onwardReferralId)
    .as('attendance_counts');

  // Sequential on purpose: one transaction is one connection (node-postgres refuses overlapping queries).
  const referralRows = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.personId, person.id), eq(referrals.programmeId, person.programmeId)))
    .orderBy(desc(referrals.receivedAt));
  const onwardRows = await db
    .select({
      onward: onwardReferrals,
      serviceName: services.name,
      providerOrganisationName: organisations.name,
      attended: attendanceCounts.attended,
      didNotAttend: attendanceCounts.didNotAttend,
    })
    .from(onwardReferrals)
    .innerJoin(services, eq(services.id, onwardReferrals.serviceId))
    .innerJoin(organisations, eq(organisations.id, onwardReferrals.providerOrganisationId))
    .leftJoin(attendanceCounts, eq(attendanceCounts.onwardReferralId, onwardReferrals.id))
    .where(and(eq(onwardReferrals.personId, person.id), eq(onwardReferrals.programmeId, person.programmeId)))
    .orderBy(desc(onwardReferrals.sentAt));

  return {
    person: { id: person.id, name: fullName(person) },
    referrals: referralRows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      isOpen: openReferralStatuses.includes(row.status),
      needs: row.needs,
      receivedAt: row.receivedAt.toISOString(),
      closedAt: iso(row.closedAt),
      rejectionReason: row.rejectionReason,
      closureReason: row.closureReason,
    })),
    onwardReferrals: onwardRows.map(
      ({ onward, serviceName, providerOrganisationName, attended, didNotAttend }) => ({
        id: onward.id,
        referralId: onward.referralId,
        serviceId: onward.serviceId,
        serviceName,
        providerOrganisationName,
        status: onward.status,
        isActive: activeOnwardStatuses.includes(onward.status),
        declineReason: onward.declineReason,
        sentAt: onward.sentAt.toISOString(),
        startedAt: iso(onward.startedAt),
        endedAt: iso(onward.endedAt),
        attendance: { attended: Number(attended ?? 0), didNotAttend: Number(didNotAttend ?? 0) },
      }),
    ),
  };
}
