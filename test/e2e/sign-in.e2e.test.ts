// Signing in, in a real browser against the real server: every role reaches its own landing page,
// the pages pass an accessibility scan, errors are shown the design system's way, and the whole
// journey works from the keyboard alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../src/access/roles';
import { startTestApp, type TestApp } from '../support/app';
import {
  describeInBrowser,
  ensureWebBuild,
  findAccessibilityViolations,
  launchBrowser,
  openPage,
  type PageProblems,
} from '../support/browser';
import { buildProgrammeWithTeam, buildUser, totpFor } from '../support/factories';

const landingHeadings: Record<Role, string> = {
  platform_admin: 'Platform administration',
  coordinator: 'Programme overview',
  link_worker: 'My caseload',
  buddy: 'My visits',
  referrer: 'Referrals from your organisation',
  provider_staff: 'Referrals to your services',
  commissioner: 'Programme figures',
  regional_commissioner: 'Programme figures',
};

type Account = { email: string; password: string; totpSecret?: string | undefined };

describeInBrowser('signing in (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const accounts = {} as Record<Role, Account>;
  let programmeName = '';
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    team = await buildProgrammeWithTeam(app.db);
    programmeName = team.programme.name;
    const admin = await buildUser(app.db, { role: 'platform_admin', withTotp: true });
    const entries: [Role, { user: { email: string }; password: string; totpSecret?: string | undefined }][] =
      [
        ['platform_admin', admin],
        ['coordinator', team.coordinator],
        ['link_worker', team.linkWorker],
        ['buddy', team.buddy],
        ['referrer', team.referrer],
        ['provider_staff', team.providerStaff],
        ['commissioner', team.commissioner],
        ['regional_commissioner', team.regionalCommissioner],
      ];
    for (const [role, built] of entries) {
      accounts[role] = { email: built.user.email, password: built.password, totpSecret: built.totpSecret };
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  function expectNoProblems(problems: PageProblems) {
    expect(problems.consoleErrors, 'console errors (including CSP violations)').toEqual([]);
    expect(problems.foreignRequests, 'requests to other servers (the app must work offline)').toEqual([]);
  }

  async function signIn(page: Page, account: Account) {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (account.totpSecret) {
      await page
        .getByRole('heading', { level: 1, name: 'Enter the code from your authenticator app' })
        .waitFor();
      await page.getByLabel('6-digit code').fill(totpFor(account.totpSecret).generate());
      await page.getByRole('button', { name: 'Continue' }).click();
    }
  }

  it('shows an accessible sign-in page with its own title', async () => {
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await page.goto('/');
    // Signed out, the app sends you to sign in.
    await page.getByRole('heading', { level: 1, name: 'Sign in to Linkwell' }).waitFor();
    expect(page.url()).toBe(`${app.baseUrl}/sign-in`);
    expect(await page.title()).toBe('Sign in to Linkwell – Linkwell');
    expect(await page.evaluate(() => document.body.classList.contains('nhsuk-frontend-supported'))).toBe(
      true,
    );
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'en-GB',
      'ltr',
    ]);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    expectNoProblems(problems);
    await context.close();
  });

  for (const role of Object.keys(landingHeadings) as Role[]) {
    it(`signs in as ${role} and lands on "${landingHeadings[role]}", which passes an accessibility scan`, async () => {
      const { context, page, problems } = await openPage(browser, app.baseUrl);
      await signIn(page, accounts[role]);
      const heading = page.getByRole('heading', { level: 1, name: landingHeadings[role] });
      await heading.waitFor();
      expect(await page.title()).toBe(`${landingHeadings[role]} – Linkwell`);
      // After an in-app navigation the new page's heading has focus, so screen readers start there.
      expect(await heading.evaluate((element) => element === document.activeElement)).toBe(true);
      // Real work or nothing: no landing page carries roadmap notes (issue 17).
      expect(await page.getByText(/coming next|arrives? with/i).count()).toBe(0);
      if (role === 'coordinator') {
        // Real data: the programme's name (above the heading) and its team.
        await page.locator('main .nhsuk-caption-l', { hasText: programmeName }).waitFor();
        await page.getByRole('table').getByText('Link worker').first().waitFor();
      }
      if (role === 'platform_admin') {
        await page
          .getByRole('navigation', { name: 'Menu' })
          .getByRole('link', { name: 'Audit log' })
          .waitFor();
        await page.getByRole('list', { name: 'Linkwell in numbers' }).getByText('Organisations').waitFor();
      }
      expect(await findAccessibilityViolations(page)).toEqual([]);
      expectNoProblems(problems);
      await context.close();
    });
  }

  it('shows the error summary, linked to the field, when the password is wrong', async () => {
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(accounts.link_worker.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.title()).toBe('Error: Sign in to Linkwell – Linkwell');
    // The server's refusal, which does not say which of the two was wrong, is linked to the email field.
    const link = summary.locator('a[href="#email"]');
    const message = await link.innerText();
    expect(message).toMatch(/password/i);
    expect(await page.locator('#email-error').innerText()).toContain(message);
    await link.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    expect(await page.getByLabel('Email address').getAttribute('aria-describedby')).toContain('email-error');
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Leaving both fields empty is caught before anything is sent.
    await page.getByLabel('Email address').fill('');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await summary.getByRole('link', { name: 'Enter your email address' }).waitFor();
    await summary.getByRole('link', { name: 'Enter your password' }).waitFor();
    expectNoProblems(problems);
    await context.close();
  });

  it('signs in with the keyboard alone, starting from the skip link', async () => {
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Linkwell' }).waitFor();

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Skip to main content',
    );
    // The skip link is visible while it has focus.
    expect(await page.locator('.nhsuk-skip-link').boundingBox()).not.toBeNull();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('maincontent');

    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    for (let presses = 0; presses < 10 && (await focusedId()) !== 'email'; presses++)
      await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('email');
    await page.keyboard.type(accounts.buddy.email);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('password');
    await page.keyboard.type(accounts.buddy.password);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: landingHeadings.buddy }).waitFor();
    // Signing out is reachable from the keyboard too.
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Linkwell' }).waitFor();
    await page.getByText('You have signed out.').waitFor();
    expectNoProblems(problems);
    await context.close();
  });

  it('makes a platform admin without an authenticator app set one up before going further', async () => {
    const fresh = await buildUser(app.db, { role: 'platform_admin' });
    const { context, page, problems } = await openPage(browser, app.baseUrl, {
      viewport: { width: 375, height: 740 },
    });
    await signIn(page, { email: fresh.user.email, password: fresh.password });
    await page.getByRole('heading', { level: 1, name: 'Set up an authenticator app' }).waitFor();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
    expect(await page.locator('#totp-link').getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    // Nothing else opens until the app is set up.
    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: 'Set up an authenticator app' }).waitFor();
    const secretAfterReload = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');

    await page.getByLabel('6-digit code').fill(totpFor(secretAfterReload).generate());
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.getByRole('heading', { level: 1, name: landingHeadings.platform_admin }).waitFor();
    await page.getByText('Your authenticator app is set up.').waitFor();
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    // At phone width nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expectNoProblems(problems);
    await context.close();
  });

  it('resets a forgotten password with the link from the development mailbox', async () => {
    const forgetful = await buildUser(app.db, {
      role: 'referrer',
      organisationId: team.referrer.user.organisationId,
    });
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email address').fill(forgetful.user.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    await page.goto('/dev/mail');
    const message = page
      .locator('article', { hasText: forgetful.user.email })
      .filter({ hasText: 'password_reset' });
    const href = await message.getByRole('link', { name: /reset-password\?token=/ }).getAttribute('href');
    // The test server's public URL is not this one: keep the path.
    const { pathname, search } = new URL(href!);
    await page.goto(pathname + search);
    await page.getByLabel('New password', { exact: true }).fill('tulips in the rain at midnight');
    await page.getByLabel('Type the new password again').fill('tulips in the rain at midnight');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your password has been changed' }).waitFor();
    await signIn(page, { email: forgetful.user.email, password: 'tulips in the rain at midnight' });
    await page.getByRole('heading', { level: 1, name: landingHeadings.referrer }).waitFor();
    expectNoProblems(problems);
    await context.close();
  });
});
