// What happens to each demo referral, decided up front as a script: how long triage takes, how many
// calls go unanswered, whether it goes on hold, how it ends. The life simulator (life.ts) plays the
// script forward through the state machines and stops at "now", so recent referrals are still open
// and older ones are history. Reasons are drawn in turn from shuffled lists, so every rejection,
// closure and decline reason appears however the dice fall.
import { addDays, addHours } from 'date-fns';
import type { NeedDomain } from '../../referrals/needs';
import {
  closureReasons,
  rejectionReasons,
  type ClosureReason,
  type RejectionReason,
} from '../../referrals/referral-state';
import { addWorkingDays } from '../../referrals/deadlines';
import type { Random } from '../random';
import type { ProgrammeContext, ReferralSource, Staff } from './context';
import { nextWorkingTime, workingDaysBefore } from './time';

export type Triage =
  | { kind: 'wait' }
  | { kind: 'accept'; at: Date; linkWorker: Staff; isSelfPickUp: boolean }
  | { kind: 'reject'; at: Date; reason: RejectionReason; by: Staff }
  | { kind: 'cancel'; at: Date };

export type Script = {
  receivedAt: Date;
  urgency: 'routine' | 'urgent';
  source: ReferralSource | null;
  needs: NeedDomain[];
  triage: Triage;
  failedAttempts: number;
  /** False: never reached, closed as unable to contact once the attempts allow it. */
  isReached: boolean;
  /** Stop after the failed attempts (still being contacted now). */
  stopsAfterAttempts: boolean;
  earlyClosure: ClosureReason | null;
  onwardCount: number;
  /** Weeks on hold; null stays on hold. */
  hold: { weeks: number | null } | null;
  skipsFollowUp: boolean;
  /** Assessed on the first call and planned the same day (a recent plan, for the provider inbox). */
  isQuick: boolean;
  /** Sends the first onward referral to the printed provider login's organisation when it fits. */
  prefersDemoProvider: boolean;
  /** Null: still open now. */
  closure: ClosureReason | null;
};

/** Takes values from a list in a shuffled order, reshuffling each round: every value comes up. */
export function createCycle<T>(random: Random, values: readonly T[]): () => T {
  let queue: T[] = [];
  return () => {
    if (queue.length === 0) {
      queue = [...values];
      for (let index = queue.length - 1; index > 0; index--) {
        const other = random.integer(0, index);
        [queue[index], queue[other]] = [queue[other] as T, queue[index] as T];
      }
    }
    return queue.pop() as T;
  };
}

export type ScriptDice = {
  random: Random;
  rejection: () => RejectionReason;
  closure: () => ClosureReason;
  earlyClosure: () => ClosureReason;
};

export function createScriptDice(random: Random): ScriptDice {
  // Engaged closures, weighted by repetition the way outcomes fall in practice.
  const engaged: ClosureReason[] = [
    ...Array<ClosureReason>(6).fill('connected_to_services'),
    ...Array<ClosureReason>(5).fill('goals_met'),
    ...Array<ClosureReason>(2).fill('disengaged'),
    'declined_further_support',
    'moved_away',
    'escalated_to_clinical_care',
    'deceased',
  ];
  return {
    random,
    rejection: createCycle(random, rejectionReasons),
    closure: createCycle(random, engaged),
    earlyClosure: createCycle(
      random,
      closureReasons.filter((r) =>
        ['declined_further_support', 'escalated_to_clinical_care', 'moved_away', 'deceased'].includes(r),
      ),
    ),
  };
}

const baseNeedWeights: [NeedDomain, number][] = [
  ['loneliness', 30],
  ['mental_wellbeing', 22],
  ['physical_activity', 12],
  ['benefits', 12],
  ['money_debt', 10],
  ['housing', 8],
  ['carer', 6],
  ['bereavement', 6],
  ['long_term_condition', 10],
  ['food', 4],
  ['falls', 3],
  ['employment', 4],
  ['learning', 2],
  ['domestic_abuse', 1],
  ['immigration', 1],
  ['legal', 1],
];

