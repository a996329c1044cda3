// Outcome measures in a real browser (docs/DESIGN.md §7). A link worker follows the baseline task to the
// record page (timepoint chosen already), is told the date is before the referral arrived, records
// UCLA-3 with a question unanswered (the server says why there is no score), corrects it from the
// record, records a better review, and sees the chart, the table and the change since baseline on
// the record. Then health-service use for the months before the referral, and a self-completion
// link by email for ONS4, listed as active and revoked. axe checks every page on the way.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { healthServiceUse, measureLinks, measures, people, referrals } from '../../src/db/schema';
import { londonDate } from '../../src/outcomes/measures/record-measure';
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
import { buildPerson, buildProgrammeWithTeam } from '../support/factories';
import { HttpClient } from '../support/http-client';
import { buildReferral } from '../support/referral-factories';

const day = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => londonDate(new Date(Date.now() - days * day));

describeInBrowser('outcome measures (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let referral: Awaited<ReturnType<typeof buildReferral>>;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    team = await buildProgrammeWithTeam(app.db);
    const person = await buildPerson(app.db, {
      programmeId: team.programme.id,
      assignedLinkWorkerId: team.linkWorker.user.id,
      givenName: 'Iris',
      familyName: 'Mensah',
    });
    await app.db
      .update(people)
      .set({ email: 'iris.mensah@example.test', phone: '07700 900456' })
      .where(eq(people.id, person.id));
    referral = await buildReferral(app.db, {
      programmeId: team.programme.id,
      personId: person.id,
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
      referringOrganisationId: team.referrer.user.organisationId,
    });
    // Received four months ago: the 3 months after it have ended, the 6 months after have not.
    await app.db
      .update(referrals)
      .set({ receivedAt: new Date(Date.now() - 120 * day) })
      .where(eq(referrals.id, referral.id));
    // The assessment schedules the baseline and review measure tasks.
    const http = new HttpClient(app.baseUrl);
    await http.signIn(team.linkWorker.user.email, team.linkWorker.password);
    const assessment = await http.put(`/api/referrals/${referral.id}/assessment`, {
      whatMatters: 'Getting out of the flat and seeing people again.',
      needs: [{ domain: 'loneliness', priority: 'high' }],
      goals: [{ text: 'Join a weekly group', status: 'open' }],
    });
    expect(assessment.status, JSON.stringify(assessment.body)).toBeLessThan(300);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor();

  it('records, corrects and charts measures, health-service use and a self-completion link', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);
    await heading(page, 'My caseload');

    // The baseline task leads to the record page with the timepoint chosen.
    await page.goto(`${app.baseUrl}/casework/tasks?when=all`);
    await heading(page, 'Tasks');
    await page.getByRole('link', { name: 'Baseline wellbeing measure due' }).click();
    await heading(page, 'Record answers to a questionnaire');
    expect(await page.getByLabel('Baseline (at assessment)').isChecked()).toBe(true);
    await expectAccessible(page);

    // A date before the referral arrived: the server's message is linked to the date.
    await page.getByLabel(/Three-item UCLA Loneliness Scale/).check();
    await page.locator('#item-lack_companionship-3').check();
    await page.locator('#item-left_out-3').check();
    await page.getByLabel('Date the questions were answered').fill(daysAgo(200));
    await page.getByRole('button', { name: 'Save answers' }).click();
    const dateProblem = page.getByRole('link', { name: /cannot be before the referral was received/ });
    await dateProblem.waitFor();
    await expectAccessible(page);
    await dateProblem.click();
    await page.locator('#completedOn:focus').waitFor();

    // One question left unanswered: recorded, but the server says why there is no total.
    await page.getByLabel('Date the questions were answered').fill(daysAgo(90));
    await page.getByRole('button', { name: 'Save answers' }).click();
    await heading(page, /recorded$/);
    await page.getByText('Not scored because:').waitFor();
    await page.getByText(/is only scored when all 3 questions are answered/).waitFor();
    await expectAccessible(page);

    // Correct it from the record: the missing answer is added.
    await page.getByRole('link', { name: "Back to Iris Mensah's record" }).click();
    await heading(page, 'Iris Mensah');
    await page.getByRole('heading', { level: 2, name: 'Wellbeing and outcomes' }).waitFor();
    await page.getByRole('link', { name: /^Change .*at Baseline/ }).click();
    await heading(page, 'Change the answers');
    await expectAccessible(page);
    await page.locator('#item-isolated-3').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/at Baseline \(at assessment\) was changed\./).waitFor();

    // A review with less loneliness (9 → 4).
    await page.getByRole('link', { name: 'Record answers to a questionnaire' }).click();
    await heading(page, 'Record answers to a questionnaire');
    await page.getByLabel(/Three-item UCLA Loneliness Scale/).check();
    await page.getByLabel('Review', { exact: true }).check();
    await page.locator('#item-lack_companionship').check();
    await page.locator('#item-left_out').check();
    await page.locator('#item-isolated-2').check();
    await page.getByRole('button', { name: 'Save answers' }).click();
    await heading(page, /recorded$/);
    await page.getByRole('heading', { level: 2, name: 'Change since baseline' }).waitFor();
    await expectAccessible(page);

    // A second review of the same questionnaire is refused, with a way to change the first. SWEMWBS
    // has no wording until the programme supplies its licensed text: each item says so.
    await page.getByRole('button', { name: 'Record another questionnaire' }).click();
    await page.getByLabel('Short Warwick-Edinburgh Mental Wellbeing Scale').check();
    await page
      .getByText(/has not added the licensed wording/)
      .first()
      .waitFor();
    await page.getByLabel(/Three-item UCLA Loneliness Scale/).check();
    await page.getByLabel('Review', { exact: true }).check();
    await page.locator('#item-lack_companionship').check();
    await page.getByRole('button', { name: 'Save answers' }).click();
    await page.getByRole('link', { name: /is already recorded at Review for this referral/ }).waitFor();
    await page.getByRole('link', { name: 'Change the answers already recorded' }).waitFor();
    await expectAccessible(page);
    const stored = await app.db.select().from(measures).where(eq(measures.referralId, referral.id));
    expect(stored.map((row) => [row.timepoint, row.rawTotal]).sort()).toEqual([
      ['baseline', 9],
      ['review', 4],
    ]);

    // The record: a chart, its table with both scores, and the change in words.
    await page.getByRole('link', { name: 'Iris Mensah', exact: true }).click();
    await heading(page, 'Iris Mensah');
    const outcomes = page.getByRole('region', { name: 'Wellbeing and outcomes' });
    await outcomes.locator('.lw-outcome-chart svg').first().waitFor();
    const table = outcomes.getByRole('table', { name: /scores$/ });
    await table.getByRole('cell', { name: '9', exact: true }).waitFor();
    await table.getByRole('cell', { name: '4', exact: true }).waitFor();
    await outcomes.getByRole('heading', { name: 'Change since baseline' }).waitFor();
    await expectAccessible(page);

    // Health-service use for the 3 months before the referral; 6 months after is not over yet.
    await outcomes.getByRole('link', { name: /Health-service use/ }).click();
    await heading(page, 'Health-service use');
    await page.getByRole('heading', { name: /Read these counts with care/ }).waitFor();
    await page.getByText(/no comparison group/).waitFor();
    await page.getByText(/Not available yet/).waitFor();
    await expectAccessible(page);
    await page.locator('#before-3-gpAppointments').fill('5');
    await page.locator('#before-3-aeAttendances').fill('2');
    await page.getByLabel("The GP practice's records").check();
    await page.getByRole('button', { name: 'Save counts' }).click();
    await page.getByText('The counts were saved.').waitFor();
    const counts = await app.db
      .select()
      .from(healthServiceUse)
      .where(eq(healthServiceUse.referralId, referral.id));
    expect(counts).toMatchObject([
      { period: 'before', windowMonths: 3, gpAppointments: 5, aeAttendances: 2, source: 'practice' },
    ]);

    // A link by email for ONS4: listed as active, then revoked after confirming.
    await page.getByRole('link', { name: 'Iris Mensah' }).first().click();
    await heading(page, 'Iris Mensah');
    await page.getByRole('link', { name: 'Send a link to answer on their phone' }).click();
    await heading(page, 'Send a link to answer on their phone');
    await page.getByText('No links have been sent for this referral.').waitFor();
    await expectAccessible(page);
    await page.getByLabel('ONS personal well-being (ONS4)').check();
    await page.getByRole('group', { name: 'When in their support is this?' }).getByLabel('Review').check();
    await page.getByLabel('Email').check();
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('The link was sent by email.').waitFor();
    await page.getByRole('cell', { name: 'Active' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Revoke/ }).click();
    await page.getByRole('button', { name: 'Yes, revoke the link' }).click();
    await page.getByRole('cell', { name: 'Revoked' }).waitFor();
    await expectAccessible(page);
    const [link] = await app.db.select().from(measureLinks).where(eq(measureLinks.referralId, referral.id));
    expect(link).toMatchObject({ channel: 'email', instrumentKeys: ['ons4'] });
    expect(link!.revokedAt).not.toBeNull();

    expectNoPageProblems(problems);
  });
});
