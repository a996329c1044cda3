// GET /api/casework/waiting-times: the coordinator's waiting-time figures (programme aggregates).
import { z } from 'zod';
import type { RouteModule } from '../../http/context';
import { programmeSettingsOf } from '../store';
import { authoriseStaff } from '../../access/authorise-as';
import { waitingTimesOf } from './waiting-times';

const nullableNumber = z.number().nullable();

export const waitingTimesResponse = z.object({
  periodDays: z.number(),
  acceptance: z.object({ count: z.number(), medianDays: nullableNumber }),
  firstContact: z.object({
    count: z.number(),
    medianDays: nullableNumber,
    targetWorkingDays: z.number(),
    withinTargetShare: nullableNumber,
  }),
  queue: z.object({ count: z.number(), oldestDays: nullableNumber, medianDays: nullableNumber }),
});

export const waitingTimeRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/casework/waiting-times',
    {
      schema: {
        tags: ['casework'],
        summary:
          'Coordinators: median days from referral to acceptance and from acceptance to first contact (with the share within the programme’s target) over the last N days, and the triage queue now',
        querystring: z.object({ days: z.coerce.number().int().min(7).max(730).default(90) }),
        response: { 200: waitingTimesResponse },
      },
    },
    async (request) => {
      const actor = authoriseStaff(request.actor, 'read', { kind: 'caseload', view: 'programme' });
      const settings = await programmeSettingsOf(db, actor.programmeId);
      return waitingTimesOf(db, {
        programmeId: actor.programmeId,
        periodDays: request.query.days,
        targetWorkingDays: settings.firstContactWorkingDays,
        now: new Date(),
      });
    },
  );
};
