// A coordinator and a commissioner read a programme's evaluation report in a real browser (docs/DESIGN.md §7):
// the coordinator opens it from the navigation, sees SWEMWBS figures equal to the API's, a chart,
// changes an assumption of the social-return calculator and sees the result change, and the PDF
// link answers a PDF; a commissioner in the programme's borough picks it from the list and sees
// "fewer than 5" where the cohort is small. axe checks each state.
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
import { seedEvaluationCohort } from '../support/evaluation-cohort';
import { buildOrganisation, buildProgrammeWithTeam, buildUser } from '../support/factories';

describeInBrowser('programme evaluation report (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let boroughCommissioner: Awaited<ReturnType<typeof buildUser>>;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    team = await buildProgrammeWithTeam(app.db); // covers Haringey
    await seedEvaluationCohort(app.db, team.programme.id);
    const council = await buildOrganisation(app.db, { type: 'council', borough: 'Haringey' });
    boroughCommissioner = await buildUser(app.db, { role: 'commissioner', organisationId: council.id });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the coordinator every figure and the commissioner the suppressed view', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.coordinator.user.email, team.coordinator.password);
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Evaluation', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: `Evaluation: ${team.programme.name}` }).waitFor();

    // The SWEMWBS figures on the page are the API's.
    const api = await page.request.get(`/api/programmes/${team.programme.id}/evaluation`);
    const report = (await api.json()) as {
      measures: {
        scoreId: string;
        label: string;
        change: { n: number; meanBefore: number; meanAfter: number };
      }[];
    };
    const swemwbs = report.measures.find((measure) => measure.scoreId === 'swemwbs')!;
    const section = page.getByRole('region', { name: swemwbs.label, exact: true });
    const two = (value: number) => value.toFixed(2);
    await expect
      .poll(() => section.getByRole('row', { name: /People with both scores/ }).textContent())
      .toContain(String(swemwbs.change.n));
    expect(await section.getByRole('row', { name: /Mean before/ }).textContent()).toContain(
      two(swemwbs.change.meanBefore),
    );
    expect(await section.getByRole('row', { name: /Mean after/ }).textContent()).toContain(
      two(swemwbs.change.meanAfter),
    );
    await section.locator('figure svg.recharts-surface').first().waitFor();
    await page.getByText('Observational, not causal').waitFor();
    await page.getByRole('link', { name: 'Download research export (CSV)' }).waitFor();

    // The calculator starts from the published defaults; a changed GP unit cost changes the result.
    const calculator = page.getByRole('region', { name: 'Social return on investment' });
    const gpRow = calculator.getByRole('row', { name: /GP appointments avoided/ });
    await calculator.getByLabel('3 months').check();
    await calculator.getByRole('button', { name: 'Calculate' }).click();
    await expect.poll(() => gpRow.textContent()).toMatch(/12 people/);
    const before = await gpRow.textContent();
    await calculator.getByLabel('GP appointment unit cost (£)').fill('90');
    await calculator.getByRole('button', { name: 'Calculate' }).click();
    await expect.poll(() => gpRow.textContent()).not.toBe(before);
    expect(await gpRow.textContent()).toContain('£90.00');
    await expectAccessible(page);

    // The PDF link answers a PDF.
    const pdfHref = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expectNoPageProblems(problems);

    // A commissioner in the programme's borough: the list, then the suppressed report.
    const commissioner = await openPage(browser, app.baseUrl);
    const view = commissioner.page;
    await signInWithBrowser(view, boroughCommissioner.user.email, boroughCommissioner.password);
    await view
      .getByRole('link', { name: 'See the evaluation reports of the programmes in your area' })
      .click();
    await view.getByRole('heading', { level: 1, name: 'Programme evaluation' }).waitFor();
    await expectAccessible(view);
    await view.getByRole('link', { name: team.programme.name }).click();
    await view.getByRole('heading', { level: 1, name: `Evaluation: ${team.programme.name}` }).waitFor();
    const ucla = view.getByRole('region', { name: 'UCLA-3 loneliness', exact: true });
    await expect
      .poll(() => ucla.getByRole('row', { name: /People with both scores/ }).textContent())
      .toMatch(/fewer than 5/);
    expect(await ucla.getByRole('row', { name: /Mean before/ }).textContent()).toMatch(/fewer than 5/);
    expect(await view.getByRole('link', { name: 'Download research export (CSV)' }).count()).toBe(0);
    await view
      .getByRole('region', { name: 'Social return on investment' })
      .getByText('Total value')
      .waitFor();
    await expectAccessible(view);
    expectNoPageProblems(commissioner.problems);
  });
});
