// A coordinator builds a programme questionnaire in a real browser (docs/DESIGN.md §7): two questions (a
// list of answers and a 0–10 scale) in the "add another" list, a preview as the person sees it, a
// server refusal shown in the error summary and linked to the answer it is about, then saving,
// reordering (the definition's version goes up) and archiving. axe checks each state of the page.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { questionnaires } from '../../src/db/schema';
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

describeInBrowser('questionnaire builder (browser)', () => {
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

  it('builds, previews, is told what is wrong, saves, reorders and archives a questionnaire', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.coordinator.user.email, team.coordinator.password);
    await page.getByRole('link', { name: 'Questionnaires' }).click();
    await page.getByRole('heading', { level: 1, name: "Your programme's questionnaires" }).waitFor();
    await page.getByText('Your programme has not built any questionnaires yet.').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Build a questionnaire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Build a questionnaire' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Feeling connected');
    expect(await page.getByLabel('Short key').inputValue()).toBe('feeling_connected');

    // Question 1: a list of answers, the third added with "Add another answer".
    await page.locator('#item-0-question').fill('How often do you talk to someone you know?');
    await page.locator('#item-0-label').fill('Talking to people');
    await page.locator('#item-0-option-0-label').fill('Never');
    await page.locator('#item-0-option-1-label').fill('Sometimes');
    await page.getByRole('button', { name: 'Add another answer question 1' }).click();
    await page.locator('#item-0-option-2-label').fill('Often');
    expect(await page.locator('#item-0-option-2-value').inputValue()).toBe('2');

    // Question 2: a 0–10 scale with labels at both ends.
    await page.getByRole('button', { name: 'Add another question' }).click();
    await page.locator('#item-1-question').fill('How supported do you feel?');
    await page.locator('#item-1-label').fill('Support');
    await page.locator('#item-1-kind-2').check();
    await page.locator('#item-1-min-label').fill('Not at all');
    await page.locator('#item-1-max-label').fill('Completely');

    // The preview shows the questions as the person will read them.
    const preview = page.getByRole('region', { name: 'Preview: how it looks to the person' });
    await preview.getByRole('group', { name: 'How often do you talk to someone you know?' }).waitFor();
    await preview.getByLabel('10 – Completely').waitFor();
    await expectAccessible(page);

    // Two answers with the same score: the server's message is linked to the answer.
    await page.locator('#item-0-option-1-value').fill('0');
    await page.getByRole('button', { name: 'Save questionnaire' }).click();
    const summaryLink = page.getByRole('link', {
      name: /Two answers to 'Talking to people' have the same value/,
    });
    await summaryLink.waitFor();
    await expectAccessible(page);
    await summaryLink.click();
    await page.locator('#item-0-option-0-label:focus').waitFor();

    await page.locator('#item-0-option-1-value').fill('1');
    await page.getByRole('button', { name: 'Save questionnaire' }).click();
    await page.getByText('Feeling connected was saved.').waitFor();
    await page.getByRole('cell', { name: 'Add up' }).waitFor();
    await expectAccessible(page);

    // Move the scale question first: a change to the definition, so its version goes to 2.
    await page.getByRole('link', { name: 'Feeling connected' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change Feeling connected' }).waitFor();
    await page.getByRole('button', { name: 'Move up question 2' }).click();
    expect(await page.locator('#item-0-label').inputValue()).toBe('Support');
    await page.getByRole('button', { name: 'Save questionnaire' }).click();
    await page.getByText('Feeling connected was saved.').waitFor();
    const [saved] = await app.db
      .select()
      .from(questionnaires)
      .where(eq(questionnaires.programmeId, team.programme.id));
    expect(saved!.definition).toMatchObject({ version: '2', items: [{ id: 'q2' }, { id: 'q1' }] });

    await page.getByRole('button', { name: 'Archive Feeling connected' }).click();
    await page.getByText('Feeling connected was archived. Answers already given keep it.').waitFor();
    await page.getByRole('cell', { name: 'Archived' }).waitFor();
    await expectAccessible(page);
    expectNoPageProblems(problems);
  });
});
