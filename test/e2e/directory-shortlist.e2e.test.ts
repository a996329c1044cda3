// Sending a shortlist in a real browser. A link worker shortlists two services, sends them by email
// to an address typed in (after the error summary has shown what was missing) and sees the masked
// address in the confirmation; then texts them to a person found with the people search. axe
// checks the page at each step, and the outbox holds exactly the two messages.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { notifications, people } from '../../src/db/schema';
import { startTestApp, type TestApp } from '../support/app';
import {
  describeInBrowser,
  ensureWebBuild,
  findAccessibilityViolations,
  launchBrowser,
  openPage,
  type PageProblems,
} from '../support/browser';
import { buildPerson, buildProgrammeWithTeam, buildService } from '../support/factories';

describeInBrowser('sending a directory shortlist (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    team = await buildProgrammeWithTeam(app.db);
    await buildService(app.db, {
      name: 'Wood Green Shortlist Befriending',
      description: 'A volunteer phones you every week for a chat.',
      contacts: [{ phone: '020 8000 0101' }],
    });
    await buildService(app.db, {
      name: 'Wood Green Shortlist Gardening',
      description: 'Grow vegetables with neighbours on Saturday mornings.',
    });
    const person = await buildPerson(app.db, {
      programmeId: team.programme.id,
      assignedLinkWorkerId: team.linkWorker.user.id,
      givenName: 'Nasrin',
      familyName: 'Shortlistova',
    });
    await app.db.update(people).set({ phone: '07700 900 321' }).where(eq(people.id, person.id));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  function expectNoProblems(problems: PageProblems) {
    expect(problems.consoleErrors, 'console errors (including CSP violations)').toEqual([]);
    expect(problems.foreignRequests, 'requests to other servers').toEqual([]);
    expect(problems.failedRequests, 'failed requests').toEqual([]);
  }

  async function expectAccessible(page: Page) {
    expect(await findAccessibilityViolations(page)).toEqual([]);
  }

  it('a link worker shortlists two services and sends them by email, then by text', async () => {
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(team.linkWorker.user.email);
    await page.getByLabel('Password', { exact: true }).fill(team.linkWorker.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('h1').and(page.locator(':focus')).waitFor();

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Directory' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find services' }).waitFor();
    await page.getByLabel('Name or keywords').fill('Wood Green Shortlist');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('2 services found').waitFor();
    await page.getByRole('button', { name: /^Add to shortlist.*Wood Green Shortlist Befriending$/ }).click();
    await page.getByRole('button', { name: /^Add to shortlist.*Wood Green Shortlist Gardening$/ }).click();
    await page.getByRole('link', { name: 'Shortlist (2 services)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shortlist' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Send the shortlist to the person' }).waitFor();
    await expectAccessible(page);

    // Sending with nothing chosen: the error summary takes focus and links to each field.
    await page.getByRole('button', { name: 'Send shortlist' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.and(page.locator(':focus')).waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await summary.getByRole('link', { name: 'Choose email or text message' }).waitFor();
    await summary.getByRole('link', { name: 'Choose who the shortlist is for' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('who');
    await expectAccessible(page);

    // Email to an address typed in, with a note.
    await page.getByRole('group', { name: 'How do you want to send it?' }).getByLabel('Email').check();
    await page.getByLabel('Someone without a record').check();
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByLabel('Add a note (optional)').fill('Start with the befriending group.');
    await page.getByRole('button', { name: 'Send shortlist' }).click();
    // The server's check, shown the same way: beside the field and in the summary.
    await page.locator('#recipient-error').waitFor();
    await summary.getByRole('link', { name: /email address in the correct format/ }).waitFor();
    await page.screenshot({ path: '.test-tmp/directory-shortlist-errors.png', fullPage: true });
    await page.getByLabel('Email address').fill('asha.patel@example.com');
    await page.getByRole('button', { name: 'Send shortlist' }).click();

    const banner = page.locator('.nhsuk-notification-banner--success');
    await banner.and(page.locator(':focus')).waitFor();
    await banner.getByText('We are sending 2 services by email to a•••@example.com.').waitFor();
    expect(await page.title()).not.toMatch(/^Error: /);
    await page.screenshot({ path: '.test-tmp/directory-shortlist-sent.png', fullPage: true });
    await expectAccessible(page);

    // Then by text to a person with a record, found with the people search.
    await page.getByRole('button', { name: 'Send to someone else' }).click();
    await page.getByLabel('Text message').check();
    await page.getByLabel('Someone with a record in Linkwell').check();
    await page.getByLabel('Find the person').fill('Shortlistova');
    await page.getByLabel('Find the person').press('Enter');
    await page.getByText('1 person found').waitFor();
    expect(await page.getByLabel('Nasrin Shortlistova').isChecked()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send shortlist' }).click();
    await banner.getByText('We are sending 2 services by text message to 07••• •••321.').waitFor();

    const messages = await app.db
      .select()
      .from(notifications)
      .where(eq(notifications.programmeId, team.programme.id));
    expect(messages.map((m) => [m.channel, m.recipient, m.template]).sort()).toEqual([
      ['email', 'asha.patel@example.com', 'directory_shortlist'],
      ['sms', '07700900321', 'directory_shortlist_sms'],
    ]);
    const email = messages.find((m) => m.channel === 'email')!;
    expect(email.body).toContain('Start with the befriending group.');
    expect(email.body).toContain('Wood Green Shortlist Gardening');
    expectNoProblems(problems);
    await context.close();
  });
});
