// Directory curation in a real browser. A provider edits their own service's description; the
// change waits for the coordinator of the programme covering Haringey, who approves it, and the
// public page shows it. A member of the public on a phone reports something wrong, and the
// coordinator sees the report. axe checks the provider list, the edit form, the review queue and
// the report form.
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
import { buildProgrammeWithTeam, buildService } from '../support/factories';

describeInBrowser('directory curation (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let serviceId: string;
  const serviceName = 'Wood Green Walk and Talk';
  const newDescription = 'A gentle walk round Lordship Rec every Thursday, with tea afterwards.';

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    // buildProgramme's areas include Haringey, so its coordinator curates the service below.
    team = await buildProgrammeWithTeam(app.db);
    serviceId = await buildService(app.db, {
      organisationId: team.providerStaff.user.organisationId!,
      name: serviceName,
      description: 'A weekly walk.',
      locations: [
        {
          name: 'Lordship Recreation Ground',
          latitude: 51.5979,
          longitude: -0.0887,
          address1: 'Lordship Lane',
          city: 'London',
          postalCode: 'N17 7QX',
          boroughCode: 'E09000014',
        },
      ],
      areas: [{ name: 'Haringey', boroughCode: 'E09000014' }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a provider edits, a coordinator approves, the public reports an error', async () => {
    // The provider: "Your services", confirm it is correct, then edit the description.
    const provider = await openPage(browser, app.baseUrl);
    await signInWithBrowser(provider.page, team.providerStaff.user.email, team.providerStaff.password);
    let page = provider.page;
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your services' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your services' }).waitFor();
    await page.getByRole('link', { name: serviceName, exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: `Confirm it is still correct for ${serviceName}` }).click();
    await page.getByText(`Thank you. ${serviceName} is marked as checked today.`).waitFor();

    await page.getByRole('link', { name: `Edit ${serviceName}` }).click();
    await page.getByRole('heading', { level: 1, name: `Edit ${serviceName}` }).waitFor();
    expect(await page.getByLabel('Description').inputValue()).toBe('A weekly walk.');
    expect(await page.getByLabel('Opens').count()).toBe(5);
    await expectAccessible(page);

    // A problem is shown in the summary, linked to its field.
    await page.getByLabel('Name of the service').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('link', { name: 'Enter the name of the service' }).waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await expectAccessible(page);

    await page.getByLabel('Name of the service').fill(serviceName);
    await page.getByLabel('Description').fill(newDescription);
    await page.getByLabel('What did you change? (optional)').fill('New route and tea');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Your change is waiting for approval' }).first().waitFor();
    // A second tab opens the form again before the change is approved.
    const staleTab = await provider.context.newPage();
    await staleTab.goto(`/curation/services/${serviceId}/edit`);
    await staleTab.getByRole('heading', { level: 1, name: `Edit ${serviceName}` }).waitFor();

    // Not live yet: the public still sees the old description.
    const citizen = await openPage(browser, app.baseUrl, { viewport: { width: 390, height: 844 } });
    page = citizen.page;
    await page.goto(`/find/services/${serviceId}`);
    await page.getByRole('heading', { level: 1, name: serviceName }).waitFor();
    await page.getByText('A weekly walk.').waitFor();

    // The coordinator approves.
    const coordinator = await openPage(browser, app.baseUrl);
    await signInWithBrowser(coordinator.page, team.coordinator.user.email, team.coordinator.password);
    const review = coordinator.page;
    await review
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Directory review' })
      .click();
    await review.getByRole('heading', { level: 1, name: 'Directory review' }).waitFor();
    const change = review.locator('section', { has: review.getByRole('heading', { name: serviceName }) });
    await change.getByText(newDescription).waitFor();
    await change.getByText('New route and tea').waitFor();
    await expectAccessible(review);
    await change.getByRole('button', { name: `Approve change to ${serviceName}` }).click();
    await review.getByText(`The change to ${serviceName} is live.`).waitFor();
    await review.getByText('There are no changes waiting for approval.').waitFor();

    // The tab opened before approval is now out of date: the save is refused, and reloading it
    // starts from the approved version.
    await staleTab.getByLabel('Waiting time in days (optional)').fill('14');
    await staleTab.getByRole('button', { name: 'Save changes' }).click();
    await staleTab.getByText(/Someone else changed this service since you opened it/).waitFor();
    await staleTab.getByRole('button', { name: /Reload the latest version/ }).click();
    await expect.poll(() => staleTab.getByLabel('Description').inputValue()).toBe(newDescription);
    await staleTab.getByLabel('Waiting time in days (optional)').fill('14');
    await staleTab.getByRole('button', { name: 'Save changes' }).click();
    await staleTab.getByRole('heading', { name: 'Your change is waiting for approval' }).first().waitFor();
    expectNoPageProblems(provider.problems);
    await provider.context.close();

    // The coordinator rejects that one, with a note (a note is needed to reject).
    await review.reload();
    const second = review.locator('section', { has: review.getByRole('heading', { name: serviceName }) });
    await second.getByRole('button', { name: `Reject change to ${serviceName}` }).click();
    await review
      .getByRole('link', { name: 'Enter a note saying why you are rejecting the change' })
      .waitFor();
    await second.getByLabel(/Note for the person/).fill('We need to check the new waiting time first.');
    await second.getByRole('button', { name: `Reject change to ${serviceName}` }).click();
    await review.getByText(`The change to ${serviceName} was rejected.`).waitFor();

    // The public page now shows the new description; a citizen reports something wrong.
    await page.reload();
    await page.getByText(newDescription).waitFor();
    await page.getByRole('link', { name: 'Report something wrong with this page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report something wrong' }).waitFor();
    await expectAccessible(page);
    // The honeypot is hidden from everyone.
    expect(await page.locator('.nhsuk-u-visually-hidden[aria-hidden="true"] #website').count()).toBe(1);
    const honeypot = page.locator('.nhsuk-u-visually-hidden', { has: page.locator('#website') });
    expect((await honeypot.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
    expect(await page.locator('#website').getAttribute('tabindex')).toBe('-1');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('link', { name: 'Tell us what is wrong' }).waitFor();
    await page.getByLabel('What is wrong?').fill('The walk now starts at 10am, not 11am.');
    await page.getByLabel('Your name (optional)').fill('Sam Citizen');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you for telling us' }).waitFor();
    await expectAccessible(page);
    expectNoPageProblems(citizen.problems);
    await citizen.context.close();

    // The coordinator sees the report and resolves it.
    await review.reload();
    const report = review.locator('section', { hasText: 'The walk now starts at 10am, not 11am.' });
    await report.getByText(/Reported by Sam Citizen/).waitFor();
    await expectAccessible(review);
    await report.getByRole('button', { name: `Mark resolved report about ${serviceName}` }).click();
    await review.getByText(`The report about ${serviceName} is marked resolved.`).waitFor();
    await review.getByText('There are no open reports.').waitFor();

    // The history shows both versions.
    await review.goto(`/curation/services/${serviceId}/history`);
    await review.getByRole('heading', { level: 1, name: `History of ${serviceName}` }).waitFor();
    await review.getByText('New route and tea').waitFor();
    expectNoPageProblems(coordinator.problems);
    await coordinator.context.close();
  });
});