/** One to three needs, leaning on age: falls and bereavement later in life, work earlier. */
export function pickNeeds(random: Random, age: number, slug: string): NeedDomain[] {
  const weights = baseNeedWeights.map(([need, weight]): [NeedDomain, number] => {
    let adjusted = weight;
    if ((need === 'falls' || need === 'bereavement' || need === 'loneliness') && age >= 70) adjusted *= 3;
    if (need === 'employment' || need === 'learning' || need === 'housing') adjusted *= age < 60 ? 2 : 0.5;
    // Poplar's centre runs ESOL on site: the GPs next door refer to it.
    if (need === 'learning' && slug.startsWith('poplar')) adjusted *= 3;
    // Overcrowding and temporary accommodation: housing comes up far more in Tower Hamlets.
    if (need === 'housing' && slug.startsWith('poplar')) adjusted *= 2.5;
    return [need, adjusted];
  });
  const count = random.pickWeighted([
    [1, 45],
    [2, 40],
    [3, 15],
  ] as const);
  const needs: NeedDomain[] = [];
  while (needs.length < count) {
    const need = random.pickWeighted(weights.filter(([n]) => !needs.includes(n)));
    needs.push(need);
  }
  return needs;
}

export function pickSource(random: Random, context: ProgrammeContext): ReferralSource | null {
  const entries: [ReferralSource | null, number][] = [
    ...context.sources.map((s): [ReferralSource, number] => [s, s.weight]),
    ...context.providerReferrers.map((s): [ReferralSource, number] => [
      s,
      2 / context.providerReferrers.length,
    ]),
    [null, 2.5],
  ];
  return random.pickWeighted(entries);
}

/** A referral from the last eighteen months, its ending left to chance (and to the clock). */
export function randomScript(
  dice: ScriptDice,
  context: ProgrammeContext,
  input: { receivedAt: Date; source: ReferralSource | null; needs: NeedDomain[]; linkWorker: Staff },
): Script {
  const { random } = dice;
  const urgency = random.chance(0.08) ? 'urgent' : 'routine';
  const roll = random.next();
  let triage: Triage;
  const triageAt =
    urgency === 'urgent'
      ? nextWorkingTime(random, addHours(input.receivedAt, random.integer(1, 6)))
      : random.chance(0.18)
        ? nextWorkingTime(random, addWorkingDays(input.receivedAt, random.integer(4, 10)))
        : nextWorkingTime(random, addHours(input.receivedAt, random.integer(2, 60)));
  if (roll < 0.075) {
    triage = {
      kind: 'reject',
      at: triageAt,
      reason: dice.rejection(),
      by: random.chance(0.5) ? context.coordinator : input.linkWorker,
    };
  } else if (roll < 0.1 && input.source !== null) {
    triage = {
      kind: 'cancel',
      at: nextWorkingTime(random, addHours(input.receivedAt, random.integer(1, 20))),
    };
  } else {
    triage = { kind: 'accept', at: triageAt, linkWorker: input.linkWorker, isSelfPickUp: random.chance(0.4) };
  }
  const max = context.settings.maxFailedContactAttempts;
  const failedAttempts = random.pickWeighted([
    [0, 50],
    [1, 22],
    [2, 12],
    [max, 9],
    [max + 1, 7],
  ] as const);
  const isReached = failedAttempts < max || random.chance(0.3);
  const onwardCount = random.pickWeighted([
    [0, 10],
    [1, 45],
    [2, 35],
    [3, 10],
  ] as const);
  let closure = dice.closure();
  if (onwardCount === 0 && closure === 'connected_to_services') closure = 'goals_met';
  return {
    receivedAt: input.receivedAt,
    urgency,
    source: input.source,
    needs: input.needs,
    triage,
    failedAttempts,
    isReached,
    stopsAfterAttempts: false,
    earlyClosure: random.chance(0.07) ? dice.earlyClosure() : null,
    onwardCount,
    hold: random.chance(0.1) ? { weeks: random.integer(1, 4) } : null,
    skipsFollowUp: random.chance(0.08),
    isQuick: false,
    prefersDemoProvider: false,
    closure,
  };
}

export type PinnedTarget =
  'received' | 'accepted' | 'contacting' | 'in_progress' | 'recently_planned' | 'on_hold';

/**
 * A referral for one of the foundation's people that is open now in a chosen state, so the demo
 * logins find every open state (the queue, first contact due today, calls going unanswered, on hold).
 */
