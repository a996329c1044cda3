// The closed referral loop (docs/DESIGN.md §3), driven through the real web app by its four roles in turn,
// with nothing done behind the UI's back between the steps: a GP refers → a link worker picks it
// up, accepts, reaches the person, assesses and refers them on from the plan page → the provider
// accepts and records the first session → the GP sees what happened without asking (and has been
// sent a message at each step) → the link worker closes the case → the GP sees it closed with the
// outcome. The factories only set the scene: the programme, its people, one directory service.
// axe checks every page visited; each role's part ends with no console errors or failed requests.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadGeography } from '../../src/geo/load-geography';
import { notifications, onwardReferrals, referrals } from '../../src/db/schema';
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
import { buildProgrammeWithTeam, buildService } from '../support/factories';

type Team = Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
type Member = Team['referrer'];

const person = { givenName: 'Winifred', familyName: 'Loopington', phone: '07700 900123' };
const fullName = `${person.givenName} ${person.familyName}`;
const serviceName = 'Bruce Grove Befriending';
const outcomeSummary = 'Goes to a weekly befriending group and has made friends there.';

describeInBrowser('the closed referral loop through the four roles (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Team;
  let serviceId: string;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    // The postcode routes the referral to the programme and centres the plan's directory search.
    const postcode = await fetch(`${app.baseUrl}/api/postcodes/N17%206HB`);
    if (postcode.status === 404) await loadGeography(app.db);
    team = await buildProgrammeWithTeam(app.db);
    // A service run by the provider staff user's own organisation, so their inbox receives it.
    serviceId = await buildService(app.db, {
      name: serviceName,
      description: 'A volunteer phones you every week for a chat, and there is a monthly tea.',
      organisationId: team.providerStaff.user.organisationId!,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor();

  /** The text of a summary list row, found by its key's exact words. */
  const summaryValue = async (page: Page, key: string) => {
    const keyCell = page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) });
    const row = page.locator('.nhsuk-summary-list__row', { has: keyCell });
    return (await row.locator('dd').first().innerText()).trim();
  };

  /** A fresh browser context per role, signed in through the real sign-in page. */
  const signInAs = async (member: Member) => {
    const opened = await openPage(browser, app.baseUrl);
    await signInWithBrowser(opened.page, member.user.email, member.password);
    return opened;
  };

  /** The referrer's flowback messages in the outbox, in the order they were queued. */
  const referrerMessages = async () =>
    app.db
      .select({
        subject: notifications.subject,
        body: notifications.body,
        channel: notifications.channel,
      })
      .from(notifications)
      .where(
        and(
          eq(notifications.recipient, team.referrer.user.email),
          eq(notifications.template, 'referral_update'),
        ),
      )
      .orderBy(asc(notifications.sequence));

  // 1. The GP refers Winifred with the quick referral form. Returns the reference.
  async function referrerRefers(): Promise<string> {
    const { context, page, problems } = await signInAs(team.referrer);
    await heading(page, 'Referrals from your organisation');
    await expectAccessible(page);
    await page.locator('#maincontent').getByRole('link', { name: 'Refer someone' }).click();
    await heading(page, 'Refer someone to social prescribing');
    await expectAccessible(page);
    await page.getByLabel('First name', { exact: true }).fill(person.givenName);
    await page.getByLabel('Last name', { exact: true }).fill(person.familyName);
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('6');
    await page.getByLabel('Year').fill('1941');
    await page.getByLabel('Postcode where they live').fill('N17 6HB');
    await page.getByLabel('Phone number (optional)').fill(person.phone);
    await page.getByLabel('Loneliness and isolation').check();
    await page
      .getByLabel('Reason for referral')
      .fill('Widowed last year; rarely leaves the flat and says she is lonely.');
    await page.getByLabel('The person agrees to this referral').check();
    const sharing = page.getByRole('group', { name: /Do they agree to share details/ });
    await sharing.getByLabel('Yes').check();
    await page.getByLabel('Contact details (phone, email, best times)').check();
    // Updates by email is the default for a referrer; the address defaults to their account's.
    expect(await page.getByLabel('By email').isChecked()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send referral' }).click();

    await heading(page, 'Referral sent');
    const reference = await summaryValue(page, 'Reference');
    expect(reference).toMatch(/^LW-[A-Z0-9]+$/);
    await page.getByText(`Your referral ${reference} was received.`).waitFor();
    expect(await summaryValue(page, 'Sent to')).toBe(team.programme.name);
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
    return reference;
  }

  // 2. The link worker picks it up, accepts, reaches Winifred, assesses and refers her on.
  async function linkWorkerWorksTheCase(reference: string): Promise<void> {
    const { context, page, problems } = await signInAs(team.linkWorker);
    await heading(page, 'My caseload');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Triage queue', exact: true }).click();
    await heading(page, 'Triage queue');
    await page.getByRole('row', { name: new RegExp(fullName) }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: new RegExp(`^Pick up.*${fullName}$`) }).click();

    await heading(page, fullName);
    await page.getByText(`You picked up referral ${reference}`).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByText('Referral accepted.').waitFor();
    await page.locator('.lw-casework-tags').getByText('Accepted', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Record a contact' }).click();
    await heading(page, 'Record a contact');
    await page.getByLabel('Telephone').check();
    await page.getByLabel('Spoke to the person').check();
    await page.getByLabel('Note (optional)').fill('Talked about the tea dances she used to go to.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save the contact' }).click();
    await heading(page, fullName);
    await page.getByText('Contact saved: Spoke to the person.').waitFor();
    await page.locator('.lw-casework-tags').getByText('In progress', { exact: true }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Record the assessment' }).click();
    await heading(page, 'Assessment');
    expect(await page.getByRole('checkbox', { name: 'Loneliness and isolation' }).isChecked()).toBe(true);
    await page
      .getByLabel('What matters to the person')
      .fill('Having someone to talk to in the week, and getting out of the flat.');
    await page
      .getByRole('group', { name: 'Priority of Loneliness and isolation' })
      .getByLabel('High')
      .check();
    await page.getByLabel('Goal', { exact: true }).fill('Meet people once a week');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save the assessment' }).click();
    await heading(page, fullName);
    await page.getByText('Assessment saved.').waitFor();

    await page.getByRole('link', { name: 'Plan: history and finding services' }).click();
    await heading(page, 'Plan');
    await page.getByText('The person has not been referred to any service before.').waitFor();
    const result = page.locator('li', { has: page.getByRole('heading', { name: serviceName }) });
    await result.waitFor();
    await expectAccessible(page);
    await result.getByRole('button', { name: new RegExp(`^Refer to this service.*${serviceName}$`) }).click();
    await result.getByLabel('Note to the provider (optional)').fill('She prefers a call in the morning.');
    await expectAccessible(page);
    await result.getByRole('button', { name: /^Send the referral/ }).click();

    await heading(page, fullName);
    await page.getByText(`Referred to ${serviceName}.`).waitFor();
    const onward = page.locator('table', { has: page.getByRole('link', { name: serviceName }) });
    await onward.locator('strong.nhsuk-tag').getByText('Sent', { exact: true }).waitFor();
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
  }

  // 3. The provider finds it in the inbox, sees only what Winifred agreed to share, accepts it and
  // records her first session.
  async function providerAcceptsAndRecordsAttendance(): Promise<void> {
    const { context, page, problems } = await signInAs(team.providerStaff);
    await heading(page, 'Referrals to your services');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Your referrals inbox' }).click();
    await heading(page, 'Referrals to your services');
    const row = page.getByRole('row', { name: new RegExp(serviceName) });
    await row.getByText('New', { exact: true }).waitFor();
    await expectAccessible(page);
    await row.getByRole('link', { name: `${person.givenName} referred to ${serviceName}` }).click();
    await heading(page, `${person.givenName}, referred to ${serviceName}`);

    // Contact details were shared; nothing else about her was.
    const phone = await summaryValue(page, 'Phone');
    expect(phone.replace(/\s/g, '')).toBe(person.phone.replace(/\s/g, ''));
    await page.getByText('She prefers a call in the morning.').waitFor();
    for (const hidden of ['Date of birth', 'Address', 'Reason for referral', 'What they need help with']) {
      expect(await page.getByText(hidden, { exact: true }).count(), hidden).toBe(0);
    }
    expect(await page.getByText(person.familyName).count()).toBe(0);
    expect(await page.getByText('Widowed last year').count()).toBe(0);
    expect(await page.getByText('tea dances').count()).toBe(0);
    await expectAccessible(page);

    await page.getByLabel('Accept', { exact: true }).check();
    await page.getByRole('button', { name: 'Save answer' }).click();
    await page.getByText(`You accepted the referral for ${person.givenName}.`).waitFor();
    await page.locator('.nhsuk-tag', { hasText: 'Accepted' }).waitFor();
    await expectAccessible(page);

    // The first session she attended: she has started, which connects her to the service.
    await page.getByRole('button', { name: 'Use today’s date' }).click();
    await page.getByLabel('Attended', { exact: true }).check();
    await page.getByRole('button', { name: 'Record attendance' }).click();
    await page.getByText(/The session on .* is recorded\./).waitFor();
    await page.locator('.nhsuk-tag', { hasText: 'Started' }).waitFor();
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
  }

  // 4. and 6. The GP opens the organisation's referrals and the referral itself.
  async function referrerFollowsUp(
    reference: string,
    expected: { status: string; events: string[]; rows: [key: string, value: string][] },
  ): Promise<void> {
    const { context, page, problems } = await signInAs(team.referrer);
    await heading(page, 'Referrals from your organisation');
    await page.locator('#maincontent').getByRole('link', { name: 'Your organisation’s referrals' }).click();
    await heading(page, 'Your organisation’s referrals');
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByText(expected.status, { exact: true }).waitFor();
    await expectAccessible(page);
    await row.getByRole('link', { name: fullName }).click();
    await heading(page, `Referral for ${fullName}`);
    await page.locator('.nhsuk-tag', { hasText: expected.status }).first().waitFor();
    const timeline = page.locator('.lw-referral-timeline > li');
    await timeline.filter({ hasText: expected.events.at(-1)! }).waitFor();
    const events = (await timeline.locator('strong').allInnerTexts()).map((text) => text.trim());
    expect(events).toEqual(expect.arrayContaining(expected.events));
    for (const [key, value] of expected.rows) expect(await summaryValue(page, key), key).toBe(value);
    // The link worker's notes stay with the link worker.
    expect(await page.getByText('tea dances').count()).toBe(0);
    // Nothing to cancel once the link worker team has accepted it.
    expect(await page.getByRole('button', { name: 'Cancel referral' }).count()).toBe(0);
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
  }

  // 5. The link worker closes the case with a reason and an outcome summary for the referrer.
  async function linkWorkerClosesTheCase(reference: string): Promise<void> {
    const { context, page, problems } = await signInAs(team.linkWorker);
    await heading(page, 'My caseload');
    await page.getByRole('link', { name: 'Caseload', exact: true }).click();
    await heading(page, 'My caseload');
    await expectAccessible(page);
    await page.getByRole('link', { name: fullName }).click();
    await heading(page, fullName);
    await page.getByRole('link', { name: 'Close the case' }).click();
    await heading(page, 'Close the case');
    await page.getByLabel('Connected to services').check();
    await page.getByLabel('Outcome summary for the referrer (optional)').fill(outcomeSummary);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Close the case' }).click();
    await page.getByText(`Case ${reference} is closed.`).waitFor();
    await page.locator('.lw-casework-tags').getByText('Closed', { exact: true }).waitFor();
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
  }

  it(
    'runs from the GP’s referral to closure, each role in the real UI, the referrer told at every step',
    // Four roles, six sign-ins and about thirty pages: minutes, not seconds, on a shared machine.
    { timeout: 300_000 },
    async () => {
      const reference = await referrerRefers();
      const [made] = await app.db.select().from(referrals).where(eq(referrals.reference, reference));
      expect([made!.programmeId, made!.status]).toEqual([team.programme.id, 'received']);

      await linkWorkerWorksTheCase(reference);
      const sent = await app.db
        .select()
        .from(onwardReferrals)
        .where(eq(onwardReferrals.referralId, made!.id));
      expect(sent.map((row) => [row.serviceId, row.status])).toEqual([[serviceId, 'sent']]);

      await providerAcceptsAndRecordsAttendance();

      await referrerFollowsUp(reference, {
        status: 'In progress',
        events: [
          'Referral received',
          'Accepted by the link worker team',
          'First contact with a link worker',
          'Connected to a service',
        ],
        // The kind of support (the service's top-level term), not the service or the provider.
        rows: [['Connected to', 'Connected']],
      });
      // The referrer was also told by email at each step (by default, to their account's address).
      const subjects = [
        `Linkwell referral ${reference} was accepted by the link worker team`,
        `Linkwell referral ${reference} has had its first contact with a link worker`,
        `Linkwell referral ${reference} has been connected to a service`,
      ];
      const toldSoFar = await referrerMessages();
      expect(toldSoFar.map((message) => [message.channel, message.subject])).toEqual(
        subjects.map((subject) => ['email', subject]),
      );
      expect(toldSoFar[2]!.body).toContain('Kind of support: Connected.');

      await linkWorkerClosesTheCase(reference);
      await referrerFollowsUp(reference, {
        status: 'Closed',
        events: ['Connected to a service', 'Closed'],
        rows: [
          ['Why it was closed', 'The person was connected to services'],
          ['Outcome', outcomeSummary],
        ],
      });
      const told = await referrerMessages();
      expect(told.map((message) => message.subject)).toEqual([
        ...subjects,
        `Linkwell referral ${reference} is complete`,
      ]);
      expect(told.at(-1)!.body).toContain(`Summary: ${outcomeSummary}`);
      // Messages carry the reference and what happened, never who the person is.
      const wording = told.map((message) => `${message.subject}\n${message.body}`).join('\n');
      expect(wording).not.toContain(person.givenName);
      expect(wording).not.toContain(person.familyName);
      const [closed] = await app.db.select().from(referrals).where(eq(referrals.id, made!.id));
      expect([closed!.status, closed!.closureReason]).toEqual(['completed', 'connected_to_services']);
    },
  );
});
