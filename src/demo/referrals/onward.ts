// One onward referral's life: the provider's answer (accept, waiting list, decline), the start and
// the sessions attended, then completion or drop-out; or the link worker withdraws it. Planned as
// timed steps, then played through the onward state machine up to "now". When the parent referral
// closes, anything still waiting on the provider is withdrawn first, as a link worker would.
import { randomUUID } from 'node:crypto';
import { addDays, addMinutes, addWeeks } from 'date-fns';
import { addWorkingDays } from '../../referrals/deadlines';
import type { NeedDomain } from '../../referrals/needs';
import type { OnwardActor, OnwardReferralAction } from '../../referrals/onward-referral-state';
import { snomed } from '../../referrals/snomed';
import { providerNotes } from './content';
import type { DirectoryService } from './context';
import { recordUnmetNeed, type SimulatedPerson, type Simulation, type UnmetReason } from './life';
import { linkwellJob, OnwardRecord, type EventActor, type ReferralRecord } from './records';
import { isoDate, nextWorkingTime } from './time';

/** A state change, or the response-window job's reminder (which changes no state). */
type Step = { at: Date; action: OnwardReferralAction | { type: 'nudge' }; by: OnwardActor; note?: string };

export type OnwardPlan = {
  onward: OnwardRecord;
  service: DirectoryService;
  person: SimulatedPerson;
  referralId: string;
  need: NeedDomain;
  worker: EventActor & { userId: string };
  steps: Step[];
};

/** What a provider's decline tells gap analysis (a person changing their mind is not a gap). */
const unmetReasonOfDecline: Partial<Record<string, UnmetReason | 'not_eligible'>> = {
  at_capacity: 'no_capacity',
  not_eligible: 'not_eligible',
  service_closed: 'no_service',
  not_appropriate: 'other',
};

export function planOnwardReferral(
  sim: Simulation,
  input: {
    record: ReferralRecord;
    person: SimulatedPerson;
    service: DirectoryService;
    need: NeedDomain;
    sentAt: Date;
    worker: EventActor & { userId: string };
  },
): OnwardPlan {
  const { random, context } = sim;
  const { service, sentAt } = input;
  const isActive = service.supportCodes.some((code) => code === 'active' || code.startsWith('active.'));
  const onward = new OnwardRecord(
    input.record,
    {
      id: randomUUID(),
      programmeId: context.id,
      referralId: input.record.row.id,
      personId: input.person.id,
      serviceId: service.id,
      providerOrganisationId: service.organisationId,
      needs: [input.need],
      noteToProvider: random.chance(0.6)
        ? random.pick([
            'Would appreciate a call before the first session; a little anxious about groups.',
            'Prefers mornings.',
            'Interpreter needed for the first meeting.',
            'Happy to be contacted by text.',
          ])
        : '',
      status: 'sent',
      sentAt,
      createdByUserId: input.worker.userId,
      createdAt: sentAt,
      updatedAt: sentAt,
      version: 1,
    },
    input.worker,
    isActive ? { snomed: snomed.physicalActivityReferral } : {},
  );
  sim.rows.onwardReferrals.push(onward.row);
  return { onward, ...input, referralId: input.record.row.id, steps: planSteps(sim, service, sentAt) };
}

/** Days the printed provider login leaves new referrals unanswered: its inbox has work waiting. */
const demoProviderInboxDays = 15;

function planSteps(sim: Simulation, service: DirectoryService, sentAt: Date): Step[] {
  const { random, context, now } = sim;
  if (
    service.organisationId === context.demoProviderOrganisationId &&
    now.getTime() - sentAt.getTime() < demoProviderInboxDays * 86_400_000
  )
    return [];
  const respondAt = nextWorkingTime(random, addWorkingDays(sentAt, random.integer(1, 8)));
  if (!service.isActive)
    return [{ at: respondAt, action: { type: 'decline', reason: 'service_closed' }, by: 'provider' }];
  if (!service.isAcceptingReferrals && !service.acceptsWaitingList)
    return [{ at: respondAt, action: { type: 'decline', reason: 'at_capacity' }, by: 'provider' }];
  const answer = !service.isAcceptingReferrals
    ? 'waitlist'
    : random.pickWeighted([
        ['accept', 56],
        ['waitlist', 14],
        ['decline', 18],
        ['no_reply', 6],
      ] as const);
  const provider = (at: Date, action: OnwardReferralAction, note?: string): Step => ({
    at,
    action,
    by: 'provider',
    ...(note ? { note } : {}),
  });
  const withdraw = (at: Date): Step => ({
    at,
    action: { type: 'withdraw' },
    by: 'link_worker',
    note: random.pick(providerNotes.withdrawn),
  });
  switch (answer) {
    case 'no_reply': {
      // The response window (programme defaults): reminded after 10 working days, expired 5 later
      // unless the link worker gave up on it first.
      const nudgedAt = addWorkingDays(sentAt, 10);
      const nudge: Step = { at: nudgedAt, action: { type: 'nudge' }, by: 'system' };
      if (random.chance(0.5))
        return [nudge, withdraw(nextWorkingTime(random, addWorkingDays(nudgedAt, random.integer(1, 4))))];
      return [nudge, { at: addWorkingDays(nudgedAt, 5), action: { type: 'expire' }, by: 'system' }];
    }
    case 'decline':
      return [
        provider(
          respondAt,
          { type: 'decline', reason: sim.declineReason() },
          random.pick(providerNotes.declined),
        ),
      ];
    case 'accept': {
      const accepted = provider(respondAt, { type: 'accept' }, random.pick(providerNotes.accepted));
      const roll = random.next();
      if (roll < 0.08)
        return [accepted, provider(addDays(respondAt, random.integer(7, 20)), { type: 'drop_out' })];
      if (roll < 0.13)
        return [accepted, withdraw(nextWorkingTime(random, addDays(respondAt, random.integer(7, 14))))];
      return [accepted, ...attendAndEnd(sim, addDays(respondAt, random.integer(3, 20)))];
    }
    case 'waitlist': {
      const expected = addWeeks(respondAt, random.integer(3, 8));
      const waitlisted = provider(
        respondAt,
        { type: 'waitlist', expectedStartOn: isoDate(expected) },
        random.pick(providerNotes.waitlisted),
      );
      const roll = random.next();
      if (roll < 0.55) return [waitlisted, ...attendAndEnd(sim, addDays(expected, random.integer(0, 5)))];
      if (roll < 0.7)
        return [
          waitlisted,
          provider(addDays(expected, -7), { type: 'accept' }),
          ...attendAndEnd(sim, addDays(expected, random.integer(0, 5))),
        ];
      if (roll < 0.82)
        return [
          waitlisted,
          provider(addWeeks(respondAt, random.integer(2, 5)), { type: 'decline', reason: 'at_capacity' }),
        ];
      if (roll < 0.92)
        return [waitlisted, withdraw(nextWorkingTime(random, addWeeks(respondAt, random.integer(3, 6))))];
      return [waitlisted, provider(expected, { type: 'drop_out' })];
    }
  }
}

