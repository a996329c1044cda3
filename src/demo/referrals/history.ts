// Builds one demo programme's eighteen months of referrals, as rows, without touching the database.
// Two parts: every person the foundation seed made gets a referral open now, in the state their
// foundation record implies (unassigned people wait in the queue, assigned ones are on that link
// worker's caseload); then a few hundred referrals over the last eighteen months, busier recently,
// mostly for new people, sometimes for someone referred before.
import { randomUUID } from 'node:crypto';
import { addDays } from 'date-fns';
import { unknownArea } from '../../geo';
import { generatePerson, type DemoPerson, type UniqueValues } from '../people';
import type { Random } from '../random';
import type { ExistingPerson, ProgrammeContext, ReferralSource } from './context';
import { createSimulation, liveReferral, type SimulatedPerson } from './life';
import { emptySeedRows, type SeedRows } from './records';
import {
  createScriptDice,
  leanOnDeprivation,
  pickNeeds,
  pickSource,
  pinnedScript,
  randomScript,
  type PinnedTarget,
  type Script,
} from './scripts';
import { ageAt, nextWorkingTime } from './time';

/** Referrals over the eighteen months, per programme (plus one open now per foundation person). */
export const historyReferralCounts: Record<string, number> = {
  'haringey-connect': 300,
  'waltham-forest-community-links': 270,
  'poplar-healthy-living': 250,
};
const defaultHistoryCount = 260;
export const historyDays = 548;

type PersonState = {
  person: SimulatedPerson;
  dateOfBirth: string;
  lastReceivedAt: Date;
  /** Null while a referral is open. */
  closedAt: Date | null;
  /** Foundation people: when their pinned (open now) referral arrived; history must end before. */
  pinnedFrom: Date | null;
  assignedLinkWorkerId: string | null;
  /** IMD 2019 decile of where they live (null when not known): outcomes lean on it. */
  imdDecile: number | null;
  /** The row to insert for people this seed creates; undefined for the foundation's. */
  row?: SeedRows['people'][number];
};

export type ProgrammeHistory = {
  rows: SeedRows;
  /** Foundation people whose caseload link worker must change to match their open referral. */
  assignmentUpdates: { personId: string; assignedLinkWorkerId: string | null }[];
};

/** More referrals in recent months: the density rises linearly toward now. */
function drawReceivedAt(random: Random, now: Date): Date {
  for (;;) {
    const share = random.next();
    if (random.next() > 0.4 + 0.6 * (1 - share)) continue;
    const raw = new Date(now.getTime() - share * historyDays * 86_400_000);
    const atWork = nextWorkingTime(random, raw);
    return atWork <= now ? atWork : raw;
  }
}

function simulated(person: ExistingPerson | (DemoPerson & { id: string })): SimulatedPerson {
  return {
    id: person.id,
    postcode: person.postcode,
    needsInterpreter: person.needsInterpreter,
    language: person.language,
  };
}

function newPerson(
  random: Random,
  context: ProgrammeContext,
  unique: UniqueValues,
  receivedAt: Date,
  now: Date,
  source: ReferralSource | null,
): PersonState {
  for (;;) {
    const person = generatePerson(random, context.demo, unique);
    // Adults only when referred, and nobody older than 95 now.
    if (ageAt(person.dateOfBirth, receivedAt) < 18 || ageAt(person.dateOfBirth, now) > 95) continue;
    const id = randomUUID();
    // The area as every writer of a postcode derives it (src/geo/person-area.ts), read in advance.
    const area = context.areas.get(person.postcode) ?? unknownArea;
    return {
      person: simulated({ ...person, id }),
      imdDecile: area.imdDecile,
      dateOfBirth: person.dateOfBirth,
      lastReceivedAt: receivedAt,
      closedAt: null,
      pinnedFrom: null,
      assignedLinkWorkerId: null,
      row: {
        id,
        programmeId: context.id,
        ...person,
        ...area,
        assignedLinkWorkerId: null,
        createdByUserId: source?.referrer?.id ?? null,
        createdAt: receivedAt,
        updatedAt: receivedAt,
      },
    };
  }
}

const pinnedTargets: readonly PinnedTarget[] = [
  'in_progress',
  'contacting',
  'recently_planned',
  'on_hold',
  'accepted',
  'in_progress',
];
/** Working days the unassigned foundation referrals have waited: some well past the 5-day target. */
const queueWaits = [0, 7, 1, 9, 3, 12, 2, 6];
/** A person referred again must have been closed this long; a longer case could overlap. */
const longestCaseDays = 270;

