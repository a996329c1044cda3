// Insight in a real browser (issue 13): a commissioner in Haringey opens Insight from the menu,
// filters to Haringey and a period, reads the equity view (the figures on the page are the API's,
// as a chart and, one button away, as a table), opens the map, switches it to its table and
// downloads its CSV (the file's text is checked); a provider opens "Your evidence". axe checks each
// page, at desktop width and at 375 px.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { lsoas, people, referralEvents } from '../../src/db/schema';
import { loadGeography } from '../../src/geo/load-geography';
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
import {
  buildOrganisation,
  buildPerson,
  buildProgrammeWithTeam,
  buildService,
  buildUser,
} from '../support/factories';
import { buildOnwardReferral, buildReferral } from '../support/referral-factories';

const haringey = 'E09000014';
const camden = 'E09000007';

type InsightTableJson = {
  id: string;
  title: string;
  rows: { key: string; label: string; cells: Record<string, { value: number | null }> }[];
};

describeInBrowser('Insight dashboards (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let commissioner: Awaited<ReturnType<typeof buildUser>>;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    // Boroughs, their Census populations and the IMD LSOAs (filled only where a table is empty).
    await loadGeography(app.db);
    team = await buildProgrammeWithTeam(app.db); // covers Haringey
    const council = await buildOrganisation(app.db, { type: 'council', borough: 'Haringey' });
    commissioner = await buildUser(app.db, { role: 'commissioner', organisationId: council.id });

    // 36 referrals from Haringey (enough in every borough, sex and deprivation cell to be shown)
    // and 8 from Camden, which the borough filter leaves out.
    const haringeyLsoas = await app.db
      .select({ code: lsoas.code, imdDecile: lsoas.imdDecile })
      .from(lsoas)
      .where(eq(lsoas.boroughCode, haringey))
      .orderBy(asc(lsoas.imdRank));
    const mostDeprived = haringeyLsoas[0]!;
    const leastDeprived = haringeyLsoas[haringeyLsoas.length - 1]!;
    const cohort = [
      ...Array.from({ length: 36 }, (_, index) => ({
        borough: haringey,
        lsoa: index % 3 === 0 ? leastDeprived : mostDeprived,
        sex: index % 2 === 0 ? ('female' as const) : ('male' as const),
        isEngaged: index % 4 !== 0,
      })),
      ...Array.from({ length: 8 }, () => ({
        borough: camden,
        lsoa: null,
        sex: 'female' as const,
        isEngaged: true,
      })),
    ];
    // The provider's service receives twelve of them, so its evidence page has figures to show.
    const walksId = await buildService(app.db, {
      organisationId: team.providerStaff.user.organisationId!,
      name: 'Wednesday walks',
    });
    let sentOnward = 0;
    for (const someone of cohort) {
      const person = await buildPerson(app.db, { programmeId: team.programme.id });
      await app.db
        .update(people)
        .set({
          boroughCode: someone.borough,
          lsoaCode: someone.lsoa?.code ?? null,
          imdDecile: someone.lsoa?.imdDecile ?? null,
          sex: someone.sex,
        })
        .where(eq(people.id, person.id));
      const referral = await buildReferral(app.db, {
        programmeId: team.programme.id,
        personId: person.id,
        status: 'accepted',
      });
      if (sentOnward < 12) {
        sentOnward += 1;
        await buildOnwardReferral(app.db, {
          referral,
          serviceId: walksId,
          providerOrganisationId: team.providerStaff.user.organisationId!,
        });
      }
      if (someone.isEngaged) {
        await app.db.insert(referralEvents).values({
          programmeId: team.programme.id,
          referralId: referral.id,
          type: 'referral.in_progress',
          toStatus: 'in_progress',
          actorLabel: 'Test',
        });
      }
    }
  }, browserJourneyTimeoutMs);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'lets a commissioner filter, read the equity view, use the map’s table and download its CSV',
    async () => {
      const { page, problems } = await openPage(browser, app.baseUrl);
      await signInWithBrowser(page, commissioner.user.email, commissioner.password);
      await page
        .getByRole('navigation', { name: 'Menu' })
        .getByRole('link', { name: 'Insight', exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
      await page
        .getByRole('navigation', { name: 'Insight dashboards' })
        .getByRole('link', { name: 'Equity', exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Equity' }).waitFor();

      // Filter to Haringey and a period that holds every referral (made today).
      const today = new Date().toISOString().slice(0, 10);
      const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      const filters = page.getByRole('form', { name: 'Filter the figures' });
      await filters.getByLabel('From', { exact: true }).fill(monthAgo);
      await filters.getByLabel('To', { exact: true }).fill(today);
      await filters.getByLabel('Borough (where the person lives)').selectOption({ label: 'Haringey' });
      await filters.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('borough')).toBe(haringey);
      expect(new URL(page.url()).searchParams.get('from')).toBe(monthAgo);
      await page.getByText('Figures based on fewer than 5 people').first().waitFor();

      // The page shows the API's tables: each title as a heading, the first as a chart, then as a table.
      const api = await page.request.get(
        `/api/insight/panels/equity?from=${monthAgo}&to=${today}&borough=${haringey}`,
      );
      expect(api.status()).toBe(200);
      const equity = (await api.json()) as { isSuppressed: boolean; tables: InsightTableJson[] };
      expect(equity.isSuppressed).toBe(true);
      for (const table of equity.tables) {
        await page.getByRole('heading', { level: 2, name: table.title, exact: true }).waitFor();
      }
      const first = equity.tables.find((table) =>
        table.rows.some((row) => Object.values(row.cells).some((cell) => cell.value !== null)),
      )!;
      const section = page.getByRole('region', { name: first.title, exact: true }).first();
      await section.locator('svg.recharts-surface').first().waitFor();
      await section.getByRole('button', { name: /^Show as table/ }).click();
      const caption = section.locator('caption', { hasText: first.title });
      await caption.waitFor();
      const shownRow = first.rows.find((row) =>
        Object.values(row.cells).some((cell) => cell.value !== null),
      )!;
      const rowText = await section
        .getByRole('row', { name: new RegExp(`^${escapeRegExp(shownRow.label)}`) })
        .first()
        .textContent();
      expect(rowText).toContain(shownRow.label);
      await expectAccessible(page);

      // "Print or save as PDF" answers the printable report of every panel, with the same filters.
      const pdfHref = await page.getByRole('link', { name: 'Print or save as PDF' }).getAttribute('href');
      expect(pdfHref).toContain(`borough=${haringey}`);
      const pdf = await page.request.get(pdfHref!);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // The map: shaded boroughs, then the same figures as a table, and its CSV.
      await page
        .getByRole('navigation', { name: 'Insight dashboards' })
        .getByRole('link', { name: 'Map', exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Map' }).waitFor();
      expect(new URL(page.url()).searchParams.get('borough')).toBe(haringey);
      await page.locator('.lw-insight-map__canvas path.leaflet-interactive').first().waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Show as table' }).click();
      const mapTable = page.locator('table.lw-insight-data');
      await mapTable.waitFor();
      expect(await mapTable.textContent()).toContain('Haringey');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByRole('link', { name: /^Download CSV/ })
          .first()
          .click(),
      ]);
      const csv = await readDownload(download);
      expect(csv.split('\n')[0]).toMatch(/^"?# /);
      expect(csv).toContain('Haringey');
      await expectAccessible(page);

      // Neighbourhoods: Haringey's LSOAs from the shipped LSOA boundaries, back on the map.
      await page.getByLabel('Areas', { exact: true }).selectOption({ label: 'Neighbourhoods (LSOAs)' });
      await page.getByRole('button', { name: 'Show on map' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('lsoa');
      await expect.poll(() => mapTable.textContent()).toContain('Haringey 0');
      await page.getByRole('button', { name: 'Show as map' }).click();
      await expect
        .poll(() => page.locator('.lw-insight-map__canvas path.leaflet-interactive').count())
        .toBeGreaterThan(100);

      // The other panels open for the commissioner, axe-clean.
      for (const panel of ['Gaps', 'Demand', 'Data quality', 'Activity']) {
        await page
          .getByRole('navigation', { name: 'Insight dashboards' })
          .getByRole('link', { name: panel, exact: true })
          .click();
        await page.getByRole('heading', { level: 1, name: panel }).waitFor();
        await page.getByText(/^Figures worked out at/).waitFor();
        await expectAccessible(page);
      }
      expectNoPageProblems(problems);

      // On a phone the page still works: the table scrolls inside its wrapper, not the page.
      const phone = await openPage(browser, app.baseUrl, {
        viewport: { width: 375, height: 740 },
        isPhone: true,
      });
      await signInWithBrowser(phone.page, commissioner.user.email, commissioner.password);
      await phone.page.goto(`/insight/equity?borough=${haringey}&from=${monthAgo}&to=${today}`);
      await phone.page.getByRole('heading', { level: 2, name: first.title, exact: true }).waitFor();
      const pageWidth = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth).toBeLessThanOrEqual(375);
      await expectAccessible(phone.page);
      expectNoPageProblems(phone.problems);
    },
    browserJourneyTimeoutMs,
  );

  it(
    'shows a provider their services’ evidence',
    async () => {
      const { page, problems } = await openPage(browser, app.baseUrl);
      await signInWithBrowser(page, team.providerStaff.user.email, team.providerStaff.password);
      await page
        .getByRole('navigation', { name: 'Menu' })
        .getByRole('link', { name: 'Your evidence' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Your evidence' }).waitFor();
      // The page shows the API's tables; the services table names the provider's service with its 12 referrals.
      const api = await page.request.get('/api/insight/provider');
      expect(api.status()).toBe(200);
      const evidence = (await api.json()) as { isSuppressed: boolean; tables: InsightTableJson[] };
      expect(evidence.isSuppressed).toBe(true);
      for (const table of evidence.tables) {
        await page.getByRole('heading', { level: 2, name: table.title, exact: true }).waitFor();
      }
      const services = evidence.tables.find((table) => table.id === 'services')!;
      expect(services.rows.map((row) => row.label)).toEqual(['Wednesday walks']);
      const section = page.getByRole('region', { name: services.title, exact: true }).first();
      const toggle = section.getByRole('button', { name: /^Show as table/ });
      if ((await toggle.count()) > 0) await toggle.click();
      const walksRow = section.getByRole('row', { name: /^Wednesday walks/ });
      await expect.poll(() => walksRow.textContent()).toContain('12');
      await page.getByText('Figures based on fewer than 5 people are not shown.').waitFor();
      // Its CSV, for a funding bid.
      const csvHref = await section.getByRole('link', { name: /^Download CSV/ }).getAttribute('href');
      const csv = await page.request.get(csvHref!);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain('Wednesday walks');
      await expectAccessible(page);
      expectNoPageProblems(problems);
    },
    browserJourneyTimeoutMs,
  );

  it(
    'lets a coordinator set a reach target and a demand assumption',
    async () => {
      const { page, problems } = await openPage(browser, app.baseUrl);
      await signInWithBrowser(page, team.coordinator.user.email, team.coordinator.password);
      await page
        .getByRole('navigation', { name: 'Menu' })
        .getByRole('link', { name: 'Insight', exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
      // The coordinator sees their programme in full: no suppression notice.
      await page.getByText(`Covers: ${team.programme.name}`).waitFor();
      expect(await page.getByText('Figures based on fewer than 5 people').count()).toBe(0);

      const targets = page.getByRole('region', { name: 'Reach targets' });
      await targets.getByText('No reach targets set yet.').waitFor();
      const add = targets.getByRole('form', { name: 'Add a reach target' });
      await add.getByLabel('People a year').fill('ninety');
      await add.getByRole('button', { name: 'Save target' }).click();
      await add.getByText('Enter the number of people a year, a whole number above 0').first().waitFor();
      await add.getByLabel('People a year').fill('900');
      await add.getByLabel('Note (optional)').fill('Commissioning contract 2026');
      await add.getByRole('button', { name: 'Save target' }).click();
      await targets.getByRole('status').getByText('Reach target saved.').waitFor();
      const saved = targets.getByRole('form', { name: 'Whole programme' });
      await expect.poll(() => saved.getByLabel('People a year').inputValue()).toBe('900');
      await expectAccessible(page);

      await page
        .getByRole('navigation', { name: 'Insight dashboards' })
        .getByRole('link', { name: 'Demand', exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Demand' }).waitFor();
      const assumptions = page.getByRole('region', { name: 'Demand assumptions' });
      const addAssumption = assumptions.getByRole('form', { name: 'Add an assumption' });
      await addAssumption.getByLabel('Applies to').selectOption({ label: 'Haringey' });
      await addAssumption.getByLabel('Registered list size (people)').fill('12000');
      await addAssumption.getByLabel('Share of consultations for social problems (%)').fill('20');
      await addAssumption.getByLabel('Source of these figures').fill('NHS Digital list sizes, October 2026');
      await addAssumption.getByRole('button', { name: 'Save assumption' }).click();
      await assumptions.getByRole('status').getByText('Assumption saved.').waitFor();
      const haringeyForm = assumptions.getByRole('form', { name: 'Haringey' });
      await haringeyForm.getByText('Source: NHS Digital list sizes, October 2026').waitFor();
      await expectAccessible(page);
      expectNoPageProblems(problems);
    },
    browserJourneyTimeoutMs,
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function readDownload(download: {
  createReadStream: () => Promise<NodeJS.ReadableStream>;
}): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
