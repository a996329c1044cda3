// The FHIR referral loop (docs/DESIGN.md §8) with a GP clinical system, the link worker in the real web app: the simulated GP
// system (FHIR client library) refers over FHIR and subscribes; the link worker picks the referral
// up in the browser, accepts it, records a call and closes the case; the webhook worker (as in
// production, polling in the background) delivers each Task version to the GP's receiver, signed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { programmeReferringOrganisations } from '../../src/db/schema';
import { startWebhookWorker, type WebhookWorker } from '../../src/webhooks/worker';
import { gpServiceRequest } from '../../scripts/gp-system/referral';
import { SimulatedGpSystem } from '../../scripts/gp-system/simulated-gp';
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
import { buildApiClient, expectValidFhir } from '../support/fhir';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describeInBrowser('a GP system’s FHIR referral worked in the web app (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let worker: WebhookWorker;
  let gp: SimulatedGpSystem;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    team = await buildProgrammeWithTeam(app.db);
    const gpId = team.referrer.user.organisationId!;
    await app.db
      .insert(programmeReferringOrganisations)
      .values({ programmeId: team.programme.id, organisationId: gpId });
    gp = new SimulatedGpSystem({
      linkwellUrl: app.baseUrl,
      apiKey: (await buildApiClient(app.db, gpId)).key,
    });
    worker = startWebhookWorker({ db: app.db, log: quiet, pollIntervalMs: 100 });
  });

  afterAll(async () => {
    await worker?.stop();
    await gp?.close();
    await browser?.close();
    await app?.close();
  });

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor();

  /** Waits (polling, no fixed sleep) until the GP has heard of `status` for the Task. */
  async function gpHears(taskId: string, status: string): Promise<void> {
    for (let waited = 0; waited < 30_000; waited += 100) {
      if (gp.notificationsFor(taskId).some((n) => n.task.status === status)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`The GP system never heard that Task/${taskId} is ${status}`);
  }

  it(
    'delivers received, accepted, in progress and completed with its coded outcome',
    { timeout: 240_000 },
    async () => {
      await gp.subscribe(await gp.startReceiver());
      const referral = await gp.refer(gpServiceRequest({ givenName: 'Ivy', familyName: 'Browserfield' }));
      const id = referral.id!;
      await gpHears(id, 'received');

      const { context, page, problems } = await openPage(browser, app.baseUrl);
      await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);
      await heading(page, 'My caseload');
      await page.getByRole('link', { name: 'Triage queue', exact: true }).click();
      await heading(page, 'Triage queue');
      await page.getByRole('row', { name: /Ivy Browserfield/ }).waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: /^Pick up.*Ivy Browserfield$/ }).click();
      await heading(page, 'Ivy Browserfield');
      await page.getByRole('button', { name: 'Accept', exact: true }).click();
      await page.getByText('Referral accepted.').waitFor();
      await gpHears(id, 'accepted');

      await page.getByRole('link', { name: 'Record a contact' }).click();
      await heading(page, 'Record a contact');
      await page.getByLabel('Telephone').check();
      await page.getByLabel('Spoke to the person').check();
      await page.getByRole('button', { name: 'Save the contact' }).click();
      await page.getByText('Contact saved: Spoke to the person.').waitFor();
      await gpHears(id, 'in-progress');

      await page.getByRole('link', { name: 'Close the case' }).click();
      await heading(page, 'Close the case');
      await page.getByLabel('Goals met').check();
      await page
        .getByLabel('Outcome summary for the referrer (optional)')
        .fill('Back at her tea dance every Thursday.');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Close the case' }).click();
      await page.locator('.lw-casework-tags').getByText('Closed', { exact: true }).waitFor();
      expectNoPageProblems(problems);
      await context.close();
      await gpHears(id, 'completed');

      const received = gp.notificationsFor(id);
      expect(received.map((n) => n.task.status)).toEqual([
        'received',
        'accepted',
        'in-progress',
        'completed',
      ]);
      expect(received.every((n) => n.isSignatureValid)).toBe(true);
      const final = received.at(-1)!.task;
      expectValidFhir(final);
      const closure = final.output!.find((o) => o.type.coding![0]!.code === 'closure-outcome');
      expect(closure!.valueCodeableConcept!.coding![0]!.code).toBe('goals_met');
      const summary = final.output!.find((o) => o.type.coding![0]!.code === 'outcome-summary');
      expect(summary!.valueString).toBe('Back at her tea dance every Thursday.');
      const coded = final.contained!.map(
        (resource) => (resource as { code: { coding: { code: string }[] } }).code.coding[0]!.code,
      );
      expect(coded).toEqual(['871731000000106', '1362721000000106']);
    },
  );
});
