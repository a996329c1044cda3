// The directory in a real browser. A link worker searches near a postcode, narrows the results by
// language and "open now", looks at the map (drawn from local GeoJSON: nothing leaves the site),
// shortlists two services and prints the shortlist. A member of the public on a phone finds a
// service by postcode and kind of support and opens its page. axe checks every page on the way.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadGeography } from '../../src/geo/load-geography';
import { taxonomyTermId } from '../../src/directory/sync-taxonomies';
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

const everyDay = (['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const).map((byday) => ({
  byday,
  opensAt: '00:00',
  closesAt: '23:59',
}));
/** Open one minute a week, so "open now" leaves it out whenever the test runs (bar that minute). */
const almostNever = [{ byday: 'SU' as const, opensAt: '03:00', closesAt: '03:01' }];
const bengali = { code: 'bn', name: 'Bengali' };
const english = { code: 'en', name: 'English' };
const support = (code: string) => taxonomyTermId('linkwell-support', code);

describeInBrowser('the directory (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let isDirectoryServed = false;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    const postcode = await fetch(`${app.baseUrl}/api/postcodes/N17%206HB`);
    if (postcode.status === 404) await loadGeography(app.db);
    team = await buildProgrammeWithTeam(app.db);

    ids.befriending = await buildService(app.db, {
      name: 'Tottenham Bengali Befriending',
      description: 'A volunteer visits or phones you every week for a chat.',
      schedules: everyDay,
      languages: [english, bengali],
      taxonomyTermIds: [support('connected.befriending')],
      contacts: [{ name: 'Rina Begum', phone: '020 8000 0001' }],
      locations: [
        {
          name: 'Bruce Grove Community Hall',
          latitude: 51.5901,
          longitude: -0.0709,
          address1: '1 High Road',
          city: 'London',
          postalCode: 'N17 6HB',
          boroughCode: 'E09000014',
          transport: 'Bruce Grove station is a 2 minute walk.',
          accessibility: ['Step-free entrance', 'Accessible toilet'],
        },
      ],
    });
    ids.arts = await buildService(app.db, {
      name: 'Seven Sisters Art Club',
      description: 'Painting and pottery in a small friendly group.',
      schedules: everyDay,
      languages: [english, bengali],
      taxonomyTermIds: [support('creative.arts')],
      isAcceptingReferrals: true,
      acceptsWaitingList: true,
      waitingTimeDays: 21,
      placesAvailable: 0,
      placesMaximum: 12,
      lastVerifiedAt: new Date('2026-03-10T10:00:00Z'),
      contacts: [{ phone: '020 8000 0002' }],
      locations: [
        {
          name: 'Seven Sisters Library',
          latitude: 51.5818,
          longitude: -0.0731,
          address1: '20 Seven Sisters Road',
          city: 'London',
          postalCode: 'N15 4QL',
          boroughCode: 'E09000014',
        },
      ],
    });
    ids.choir = await buildService(app.db, {
      name: 'Sunday Dawn Choir',
      schedules: almostNever,
      languages: [bengali],
      taxonomyTermIds: [support('creative.singing')],
      locations: [
        {
          name: 'Church hall',
          latitude: 51.5895,
          longitude: -0.0695,
          address1: '5 High Road',
          city: 'London',
          postalCode: 'N17 6HB',
          boroughCode: 'E09000014',
        },
      ],
    });
    ids.polish = await buildService(app.db, {
      name: 'Tottenham Polish Lunch Club',
      schedules: everyDay,
      languages: [{ code: 'pl', name: 'Polish' }],
      taxonomyTermIds: [support('connected.social-groups')],
    });
    ids.bow = await buildService(app.db, {
      name: 'Bow Walking Group',
      schedules: everyDay,
      languages: [english, bengali],
      taxonomyTermIds: [support('active.walking')],
      locations: [
        {
          name: 'Roman Road',
          latitude: 51.5287,
          longitude: -0.0245,
          address1: '10 Roman Road',
          city: 'London',
          postalCode: 'E3 4AP',
          boroughCode: 'E09000030',
        },
      ],
    });
    // The search is another engineer's work in progress: until it is wired into the app, say so
    // and skip rather than fail.
    isDirectoryServed = (await fetch(`${app.baseUrl}/api/directory/search?q=x`)).status !== 404;
    if (!isDirectoryServed)
      console.warn('Skipping browser checks: GET /api/directory/search is not served yet.');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const resultNames = (page: Page) =>
    page.locator('.lw-directory-results').getByRole('heading', { level: 2 }).allInnerTexts();

  it('a link worker searches near a postcode, filters, sees the map and prints a shortlist', async (context) => {
    if (!isDirectoryServed) context.skip();
    const { context: browserContext, page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Directory' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find services' }).waitFor();
    await expectAccessible(page);

    // Near N17 6HB: the Tottenham services, not the one in Bow (outside 5 km).
    await page.getByLabel('Postcode').fill('n17 6hb');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(/services? found near N17 6HB/).waitFor();
    expect(page.url()).toContain('postcode=N17+6HB');
    let names = await resultNames(page);
    expect(names).toEqual(
      expect.arrayContaining([
        'Tottenham Bengali Befriending',
        'Seven Sisters Art Club',
        'Sunday Dawn Choir',
      ]),
    );
    expect(names).not.toContain('Bow Walking Group');
    // The nearest first, with its distance; the art club's capacity and staleness in words.
    expect(names[0]).toBe('Tottenham Bengali Befriending');
    const artClub = page.locator('li', {
      has: page.getByRole('heading', { name: 'Seven Sisters Art Club' }),
    });
    await artClub.getByText('Full – waiting list 3 weeks').waitFor();
    await artClub.getByText('Not checked since March 2026').waitFor();
    await expectAccessible(page);

    // Bengali speakers, open now: the choir (closed) and the Polish club drop out.
    await page.getByLabel('Language spoken').selectOption('bn');
    await page.getByLabel('Open now').check();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/openNow=true/);
    await page.getByText('2 services found near N17 6HB').waitFor();
    names = await resultNames(page);
    expect(names.sort()).toEqual(['Seven Sisters Art Club', 'Tottenham Bengali Befriending']);
    expect(page.url()).toContain('language=bn');
    const befriending = page.locator('li', {
      has: page.getByRole('heading', { name: 'Tottenham Bengali Befriending' }),
    });
    await befriending.getByText('Open now', { exact: true }).waitFor();
    await befriending.getByText(/Speaks Bengali/).waitFor();

    // The map: borough boundaries and one marker per result, with nothing fetched from elsewhere.
    await page.getByRole('link', { name: 'Map and list' }).click();
    await page.locator('.lw-directory-map__marker').first().waitFor();
    expect(await page.locator('.lw-directory-map__marker').count()).toBe(2);
    // All 33 boroughs (the City and Westminster included) are drawn from the local file.
    await page.locator('.lw-directory-map__borough').first().waitFor({ state: 'attached' });
    expect(await page.locator('.lw-directory-map__borough').count()).toBe(33);
    await page.screenshot({ path: '.test-tmp/directory-map.png', fullPage: true });
    await expectAccessible(page);
    expectNoPageProblems(problems);

    // Back returns to the list with the same search.
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('view=map'));
    await page.getByText('2 services found near N17 6HB').waitFor();
    expect(await page.getByLabel('Language spoken').inputValue()).toBe('bn');

    // Shortlist both, then print the shortlist.
    await page.getByRole('button', { name: /^Add to shortlist.*Tottenham Bengali Befriending$/ }).click();
    await page.getByRole('button', { name: /^Add to shortlist.*Seven Sisters Art Club$/ }).click();
    await page.getByRole('link', { name: 'Shortlist (2 services)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shortlist' }).waitFor();
    await page.getByText('020 8000 0001').waitFor();
    await expectAccessible(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print shortlist' }).isVisible()).toBe(false);
    for (const text of [
      'Tottenham Bengali Befriending',
      'Seven Sisters Art Club',
      '1 High Road, London, N17 6HB',
      '020 8000 0001',
      'Monday to Sunday: midnight to 11:59pm',
    ]) {
      expect(await page.getByText(text, { exact: true }).first().isVisible(), text).toBe(true);
    }
    await page.screenshot({ path: '.test-tmp/directory-shortlist-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // The shortlist lasts for the browser tab's session.
    await page.reload();
    await page.getByRole('heading', { name: 'Seven Sisters Art Club' }).waitFor();
    expectNoPageProblems(problems);
    await browserContext.close();
  });

  it('the public /find page works without an account and passes axe', async () => {
    const {
      context: browserContext,
      page,
      problems,
    } = await openPage(browser, app.baseUrl, {
      viewport: { width: 390, height: 844 },
    });
    await page.goto('/find');
    await page.getByRole('heading', { level: 1, name: 'Find local support' }).waitFor();
    await page.getByRole('group', { name: 'What do you need help with?' }).waitFor();
    expect(await page.getByRole('radio').count()).toBe(5);
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await browserContext.close();
  });

  it('a member of the public on a phone finds support by postcode and opens a service page', async (context) => {
    if (!isDirectoryServed) context.skip();
    const {
      context: browserContext,
      page,
      problems,
    } = await openPage(browser, app.baseUrl, {
      viewport: { width: 390, height: 844 },
    });
    await page.goto('/find');
    await page.getByRole('heading', { level: 1, name: 'Find local support' }).waitFor();
    await expectAccessible(page);

    // A postcode outside London is refused, next to the field.
    await page.getByLabel('Your postcode').fill('M1 1AA');
    await page.getByRole('button', { name: 'Find support' }).click();
    await page.locator('#postcode-error').waitFor();
    expect(await page.title()).toMatch(/^Error: /);

    await page.getByLabel('Meeting people').check();
    await page.getByLabel('Your postcode').fill('N17 6HB');
    await page.getByRole('button', { name: 'Find support' }).click();
    await page.getByText(/We found \d+ services?/).waitFor();
    const cards = page.locator('.lw-find-results .nhsuk-card');
    const cardNames = await cards.getByRole('heading').allInnerTexts();
    expect(cardNames).toContain('Tottenham Bengali Befriending');
    expect(cardNames).not.toContain('Seven Sisters Art Club');
    // Large touch targets: the button spans the phone's width.
    const button = await page.getByRole('button', { name: 'Find support' }).boundingBox();
    expect(button!.width).toBeGreaterThan(300);
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: '.test-tmp/directory-find-phone.png', fullPage: true });
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Tottenham Bengali Befriending' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tottenham Bengali Befriending' }).waitFor();
    for (const text of [
      'Bruce Grove station is a 2 minute walk.',
      'Step-free entrance',
      'Monday to Sunday: midnight to 11:59pm',
    ]) {
      await page.getByText(text).waitFor();
    }
    await page.getByRole('link', { name: '020 8000 0001' }).waitFor();
    await page.screenshot({ path: '.test-tmp/directory-service-phone.png', fullPage: true });
    await expectAccessible(page);

    // Back to the same search, not an empty form.
    await page.getByRole('link', { name: 'Back to search' }).click();
    await page.getByText(/We found \d+ services?/).waitFor();
    expect(page.url()).toContain('postcode=N17+6HB');
    expect(page.url()).toContain('support=connected');
    expectNoPageProblems(problems);
    await browserContext.close();
  });
});
