// Reads for casework. The list is one query (the caseload page must stay fast at 200,000 referrals):
// the filters match referrals_queue_idx (programme, status, received_at) and referrals_caseload_idx
// (assigned link worker, status); the next task comes from a lateral subquery on tasks_referral_idx;
// the total from a window count. No per-row queries.
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Executor } from '../../db/client';
import {
  assessments,
  contactAttempts,
  onwardReferrals,
  organisations,
  people,
  referralEvents,
  referrals,
  services,
  tasks,
  unmetNeeds,
  users,
} from '../../db/schema';
import { openReferralStatuses, type ReferralStatus } from '../referral-state';
import { ageOn, asDate, daysWaiting, fullName, presentTask } from './present';
import type { referralListItem } from './schemas';

export type ListFilter =
  | { view: 'queue'; programmeId: string }
  | { view: 'caseload'; programmeId: string; linkWorkerId: string }
  | {
      view: 'all';
      programmeId: string;
      status?: ReferralStatus | undefined;
      linkWorkerId?: string | undefined;
    };

const isOpenTask = and(isNull(tasks.completedAt), isNull(tasks.cancelledAt));

export async function listReferrals(
  db: Executor,
  filter: ListFilter,
  page: { limit: number; offset: number },
  now: Date,
): Promise<{ items: z.infer<typeof referralListItem>[]; total: number }> {
  const conditions: SQL[] = [eq(referrals.programmeId, filter.programmeId)];
  let order: SQL[];
  switch (filter.view) {
    case 'queue':
      conditions.push(eq(referrals.status, 'received'), isNull(referrals.assignedLinkWorkerId));
      // Urgent first, then oldest first: the triage order.
      order = [sql`(${referrals.urgency} = 'urgent') desc`, asc(referrals.receivedAt)];
      break;
    case 'caseload':
      conditions.push(
        eq(referrals.assignedLinkWorkerId, filter.linkWorkerId),
        inArray(referrals.status, [...openReferralStatuses]),
      );
      order = [sql`(${referrals.urgency} = 'urgent') desc`, asc(referrals.receivedAt)];
      break;
    case 'all':
      if (filter.status) conditions.push(eq(referrals.status, filter.status));
      if (filter.linkWorkerId) conditions.push(eq(referrals.assignedLinkWorkerId, filter.linkWorkerId));
      order = [desc(referrals.receivedAt)];
      break;
  }
  const nextTask = db
    .select({ kind: tasks.kind, dueAt: tasks.dueAt })
    .from(tasks)
    .where(and(eq(tasks.referralId, referrals.id), isOpenTask))
    .orderBy(asc(tasks.dueAt))
    .limit(1)
    .as('next_task');
  const rows = await db
    .select({
      id: referrals.id,
      reference: referrals.reference,
      status: referrals.status,
      urgency: referrals.urgency,
      needs: referrals.needs,
      receivedAt: referrals.receivedAt,
      closedAt: referrals.closedAt,
      personId: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      dateOfBirth: people.dateOfBirth,
      postcode: people.postcode,
      linkWorkerId: users.id,
      linkWorkerName: users.name,
      nextTaskKind: nextTask.kind,
      nextTaskDueAt: nextTask.dueAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(referrals)
    .innerJoin(people, eq(people.id, referrals.personId))
    .leftJoin(users, eq(users.id, referrals.assignedLinkWorkerId))
    .leftJoinLateral(nextTask, sql`true`)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);

  const items = rows.map((row) => {
    const dueAt = row.nextTaskDueAt === null ? null : asDate(row.nextTaskDueAt);
    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      urgency: row.urgency,
      needs: row.needs,
      receivedAt: row.receivedAt.toISOString(),
      person: {
        id: row.personId,
        name: fullName(row),
        dateOfBirth: row.dateOfBirth,
        age: ageOn(row.dateOfBirth, now),
        postcode: row.postcode,
      },
      assignedLinkWorker:
        row.linkWorkerId && row.linkWorkerName ? { id: row.linkWorkerId, name: row.linkWorkerName } : null,
      nextTask:
        row.nextTaskKind && dueAt
          ? { kind: row.nextTaskKind, dueAt: dueAt.toISOString(), isOverdue: dueAt.getTime() < now.getTime() }
          : null,
      daysWaiting: daysWaiting(row.receivedAt, row.closedAt, now),
    };
  });
  // The window count rides on the rows; only a page past the end needs a separate count.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0) {
    const [counted] = await db
      .select({ total: count() })
      .from(referrals)
      .where(and(...conditions));
    total = counted?.total ?? 0;
  }
  return { items, total };
}

