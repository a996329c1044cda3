// The link worker's duplicate review in a real browser. A person is known to the programme; a GP
// practice refers someone with the same NHS number but another date of birth (intake makes a new
// person and flags it) and, separately, the known person with a new email and another telephone.
// The link worker sees the warning naming the known person with a link to their referral, the
// details the second referral proposes against the record, accepts it, and reads on the timeline
// what was filled in and what was not applied. axe checks each page on the way.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { people, programmeReferringOrganisations } from '../../src/db/schema';
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

describeInBrowser('duplicate review (browser)', () => {
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
  const timeline = (page: Page) => page.locator('.lw-timeline');

  it('a link worker sees the possible duplicate and the referral’s details, accepts, and reads what was filled in', async () => {
    const team = await buildProgrammeWithTeam(app.db);
    const gpId = team.referrer.user.organisationId!;
    await app.db
      .insert(programmeReferringOrganisations)
      .values({ programmeId: team.programme.id, organisationId: gpId });
    const [known] = await app.db
      .insert(people)
      .values({
        programmeId: team.programme.id,
        givenName: 'Ada',
        familyName: 'Lovelace',
        dateOfBirth: '1950-04-12',
        nhsNumber: '9434765919',
        phone: '020 7946 0001',
        postcode: 'N17 6HB',
      })
      .returning();
    await buildReferral(app.db, {
      programmeId: team.programme.id,
      personId: known!.id,
    });

    // The GP practice refers, as a referrer does: same NHS number, another date of birth; then Ada herself.
    const gp = new HttpClient(app.baseUrl);
    await gp.signIn(team.referrer.user.email, team.referrer.password);
    const refer = async (person: Record<string, unknown>) => {
      const sent = await gp.post('/api/referrals', {
        person: { postcode: 'N17 6HB', nhsNumber: '943 476 5919', ...person },
        needs: ['loneliness'],
        reasonText: 'Lonely since moving here.',
        consent: {
          toReferral: true,
          toShare: true,
          sharedFields: ['contact_details', 'needs'],
          method: 'verbal',
        },
        referrer: {},
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      return sent.body as { id: string; person: { id: string } };
    };
    const conflicting = await refer({ givenName: 'Zed', familyName: 'Probe', dateOfBirth: '1980-01-01' });
    expect(conflicting.person.id).not.toBe(known!.id);
    const sameAda = await refer({
      givenName: 'Ada',
      familyName: 'Lovelace',
      dateOfBirth: '1950-04-12',
      email: 'ada@example.test',
      phone: '07700 900999',
    });
    expect(sameAda.person.id).toBe(known!.id);

    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);
    await heading(page, 'My caseload');

    // The conflicting referral: a warning names Ada, says why, and links to her latest referral.
    await page.goto(`/casework/referrals/${conflicting.id}`);
    await heading(page, 'Zed Probe');
    const warning = page.locator('.nhsuk-warning-callout');
    await warning.getByRole('heading', { name: 'Possible duplicate' }).waitFor();
    await warning
      .getByText(
        'NHS number also belongs to Ada Lovelace (born 12 April 1950), whose name or date of birth differ – check before accepting.',
      )
      .waitFor();
    const compare = warning.getByRole('link', { name: "Open Ada Lovelace's latest referral to compare" });
    expect(await compare.getAttribute('href')).toBe(`/casework/referrals/${sameAda.id}`);
    await timeline(page).getByText('Possible duplicate of a person already known').waitFor();
    await timeline(page).getByText('Why: Same NHS number, but a different name or date of birth').waitFor();
    // Its details are the new person's own: nothing to compare.
    expect(await page.getByRole('heading', { name: 'Details from this referral' }).count()).toBe(0);
    await expectAccessible(page);

    // Ada's new referral: what it proposes against her record, before accepting.
    await compare.click();
    await heading(page, 'Ada Lovelace');
    expect(await warning.count()).toBe(0);
    await page
      .getByRole('link', { name: 'Check the details from this referral before you accept' })
      .waitFor();
    await page.getByRole('heading', { name: 'Details from this referral' }).waitFor();
    const details = page.locator('#referred-details + p + dl');
    const emailRow = details.locator('.nhsuk-summary-list__row', { hasText: 'Email' });
    await emailRow.getByText('ada@example.test').waitFor();
    await emailRow.getByText("Person's record: not recorded").waitFor();
    await emailRow.getByText('Filled in when you accept').waitFor();
    const phoneRow = details.locator('.nhsuk-summary-list__row', { hasText: 'Telephone' });
    await phoneRow.getByText('07700 900999').waitFor();
    await phoneRow.getByText("Person's record: 020 7946 0001").waitFor();
    await phoneRow.getByText('Differs from the record – not applied').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByText('Referral accepted.').waitFor();
    // The email is on her record now; the different telephone is still for the link worker to check.
    await page
      .locator('.nhsuk-summary-list__row', { hasText: 'Email' })
      .first()
      .getByText('ada@example.test')
      .waitFor();
    await timeline(page).getByText("Details from the referral compared with the person's record").waitFor();
    await timeline(page).getByText('Filled in on the record: Email ada@example.test').waitFor();
    await timeline(page)
      .getByText(
        'Not applied, as the record holds something else: Telephone 07700 900999 (the record has 020 7946 0001)',
      )
      .waitFor();
    await phoneRow.getByText('Differs from the record – not applied').waitFor();
    expect(await emailRow.count()).toBe(0);
    await expectAccessible(page);

    expectNoPageProblems(problems);
    await context.close();
  });
});
