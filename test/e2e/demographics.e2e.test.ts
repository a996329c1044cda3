// Equality monitoring on the referral record, in a real browser. A link worker opens a person's
// record (registered with a Haringey postcode, so the area is derived: LSOA, borough, IMD 2019
// decile 1), sees every answer "Not asked", changes the answers (sex, ethnicity) on the edit page
// and sees them on the record. axe checks each page on the way.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

describeInBrowser('equality monitoring on the record (browser)', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor();

  it('a link worker records ethnicity and sex on a record and sees them, with the area in words', async () => {
    const team = await buildProgrammeWithTeam(app.db);
    const api = new HttpClient(app.baseUrl);
    await api.signIn(team.linkWorker.user.email, team.linkWorker.password);
    const person = await api.post('/api/people', {
      givenName: 'Grace',
      familyName: 'Hopper',
      dateOfBirth: '1946-12-09',
      postcode: 'N17 6HB',
    });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    const referral = await buildReferral(app.db, {
      programmeId: team.programme.id,
      personId: person.body.id,
      status: 'accepted',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });

    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);
    await heading(page, 'My caseload');
    await page.goto(`/casework/referrals/${referral.id}`);
    await heading(page, 'Grace Hopper');

    await page.getByRole('heading', { name: 'Equality monitoring', exact: true }).waitFor();
    const row = (name: string) => page.locator('.nhsuk-summary-list__row', { hasText: name }).first();
    await row('Ethnic group').getByText('Not asked').waitFor();
    await row('Borough').getByText('Haringey').waitFor();
    await row('Neighbourhood (LSOA 2011)').getByText('Haringey 013A (E01002082)').waitFor();
    await row('Deprivation (IMD 2019)').getByText('IMD decile 1 of 10 (1 = most deprived)').waitFor();
    await row('Deprivation deciles by domain').getByText('Living environment: decile 4 of 10').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Change equality monitoring answers' }).click();
    await heading(page, 'Equality monitoring for Grace Hopper');
    await expectAccessible(page);
    await page.getByLabel('What is your sex?').selectOption('female');
    await page.getByLabel('What is your ethnic group?').selectOption('black_caribbean');
    await page.getByRole('button', { name: 'Save answers' }).click();

    await heading(page, 'Grace Hopper');
    await page.getByText('Equality monitoring answers saved.').waitFor();
    await row('Sex').getByText('Female').waitFor();
    await row('Ethnic group')
      .getByText('Black, Black British, Black Welsh, Caribbean or African: Caribbean')
      .waitFor();
    await row('Unpaid carer').getByText('Not asked').waitFor();
    await expectAccessible(page);

    const saved = await api.get(`/api/people/${person.body.id}`);
    expect(saved.body).toMatchObject({ sex: 'female', ethnicity: 'black_caribbean', version: 2 });
    expectNoPageProblems(problems);
    await context.close();
  });
});
