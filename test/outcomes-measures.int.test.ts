// Outcome measures over real HTTP: the link worker records SWEMWBS and ONS4 at baseline, review and
// discharge (tasks completed, change since baseline), answers are checked item by item, duplicates
// and stale corrections are refused, and the person answers through a single-use link that refuses
// reuse, expiry, revocation and a concurrent second submit. Access by programme and caseload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  measureLinks,
  measures,
  notifications,
  people,
  programmes,
  questionnaires,
  referralEvents,
  referrals,
  tasks,
} from '../src/db/schema';
import { londonDate } from '../src/outcomes/measures/record-measure';
import { scheduleTask } from '../src/referrals/tasks';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const day = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => londonDate(new Date(Date.now() - days * day));

async function signIn(member: { user: { email: string }; password: string }) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
}

/** A programme, its team, and a referral in progress on the link worker's caseload, received 120 days ago. */
async function caseInProgress() {
  const team = await buildProgrammeWithTeam(t.db);
  const referral = await buildReferral(t.db, {
    programmeId: team.programme.id,
    status: 'in_progress',
    assignedLinkWorkerId: team.linkWorker.user.id,
    referringOrganisationId: team.referrer.user.organisationId,
  });
  await t.db
    .update(referrals)
    .set({ receivedAt: new Date(Date.now() - 120 * day) })
    .where(eq(referrals.id, referral.id));
  await t.db
    .update(people)
    .set({ email: `ada-${referral.id.slice(0, 8)}@example.test`, phone: '07700 900123' })
    .where(eq(people.id, referral.personId));
  const coordinator = await signIn(team.coordinator);
  // SWEMWBS wording is licensed: the programme enters it before a person can be sent the statements.
  const wording = await coordinator.put(`/api/programmes/${team.programme.id}/instrument-wording/swemwbs`, {
    licenceReference: 'TEST-LICENCE-1',
    items: Object.fromEntries(
      Array.from({ length: 7 }, (_, index) => [`item_${index + 1}`, `Test statement ${index + 1}`]),
    ),
  });
  expect(wording.status).toBe(200);
  return {
    team,
    referral,
    linkWorker: await signIn(team.linkWorker),
    coordinator,
    otherLinkWorker: await signIn(team.otherLinkWorker),
  };
}

const swemwbsAll = (value: number) =>
  Object.fromEntries(Array.from({ length: 7 }, (_, index) => [`item_${index + 1}`, value]));
const ons4 = (lifeSatisfaction: number, anxiety: number) => ({
  life_satisfaction: lifeSatisfaction,
  worthwhile: 6,
  happiness: 5,
  anxiety,
});

const measuresOf = (referralId: string) =>
  t.db.select().from(measures).where(eq(measures.referralId, referralId));
const tasksOf = (referralId: string) => t.db.select().from(tasks).where(eq(tasks.referralId, referralId));