export function buildProgrammeHistory(
  context: ProgrammeContext,
  makeRandom: (stream: string) => Random,
  now: Date,
  shared: { nhsNumbers: Set<string>; references: Set<string> },
): ProgrammeHistory {
  const slug = context.demo.slug;
  const stream = `demo-referrals:${slug}`;
  // Who is referred, when and with what script come from one stream; each referral's life (which
  // stops at "now") draws from its own, so a run a few seconds later still makes the same people.
  const random = makeRandom(stream);
  const rows = emptySeedRows();
  const sim = createSimulation(context, makeRandom(`${stream}:reasons`), now, shared.references, rows);
  const dice = createScriptDice(random);
  // The equity story's dice: a stream of their own, so every other draw stays as it was.
  const deprivationRandom = makeRandom(`${stream}:deprivation`);
  let lifeCount = 0;
  const live = (script: Script, person: SimulatedPerson) => {
    sim.random = makeRandom(`${stream}:life:${lifeCount++}`);
    return liveReferral(sim, script, person);
  };
  const unique: UniqueValues = {
    nhsNumbers: shared.nhsNumbers,
    phones: new Set(context.people.flatMap((p) => (p.phone ? [p.phone] : []))),
    emails: new Set(context.people.flatMap((p) => (p.email ? [p.email] : []))),
  };
  const states: PersonState[] = [];

  // 1. The foundation's people: each with a referral open now, matching their caseload.
  let queueIndex = 0;
  let caseIndex = 0;
  for (const person of context.people) {
    const dateOfBirth = person.dateOfBirth ?? '1960-01-01';
    const linkWorker = context.linkWorkers.find((w) => w.id === person.assignedLinkWorkerId);
    const isQueued = !linkWorker;
    const script = pinnedScript(dice, context, {
      target: isQueued ? 'received' : (pinnedTargets[caseIndex++ % pinnedTargets.length] ?? 'in_progress'),
      now,
      waitingWorkingDays: queueWaits[queueIndex % queueWaits.length] ?? 1,
      isUrgent: isQueued && queueIndex % 4 === 0,
      source: pickSource(random, context),
      needs: pickNeeds(random, ageAt(dateOfBirth, now), slug),
      linkWorker: linkWorker ?? context.linkWorkers[0]!,
    });
    if (isQueued) queueIndex++;
    const ending = live(script, simulated(person));
    states.push({
      person: simulated(person),
      dateOfBirth,
      lastReceivedAt: script.receivedAt,
      // Their history lies before the pinned referral (see isSettled), so it counts as long closed.
      closedAt: new Date(0),
      pinnedFrom: script.receivedAt,
      assignedLinkWorkerId: ending.isOpen ? ending.assignedLinkWorkerId : null,
      imdDecile: person.imdDecile,
    });
  }
  const foundationStates = [...states];

  // 2. Eighteen months of referrals, oldest first, so each person's earlier referral is settled.
  const count = historyReferralCounts[slug] ?? defaultHistoryCount;
  const times = Array.from({ length: count }, () => drawReceivedAt(random, now)).sort(
    (a, b) => a.getTime() - b.getTime(),
  );
  for (const receivedAt of times) {
    const source = pickSource(random, context);
    const linkWorker = random.pick(context.linkWorkers);
    const isSettled = (s: PersonState) =>
      s.closedAt !== null &&
      s.closedAt < addDays(receivedAt, -30) &&
      (s.pinnedFrom === null || addDays(receivedAt, longestCaseDays) < s.pinnedFrom);
    const reusable = random.chance(0.12) ? states.filter(isSettled) : [];
    let state = reusable.length > 0 ? random.pick(reusable) : undefined;
    const isNew = state === undefined;
    state ??= newPerson(random, context, unique, receivedAt, now, source);
    const script = leanOnDeprivation(
      deprivationRandom,
      randomScript(dice, context, {
        receivedAt,
        source,
        needs: pickNeeds(random, ageAt(state.dateOfBirth, receivedAt), slug),
        linkWorker,
      }),
      state.imdDecile,
      context.settings.maxFailedContactAttempts,
    );
    // A duplicate is someone already open to the programme, referred again by someone else.
    if (script.triage.kind === 'reject' && script.triage.reason === 'duplicate') {
      const open = states.filter(
        (s) => s.closedAt === null && s.lastReceivedAt < receivedAt && s.pinnedFrom === null,
      );
      const target = open.length > 0 ? random.pick(open) : undefined;
      if (target) {
        live(script, target.person);
        continue;
      }
    }
    const ending = live(script, state.person);
    // A foundation person's pinned referral stays their latest: it decides their caseload.
    if (state.pinnedFrom === null) {
      state.lastReceivedAt = receivedAt;
      state.closedAt = ending.closedAt;
      state.assignedLinkWorkerId = ending.isOpen ? ending.assignedLinkWorkerId : null;
    }
    if (isNew) states.push(state);
  }

  for (const state of states) if (state.row) state.row.assignedLinkWorkerId = state.assignedLinkWorkerId;
  rows.people = states.flatMap((s) => (s.row ? [s.row] : []));
  const assignmentUpdates = foundationStates.flatMap((state) => {
    const before = context.people.find((p) => p.id === state.person.id)?.assignedLinkWorkerId ?? null;
    return before === state.assignedLinkWorkerId
      ? []
      : [{ personId: state.person.id, assignedLinkWorkerId: state.assignedLinkWorkerId }];
  });
  return { rows, assignmentUpdates };
}
