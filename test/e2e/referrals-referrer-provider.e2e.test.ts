// The referral pages in a real browser. A GP referrer fills in the quick referral form (first
// meeting the error summary, then a postcode no programme covers), sees the confirmation with the
// reference and the programme, and finds the referral in the organisation's list as "Received".
// A citizen on a phone refers themselves at /refer and checks the status with the reference and
// secret code. A provider opens the inbox (an onward referral seeded with the factories), accepts
// it and records attendance. axe checks every page visited.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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
import { buildPerson, buildProgrammeWithTeam, buildService } from '../support/factories';
import { buildOnwardReferral, buildReferral } from '../support/referral-factories';
import { referrals } from '../../src/db/schema';

describeInBrowser('referrals: referrer, citizen and provider (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    // buildProgramme's areas include Haringey, so N17 postcodes route to it.
    team = await buildProgrammeWithTeam(app.db);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a GP referrer refers someone and follows the referral', async () => {
    const { page, problems, context } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.referrer.user.email, team.referrer.password);
    await page.getByRole('heading', { level: 1, name: 'Referrals from your organisation' }).waitFor();
    await expectAccessible(page);
    await page.locator('#maincontent').getByRole('link', { name: 'Refer someone' }).click();
    await page.getByRole('heading', { level: 1, name: 'Refer someone to social prescribing' }).waitFor();
    await expectAccessible(page);

    // Nothing filled in: the error summary links to the fields.
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByRole('link', { name: 'Enter the person’s first name' }).waitFor();
    await page.getByRole('link', { name: 'The person must agree to the referral' }).waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Enter the person’s date of birth' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('person_dateOfBirth-day');

    await page.getByLabel('First name', { exact: true }).fill('Rosa');
    await page.getByLabel('Last name', { exact: true }).fill('Example');
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('4');
    await page.getByLabel('Year').fill('1950');
    // A postcode in Southwark: no programme in this test covers it.
    await page.getByLabel('Postcode where they live').fill('SE1 7PB');
    await page.getByLabel('Phone number (optional)').fill('07700 900123');
    await page.getByLabel('Loneliness and isolation').check();
    await page.getByLabel('Reason for referral').fill('Lives alone since her husband died; rarely goes out.');
    await page.getByLabel('The person agrees to this referral').check();
    const sharing = page.getByRole('group', { name: /Do they agree to share details/ });
    await sharing.getByLabel('Yes').check();
    await page.getByLabel('Contact details (phone, email, best times)').check();
    await page.getByRole('button', { name: 'Send referral' }).click();
    const postcodeError = page.getByRole('link', {
      name: /No social prescribing programme in Linkwell covers/,
    });
    await postcodeError.waitFor();
    await page
      .locator('#person_postcode-error')
      .getByText(/No social prescribing programme/)
      .waitFor();
    await expectAccessible(page);

    // The connection drops after the server made the referral: the person presses Send again, and
    // the form's Idempotency-Key makes that the same referral, not a second one.
    await page.getByLabel('Postcode where they live').fill('N17 6HB');
    let firstAnswer: { reference?: string } = {};
    await page.route(
      '**/api/referrals',
      async (route) => {
        const response = await route.fetch();
        firstAnswer = (await response.json()) as { reference?: string };
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page
      .getByRole('link', { name: /Linkwell could not be reached/ })
      .or(page.getByText(/Linkwell could not be reached/))
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral sent' }).waitFor();
    const reference = (
      await page.locator('.nhsuk-summary-list__row', { hasText: 'Reference' }).locator('dd').innerText()
    ).trim();
    expect(reference).toMatch(/^LW-[A-Z0-9]+$/);
    expect(firstAnswer.reference).toBe(reference);
    const made = await app.db
      .select({ id: referrals.id })
      .from(referrals)
      .where(eq(referrals.referringOrganisationId, team.referrer.user.organisationId!));
    expect(made).toHaveLength(1);
    await page.getByText(team.programme.name).waitFor();
    await expectAccessible(page);

    // The organisation's list shows it as received.
    await page.goto('/referrals/sent');
    await page.getByRole('heading', { level: 1, name: 'Your organisation’s referrals' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByText('Received', { exact: true }).waitFor();
    await expectAccessible(page);
    // Searching by reference finds it.
    await page.getByLabel('Name or reference').fill(reference);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 referral', { exact: true }).waitFor();
    await row.getByRole('link', { name: 'Rosa Example' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral for Rosa Example' }).waitFor();
    await page.locator('.nhsuk-tag', { hasText: 'Received' }).first().waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Referral received' }).waitFor();
    await expectAccessible(page);

    // Sent by mistake: cancelled before the link worker team accepts it.
    await page.getByRole('button', { name: 'Cancel referral' }).click();
    await page.getByText('Are you sure you want to cancel this referral?').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Yes, cancel the referral' }).click();
    await page.getByText(`Referral ${reference} is cancelled.`).waitFor();
    await page.locator('.nhsuk-tag', { hasText: 'Cancelled' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Cancel referral' }).count()).toBe(0);
    // The dropped connection above is the only failed request.
    problems.failedRequests = problems.failedRequests.filter(
      (request) => !request.includes('ERR_CONNECTION_RESET'),
    );
    problems.consoleErrors = problems.consoleErrors.filter(
      (error) => !error.includes('ERR_CONNECTION_RESET'),
    );
    expectNoPageProblems(problems);
    await context.close();
  });

  it('a citizen on a phone refers themselves and checks the status', async () => {
    const { page, problems, context } = await openPage(browser, app.baseUrl, {
      viewport: { width: 375, height: 667 },
    });
    await page.goto('/refer');
    await page.getByRole('heading', { level: 1, name: 'Ask for support from a link worker' }).waitFor();
    await expectAccessible(page);
    // The honeypot is hidden from everyone.
    expect(await page.locator('.nhsuk-u-visually-hidden[aria-hidden="true"] #website').count()).toBe(1);
    expect(await page.locator('#website').getAttribute('tabindex')).toBe('-1');
    // Nothing wider than the phone's screen, down to 320 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 375, height: 667 });

    await page.getByLabel('First name', { exact: true }).fill('Sam');
    await page.getByLabel('Last name', { exact: true }).fill('Citizen');
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('11');
    await page.getByLabel('Year').fill('1988');
    await page.getByLabel('Postcode', { exact: true }).fill('N17 6HB');
    await page.getByLabel('Loneliness and isolation').check();
    await page
      .getByLabel('Tell us a little about what would help')
      .fill('I would like to meet people nearby.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByRole('link', { name: 'Give a phone number or an email address so that we can contact you' })
      .waitFor();
    await expectAccessible(page);

    await page.getByLabel('Phone number').fill('07700 900456');
    await page.getByLabel('I agree to be referred to a link worker').check();
    await page.getByLabel('No, I will contact them myself').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you, we have your request' }).waitFor();
    const valueOf = async (key: string) =>
      (await page.locator('.nhsuk-summary-list__row', { hasText: key }).locator('dd').innerText()).trim();
    const reference = await valueOf('Reference');
    const secret = await valueOf('Secret code');
    expect(reference).toMatch(/^LW-[A-Z0-9]+$/);
    expect(secret.length).toBeGreaterThan(10);
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByRole('link', { name: 'Check the status of your request' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check the status of your request' }).waitFor();
    expect(await page.getByLabel('Reference').inputValue()).toBe(reference);
    await page.getByLabel('Secret code').fill('not-the-secret');
    await page.getByRole('button', { name: 'Check status' }).click();
    await page.getByRole('link', { name: /We could not find a request with that reference/ }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Secret code').fill(secret);
    await page.getByRole('button', { name: 'Check status' }).click();
    await page.getByText('We have your referral. A link worker will look at it soon.').waitFor();
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
  });

  it('a provider accepts an onward referral and records attendance', async () => {
    const providerOrganisationId = team.providerStaff.user.organisationId!;
    const serviceName = 'Tottenham Tuesday Lunch Club';
    const serviceId = await buildService(app.db, {
      organisationId: providerOrganisationId,
      name: serviceName,
    });
    const person = await buildPerson(app.db, { programmeId: team.programme.id, givenName: 'Noor' });
    const referral = await buildReferral(app.db, {
      programmeId: team.programme.id,
      personId: person.id,
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
      referringOrganisationId: team.referrer.user.organisationId,
      sharedFields: ['contact_details', 'needs'],
    });
    await buildOnwardReferral(app.db, { referral, serviceId, providerOrganisationId });

    const { page, problems, context } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.providerStaff.user.email, team.providerStaff.password);
    await page.getByRole('heading', { level: 1, name: 'Referrals to your services' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Your referrals inbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referrals to your services' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(serviceName) });
    await row.getByText('New', { exact: true }).waitFor();
    await expectAccessible(page);
    await row.getByRole('link', { name: `Noor referred to ${serviceName}` }).click();
    await page.getByRole('heading', { level: 1, name: `Noor, referred to ${serviceName}` }).waitFor();
    // Only what the person agreed to share: no date of birth or address.
    expect(await page.getByText('Date of birth').count()).toBe(0);
    await expectAccessible(page);

    // A colleague has the same referral open in another tab.
    const staleTab = await context.newPage();
    await staleTab.goto(page.url());
    await staleTab.getByRole('heading', { level: 1, name: `Noor, referred to ${serviceName}` }).waitFor();

    // Nothing chosen: the summary says so.
    await page.getByRole('button', { name: 'Save answer' }).click();
    await page.getByRole('link', { name: 'Choose what you want to do' }).waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await page.getByLabel('Accept', { exact: true }).check();
    await page.getByRole('button', { name: 'Save answer' }).click();
    await page.getByText('You accepted the referral for Noor.').waitFor();
    expect(await page.title()).not.toMatch(/^Error: /);
    await page.locator('.nhsuk-tag', { hasText: 'Accepted' }).waitFor();
    await expectAccessible(page);

    // The stale tab is told someone else changed it, and reloads.
    await staleTab.getByLabel('Put on the waiting list').check();
    await staleTab.getByRole('button', { name: 'Save answer' }).click();
    await staleTab
      .getByText(/Someone else changed this referral since you opened it/)
      .first()
      .waitFor();
    await staleTab.getByRole('button', { name: 'Reload the latest version' }).click();
    await staleTab.locator('.nhsuk-tag', { hasText: 'Accepted' }).waitFor();
    await staleTab.close();

    // Attendance today: the first attended session means they have started.
    await page.getByRole('button', { name: 'Use today’s date' }).click();
    await page.getByLabel('Attended', { exact: true }).check();
    await page.getByRole('button', { name: 'Record attendance' }).click();
    await page.getByText(/The session on .* is recorded\./).waitFor();
    await page
      .getByRole('cell', { name: /Attended/ })
      .first()
      .waitFor();
    await page.locator('.nhsuk-tag', { hasText: 'Started' }).waitFor();
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
  });
});
