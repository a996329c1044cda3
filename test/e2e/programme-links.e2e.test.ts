// Trusted routing in a real browser: a coordinator ticks a GP practice on the programme page, which
// only sends a request ("the practice must approve"); the practice's referrer finds it under
// "Programme requests", declines another programme's request with a reason and approves this one;
// the coordinator then sees the practice approved, and a referral from it says on its record why it
// came to this programme. axe checks every page visited.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { queryRows } from '../../src/db/client';
import { organisations, programmeLinkRequests } from '../../src/db/schema';
import { startTestApp, type TestApp } from '../support/app';
import {
  browserJourneyTimeoutMs,
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

describeInBrowser('programme links: request, approval and route (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let other: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let practiceName: string;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    team = await buildProgrammeWithTeam(app.db);
    other = await buildProgrammeWithTeam(app.db);
    const [practice] = await app.db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, team.referrer.user.organisationId!));
    practiceName = practice!.name;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(member: { user: { email: string }; password: string }) {
    const http = new HttpClient(app.baseUrl);
    await http.signIn(member.user.email, member.password);
    return http;
  }

  it(
    'a coordinator asks for a practice, its referrer approves, and the referral says why it came',
    async () => {
      // The coordinator ticks the practice: a request, not a link.
      const coordinator = await openPage(browser, app.baseUrl);
      const page = coordinator.page;
      await signInWithBrowser(page, team.coordinator.user.email, team.coordinator.password);
      await page
        .getByRole('link', { name: "Change the programme's areas and referring organisations" })
        .click();
      await page.getByRole('heading', { level: 1, name: team.programme.name }).waitFor();
      await page
        .getByRole('heading', { level: 2, name: 'Organisations that refer to this programme' })
        .waitFor();
      await page.getByText('No organisation has approved yet.').waitFor();
      await expectAccessible(page);
      await page.getByLabel(practiceName).check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page
        .getByText(`Request sent to ${practiceName}. The practice must approve it before its referrals come`)
        .waitFor();
      await page
        .getByRole('link', { name: "Change the programme's areas and referring organisations" })
        .click();
      const pendingRow = page.getByRole('row', { name: new RegExp(practiceName) });
      await pendingRow.getByRole('button', { name: `Withdraw ${practiceName}` }).waitFor();
      expect(await pendingRow.innerText()).toContain(team.coordinator.user.name);
      await page.getByText('No organisation has approved yet.').waitFor();
      await expectAccessible(page);

      // Another programme asks too (over the API): the practice will decline that one.
      const otherCoordinator = await signedIn(other.coordinator);
      const otherRequest = await otherCoordinator.post(
        `/api/admin/programmes/${other.programme.id}/link-requests`,
        { organisationId: team.referrer.user.organisationId },
      );
      expect(otherRequest.status).toBe(201);

      // The practice's referrer answers both under "Programme requests".
      const referrer = await openPage(browser, app.baseUrl);
      const gp = referrer.page;
      await signInWithBrowser(gp, team.referrer.user.email, team.referrer.password);
      await gp
        .getByRole('navigation', { name: 'Menu' })
        .getByRole('link', { name: 'Programme requests' })
        .click();
      await gp.getByRole('heading', { level: 1, name: 'Programme requests' }).waitFor();
      await gp.getByRole('row', { name: new RegExp(team.programme.name) }).waitFor();
      await gp.getByText("No programme receives your organisation's referrals yet.").waitFor();
      await expectAccessible(gp);

      await gp.getByRole('button', { name: `Decline ${other.programme.name}` }).click();
      await gp.getByRole('heading', { name: `Decline the request from ${other.programme.name}?` }).waitFor();
      await gp.getByLabel('Reason (optional)').fill('Our patients live in another borough.');
      await expectAccessible(gp);
      await gp.getByRole('button', { name: 'Decline the request' }).click();
      await gp.getByText(`You declined the request from ${other.programme.name}.`).waitFor();
      await expect
        .poll(() => gp.getByRole('row', { name: new RegExp(other.programme.name) }).count())
        .toBe(0);

      await gp.getByRole('button', { name: `Approve ${team.programme.name}` }).click();
      await gp.getByText(`${team.programme.name} now receives the referrals of ${practiceName}.`).waitFor();
      await gp.getByText('No programme is waiting for an answer.').waitFor();
      const approvedRow = gp.getByRole('row', { name: new RegExp(team.programme.name) });
      expect(await approvedRow.innerText()).toContain(team.referrer.user.name);
      await expectAccessible(gp);
      expectNoPageProblems(referrer.problems);
      await referrer.context.close();

      const [declined] = await app.db
        .select()
        .from(programmeLinkRequests)
        .where(eq(programmeLinkRequests.id, otherRequest.body.id));
      expect(declined).toMatchObject({
        status: 'declined',
        decisionNote: 'Our patients live in another borough.',
      });

      // The coordinator sees the practice approved and no request waiting.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: team.programme.name }).waitFor();
      await page.getByText('No request is waiting.').waitFor();
      const linkRow = page.getByRole('row', { name: new RegExp(practiceName) });
      expect(await linkRow.innerText()).toContain(team.referrer.user.name);
      expect(await page.getByLabel(practiceName).isChecked()).toBe(true);
      await expectAccessible(page);

      // A referral from the practice goes to the programme, and its record says why.
      const [row] = await queryRows<{ postcode: string }>(
        app.db,
        sql`select p.postcode from postcodes p join boroughs b on b.code = p.borough_code
            where b.name = 'Haringey' order by p.postcode limit 1`,
      );
      const practice = await signedIn(team.referrer);
      const referral = await practice.post('/api/referrals', {
        person: {
          givenName: 'Ada',
          familyName: 'Routed',
          dateOfBirth: '1948-02-03',
          postcode: row!.postcode,
          phone: '07700 900456',
          preferredChannel: 'phone',
        },
        needs: ['loneliness'],
        reasonText: 'Lives alone and rarely goes out.',
        urgency: 'routine',
        consent: { toReferral: true, toShare: true, sharedFields: ['contact_details'], method: 'verbal' },
        referrer: {},
      });
      expect(referral.status).toBe(201);
      expect(referral.body.programme.id).toBe(team.programme.id);
      await page.goto(`/casework/referrals/${referral.body.id}`);
      const routeRow = page.locator('.nhsuk-summary-list__row', { hasText: 'Why this programme' });
      await routeRow.waitFor();
      expect(await routeRow.innerText()).toContain(`Referring organisation ${practiceName} is linked to`);
      await expectAccessible(page);
      expectNoPageProblems(coordinator.problems);
      await coordinator.context.close();
    },
    browserJourneyTimeoutMs,
  );
});