describe('recording measures at three timepoints', () => {
  it('records SWEMWBS and ONS4 at baseline, review and discharge, completing each task', async () => {
    const { team, referral, linkWorker } = await caseInProgress();
    for (const kind of ['baseline_measure', 'review_measure'] as const)
      await scheduleTask(t.db, {
        programmeId: team.programme.id,
        referralId: referral.id,
        kind,
        dueAt: new Date(),
        assignedUserId: team.linkWorker.user.id,
      });

    const instruments = await linkWorker.get('/api/outcomes/instruments');
    expect(instruments.status).toBe(200);
    const keys = instruments.body.items.map((item: { key: string }) => item.key);
    expect(keys).toEqual(expect.arrayContaining(['ons4', 'swemwbs', 'ucla3', 'wellbeing_domains']));
    const swemwbsInstrument = instruments.body.items.find((item: { key: string }) => item.key === 'swemwbs');
    expect(swemwbsInstrument.licence.copyright).toBeTruthy();
    expect(swemwbsInstrument.items).toHaveLength(7);
    expect(swemwbsInstrument.items[0].response.options).toHaveLength(5);

    const record = (body: object) => linkWorker.post(`/api/referrals/${referral.id}/measures`, body);
    const baseline = await record({
      instrumentKey: 'swemwbs',
      timepoint: 'baseline',
      completedOn: daysAgo(110),
      answers: swemwbsAll(2),
    });
    expect(baseline.status).toBe(201);
    expect(baseline.body).toMatchObject({
      instrument: { key: 'swemwbs', shortName: 'SWEMWBS' },
      timepoint: 'baseline',
      source: 'link_worker',
      score: { rawTotal: 14, metricScore: 15.32, isComplete: true, notScoredBecause: null },
      changeSinceBaseline: null,
      recordedBy: team.linkWorker.user.name,
      version: 1,
    });
    expect(baseline.body.meaning[0]).toContain('15.32');
    const onsBaseline = await record({
      instrumentKey: 'ons4',
      timepoint: 'baseline',
      completedOn: daysAgo(110),
      answers: ons4(3, 7),
    });
    expect(onsBaseline.status).toBe(201);
    expect(onsBaseline.body.score.items[0]).toMatchObject({
      itemId: 'life_satisfaction',
      value: 3,
      band: { key: 'low' },
    });
    expect(
      (await tasksOf(referral.id)).find((task) => task.kind === 'baseline_measure')!.completedAt,
    ).not.toBeNull();

    const review = await record({
      instrumentKey: 'swemwbs',
      timepoint: 'review',
      completedOn: daysAgo(30),
      answers: swemwbsAll(3),
    });
    expect(review.status).toBe(201);
    expect(review.body.score).toMatchObject({ rawTotal: 21, metricScore: 19.25 });
    expect(review.body.changeSinceBaseline[0]).toMatchObject({
      kind: 'improved',
      before: 15.32,
      after: 19.25,
    });
    expect(
      (
        await record({
          instrumentKey: 'ons4',
          timepoint: 'review',
          completedOn: daysAgo(30),
          answers: ons4(6, 4),
        })
      ).status,
    ).toBe(201);
    expect(
      (await tasksOf(referral.id)).find((task) => task.kind === 'review_measure')!.completedAt,
    ).not.toBeNull();

    // Closing schedules the discharge measure; recording it completes the task.
    const [current] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
    const closed = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'close',
      reason: 'goals_met',
      version: current!.version,
    });
    expect(closed.status).toBe(200);
    const dischargeTask = (await tasksOf(referral.id)).find((task) => task.kind === 'discharge_measure');
    expect(dischargeTask).toMatchObject({ completedAt: null, cancelledAt: null });
    const discharge = await record({
      instrumentKey: 'swemwbs',
      timepoint: 'discharge',
      completedOn: daysAgo(0),
      answers: swemwbsAll(4),
    });
    expect(discharge.status).toBe(201);
    expect(discharge.body.score).toMatchObject({ rawTotal: 28, metricScore: 25.03 });
    expect(
      (
        await record({
          instrumentKey: 'ons4',
          timepoint: 'discharge',
          completedOn: daysAgo(0),
          answers: ons4(8, 2),
        })
      ).status,
    ).toBe(201);
    const afterDischarge = (await tasksOf(referral.id)).find((task) => task.kind === 'discharge_measure');
    expect(afterDischarge!.completedAt).not.toBeNull();
    expect(await measuresOf(referral.id)).toHaveLength(6);

    // The timeline carries the SNOMED CT code for SWEMWBS and is not shown to the referrer.
    const events = await t.db
      .select()
      .from(referralEvents)
      .where(and(eq(referralEvents.referralId, referral.id), eq(referralEvents.type, 'measure.recorded')));
    expect(events).toHaveLength(6);
    expect(events.every((event) => !event.isVisibleToReferrer)).toBe(true);
    expect(
      events.filter((event) => event.snomedCode === '718466001').map((event) => event.snomedDisplay),
    ).toHaveLength(3);

    const listed = await linkWorker.get(`/api/referrals/${referral.id}/measures`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { timepoint: string }) => item.timepoint)).toEqual([
      'baseline',
      'baseline',
      'review',
      'review',
      'discharge',
      'discharge',
    ]);
    const onsDischarge = listed.body.items.find(
      (item: { timepoint: string; instrument: { key: string } }) =>
        item.timepoint === 'discharge' && item.instrument.key === 'ons4',
    );
    expect(onsDischarge.changeSinceBaseline).toHaveLength(4);
    expect(onsDischarge.changeSinceBaseline[0]).toMatchObject({
      itemId: 'life_satisfaction',
      kind: 'improved',
    });
    expect(onsDischarge.changeSinceBaseline[3]).toMatchObject({ itemId: 'anxiety', kind: 'improved' });

    const chart = await linkWorker.get(`/api/people/${referral.personId}/measures`);
    expect(chart.status).toBe(200);
    expect(chart.body.items).toHaveLength(6);
    expect(chart.body.items[0].completedOn).toBe(daysAgo(110));

    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorId, team.linkWorker.user.id));
    const actions = audits.map((audit) => audit.action);
    expect(actions.filter((action) => action === 'measure.create')).toHaveLength(6);
    expect(actions.filter((action) => action === 'measure.list')).toHaveLength(2);
  });
});

