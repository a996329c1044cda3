// Plays one referral's script forward, step by step, through the state machines, with historical
// timestamps, and stops at "now": whatever has not happened yet by then simply has not happened.
// Each step writes the rows the API would (event, contact attempt, assessment, onward referral,
// attendance, unmet need, task), but no notifications and no audit rows: this is history, not
// anyone's access, and queued messages would email every demo referrer at first start.
import { randomUUID } from 'node:crypto';
import { addDays, addHours, addMinutes, addWeeks } from 'date-fns';
import { taxonomyTermId } from '../../directory/sync-taxonomies';
import { addWorkingDays } from '../../referrals/deadlines';
import { needDomains, type NeedDomain } from '../../referrals/needs';
import { declineReasons, type DeclineReason } from '../../referrals/onward-referral-state';
import { isDischargeMeasureDue } from '../../referrals/casework/closing-measures';
import type { Timepoint } from '../../outcomes/timepoints';
import type { ClosureReason } from '../../referrals/referral-state';
import type { Random } from '../random';
import type { ContactMode, ContactOutcome } from '../../vocabulary/contact';
import {
  failedNotes,
  followUpNotes,
  goalTexts,
  holdNotes,
  outcomeSummaries,
  reachedNotes,
  reasonTexts,
  rejectionNotes,
  cancelNotes,
  whatMattersQuotes,
} from './content';
import type { DirectoryService, ProgrammeContext, Staff } from './context';
import { planOnwardReferral, playOnwardReferral, type OnwardPlan } from './onward';
import { ReferralRecord, type EventActor, type SeedRows } from './records';
import { demoHealthUseRows, demoMeasureRows, drawTrajectory } from './measures';
import { createCycle, type Script } from './scripts';
import { nextWorkingTime } from './time';

export type UnmetReason = 'no_service' | 'no_capacity' | 'too_far' | 'language' | 'cost' | 'timing' | 'other';

export type Simulation = {
  context: ProgrammeContext;
  random: Random;
  now: Date;
  rows: SeedRows;
  references: Set<string>;
  declineReason: () => DeclineReason;
  unmetReason: () => UnmetReason;
};

export type SimulatedPerson = {
  id: string;
  postcode: string | null;
  needsInterpreter: boolean;
  language: string | null;
};

export function createSimulation(
  context: ProgrammeContext,
  random: Random,
  now: Date,
  references: Set<string>,
  rows: SeedRows,
): Simulation {
  return {
    context,
    random,
    now,
    rows,
    references,
    declineReason: createCycle(random, declineReasons),
    unmetReason: createCycle(random, [
      'too_far',
      'language',
      'cost',
      'timing',
      'no_capacity',
      'other',
    ] as const),
  };
}

