// A coordinator manages their programme's own directory terms in a real browser (docs/DESIGN.md §2, Directory): adds
// "Warm spaces" under Connected, sees a duplicate refused in the error summary, renames the term,
// and is told a term in use by a service cannot be deleted. axe checks the page.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { taxonomyTerms } from '../../src/db/schema';
import { startTestApp, type TestApp } from '../support/app';
import {
  describeInBrowser,
  ensureWebBuild,
  findAccessibilityViolations,
  launchBrowser,
  openPage,
  signInWithBrowser,
} from '../support/browser';
import { buildProgrammeWithTeam, buildService } from '../support/factories';

describeInBrowser('programme directory terms (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    team = await buildProgrammeWithTeam(app.db);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('adds, refuses a duplicate, renames, and refuses deleting a term in use', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.coordinator.user.email, team.coordinator.password);
    await page.goto('/curation/terms');
    await page.getByRole('heading', { level: 1, name: "Your programme's directory terms" }).waitFor();
    await page.getByText('Your programme has not added any terms yet.').waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Submitting empty: the error summary names both fields and takes focus.
    await page.getByRole('button', { name: 'Add term' }).click();
    await page.locator('.nhsuk-error-summary:focus').waitFor();
    await page.getByRole('link', { name: 'Choose which shared term it sits under' }).waitFor();

    const parent = page.getByLabel('Which shared term does it sit under?');
    await parent.selectOption({ label: 'Linkwell social prescribing support: Connected' });
    await page.getByLabel('Name of the term').fill('Warm spaces');
    await page.getByRole('button', { name: 'Add term' }).click();
    await page.getByText('Warm spaces was added.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Under Connected' }).waitFor();

    // The same name again: the server's refusal appears in the error summary, linked to the name.
    await parent.selectOption({ label: 'Linkwell social prescribing support: Connected' });
    await page.getByLabel('Name of the term').fill('warm SPACES');
    await page.getByRole('button', { name: 'Add term' }).click();
    await page.getByRole('link', { name: /already a term called/ }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /Change the name or description of Warm spaces/ }).click();
    await page.getByLabel('New name for Warm spaces').fill('Warm hubs');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Warm hubs was saved.').waitFor();

    // Tag a service with it (providers and curators do this on the service), then try to delete it.
    const [term] = await app.db
      .select()
      .from(taxonomyTerms)
      .where(eq(taxonomyTerms.programmeId, team.programme.id));
    await buildService(app.db, { taxonomyTermIds: [term!.id] });
    await page.reload();
    await page.getByRole('cell', { name: /1 service/ }).waitFor();
    await page.getByRole('button', { name: /Delete Warm hubs/ }).click();
    await page.getByText('This term is used by 1 service. Remove it from them first.').first().waitFor();
    expect(problems.consoleErrors.filter((error) => !error.includes('409'))).toEqual([]);
  });
});