describe('optional follow-up measures', () => {
  it('schedules the programme’s 6-month follow-up on closing, and recording it completes the task', async () => {
    const { team, referral, linkWorker } = await caseInProgress();
    await t.db
      .update(programmes)
      .set({ settings: { followUpMeasureMonths: [6] } })
      .where(eq(programmes.id, team.programme.id));
    const [current] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
    const closedAt = new Date();
    const closed = await linkWorker.post(`/api/referrals/${referral.id}/actions`, {
      action: 'close',
      reason: 'goals_met',
      version: current!.version,
    });
    expect(closed.status).toBe(200);
    const open = (await tasksOf(referral.id)).filter((task) => !task.completedAt && !task.cancelledAt);
    expect(open.map((task) => task.kind).sort()).toEqual(['discharge_measure', 'follow_up_6m_measure']);
    const followUp = open.find((task) => task.kind === 'follow_up_6m_measure')!;
    const monthsAhead =
      (followUp.dueAt.getUTCFullYear() - closedAt.getUTCFullYear()) * 12 +
      followUp.dueAt.getUTCMonth() -
      closedAt.getUTCMonth();
    expect(monthsAhead).toBe(6);
    expect(followUp.assignedUserId).toBe(team.linkWorker.user.id);

    const recorded = await linkWorker.post(`/api/referrals/${referral.id}/measures`, {
      instrumentKey: 'ucla3',
      timepoint: 'follow_up_6m',
      completedOn: daysAgo(0),
      answers: { lack_companionship: 1, left_out: 1, isolated: 2 },
    });
    expect(recorded.status).toBe(201);
    const [done] = (await tasksOf(referral.id)).filter((task) => task.kind === 'follow_up_6m_measure');
    expect(done!.completedAt).not.toBeNull();
  });
});