/** "LW-" and six characters with no look-alikes (no 0/O, 1/I/L), unique across the seed. */
function newReference(random: Random, used: Set<string>): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  for (;;) {
    let code = 'LW-';
    for (let index = 0; index < 6; index++) code += alphabet[random.integer(0, alphabet.length - 1)];
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

const asActor = (staff: Staff): EventActor & { userId: string } => ({ userId: staff.id, label: staff.name });

function sharedFieldsFor(random: Random): string[] {
  const fields = ['contact_details', 'needs'];
  for (const field of ['language', 'date_of_birth', 'address', 'reason'])
    if (random.chance(0.45)) fields.push(field);
  return fields;
}

function newReferralRecord(sim: Simulation, script: Script, person: SimulatedPerson): ReferralRecord {
  const { random, context } = sim;
  const source = script.source;
  const referrer = source?.referrer ?? null;
  const primary = script.needs[0] ?? 'loneliness';
  const consentToShare = random.chance(0.85);
  const notifyBy = !source
    ? 'none'
    : random.pickWeighted([
        ['email', 80],
        ['sms', 12],
        ['none', 8],
      ] as const);
  const reasonText = random.pick(reasonTexts[primary] ?? reasonTexts.loneliness ?? ['']);
  return new ReferralRecord(
    sim.rows,
    {
      id: randomUUID(),
      programmeId: context.id,
      personId: person.id,
      reference: newReference(random, sim.references),
      sourceType: source?.sourceType ?? 'self',
      referringOrganisationId: source?.organisationId ?? null,
      referrerUserId: referrer?.id ?? null,
      referrerName: source ? (referrer?.name ?? 'Practice team') : null,
      referrerEmail: referrer?.email ?? null,
      referrerPhone:
        notifyBy === 'sms' ? `07700 900${String(random.integer(0, 999)).padStart(3, '0')}` : null,
      referrerNotifyBy: notifyBy,
      needs: script.needs,
      reasonText: source ? reasonText : `I would like some help. ${reasonText.split(';')[0] ?? ''}`.trim(),
      urgency: script.urgency,
      contactPreferences: {
        bestTimes: random.pick(['Mornings', 'Afternoons', 'Any time', 'After 2pm', 'Weekday mornings']),
        safeToLeaveMessage: random.chance(0.7),
        ...(random.chance(0.15) ? { doNotContact: random.pick(['Not after 6pm', 'Not on Fridays']) } : {}),
      },
      consentToReferral: true,
      consentToShare,
      sharedFields: consentToShare ? sharedFieldsFor(random) : [],
      consentMethod: !source ? 'digital' : source.sourceType === 'hospital' ? 'written' : 'verbal',
      consentRecordedBy: source ? (referrer?.name ?? 'Practice team') : 'the person',
      consentRecordedAt: addMinutes(script.receivedAt, -random.integer(5, 120)),
      status: 'received',
      receivedAt: script.receivedAt,
      createdAt: script.receivedAt,
      updatedAt: script.receivedAt,
      version: 1,
    },
    context.settings.maxFailedContactAttempts,
  );
}

type Contact = { mode: ContactMode; outcome: ContactOutcome };

function pickContact(sim: Simulation, isReached: boolean, isFaceToFace: boolean): Contact {
  const { random } = sim;
  if (isFaceToFace) return { mode: 'face_to_face', outcome: isReached ? 'reached' : 'did_not_attend' };
  const mode = random.pickWeighted([
    ['phone', 85],
    ['text', 8],
    ['video', 7],
  ] as const);
  if (isReached) return { mode, outcome: 'reached' };
  if (mode === 'phone') return { mode, outcome: random.chance(0.55) ? 'no_answer' : 'left_message' };
  if (mode === 'video') return { mode, outcome: 'did_not_attend' };
  return { mode, outcome: 'no_answer' };
}

export type ReferralEnding = { closedAt: Date | null; isOpen: boolean; assignedLinkWorkerId: string | null };

/** Plays the script. Says whether the referral is still open now, and with whom. */
export function liveReferral(sim: Simulation, script: Script, person: SimulatedPerson): ReferralEnding {
  const record = newReferralRecord(sim, script, person);
  const onwardPlans: OnwardPlan[] = [];
  playMainLine(sim, script, person, record, onwardPlans);
  const closedAt = record.row.closedAt ?? null;
  let firstStart: { at: Date; service: DirectoryService } | null = null;
  for (const plan of onwardPlans) {
    const started = playOnwardReferral(sim, plan, record.status === 'completed' ? closedAt : null);
    if (started && (!firstStart || started < firstStart.at))
      firstStart = { at: started, service: plan.service };
  }
  // The first service the person starts is the referrer's "connected" flowback (kinds only).
  if (firstStart) {
    record.event(
      firstStart.at,
      { userId: null, label: firstStart.service.organisationName },
      {
        type: 'referral.connected',
        isVisibleToReferrer: true,
        details: { serviceKinds: firstStart.service.kinds },
      },
    );
  }
  const isOpen = !['completed', 'rejected', 'cancelled'].includes(record.status);
  return {
    closedAt: isOpen ? null : closedAt,
    isOpen,
    assignedLinkWorkerId: record.row.assignedLinkWorkerId ?? null,
  };
}

function playMainLine(
  sim: Simulation,
  script: Script,
  person: SimulatedPerson,
  record: ReferralRecord,
  onwardPlans: OnwardPlan[],
): void {
  const { random, now, context, rows } = sim;
  const settings = context.settings;
  const happened = (at: Date) => at <= now;
  const referrerActor: EventActor = script.source
    ? { userId: script.source.referrer?.id ?? null, label: script.source.referrer?.name ?? 'Practice team' }
    : { userId: null, label: 'The person (self-referral)' };
  record.event(script.receivedAt, referrerActor, {
    type: 'referral.received',
    fromStatus: null,
    toStatus: 'received',
    isVisibleToReferrer: true,
    details: { sourceType: record.row.sourceType },
  });

  const triage = script.triage;
  if (triage.kind === 'wait' || !happened(triage.at)) return;
  if (triage.kind === 'cancel') {
    record.transition(triage.at, { type: 'cancel' }, referrerActor, { note: random.pick(cancelNotes) });
    return;
  }
  if (triage.kind === 'reject') {
    record.transition(triage.at, { type: 'reject', reason: triage.reason }, asActor(triage.by), {
      note: rejectionNotes[triage.reason],
    });
    return;
  }
  const worker = asActor(triage.linkWorker);
  record.assign(
    addMinutes(triage.at, -3),
    worker,
    triage.isSelfPickUp ? worker : asActor(context.coordinator),
  );
  record.transition(triage.at, { type: 'accept' }, worker);
  record.scheduleTask(
    'first_contact',
    triage.at,
    addWorkingDays(triage.at, settings.firstContactWorkingDays),
  );

  const isFaceToFaceProgramme = context.demo.settings.deliveryMode === 'face_to_face';
  const contact = (at: Date, isReached: boolean, options: { faceToFace?: boolean; note?: string } = {}) => {
    const chosen = pickContact(sim, isReached, options.faceToFace ?? false);
    const id = randomUUID();
    const durationMinutes = isReached
      ? chosen.mode === 'face_to_face'
        ? random.integer(30, 60)
        : random.integer(12, 50)
      : chosen.mode === 'phone'
        ? random.integer(1, 3)
        : null;
    const note =
      options.note ??
      (isReached ? random.pick(reachedNotes) : random.pick(failedNotes[chosen.outcome as 'no_answer']));
    rows.contacts.push({
      id,
      programmeId: context.id,
      referralId: record.row.id,
      mode: chosen.mode,
      outcome: chosen.outcome,
      durationMinutes,
      // Interpreted calls are noted so the next caller books an interpreter too.
      note:
        person.needsInterpreter && isReached
          ? `${note} (${person.language ?? 'community'} interpreter)`
          : note,
      occurredAt: at,
      userId: worker.userId,
      createdAt: at,
    });
    // Contact notes stay in contact_attempts: events can reach the referrer, notes never do.
    record.transition(at, { type: 'record_contact', reached: isReached }, worker, {
      details: { contactAttemptId: id, mode: chosen.mode, outcome: chosen.outcome },
    });
    if (isReached) record.completeTasks(['first_contact'], at, worker.userId);
  };

  let at = nextWorkingTime(random, addHours(triage.at, random.integer(1, 30)));
  for (let attempt = 0; attempt < script.failedAttempts; attempt++) {
    if (!happened(at)) return;
    contact(at, false, { faceToFace: isFaceToFaceProgramme && attempt > 0 && random.chance(0.3) });
    at = nextWorkingTime(random, addDays(at, random.integer(1, 3)));
  }
  if (script.stopsAfterAttempts) return;
  if (!script.isReached && record.failedContactAttempts >= settings.maxFailedContactAttempts) {
    const closeAt = nextWorkingTime(random, addDays(at, random.integer(2, 7)));
    if (!happened(closeAt)) return;
    close(record, closeAt, 'unable_to_contact', worker, random);
    return;
  }
  if (!happened(at)) return;
  contact(at, true);

  if (script.earlyClosure) {
    const closeAt = nextWorkingTime(random, addDays(at, random.integer(1, 10)));
    if (!happened(closeAt)) return;
    close(record, closeAt, script.earlyClosure, worker, random);
    return;
  }

  // The assessment: on the same call for telephone work, or at a meeting a few days later.
  const meets =
    !script.isQuick &&
    (isFaceToFaceProgramme || (context.demo.settings.deliveryMode === 'mixed' && random.chance(0.5)));
  const assessedAt = meets ? nextWorkingTime(random, addDays(at, random.integer(2, 10))) : addMinutes(at, 25);
  if (!happened(assessedAt)) return;
  if (meets) contact(assessedAt, true, { faceToFace: true });
  const assessmentNeeds = [...script.needs];
  if (random.chance(0.3)) {
    const extra = random.pick(['loneliness', 'physical_activity', 'benefits', 'mental_wellbeing'] as const);
    if (!assessmentNeeds.includes(extra)) assessmentNeeds.push(extra);
  }
  const primary = assessmentNeeds[0] ?? 'loneliness';
  const goals = assessmentNeeds.map((need) => ({
    id: randomUUID(),
    text: random.pick(goalTexts[need] ?? ['Find something that helps']),
    status: 'open',
  }));
  const assessment = {
    id: randomUUID(),
    programmeId: context.id,
    referralId: record.row.id,
    whatMatters: random.pick(whatMattersQuotes[primary] ?? whatMattersQuotes.loneliness ?? ['']),
    needs: assessmentNeeds.map((domain, index) => ({
      domain,
      priority: index === 0 ? 'high' : random.chance(0.5) ? 'medium' : 'low',
      detail: needDomains[domain].label,
    })),
    goals,
    baselineMeasureDue: true,
    assessedByUserId: worker.userId,
    assessedAt,
    createdAt: assessedAt,
    updatedAt: assessedAt,
  };
  rows.assessments.push(assessment);
  record.event(assessedAt, worker, { type: 'assessment.saved', isVisibleToReferrer: false });
  record.scheduleTask('baseline_measure', assessedAt, assessedAt);
  const reviewDue = addWeeks(assessedAt, settings.reviewWeeks);
  record.scheduleTask('review_measure', assessedAt, reviewDue);
  const baselineDoneAt = addDays(assessedAt, random.integer(0, 7));
  const trajectory = drawTrajectory(random);
  const measure = (timepoint: Timepoint, at: Date) =>
    rows.measures.push(
      ...demoMeasureRows({
        random,
        programmeId: context.id,
        referralId: record.row.id,
        personId: person.id,
        timepoint,
        at,
        trajectory,
        isLonely: assessmentNeeds.includes('loneliness'),
        worker,
      }),
    );
  const hasBaseline = random.chance(0.85) && happened(baselineDoneAt);
  if (hasBaseline) {
    measure('baseline', baselineDoneAt);
    record.completeTasks(['baseline_measure'], baselineDoneAt, worker.userId);
    assessment.baselineMeasureDue = false;
  }
  if (random.chance(0.6))
    rows.healthUse.push(
      ...demoHealthUseRows({
        random,
        programmeId: context.id,
        referralId: record.row.id,
        personId: person.id,
        receivedAt: script.receivedAt,
        now,
        recordedByUserId: worker.userId,
      }),
    );

  // The plan: onward referrals for the first needs, and unmet needs where nothing fits.
  const plannedAt = script.isQuick
    ? addMinutes(assessedAt, 40)
    : nextWorkingTime(random, addDays(assessedAt, random.integer(0, 7)));
  if (!happened(plannedAt)) return;
  const usedServices = new Set<string>();
  assessmentNeeds.slice(0, script.onwardCount).forEach((need, index) => {
    const sentAt = addMinutes(plannedAt, index * 7);
    if (!happened(sentAt)) return;
    // The demo's cluster of unmet need: Tower Hamlets' housing advice is full most of the time, so
    // the gap shows up in one borough (the Insight dashboards' unmet need map).
    if (need === 'housing' && context.demo.slug.startsWith('poplar') && random.chance(0.7)) {
      recordUnmetNeed(sim, record.row.id, person, need, 'no_capacity', sentAt, worker.userId, null);
      return;
    }
    const service = chooseService(sim, need, usedServices, script.prefersDemoProvider && index === 0);
    if (!service) {
      recordUnmetNeed(sim, record.row.id, person, need, 'no_service', sentAt, worker.userId, null);
      return;
    }
    usedServices.add(service.id);
    onwardPlans.push(planOnwardReferral(sim, { record, person, service, need, sentAt, worker }));
  });
  if (random.chance(0.12) && happened(addMinutes(plannedAt, 30))) {
    const need = random.pick(assessmentNeeds);
    recordUnmetNeed(
      sim,
      record.row.id,
      person,
      need,
      sim.unmetReason(),
      addMinutes(plannedAt, 30),
      worker.userId,
      null,
    );
  }
  const followUpDue = addWeeks(plannedAt, settings.followUpWeeks);
  if (onwardPlans.length > 0) record.scheduleTask('follow_up', plannedAt, followUpDue);

  let resumedAt = plannedAt;
  if (script.hold) {
    const heldAt = nextWorkingTime(random, addWeeks(plannedAt, random.integer(1, 3)));
    if (!happened(heldAt)) return;
    record.transition(heldAt, { type: 'hold' }, worker, { note: random.pick(holdNotes) });
    if (script.hold.weeks === null) return;
    resumedAt = nextWorkingTime(random, addWeeks(heldAt, script.hold.weeks));
    if (!happened(resumedAt)) return;
    record.transition(resumedAt, { type: 'resume' }, worker);
  }

  let followedUpAt = addDays(followUpDue, random.integer(-3, 6));
  if (followedUpAt < addDays(resumedAt, 2)) followedUpAt = addDays(resumedAt, 2);
  followedUpAt = nextWorkingTime(random, followedUpAt);
  if (!script.skipsFollowUp) {
    if (!happened(followedUpAt)) return;
    contact(followedUpAt, true, { note: random.pick(followUpNotes) });
    record.completeTasks(['follow_up'], followedUpAt, worker.userId);
  }
  const closeAt = nextWorkingTime(random, addWeeks(followedUpAt, random.integer(1, 6)));
  const reviewDoneAt = addDays(reviewDue, random.integer(0, 10));
  // Loss to follow-up: not everyone with a baseline gives a review or discharge measure.
  if (hasBaseline && random.chance(0.6) && reviewDoneAt < closeAt && happened(reviewDoneAt)) {
    measure('review', reviewDoneAt);
    record.completeTasks(['review_measure'], reviewDoneAt, worker.userId);
  }
  if (script.closure === null || !happened(closeAt)) return;
  const achieved = script.closure === 'goals_met' || script.closure === 'connected_to_services';
  for (const goal of goals) {
    goal.status = achieved
      ? random.chance(0.8)
        ? 'achieved'
        : 'open'
      : random.chance(0.6)
        ? 'dropped'
        : 'open';
  }
  assessment.updatedAt = closeAt;
  close(record, closeAt, script.closure, worker, random);
  const dischargeAt = addDays(closeAt, random.integer(0, 5));
  if (hasBaseline && record.hasOpenTask('discharge_measure') && random.chance(0.6) && happened(dischargeAt)) {
    measure('discharge', dischargeAt);
    record.completeTasks(['discharge_measure'], dischargeAt, worker.userId);
  }
}

function close(
  record: ReferralRecord,
  at: Date,
  reason: ClosureReason,
  worker: EventActor & { userId: string },
  random: Random,
) {
  record.transition(at, { type: 'close', reason }, worker, {
    outcomeSummary: random.pick(outcomeSummaries[reason]),
  });
  record.cancelOpenTasks(at);
  // As the casework code does (src/outcomes/measures/due-measures.ts): the discharge measure falls due.
  if (isDischargeMeasureDue(reason)) record.scheduleTask('discharge_measure', at, at);
}

/** A service in the borough for the need: usually one taking referrals, sometimes one that is full. */
function chooseService(
  sim: Simulation,
  need: NeedDomain,
  used: Set<string>,
  prefersDemoProvider: boolean,
): DirectoryService | undefined {
  const { random, context } = sim;
  const terms = needDomains[need].terms as readonly { taxonomy: string; code: string }[];
  const candidates = context.services.filter(
    (service) =>
      !used.has(service.id) &&
      terms.some((term) =>
        term.taxonomy === 'linkwell-support'
          ? service.supportCodes.some((code) => code === term.code || code.startsWith(`${term.code}.`))
          : service.lawCodes.includes(term.code),
      ),
  );
  if (candidates.length === 0) return undefined;
  // The printed provider login's organisation gets a good share of what it offers.
  const demoProvider = candidates.filter((s) => s.organisationId === context.demoProviderOrganisationId);
  if (demoProvider.length > 0 && (prefersDemoProvider || random.chance(0.6)))
    return random.pick(demoProvider);
  const open = candidates.filter((s) => s.isActive && (s.isAcceptingReferrals || s.acceptsWaitingList));
  return random.chance(0.85) && open.length > 0 ? random.pick(open) : random.pick(candidates);
}

export function recordUnmetNeed(
  sim: Simulation,
  referralId: string,
  person: SimulatedPerson,
  need: NeedDomain,
  reason: UnmetReason | 'not_eligible',
  at: Date,
  recordedByUserId: string | null,
  onwardReferralId: string | null,
  detail = '',
) {
  const term = (needDomains[need].terms as readonly { taxonomy: string; code: string }[])[0];
  sim.rows.unmetNeeds.push({
    id: randomUUID(),
    programmeId: sim.context.id,
    referralId,
    onwardReferralId,
    need,
    taxonomyTermId: term ? taxonomyTermId(term.taxonomy, term.code) : null,
    boroughCode: sim.context.demo.borough.code,
    postcodeDistrict: person.postcode?.split(' ')[0] ?? null,
    reason,
    detail,
    recordedByUserId,
    createdAt: at,
  });
}
