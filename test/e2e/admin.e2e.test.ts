// Administration in a real browser: a platform admin adds an organisation (seeing the server's
// per-field errors first), invites a user, and the invitation in the development mailbox lets that
// user choose a password and sign in. API keys are shown once, public keys for OAuth2 can be
// registered (a private key is refused), and keys can be revoked. Coordinators
// manage only their own team.
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

describeInBrowser('administration (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let admin: Awaited<ReturnType<typeof buildUser>>;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    team = await buildProgrammeWithTeam(app.db);
    admin = await buildUser(app.db, { role: 'platform_admin', withTotp: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  function expectNoProblems(problems: PageProblems) {
    expect(problems.consoleErrors, 'console errors (including CSP violations)').toEqual([]);
    expect(problems.foreignRequests, 'requests to other servers').toEqual([]);
  }

  async function signIn(page: Page, email: string, password: string, totpSecret?: string) {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (totpSecret) {
      await page.getByLabel('6-digit code').fill(totpFor(totpSecret).generate());
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.locator('h1').and(page.locator(':focus')).waitFor();
  }

  async function expectAccessible(page: Page) {
    expect(await findAccessibilityViolations(page)).toEqual([]);
  }

  it('adds an organisation and invites a user, who then sets a password from the mailbox and signs in', async () => {
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signIn(page, admin.user.email, admin.password, admin.totpSecret);

    // An organisation, with a server-side validation error shown against its field first.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Add an organisation' }).click();
    await page.getByLabel('Name').fill('Tottenham Advice Centre');
    await page.getByLabel('Type').selectOption('advice_agency');
    await page.getByLabel('ODS code (optional)').fill('??');
    await page.getByRole('button', { name: 'Add an organisation' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    // The server's message for the field, shown in the summary (linked to the field) and beside it.
    const summaryLink = summary.locator('a[href="#odsCode"]');
    const message = await summaryLink.innerText();
    expect(message).toMatch(/ODS/);
    expect(await page.locator('#odsCode-error').innerText()).toContain(message);
    await summaryLink.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('odsCode');
    expect(await page.title()).toMatch(/^Error: /);
    await expectAccessible(page);
    await page.getByLabel('ODS code (optional)').fill('');
    await page.getByRole('button', { name: 'Add an organisation' }).click();
    await page.getByText('Tottenham Advice Centre has been added.').waitFor();
    await page.getByLabel('Name contains').fill('Tottenham');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('cell', { name: /Tottenham Advice Centre/ }).waitFor();
    expect(page.url()).toContain('q=Tottenham');

    // A new link worker in the programme: they are invited by email.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Add a user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a user' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
    await page.getByLabel('Email address').fill('grace.hopper@example.test');
    await page.getByLabel('Role').selectOption('link_worker');
    await page.getByLabel('Programme').selectOption(team.programme.id);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add user and send invitation' }).click();
    await page
      .getByText('Grace Hopper has been added. An invitation has been sent to grace.hopper@example.test.')
      .waitFor();

    // The invitation arrives in the development mailbox, its link clickable.
    await page.getByRole('link', { name: 'Development mailbox' }).click();
    const invitation = page.locator('article', { hasText: 'grace.hopper@example.test' });
    // The wording belongs to the notification templates; the test relies only on the recipient and the link.
    await invitation.getByText('account_invitation').waitFor();
    const link = await invitation.getByRole('link', { name: /reset-password\?token=/ }).getAttribute('href');
    expect(link).toBeTruthy();
    await expectAccessible(page);
    expectNoProblems(problems);
    await context.close();

    // The invited person follows the link (the test server's public URL is not this one: keep the path).
    const invited = await openPage(browser, app.baseUrl);
    const { pathname, search } = new URL(link!);
    await invited.page.goto(pathname + search);
    await invited.page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await invited.page.getByLabel('New password', { exact: true }).fill('a new password for grace');
    await invited.page.getByLabel('Type the new password again').fill('a different one');
    await invited.page.getByRole('button', { name: 'Save the new password' }).click();
    await invited.page
      .locator('.nhsuk-error-summary')
      .getByRole('link', { name: 'The passwords do not match' })
      .waitFor();
    await invited.page.getByLabel('Type the new password again').fill('a new password for grace');
    await invited.page.getByRole('button', { name: 'Save the new password' }).click();
    await invited.page.getByRole('heading', { level: 1, name: 'Your password has been changed' }).waitFor();
    await invited.page.getByRole('link', { name: 'Sign in' }).click();
    await invited.page.getByText('Your password has been changed. Sign in with your new password.').waitFor();
    await invited.page.getByLabel('Email address').fill('grace.hopper@example.test');
    await invited.page.getByLabel('Password', { exact: true }).fill('a new password for grace');
    await invited.page.getByRole('button', { name: 'Sign in' }).click();
    await invited.page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    expectNoProblems(invited.problems);
    await invited.context.close();
  });

  it('shows a new API key once, registers its public keys (refusing a private one) and revokes it', async () => {
    // Another admin: a code can be used only once, so the first admin could not sign in again this 30 s.
    const secondAdmin = await buildUser(app.db, { role: 'platform_admin', withTotp: true });
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signIn(page, secondAdmin.user.email, secondAdmin.password, secondAdmin.totpSecret);
    await page.goto('/admin/api-clients/new');
    await page
      .getByLabel('Organisation')
      .selectOption({ label: await organisationName(team.referrer.user.organisationId!) });
    await page.getByLabel('Name of the system').fill('Practice integration engine');
    await page.getByRole('button', { name: 'Create the key' }).click();
    await page.getByRole('heading', { level: 1, name: 'API client created' }).waitFor();
    expect(await page.locator('#api-key').innerText()).toMatch(/^lw_/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'I have copied the key' }).click();
    await page.getByText('The API client Practice integration engine has been created.').waitFor();

    // Its system will sign JWTs for OAuth2 tokens: the admin registers the public key set. A pasted
    // private key is refused, named in the error summary, and nothing is stored.
    const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
    const jwk = async (key: CryptoKey) => ({ ...(await exportJWK(key)), kid: 'engine-2026', alg: 'ES384' });
    await page.getByRole('link', { name: 'Register keys Practice integration engine' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Public keys for Practice integration engine' })
      .waitFor();
    await page.getByLabel('Key set (JWKS)').fill(JSON.stringify({ keys: [await jwk(privateKey)] }));
    await page.getByRole('button', { name: 'Register the keys' }).click();
    await page.getByRole('link', { name: /This is a private key/ }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Key set (JWKS)').fill(JSON.stringify({ keys: [await jwk(publicKey)] }));
    await page.getByRole('button', { name: 'Register the keys' }).click();
    await page
      .getByText('The keys of Practice integration engine have been registered: engine-2026.')
      .waitFor();
    await page
      .getByRole('row', { name: /Practice integration engine/ })
      .getByText('1 key')
      .waitFor();
    await page.getByRole('button', { name: 'Revoke Practice integration engine' }).click();
    await page.getByRole('button', { name: 'Revoke the key' }).click();
    await page.getByText('The key of Practice integration engine has been revoked.').waitFor();
    await page
      .getByRole('row', { name: /Practice integration engine/ })
      .getByText('Revoked')
      .waitFor();

    // The audit log records it.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Action').fill('api_client.revoke');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('cell', { name: 'api_client.revoke' }).first().waitFor();
    await expectAccessible(page);
    expectNoProblems(problems);
    await context.close();
  });

  it('lets a coordinator manage only their own team', async () => {
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signIn(page, team.coordinator.user.email, team.coordinator.password);
    const menu = page.getByRole('navigation', { name: 'Menu' });
    expect(await menu.getByRole('link', { name: 'Organisations' }).count()).toBe(0);
    await menu.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
    await page.getByRole('link', { name: team.buddy.user.name }).waitFor();
    expect(await page.getByRole('link', { name: admin.user.name }).count()).toBe(0);
    await page.getByRole('link', { name: 'Add a user' }).click();
    await page.getByRole('button', { name: 'Add user and send invitation' }).waitFor();
    // A coordinator can give only the roles of a programme team.
    const offered = await page.getByLabel('Role').locator('option').allInnerTexts();
    expect(offered).toEqual(['Choose', 'Coordinator', 'Link worker', 'Volunteer buddy']);
    await page.goto('/admin/organisations');
    await page.getByRole('heading', { level: 1, name: 'You cannot use this page' }).waitFor();

    // The account page, and signing out everywhere.
    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText(team.programme.name).first().waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByText('You have signed out of Linkwell on every device.').waitFor();
    expectNoProblems(problems);
    await context.close();
  });

  async function organisationName(id: string): Promise<string> {
    const { organisations } = await import('../../src/db/schema');
    const { eq } = await import('drizzle-orm');
    const [row] = await app.db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, id));
    return row!.name;
  }
});