describe('answers are checked item by item', () => {
  it('refuses out-of-range and unknown items, naming each, and writes nothing', async () => {
    const { referral, linkWorker } = await caseInProgress();
    const bad = await linkWorker.post(`/api/referrals/${referral.id}/measures`, {
      instrumentKey: 'swemwbs',
      timepoint: 'baseline',
      completedOn: daysAgo(1),
      answers: { ...swemwbsAll(2), item_3: 9, item_99: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const fields = bad.body.errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['answers.item_3', 'answers.item_99']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'answers.item_3').detail).toContain(
      'Item 3',
    );

    const unknownInstrument = await linkWorker.post(`/api/referrals/${referral.id}/measures`, {
      instrumentKey: 'phq9',
      timepoint: 'baseline',
      completedOn: daysAgo(1),
      answers: {},
    });
    expect(unknownInstrument.status).toBe(400);
    expect(unknownInstrument.body.errors[0].field).toBe('instrumentKey');

    const future = await linkWorker.post(`/api/referrals/${referral.id}/measures`, {
      instrumentKey: 'ons4',
      timepoint: 'baseline',
      completedOn: londonDate(new Date(Date.now() + 3 * day)),
      answers: ons4(5, 5),
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('completedOn');
    const beforeReferral = await linkWorker.post(`/api/referrals/${referral.id}/measures`, {
      instrumentKey: 'ons4',
      timepoint: 'baseline',
      completedOn: daysAgo(200),
      answers: ons4(5, 5),
    });
    expect(beforeReferral.status).toBe(400);
    expect(beforeReferral.body.errors[0].field).toBe('completedOn');
    expect(await measuresOf(referral.id)).toHaveLength(0);
  });

  it('stores a partial SWEMWBS without a score and says why; a partial ONS4 reports what was answered', async () => {
    const { referral, linkWorker } = await caseInProgress();
    const partial = await linkWorker.post(`/api/referrals/${referral.id}/measures`, {
      instrumentKey: 'swemwbs',
      timepoint: 'baseline',
      completedOn: daysAgo(1),
      answers: { ...swemwbsAll(3), item_7: null },
    });
    expect(partial.status).toBe(201);
    expect(partial.body.score).toMatchObject({ rawTotal: null, metricScore: null, isComplete: false });
    expect(partial.body.score.notScoredBecause).toContain('Item 7');
    const [stored] = await measuresOf(referral.id);
    expect(stored).toMatchObject({ isComplete: false, rawTotal: null });
    expect(stored!.notScoredBecause).toContain('all 7 questions');

    const onsPartial = await linkWorker.post(`/api/referrals/${referral.id}/measures`, {
      instrumentKey: 'ons4',
      timepoint: 'baseline',
      completedOn: daysAgo(1),
      answers: { life_satisfaction: 7, happiness: 8 },
    });
    expect(onsPartial.status).toBe(201);
    expect(onsPartial.body.score.isComplete).toBe(false);
    const answered = onsPartial.body.score.items.filter(
      (item: { value: number | null }) => item.value !== null,
    );
    expect(answered.map((item: { itemId: string }) => item.itemId)).toEqual([
      'life_satisfaction',
      'happiness',
    ]);
    expect(onsPartial.body.meaning.join(' ')).toContain('was not answered');
    expect(onsPartial.body.answers).toMatchObject({ worthwhile: null, anxiety: null });
  });
});

describe('one measure per questionnaire and timepoint', () => {
  it('refuses a duplicate with 409 pointing at the recorded measure, corrects with a version, and replays an Idempotency-Key', async () => {
    const { referral, linkWorker } = await caseInProgress();
    const body = {
      instrumentKey: 'swemwbs',
      timepoint: 'baseline',
      completedOn: daysAgo(2),
      answers: swemwbsAll(2),
    };
    const key = { 'idempotency-key': `measure-${referral.id}` };
    const first = await linkWorker.post(`/api/referrals/${referral.id}/measures`, body, key);
    expect(first.status).toBe(201);
    const replay = await linkWorker.post(`/api/referrals/${referral.id}/measures`, body, key);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(await measuresOf(referral.id)).toHaveLength(1);

    const duplicate = await linkWorker.post(`/api/referrals/${referral.id}/measures`, body);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toContain('change the answers already recorded');
    expect(duplicate.body.measureId).toBe(first.body.id);

    const url = `/api/referrals/${referral.id}/measures/${first.body.id}`;
    const corrected = await linkWorker.put(url, { answers: swemwbsAll(3), version: 1 });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ version: 2, score: { rawTotal: 21, metricScore: 19.25 } });
    const stale = await linkWorker.put(url, { answers: swemwbsAll(4), version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const [row] = await measuresOf(referral.id);
    expect(row).toMatchObject({ rawTotal: 21, version: 2 });
  });
});

describe('who may record and read measures', () => {
  it('hides another programme’s referral (404, nothing written) and refuses a link worker off the caseload (403)', async () => {
    const { referral, linkWorker, otherLinkWorker, coordinator } = await caseInProgress();
    const outsider = await caseInProgress();
    const body = {
      instrumentKey: 'ons4',
      timepoint: 'baseline',
      completedOn: daysAgo(1),
      answers: ons4(5, 5),
    };

    const hidden = await outsider.linkWorker.post(`/api/referrals/${referral.id}/measures`, body);
    expect(hidden.status).toBe(404);
    expect((await outsider.linkWorker.get(`/api/referrals/${referral.id}/measures`)).status).toBe(404);
    expect((await outsider.linkWorker.get(`/api/people/${referral.personId}/measures`)).status).toBe(404);
    const hiddenLink = await outsider.linkWorker.post(`/api/referrals/${referral.id}/measure-links`, {
      instrumentKeys: ['ons4'],
      timepoint: 'baseline',
      channel: 'email',
    });
    expect(hiddenLink.status).toBe(404);

    const refused = await otherLinkWorker.post(`/api/referrals/${referral.id}/measures`, body);
    expect(refused.status).toBe(403);
    expect(await measuresOf(referral.id)).toHaveLength(0);
    expect(
      await t.db.select().from(measureLinks).where(eq(measureLinks.referralId, referral.id)),
    ).toHaveLength(0);

    const byCoordinator = await coordinator.post(`/api/referrals/${referral.id}/measures`, body);
    expect(byCoordinator.status).toBe(201);
    expect((await linkWorker.get(`/api/referrals/${referral.id}/measures`)).body.items).toHaveLength(1);
  });

  it('offers a programme’s own questionnaire to its staff and not to another programme', async () => {
    const { team, referral, linkWorker } = await caseInProgress();
    const outsider = await caseInProgress();
    await t.db.insert(questionnaires).values({
      programmeId: team.programme.id,
      key: 'garden_club',
      name: 'Garden club check-in',
      definition: {
        key: 'garden_club',
        name: 'Garden club check-in',
        version: '1',
        licence: { note: 'Written by the programme.' },
        items: [
          { id: 'enjoyed', label: 'Enjoyed it', response: { kind: 'scale', min: 0, max: 5 } },
          { id: 'friends', label: 'Made friends', response: { kind: 'scale', min: 0, max: 5 } },
        ],
        scoring: { method: 'sum' },
        missingItems: { rule: 'all_required' },
        direction: 'higher_is_better',
      },
    });
    const mine = await linkWorker.get('/api/outcomes/instruments');
    expect(mine.body.items.find((item: { key: string }) => item.key === 'garden_club')).toMatchObject({
      source: 'programme',
    });
    const theirs = await outsider.linkWorker.get('/api/outcomes/instruments');
    expect(theirs.body.items.some((item: { key: string }) => item.key === 'garden_club')).toBe(false);
    const recorded = await linkWorker.post(`/api/referrals/${referral.id}/measures`, {
      instrumentKey: 'garden_club',
      timepoint: 'baseline',
      completedOn: daysAgo(1),
      answers: { enjoyed: 4, friends: 3 },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.score.rawTotal).toBe(7);
  });
});

/** Sends a link and digs the token out of the queued message, as the person would from their inbox. */
async function sendLink(
  http: HttpClient,
  referralId: string,
  body: { instrumentKeys: string[]; timepoint: string; channel: 'email' | 'sms' },
) {
  const created = await http.post(`/api/referrals/${referralId}/measure-links`, body);
  expect(created.status).toBe(201);
  const [person] = await t.db
    .select()
    .from(people)
    .innerJoin(referrals, eq(referrals.personId, people.id))
    .where(eq(referrals.id, referralId));
  const recipient = body.channel === 'email' ? person!.people.email! : person!.people.phone!;
  const messages = await t.db.select().from(notifications).where(eq(notifications.recipient, recipient));
  const message = messages[messages.length - 1]!;
  const token = /\/m\/([A-Za-z0-9_-]+)/.exec(message.body)![1]!;
  return { link: created.body, token, message };
}

describe('self-completion links', () => {
  it('sends a link by email, shows the first name only, and records the answers as self-completed', async () => {
    const { team, referral, linkWorker } = await caseInProgress();
    await scheduleTask(t.db, {
      programmeId: team.programme.id,
      referralId: referral.id,
      kind: 'review_measure',
      dueAt: new Date(),
      assignedUserId: team.linkWorker.user.id,
    });
    const { link, token, message } = await sendLink(linkWorker, referral.id, {
      instrumentKeys: ['swemwbs', 'ons4'],
      timepoint: 'review',
      channel: 'email',
    });
    expect(link).toMatchObject({ status: 'active', channel: 'email', instrumentKeys: ['swemwbs', 'ons4'] });
    expect(message.channel).toBe('email');
    expect(message.body).toContain(`http://linkwell.test/m/${token}`);
    expect(message.body).toContain(team.programme.name);
    expect(message.body).not.toMatch(/wellbeing|SWEMWBS|loneliness/i);
    const [stored] = await t.db.select().from(measureLinks).where(eq(measureLinks.id, link.id));
    expect(stored!.tokenHash).not.toContain(token);
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const person = new HttpClient(t.baseUrl);
    const opened = await person.get(`/api/public/measure-links/${token}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      programmeName: team.programme.name,
      firstName: 'Ada',
      timepoint: 'review',
    });
    expect(JSON.stringify(opened.body)).not.toContain('Person-');
    expect(opened.body.instruments.map((instrument: { key: string }) => instrument.key)).toEqual([
      'swemwbs',
      'ons4',
    ]);
    expect(opened.body.instruments[0].licence.copyright).toBeTruthy();

    const invalid = await person.post(`/api/public/measure-links/${token}`, {
      answers: { swemwbs: swemwbsAll(3), ons4: { ...ons4(5, 5), happiness: 11 } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'answers.ons4.happiness',
    ]);
    expect(await measuresOf(referral.id)).toHaveLength(0);

    const submitted = await person.post(`/api/public/measure-links/${token}`, {
      answers: { swemwbs: swemwbsAll(3), ons4: ons4(6, 3) },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.recorded.map((item: { instrumentKey: string }) => item.instrumentKey)).toEqual([
      'swemwbs',
      'ons4',
    ]);
    const rows = await measuresOf(referral.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.source === 'self' && row.recordedByUserId === null)).toBe(true);
    expect(rows.find((row) => row.instrumentKey === 'swemwbs')).toMatchObject({
      rawTotal: 21,
      timepoint: 'review',
    });
    expect(
      (await tasksOf(referral.id)).find((task) => task.kind === 'review_measure')!.completedAt,
    ).not.toBeNull();

    const again = await person.post(`/api/public/measure-links/${token}`, {
      answers: { swemwbs: swemwbsAll(3), ons4: ons4(6, 3) },
    });
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.reason).toBe('used');
    expect((await person.get(`/api/public/measure-links/${token}`)).status).toBe(410);
    expect(await measuresOf(referral.id)).toHaveLength(2);

    const listed = await linkWorker.get(`/api/referrals/${referral.id}/measure-links`);
    expect(listed.body.items[0]).toMatchObject({ id: link.id, status: 'used' });
    const anonymousAudits = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorType, 'anonymous'), eq(auditEvents.programmeId, team.programme.id)));
    expect(anonymousAudits.map((audit) => audit.action).sort()).toEqual([
      'measure.create',
      'measure.create',
      'measure_link.open',
    ]);
  });

  it('answers 404 for an unknown or malformed token and 410 for an expired or revoked link', async () => {
    const { referral, linkWorker } = await caseInProgress();
    const person = new HttpClient(t.baseUrl);
    expect((await person.get('/api/public/measure-links/not-a-real-token')).status).toBe(404);
    expect((await person.get(`/api/public/measure-links/${'A'.repeat(43)}`)).status).toBe(404);

    const expired = await sendLink(linkWorker, referral.id, {
      instrumentKeys: ['ons4'],
      timepoint: 'baseline',
      channel: 'sms',
    });
    expect(expired.message.channel).toBe('sms');
    expect(expired.message.body.length).toBeLessThanOrEqual(300);
    await t.db
      .update(measureLinks)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(measureLinks.id, expired.link.id));
    const openedExpired = await person.get(`/api/public/measure-links/${expired.token}`);
    expect(openedExpired.status).toBe(410);
    expect(openedExpired.body.reason).toBe('expired');
    const submitExpired = await person.post(`/api/public/measure-links/${expired.token}`, {
      answers: { ons4: ons4(5, 5) },
    });
    expect(submitExpired.status).toBe(410);

    const revoked = await sendLink(linkWorker, referral.id, {
      instrumentKeys: ['ons4'],
      timepoint: 'baseline',
      channel: 'email',
    });
    const revoke = await linkWorker.post(
      `/api/referrals/${referral.id}/measure-links/${revoked.link.id}/revoke`,
    );
    expect(revoke.status).toBe(200);
    expect(revoke.body.status).toBe('revoked');
    const submitRevoked = await person.post(`/api/public/measure-links/${revoked.token}`, {
      answers: { ons4: ons4(5, 5) },
    });
    expect(submitRevoked.status).toBe(410);
    expect(submitRevoked.body.reason).toBe('revoked');
    expect(await measuresOf(referral.id)).toHaveLength(0);
  });

  it('refuses a channel the person has no address for, naming channel', async () => {
    const { referral, linkWorker } = await caseInProgress();
    await t.db
      .update(people)
      .set({ phone: '020 7946 0000', email: null })
      .where(eq(people.id, referral.personId));
    for (const channel of ['sms', 'email']) {
      const refused = await linkWorker.post(`/api/referrals/${referral.id}/measure-links`, {
        instrumentKeys: ['ons4'],
        timepoint: 'baseline',
        channel,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('channel');
    }
  });

  it('lets exactly one of two concurrent submits record', async () => {
    const { referral, linkWorker } = await caseInProgress();
    const { token } = await sendLink(linkWorker, referral.id, {
      instrumentKeys: ['swemwbs', 'ons4'],
      timepoint: 'baseline',
      channel: 'email',
    });
    const answers = { answers: { swemwbs: swemwbsAll(4), ons4: ons4(7, 2) } };
    const [first, second] = await Promise.all([
      new HttpClient(t.baseUrl).post(`/api/public/measure-links/${token}`, answers),
      new HttpClient(t.baseUrl).post(`/api/public/measure-links/${token}`, answers),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 410]);
    expect(await measuresOf(referral.id)).toHaveLength(2);
  });
});

describe('the API document', () => {
  it('lists the measures and link endpoints under the outcomes tag', async () => {
    const document = await new HttpClient(t.baseUrl).get<{
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>('/api/openapi.json');
    expect(document.status).toBe(200);
    for (const path of [
      '/api/outcomes/instruments',
      '/api/referrals/{id}/measures',
      '/api/referrals/{id}/measures/{measureId}',
      '/api/people/{id}/measures',
      '/api/referrals/{id}/measure-links',
      '/api/referrals/{id}/measure-links/{linkId}/revoke',
      '/api/public/measure-links/{token}',
    ]) {
      const operations = Object.values(document.body.paths[path] ?? {});
      expect(operations.length, path).toBeGreaterThan(0);
      expect(
        operations.every((operation) => operation.tags?.includes('outcomes')),
        path,
      ).toBe(true);
    }
  });
});
