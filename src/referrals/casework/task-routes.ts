// Tasks: the deadlines of casework (first contact, measures due, follow-up) and the worker's own.
// Who sees which list: a link worker sees their own tasks only (scope=programme, or another
// worker's id, is 403); a coordinator sees the programme's, optionally one worker's.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import { people, referrals, tasks } from '../../db/schema';
import type { RouteModule } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { runIdempotentCreate } from '../../http/idempotency';
import { idParams, versionConflict } from '../../http/schemas';
import { referralResource } from '../access';
import { openReferralStatuses } from '../referral-state';
import { scheduleTask } from '../tasks';
import { fullName, presentTask } from './present';
import { listOpenTasks } from './queries';
import { completeTaskBody, createTaskBody, taskListQuery, taskResponse } from './schemas';
import { authoriseStaff } from '../../access/authorise-as';

const tags = ['casework'];

export const taskRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/tasks',
    {
      schema: {
        tags,
        summary:
          'Open tasks, soonest first: yours, or (coordinators) the programme’s. "due" means due within 7 days or overdue.',
        querystring: taskListQuery,
        response: { 200: z.object({ items: z.array(taskResponse), total: z.number() }) },
      },
    },
    async (request) => {
      const { scope, when, linkWorkerId, limit, offset } = request.query;
      // Link workers see their own tasks; the programme's (or a colleague's) are the coordinator's.
      const actor = authoriseStaff(
        request.actor,
        'list',
        scope === 'programme'
          ? { kind: 'caseload', view: 'programme' }
          : { kind: 'caseload', view: 'caseload', linkWorkerId },
      );
      const assignedUserId = scope === 'mine' ? actor.userId : linkWorkerId;
      return db.transaction(async (tx) => {
        const now = new Date();
        const result = await listOpenTasks(
          tx,
          { programmeId: actor.programmeId, assignedUserId, when },
          { limit, offset },
          now,
        );
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'task.list',
          entityType: 'task',
          programmeId: actor.programmeId,
          details: { scope, when, linkWorkerId: linkWorkerId ?? null, personIds: result.personIds },
        });
        return { items: result.items, total: result.total };
      });
    },
  );

  app.post(
    '/api/referrals/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Add your own task to a referral (send an Idempotency-Key to make retries safe)',
        params: idParams,
        body: createTaskBody,
        response: { 201: taskResponse },
      },
    },
    async (request, reply) => {
      const actor = authoriseStaff(request.actor, 'update', { kind: 'casework' });
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const [row] = await tx
          .select({ referral: referrals, person: people })
          .from(referrals)
          .innerJoin(people, eq(people.id, referrals.personId))
          .where(eq(referrals.id, request.params.id));
        if (!row) throw notFound('The referral');
        const { referral, person } = row;
        const basis = authorise(actor, 'update', referralResource(referral));
        if (!openReferralStatuses.includes(referral.status))
          throw new AppError('invalid_transition', `A ${referral.status} referral takes no new tasks.`);
        const task = await scheduleTask(tx, {
          programmeId: referral.programmeId,
          referralId: referral.id,
          kind: 'custom',
          title: request.body.title,
          dueAt: new Date(request.body.dueAt),
          assignedUserId: referral.assignedLinkWorkerId ?? actor.userId,
        });
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'task.create',
          entityType: 'task',
          entityId: task.id,
          programmeId: referral.programmeId,
          details: { basis, referralId: referral.id },
        });
        return {
          statusCode: 201 as const,
          body: presentTask(
            task,
            { reference: referral.reference, personId: person.id, personName: fullName(person) },
            new Date(),
          ),
        };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags,
        summary: 'Mark a task done (refused with 409 if the version is stale or the task is already closed)',
        params: idParams,
        body: completeTaskBody,
        response: { 200: taskResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'update', { kind: 'casework' });
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ task: tasks, referral: referrals, person: people })
          .from(tasks)
          .innerJoin(referrals, eq(referrals.id, tasks.referralId))
          .innerJoin(people, eq(people.id, referrals.personId))
          .where(eq(tasks.id, request.params.id))
          .for('update', { of: tasks });
        if (!row) throw notFound('The task');
        const { task, referral, person } = row;
        const isOwnTask = task.assignedUserId === actor.userId && task.programmeId === actor.programmeId;
        const basis = isOwnTask
          ? 'the task is assigned to the actor'
          : authorise(actor, 'update', referralResource(referral));
        if (task.version !== request.body.version) throw versionConflict('task', task.version);
        if (task.completedAt || task.cancelledAt)
          throw new AppError('invalid_transition', 'This task is already closed.');
        const now = new Date();
        const [done] = await tx
          .update(tasks)
          .set({
            completedAt: now,
            completedByUserId: actor.userId,
            updatedAt: now,
            version: sql`${tasks.version} + 1`,
          })
          .where(and(eq(tasks.id, task.id), eq(tasks.version, task.version)))
          .returning();
        if (!done) throw versionConflict('task', task.version + 1);
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'task.complete',
          entityType: 'task',
          entityId: task.id,
          programmeId: task.programmeId,
          details: { basis, referralId: referral.id },
        });
        return presentTask(
          done,
          { reference: referral.reference, personId: person.id, personName: fullName(person) },
          now,
        );
      });
    },
  );
};
