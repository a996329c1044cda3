// Link worker casework in a real browser. A link worker picks a referral up from the triage queue,
// accepts it, records a telephone contact that reached the person, saves an assessment, searches
// the directory from the plan builder and refers the person to a service, then finds it among the
// case's onward referrals; the timeline shows each step. A coordinator sees the caseloads and
// assigns a referral. axe checks every page on the way.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { loadGeography } from '../../src/geo/load-geography';
import { onwardReferrals, referrals } from '../../src/db/schema';
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
import { buildPerson, buildProgrammeWithTeam, buildService } from '../support/factories';
import { buildOnwardReferral, buildReferral } from '../support/referral-factories';

describeInBrowser('link worker casework (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
  let serviceId: string;

  beforeAll(async () => {
    await ensureWebBuild();
    [app, browser] = await Promise.all([startTestApp({ serveWeb: true }), launchBrowser()]);
    const postcode = await fetch(`${app.baseUrl}/api/postcodes/N17%206HB`);
    if (postcode.status === 404) await loadGeography(app.db);
    team = await buildProgrammeWithTeam(app.db);
    serviceId = await buildService(app.db, {
      name: 'Bruce Grove Befriending',
      description: 'A volunteer phones you every week for a chat.',
      organisationId: team.providerStaff.user.organisationId!,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor();
  const timelineEntries = (page: Page) => page.locator('.lw-timeline__title').allInnerTexts();

  it('a link worker picks up, accepts, contacts, assesses and refers the person on', async () => {
    const person = await buildPerson(app.db, {
      programmeId: team.programme.id,
      givenName: 'Maud',
      familyName: 'Okafor',
    });
    const referral = await buildReferral(app.db, {
      programmeId: team.programme.id,
      personId: person.id,
      needs: ['loneliness'],
      referringOrganisationId: team.referrer.user.organisationId,
      referrerUserId: team.referrer.user.id,
    });
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);

    // Home: live counts, the queue has Maud's referral.
    await heading(page, 'My caseload');
    const queueCount = page.getByRole('link', { name: /Waiting in the triage queue/ });
    await expect.poll(() => queueCount.innerText(), { timeout: 8_000 }).toMatch(/^1\s/);
    await expectAccessible(page);

    // The triage queue: pick the referral up.
    await page.getByRole('link', { name: 'Triage queue', exact: true }).click();
    await heading(page, 'Triage queue');
    await page.getByText('1 referral waiting').waitFor();
    await page
      .getByRole('cell', { name: /Loneliness and isolation/ })
      .first()
      .waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Pick up.*Maud Okafor$/ }).click();

    // The record: picked up, now accept it.
    await heading(page, 'Maud Okafor');
    await page.getByText(`You picked up referral ${referral.reference}`).waitFor();
    await page.locator('.lw-casework-tags').getByText('New', { exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByText('Referral accepted.').waitFor();
    await page.locator('.lw-casework-tags').getByText('Accepted', { exact: true }).waitFor();

    // Record a telephone contact that reached the person: the mode starts on telephone.
    await page.getByRole('link', { name: 'Record a contact' }).click();
    await heading(page, 'Record a contact');
    expect(await page.getByLabel('Telephone').isChecked()).toBe(true);
    await expectAccessible(page);
    // Saving without an outcome: the error summary links to the field.
    await page.getByRole('button', { name: 'Save the contact' }).click();
    await page.getByRole('link', { name: 'Choose what happened' }).waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await expectAccessible(page);
    await page.getByLabel('Spoke to the person').check();
    await page.getByLabel('How long, in minutes (optional)').fill('20');
    await page.getByLabel('Note (optional)').fill('Talked about the lunch club she used to go to.');
    await page.getByRole('button', { name: 'Save the contact' }).click();
    await heading(page, 'Maud Okafor');
    await page.getByText('Contact saved: Spoke to the person.').waitFor();
    await page.locator('.lw-casework-tags').getByText('In progress', { exact: true }).waitFor();
    await page.getByRole('cell', { name: /Talked about the lunch club/ }).waitFor();

    // The assessment, in her words; the referral's need is already chosen.
    await page.getByRole('link', { name: 'Record the assessment' }).click();
    await heading(page, 'Assessment');
    expect(await page.getByRole('checkbox', { name: 'Loneliness and isolation' }).isChecked()).toBe(true);
    await expectAccessible(page);
    await page
      .getByLabel('What matters to the person')
      .fill('Having someone to talk to in the week, and getting out of the flat.');
    await page
      .getByRole('group', { name: 'Priority of Loneliness and isolation' })
      .getByLabel('High')
      .check();
    await page.getByLabel('Goal', { exact: true }).fill('Go out to meet people once a week');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save the assessment' }).click();
    await heading(page, 'Maud Okafor');
    await page.getByText('Assessment saved.').waitFor();
    await page.getByText('Having someone to talk to in the week').waitFor();

    // The plan: history first, then a search pre-filled with her need and postcode.
    await page.getByRole('link', { name: 'Plan: history and finding services' }).click();
    await heading(page, 'Plan');
    await page.getByText('The person has not been referred to any service before.').waitFor();
    expect(await page.getByLabel('Near postcode').inputValue()).toBe('N17 6HB');
    const result = page.locator('li', {
      has: page.getByRole('heading', { name: 'Bruce Grove Befriending' }),
    });
    await result.waitFor();
    await expectAccessible(page);
    await result.getByRole('button', { name: /^Refer to this service.*Bruce Grove Befriending$/ }).click();
    await result.getByLabel('Note to the provider (optional)').fill('Prefers a call in the morning.');
    await expectAccessible(page);
    await result.getByRole('button', { name: /^Send the referral/ }).click();

    // Back on the case: the onward referral, and every step on the timeline.
    await heading(page, 'Maud Okafor');
    await page.getByText('Referred to Bruce Grove Befriending.').waitFor();
    const onward = page.locator('table', {
      has: page.getByRole('link', { name: 'Bruce Grove Befriending' }),
    });
    await onward.locator('strong.nhsuk-tag').getByText('Sent', { exact: true }).waitFor();
    const entries = await timelineEntries(page);
    expect(entries).toEqual(
      expect.arrayContaining([
        'Assigned to a link worker',
        'Accepted',
        'First contact made',
        'Assessment saved',
        'Referred to a service',
      ]),
    );
    expect(entries.indexOf('Accepted')).toBeLessThan(entries.indexOf('First contact made'));
    expect(entries.indexOf('Assessment saved')).toBeLessThan(entries.indexOf('Referred to a service'));
    await expectAccessible(page);
    await page.screenshot({ path: '.test-tmp/casework-record.png', fullPage: true });

    // The database agrees: one onward referral to the service, sent; the referral in progress.
    const [stored] = await app.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(stored!.status).toBe('in_progress');
    expect(stored!.assignedLinkWorkerId).toBe(team.linkWorker.user.id);
    const sent = await app.db
      .select()
      .from(onwardReferrals)
      .where(eq(onwardReferrals.referralId, referral.id));
    expect(sent.map((row) => [row.serviceId, row.status])).toEqual([[serviceId, 'sent']]);

    // The caseload and the tasks list show the case.
    await page.goto('/casework/caseload');
    await heading(page, 'My caseload');
    await page.getByRole('link', { name: 'Maud Okafor' }).waitFor();
    await expectAccessible(page);
    await page.goto('/casework/tasks?when=all');
    await heading(page, 'Tasks');
    await page.locator('table').getByRole('link', { name: 'Maud Okafor' }).first().waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Mark as done.*Baseline wellbeing measure due$/ }).click();
    await page.getByText('Done: Baseline wellbeing measure due.').waitFor();
    expectNoPageProblems(problems);
    await context.close();
  });

  it('a coordinator sees caseloads and assigns a referral from the queue to a link worker', async () => {
    const person = await buildPerson(app.db, {
      programmeId: team.programme.id,
      givenName: 'Iris',
      familyName: 'Mensah',
    });
    const referral = await buildReferral(app.db, {
      programmeId: team.programme.id,
      personId: person.id,
      needs: ['money_debt'],
    });
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.coordinator.user.email, team.coordinator.password);
    await heading(page, 'Programme overview');
    const caseloads = page.getByRole('table', { name: 'Open cases and overdue tasks per link worker' });
    await caseloads.getByRole('link', { name: team.otherLinkWorker.user.name }).waitFor();
    // Waiting times: the queue now, and medians (none yet in this fresh programme).
    await page
      .getByText(
        /(referrals? (is|are) waiting to be picked up)\. (The longest has|It has) waited (\d+ days?|less than a day)/i,
      )
      .waitFor();
    expect(await page.getByText(/waited 0 days/).count()).toBe(0);
    await page.getByText('Referral to acceptance').waitFor();
    await page.getByText('First contact within 5 working days').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Triage queue', exact: true }).click();
    await heading(page, 'Triage queue');
    await page.getByRole('link', { name: /^Assign.*Iris Mensah$/ }).click();
    await heading(page, 'Assign to a link worker');
    await expectAccessible(page);
    // Each link worker is offered with their open cases, so the work can be spread (issue 17).
    const otherOption = `${team.otherLinkWorker.user.name} – 0 open cases`;
    await page.getByRole('option', { name: otherOption }).waitFor({ state: 'attached' });
    await page.getByLabel('Link worker').selectOption({ label: otherOption });
    await page.getByRole('button', { name: 'Assign' }).click();
    await heading(page, 'Iris Mensah');
    await page.getByText(`The case is assigned to ${team.otherLinkWorker.user.name}.`).waitFor();
    const [stored] = await app.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(stored!.assignedLinkWorkerId).toBe(team.otherLinkWorker.user.id);

    await page.goto(`/casework/all?linkWorkerId=${team.otherLinkWorker.user.id}`);
    await heading(page, 'All referrals');
    await page.getByRole('link', { name: 'Iris Mensah' }).waitFor();
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
  });

  it('a link worker opening a case not on their caseload gives a reason first', async () => {
    const referral = await buildReferral(app.db, {
      programmeId: team.programme.id,
      status: 'in_progress',
      assignedLinkWorkerId: team.otherLinkWorker.user.id,
    });
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);
    await page.goto(`/casework/referrals/${referral.id}`);
    await heading(page, 'Why do you need to open this record?');
    await expectAccessible(page);
    await page.getByLabel('Your reason').fill('Covering for a colleague on leave');
    await page.getByRole('button', { name: 'Open the record' }).click();
    await page.getByText(`Referral ${referral.reference}`).waitFor();
    expect(page.url()).toContain('reason=Covering');
    await page
      .getByText('You opened this record with the reason: Covering for a colleague on leave')
      .waitFor();
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
  });

  it('after three unanswered calls the case offers closing as unable to contact', async () => {
    const referral = await buildReferral(app.db, {
      programmeId: team.programme.id,
      status: 'accepted',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);
    await page.goto(`/casework/referrals/${referral.id}`);
    await page.getByText(`Referral ${referral.reference}`).waitFor();
    // A task of the link worker's own, due next week.
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByText('Add a task').click();
    await page.getByLabel('What needs doing').fill('Try the landline number from the GP');
    await page.getByLabel('Due date').fill(nextWeek);
    await page.getByRole('button', { name: 'Add the task' }).click();
    await page.getByText('Task added: Try the landline number from the GP.').waitFor();
    await page.getByRole('cell', { name: 'Try the landline number from the GP', exact: true }).waitFor();
    await expectAccessible(page);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.getByRole('link', { name: 'Record a contact' }).click();
      await heading(page, 'Record a contact');
      await page.getByLabel('No answer').check();
      await page.getByRole('button', { name: 'Save the contact' }).click();
      await page.getByText(`Referral ${referral.reference}`).waitFor();
      await page
        .getByRole('cell', { name: 'No answer' })
        .nth(attempt - 1)
        .waitFor();
      expect(await page.getByRole('link', { name: 'Close as unable to contact' }).count()).toBe(
        attempt === 3 ? 1 : 0,
      );
    }
    await page.getByText('3 contact attempts in a row went unanswered.').waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Close as unable to contact' }).click();
    await heading(page, 'Close the case');
    expect(await page.getByLabel('Unable to contact').isChecked()).toBe(true);
    await page
      .getByLabel('Outcome summary for the referrer (optional)')
      .fill('We tried three times by phone and could not reach her.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Close the case' }).click();
    await page.getByText(`Case ${referral.reference} is closed.`).waitFor();
    await page.locator('.lw-casework-tags').getByText('Closed', { exact: true }).waitFor();
    const [stored] = await app.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect([stored!.status, stored!.closureReason]).toEqual(['completed', 'unable_to_contact']);
    expectNoPageProblems(problems);
    await context.close();
  });

  it('referring someone again to a service that declined them asks why, then records it', async () => {
    const referral = await buildReferral(app.db, {
      programmeId: team.programme.id,
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const earlier = await buildOnwardReferral(app.db, {
      referral,
      serviceId,
      providerOrganisationId: team.providerStaff.user.organisationId!,
    });
    await app.db
      .update(onwardReferrals)
      .set({ status: 'declined', declineReason: 'not_eligible' })
      .where(eq(onwardReferrals.id, earlier.id));
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);
    await page.goto(`/casework/referrals/${referral.id}/plan`);
    await heading(page, 'Plan');
    // The history shows the earlier decline before any search result.
    const history = page.getByRole('table', { name: 'Services the person was referred to' });
    await history.getByText('Not eligible for the service').waitFor();
    // A need nothing nearby can meet is recorded for the gap analysis.
    await page.getByLabel('Need', { exact: true }).selectOption('loneliness');
    await page.getByLabel('No places available').check();
    await page.getByRole('button', { name: 'Record the unmet need' }).click();
    await page.getByText('Unmet need recorded: Loneliness and isolation.').waitFor();
    await expectAccessible(page);
    const result = page.locator('li', {
      has: page.getByRole('heading', { name: 'Bruce Grove Befriending' }),
    });
    await result.getByRole('button', { name: /^Refer to this service.*Bruce Grove Befriending$/ }).click();
    await result.getByRole('button', { name: /^Send the referral/ }).click();
    await result.getByText('The person has been referred to Bruce Grove Befriending before').waitFor();
    await result.getByText(/Declined \(declined before\)/).waitFor();
    await expectAccessible(page);
    await result.getByLabel('Why refer them again?').fill('She now lives alone and qualifies.');
    await result.getByRole('button', { name: /^Refer again/ }).click();
    await page.getByText('Referred to Bruce Grove Befriending.').waitFor();
    const rows = await app.db
      .select()
      .from(onwardReferrals)
      .where(eq(onwardReferrals.referralId, referral.id));
    expect(rows.map((row) => row.status).sort()).toEqual(['declined', 'sent']);
    expectNoPageProblems(problems);
    await context.close();
  });

  it('a link worker does not accept a referral, with the reason, and puts a case on hold and back', async () => {
    const queued = await buildReferral(app.db, { programmeId: team.programme.id });
    const active = await buildReferral(app.db, {
      programmeId: team.programme.id,
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const { context, page, problems } = await openPage(browser, app.baseUrl);
    await signInWithBrowser(page, team.linkWorker.user.email, team.linkWorker.password);

    await page.goto(`/casework/referrals/${queued.id}`);
    await page.getByText(`Referral ${queued.reference}`).waitFor();
    await page.getByRole('link', { name: 'Do not accept this referral' }).click();
    await heading(page, 'Do not accept this referral');
    await page.getByRole('button', { name: 'Do not accept' }).click();
    await page.getByRole('link', { name: 'Choose why the referral is not accepted' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Lives outside the programme's area").check();
    await page.getByRole('button', { name: 'Do not accept' }).click();
    // Back to the queue (the referral has left it).
    await heading(page, 'Triage queue');
    await page.getByText(`Referral ${queued.reference} was not accepted.`).waitFor();
    const [rejected] = await app.db.select().from(referrals).where(eq(referrals.id, queued.id));
    expect([rejected!.status, rejected!.rejectionReason]).toEqual(['rejected', 'out_of_area']);

    await page.goto(`/casework/referrals/${active.id}`);
    await page.getByText(`Referral ${active.reference}`).waitFor();
    await page.getByRole('button', { name: 'Put on hold' }).click();
    await page.locator('.lw-casework-tags').getByText('On hold', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('.lw-casework-tags').getByText('In progress', { exact: true }).waitFor();
    const entries = await timelineEntries(page);
    expect(entries).toEqual(['Put on hold', 'Resumed']);
    await expectAccessible(page);
    expectNoPageProblems(problems);
    await context.close();
  });
});