/** Starts on the first session, then weekly sessions, then completion or drop-out. */
function attendAndEnd(sim: Simulation, startAt: Date): Step[] {
  const { random } = sim;
  const sessions = random.integer(4, 12);
  const startsAt = nextWorkingTime(random, startAt);
  const endAt = nextWorkingTime(random, addDays(addWeeks(startsAt, sessions - 1), 1));
  return [
    { at: startsAt, action: { type: 'start' }, by: 'provider' },
    { at: endAt, action: random.chance(0.72) ? { type: 'complete' } : { type: 'drop_out' }, by: 'provider' },
  ];
}

/**
 * Plays the plan up to now (and withdraws what is still pending when the referral closed at
 * `closedAt`). Returns when the person started, for the referrer's "connected" flowback.
 */
export function playOnwardReferral(sim: Simulation, plan: OnwardPlan, closedAt: Date | null): Date | null {
  const { now } = sim;
  const { onward, service } = plan;
  const providerActor: EventActor = service.staff
    ? { userId: service.staff.id, label: service.staff.name }
    : { userId: null, label: service.organisationName };
  const isPending = () => ['sent', 'accepted', 'waitlisted'].includes(onward.status);
  for (const step of plan.steps) {
    if (step.at > now) break;
    if (closedAt && step.at >= closedAt && isPending()) break;
    if (step.action.type === 'nudge') {
      onward.nudge(step.at, addWorkingDays(step.at, 5));
      continue;
    }
    const actor = step.by === 'provider' ? providerActor : step.by === 'system' ? linkwellJob : plan.worker;
    onward.transition(step.at, step.action, step.by, actor, step.note);
    if (step.action.type === 'decline') {
      const reason = unmetReasonOfDecline[step.action.reason];
      if (reason)
        recordUnmetNeed(
          sim,
          plan.referralId,
          plan.person,
          plan.need,
          reason,
          step.at,
          null,
          onward.row.id,
          `Declined by ${service.organisationName}`,
        );
    }
  }
  if (closedAt && closedAt <= now && isPending())
    onward.transition(
      addMinutes(closedAt, -1),
      { type: 'withdraw' },
      'link_worker',
      plan.worker,
      'Case closed.',
    );
  const startedAt = onward.row.startedAt ?? null;
  if (startedAt) recordAttendance(sim, plan, startedAt, providerActor);
  return startedAt;
}

function recordAttendance(sim: Simulation, plan: OnwardPlan, startedAt: Date, recorder: EventActor) {
  const { random, now } = sim;
  const endedAt = plan.onward.row.endedAt ?? now;
  const isDroppedOut = plan.onward.status === 'dropped_out';
  const dates: Date[] = [];
  for (
    let session = startedAt;
    session <= endedAt && session <= now && dates.length < 16;
    session = addWeeks(session, 1)
  )
    dates.push(session);
  dates.forEach((date, index) => {
    const isLastTwo = index >= dates.length - 2;
    const status =
      index === 0
        ? 'attended'
        : isDroppedOut && isLastTwo
          ? 'did_not_attend'
          : random.pickWeighted([
              ['attended', 82],
              ['did_not_attend', 13],
              ['cancelled', 5],
            ] as const);
    sim.rows.attendances.push({
      id: randomUUID(),
      programmeId: sim.context.id,
      onwardReferralId: plan.onward.row.id,
      sessionOn: isoDate(date),
      status,
      note: status === 'did_not_attend' && random.chance(0.5) ? 'No apology; will call.' : '',
      recordedByUserId: recorder.userId,
      createdAt: date,
    });
  });
}