/** Everything on the referral record besides the referral row itself. */
export async function loadReferralParts(db: Executor, referral: typeof referrals.$inferSelect) {
  const assignedWorker = alias(users, 'assigned_worker');
  // Sequential on purpose: one transaction is one connection, and node-postgres refuses overlapping queries.
  const [person] = await db.select().from(people).where(eq(people.id, referral.personId));
  const [links] = await db
    .select({ organisationName: organisations.name, linkWorkerName: assignedWorker.name })
    .from(referrals)
    .leftJoin(organisations, eq(organisations.id, referrals.referringOrganisationId))
    .leftJoin(assignedWorker, eq(assignedWorker.id, referrals.assignedLinkWorkerId))
    .where(eq(referrals.id, referral.id));
  const timeline = await db
    .select()
    .from(referralEvents)
    .where(eq(referralEvents.referralId, referral.id))
    .orderBy(asc(referralEvents.id));
  const contacts = await db
    .select({ attempt: contactAttempts, recordedBy: users.name })
    .from(contactAttempts)
    .innerJoin(users, eq(users.id, contactAttempts.userId))
    .where(eq(contactAttempts.referralId, referral.id))
    .orderBy(asc(contactAttempts.occurredAt));
  const [assessment] = await db
    .select({ assessment: assessments, assessedBy: users.name })
    .from(assessments)
    .leftJoin(users, eq(users.id, assessments.assessedByUserId))
    .where(eq(assessments.referralId, referral.id));
  const onward = await db
    .select({
      onward: onwardReferrals,
      serviceName: services.name,
      providerOrganisationName: organisations.name,
    })
    .from(onwardReferrals)
    .innerJoin(services, eq(services.id, onwardReferrals.serviceId))
    .innerJoin(organisations, eq(organisations.id, onwardReferrals.providerOrganisationId))
    .where(eq(onwardReferrals.referralId, referral.id))
    .orderBy(asc(onwardReferrals.sentAt));
  const needs = await db
    .select()
    .from(unmetNeeds)
    .where(eq(unmetNeeds.referralId, referral.id))
    .orderBy(asc(unmetNeeds.createdAt));
  const taskRows = await db
    .select()
    .from(tasks)
    .where(eq(tasks.referralId, referral.id))
    .orderBy(asc(tasks.dueAt));
  return { person: person!, links, timeline, contacts, assessment, onward, needs, taskRows };
}

export type TaskWhen = 'overdue' | 'due' | 'upcoming' | 'all';
const dueWindowMs = 7 * 24 * 60 * 60 * 1000;

/** Open tasks, soonest first, with the referral reference and the person's name (one query). */
export async function listOpenTasks(
  db: Executor,
  filter: { programmeId: string; assignedUserId?: string | undefined; when: TaskWhen },
  page: { limit: number; offset: number },
  now: Date,
) {
  const conditions: SQL[] = [eq(tasks.programmeId, filter.programmeId), isOpenTask!];
  if (filter.assignedUserId) conditions.push(eq(tasks.assignedUserId, filter.assignedUserId));
  switch (filter.when) {
    case 'overdue':
      conditions.push(lt(tasks.dueAt, now));
      break;
    case 'due':
      // Due within a week, including anything already overdue.
      conditions.push(lte(tasks.dueAt, new Date(now.getTime() + dueWindowMs)));
      break;
    case 'upcoming':
      conditions.push(gte(tasks.dueAt, now));
      break;
    case 'all':
      break;
  }
  const rows = await db
    .select({
      task: tasks,
      reference: referrals.reference,
      personId: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(tasks)
    .innerJoin(referrals, eq(referrals.id, tasks.referralId))
    .innerJoin(people, eq(people.id, referrals.personId))
    .where(and(...conditions))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(page.limit)
    .offset(page.offset);
  return {
    items: rows.map((row) =>
      presentTask(
        row.task,
        { reference: row.reference, personId: row.personId, personName: fullName(row) },
        now,
      ),
    ),
    personIds: [...new Set(rows.map((row) => row.personId))],
    total: rows[0]?.total ?? 0,
  };
}
