// A person answers SWEMWBS and ONS4 on a phone through a single-use link (docs/DESIGN.md §7). The coordinator
// first enters the programme's licensed SWEMWBS wording in the browser (until then a SWEMWBS link
// is refused); a link worker sends the link through the API; the person opens it on a phone-sized
// screen with no horizontal scroll, is told which statement they missed, checks their answers,
// changes one, sends, and is thanked. The measure is recorded with Warwick's metric score, and the
// used link explains itself, as does a mistyped one. axe checks each state of both pages.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { notifications, people } from '../../src/db/schema';
import swemwbsData from '../../assets/standards/measures/swemwbs-conversion.json' with { type: 'json' };
import { startTestApp, type TestApp } from '../support/app';
import {
  describeInBrowser,
  ensureWebBuild,
  expectAccessible,
  expectNoPageProblems,
  launchBrowser,
  openPage,
  signInWithBrowser,
} from '../support/browser';
import { buildProgrammeWithTeam } from '../support/factories';
import { HttpClient } from '../support/http-client';
import { buildReferral } from '../support/referral-factories';

const statement = (number: number) => `Test statement ${number} (licensed wording goes here)`;
const personEmail = 'ada.selfcompletion@example.test';

describeInBrowser('self-completion through a single-use link (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let referralId: string;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    team = await buildProgrammeWithTeam(app.db);
    const referral = await buildReferral(app.db, {
      programmeId: team.programme.id,
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    referralId = referral.id;
    await app.db.update(people).set({ email: personEmail }).where(eq(people.id, referral.personId));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor();

  /** True when the page is wider than the screen, i.e. the person would have to scroll sideways. */
  const scrollsSideways = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

  it('enters the wording, then the person answers on a phone, is thanked, and the link is spent', async () => {
    // 1. Without the programme's wording, SWEMWBS cannot be sent.
    const linkWorker = new HttpClient(app.baseUrl);
    await linkWorker.signIn(team.linkWorker.user.email, team.linkWorker.password);
    const linkBody = { instrumentKeys: ['swemwbs', 'ons4'], timepoint: 'baseline', channel: 'email' };
    const refused = await linkWorker.post(`/api/referrals/${referralId}/measure-links`, linkBody);
    expect(refused.status).toBe(400);

    // 2. The coordinator enters the licensed wording; a missing statement is named first.
    const coordinator = await openPage(browser, app.baseUrl);
    const desk = coordinator.page;
    await signInWithBrowser(desk, team.coordinator.user.email, team.coordinator.password);
    await desk.getByRole('link', { name: 'Questionnaires' }).click();
    await heading(desk, "Your programme's questionnaires");
    await desk.getByRole('heading', { level: 2, name: 'Licensed questionnaire wording' }).waitFor();
    await desk.getByText('Wording needed').waitFor();
    await expectAccessible(desk);
    await desk.getByRole('link', { name: /Enter the wording Short Warwick-Edinburgh/ }).click();
    await heading(desk, /Wording for Short Warwick-Edinburgh/);
    await desk.getByText('WEMWBS item 11').waitFor();
    await desk.getByText(swemwbsData.copyright, { exact: false }).waitFor();
    await expectAccessible(desk);
    await desk.getByLabel('Licence or registration reference').fill('WARWICK-TEST-0001');
    for (const number of [1, 2, 4, 5, 6, 7])
      await desk.getByLabel(`Statement ${number}`).fill(statement(number));
    await desk.getByRole('button', { name: 'Save wording' }).click();
    const missingStatement = desk.locator('.nhsuk-error-summary a[href="#wording-item_3"]');
    await missingStatement.waitFor();
    await expectAccessible(desk);
    await missingStatement.click();
    expect(await desk.evaluate(() => document.activeElement?.id)).toBe('wording-item_3');
    await desk.getByLabel('Statement 3').fill(statement(3));
    await desk.getByRole('button', { name: 'Save wording' }).click();
    await desk
      .getByText('The wording for Short Warwick-Edinburgh Mental Wellbeing Scale was saved.')
      .waitFor();
    await expectAccessible(desk);
    expectNoPageProblems(coordinator.problems);
    await coordinator.context.close();

    // 3. The link worker sends the link; the person finds it in their email.
    const created = await linkWorker.post(`/api/referrals/${referralId}/measure-links`, linkBody);
    expect(created.status).toBe(201);
    const [message] = await app.db
      .select({ body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.recipient, personEmail), eq(notifications.template, 'measure_link')));
    const path = /http:\/\/linkwell\.test(\/m\/[A-Za-z0-9_-]+)/.exec(message!.body)![1]!;

    // 4. On a phone: greeted by first name, the first of two question sets.
    const {
      context,
      page: phone,
      problems,
    } = await openPage(browser, app.baseUrl, {
      viewport: { width: 375, height: 812 },
      isPhone: true,
    });

    await phone.goto(path);
    await heading(phone, 'Short Warwick-Edinburgh Mental Wellbeing Scale');
    await phone.getByText('Question set 1 of 2').waitFor();
    await phone.getByText('Hello Ada').waitFor();
    await phone.getByText(/how you have felt over the last 2 weeks/).waitFor();
    await phone.getByText(swemwbsData.copyright).waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
    await expectAccessible(phone);

    // Statement 3 left unanswered: the error summary names it and takes the person to it.
    const group = (name: string | RegExp) => phone.getByRole('group', { name });
    for (const number of [1, 2, 4, 5, 6, 7])
      await group(new RegExp(statement(number).replace(/[()]/g, '\\$&')))
        .getByLabel('Some of the time')
        .check();
    await phone.getByRole('button', { name: 'Continue' }).click();
    const missingAnswer = phone.getByRole('link', { name: 'Choose an answer to question 3' });
    await missingAnswer.waitFor();
    expect(await phone.title()).toMatch(/^Error:/);
    expect(await scrollsSideways(phone)).toBe(false);
    await expectAccessible(phone);
    await missingAnswer.click();
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('answer-swemwbs-item_3');
    await group(/Test statement 3/)
      .getByLabel('Some of the time')
      .check();
    await phone.getByRole('button', { name: 'Continue' }).click();

    // The second set: ONS4 on 0–10 scales.
    await heading(phone, 'ONS personal well-being (ONS4)');
    await phone.getByText('Question set 2 of 2').waitFor();
    await group(/how satisfied are you with your life/)
      .getByLabel('7', { exact: true })
      .check();
    await group(/things you do in your life are worthwhile/)
      .getByLabel('8', { exact: true })
      .check();
    await group(/how happy did you feel yesterday/)
      .getByLabel('6', { exact: true })
      .check();
    await group(/how anxious did you feel yesterday/)
      .getByLabel('2', { exact: true })
      .check();
    expect(await scrollsSideways(phone)).toBe(false);
    await expectAccessible(phone);
    await phone.getByRole('button', { name: 'Continue' }).click();

    // Check, change one answer (and change it back), then send.
    await heading(phone, 'Check your answers before sending');
    expect(await scrollsSideways(phone)).toBe(false);
    await expectAccessible(phone);
    await phone.getByRole('link', { name: 'Change your answer to question 2 (SWEMWBS)' }).click();
    await heading(phone, 'Short Warwick-Edinburgh Mental Wellbeing Scale');
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('answer-swemwbs-item_2');
    await group(/Test statement 2/)
      .getByLabel('Often')
      .check();
    await group(/Test statement 2/)
      .getByLabel('Some of the time')
      .check();
    await phone.getByRole('button', { name: 'Continue' }).click();
    await heading(phone, 'ONS personal well-being (ONS4)');
    await phone.getByRole('button', { name: 'Continue' }).click();
    await heading(phone, 'Check your answers before sending');
    await phone.getByRole('button', { name: 'Send answers' }).click();
    await heading(phone, 'Thank you');
    await phone.getByText('Your answers have been sent to your link worker.').waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
    await expectAccessible(phone);

    // 5. Recorded as self-completed, with the metric score from Warwick's conversion table.
    const measures = await linkWorker.get(`/api/referrals/${referralId}/measures`);
    expect(measures.status).toBe(200);
    const swemwbs = measures.body.items.find(
      (measure: { instrument: { key: string } }) => measure.instrument.key === 'swemwbs',
    );
    const metricFor21 = swemwbsData.conversion.find((row) => row.raw === 21)!.metric;
    expect(metricFor21).toBe(19.25);
    expect(swemwbs).toMatchObject({
      source: 'self',
      timepoint: 'baseline',
      score: { rawTotal: 21, metricScore: metricFor21, isComplete: true },
    });

    // 6. The link works once: opening it again says so, and nothing else.
    await phone.goto(path);
    await heading(phone, 'These questions have already been answered');
    await phone.getByText('If you need to change an answer, contact your link worker.').waitFor();
    expect(await phone.getByText(/\bAda\b/).count()).toBe(0);
    expect(await scrollsSideways(phone)).toBe(false);
    await expectAccessible(phone);
    // A mistyped link says what to do, without telling a wrong token from a right one.
    await phone.goto('/m/not-a-real-token');
    await heading(phone, 'We could not find this link');
    await phone.getByText('If it still does not work, contact your link worker.').waitFor();
    expectNoPageProblems(problems);
    await context.close();
  });
});