export function pinnedScript(
  dice: ScriptDice,
  context: ProgrammeContext,
  input: {
    target: PinnedTarget;
    now: Date;
    /** For "received": how many working days it has waited. */
    waitingWorkingDays: number;
    isUrgent: boolean;
    source: ReferralSource | null;
    needs: NeedDomain[];
    linkWorker: Staff;
  },
): Script {
  const { random } = dice;
  const { now, target } = input;
  const firstContactDays = context.settings.firstContactWorkingDays;
  const receivedAt =
    target === 'received'
      ? workingDaysBefore(random, now, input.waitingWorkingDays)
      : target === 'accepted'
        ? workingDaysBefore(random, now, firstContactDays + 1)
        : target === 'contacting'
          ? addDays(now, -random.integer(12, 20))
          : target === 'in_progress'
            ? addDays(now, -random.integer(25, 75))
            : target === 'recently_planned'
              ? addDays(now, -random.integer(7, 10))
              : addDays(now, -random.integer(60, 100));
  const acceptAt =
    target === 'accepted'
      ? // First contact falls due today (or was due earlier today).
        workingDaysBefore(random, now, firstContactDays)
      : nextWorkingTime(random, addHours(receivedAt, random.integer(2, 20)));
  const max = context.settings.maxFailedContactAttempts;
  return {
    receivedAt: receivedAt < acceptAt || target === 'received' ? receivedAt : addHours(acceptAt, -3),
    urgency: input.isUrgent ? 'urgent' : 'routine',
    source: input.source,
    // A recent plan for money worries: the advice agency's inbox has it waiting.
    needs:
      target === 'recently_planned'
        ? ['benefits', ...input.needs.filter((n) => n !== 'benefits')]
        : input.needs,
    triage:
      target === 'received'
        ? { kind: 'wait' }
        : { kind: 'accept', at: acceptAt, linkWorker: input.linkWorker, isSelfPickUp: random.chance(0.5) },
    failedAttempts:
      target === 'accepted' || target === 'recently_planned'
        ? 0
        : target === 'contacting'
          ? random.integer(1, max)
          : random.integer(0, 1),
    isReached: target !== 'contacting' && target !== 'accepted',
    stopsAfterAttempts: target === 'contacting' || target === 'accepted',
    earlyClosure: null,
    onwardCount: random.integer(1, 3),
    hold: target === 'on_hold' ? { weeks: null } : null,
    skipsFollowUp: false,
    isQuick: target === 'recently_planned',
    prefersDemoProvider: target === 'recently_planned',
    closure: null,
  };
}

/**
 * The demo's equity story (Insight issue): people in the most deprived tenths of England (IMD 2019
 * deciles 1–2) are harder to reach, engage less and finish less often than people in deciles
 * 8–10, as evaluations of social prescribing report. Applied to the eighteen months of history
 * only (the foundation's open cases are pinned to chosen states). Returns a changed copy.
 */
export function leanOnDeprivation(
  random: Random,
  script: Script,
  imdDecile: number | null,
  maxFailedContactAttempts: number,
): Script {
  if (imdDecile === null || script.triage.kind !== 'accept') return script;
  const leaned = { ...script };
  const achieved = script.closure === 'goals_met' || script.closure === 'connected_to_services';
  if (imdDecile <= 2) {
    // Phones cut off, moves between temporary addresses, shifts: more never reached at all.
    if (random.chance(0.3)) {
      leaned.failedAttempts = maxFailedContactAttempts + 1;
      leaned.isReached = false;
    } else if (random.chance(0.15)) leaned.earlyClosure = 'declined_further_support';
    // A crisis first (eviction, benefits stopped): support pauses, for months or until now.
    const pause = random.next();
    if (pause < 0.25) leaned.hold = { weeks: null };
    else if (pause < 0.55) leaned.hold = { weeks: random.integer(8, 20) };
    if (achieved && random.chance(0.4)) leaned.closure = 'disengaged';
  } else if (imdDecile >= 8) {
    if (!script.isReached && random.chance(0.7)) {
      leaned.isReached = true;
      leaned.failedAttempts = Math.min(script.failedAttempts, 1);
    }
    if (script.earlyClosure && random.chance(0.6)) leaned.earlyClosure = null;
    if (script.hold && random.chance(0.6)) leaned.hold = null;
    if (!achieved && script.closure !== null && random.chance(0.6))
      leaned.closure = script.onwardCount > 0 ? 'connected_to_services' : 'goals_met';
  }
  return leaned;
}
