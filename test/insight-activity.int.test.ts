// The activity and data-quality panels over real HTTP, for a hand-worked cohort of 15 referrals in
// January–March 2026 (facts filled by the database's triggers): the coordinator sees every figure;
// a commissioner sees the same tables with no count of 1–4 and no hidden count recoverable from a
// total; the CSV and PDF answer for the right roles only and never carry a person's name, NHS number
// or referral reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  measures,
  onwardReferrals,
  people,
  programmeCommissioners,
  referralEvents,
  referrals,
} from '../src/db/schema';
import type { ClosureReason, RejectionReason, SourceType } from '../src/vocabulary/referral';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildService } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';
import { textRuns } from './support/pdf-text';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function signIn(member: { user: { email: string }; password: string }) {
  const http = new HttpClient(t.baseUrl);
  expect((await http.signIn(member.user.email, member.password)).status).toBe(200);
  return http;
}

type Spec = {
  /** Monday the referral arrived (accepted the same day at 10:00 UTC when accepted). */
  received: string;
  source: SourceType;
  organisation: 'gp1' | 'gp2' | null;
  rejected?: RejectionReason;
  /** Working days from acceptance to first contact (Monday + n weekdays). */
  contactAfter?: number;
  engaged?: boolean;
  connected?: boolean;
  closed?: ClosureReason;
  consentToShare?: boolean;
  hasPostcode?: boolean;
  ethnicity?: boolean;
  baseline?: boolean;
};

/** Calendar days after a Monday for n working days (n ≤ 10). */
const calendarDaysFor = (workingDays: number) => workingDays + 2 * Math.floor((workingDays - 1) / 5);
const at = (day: string, hour: number, plusDays = 0) => {
  const date = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date;
};

// 15 referrals: GP1 8 (January), self 4 (February), GP2 3 (March).
//   rejected 3 (GP1: 2 not appropriate; GP2: 1 needs clinical care) → accepted 12
//   first contact 10, after 1,1,2,2,3,3,4,5,6,10 working days → median 3, within 5 days 8 (80%)
//   engaged 7, connected 5, completed 3 of those (+1 engaged but not connected, +1 unable to contact)
//   consent to share 12, postcode 13, ethnicity 6, baseline 5
const cohort: Spec[] = [
  {
    received: '2026-01-05',
    source: 'gp_practice',
    organisation: 'gp1',
    contactAfter: 1,
    engaged: true,
    connected: true,
    closed: 'goals_met',
    ethnicity: true,
    baseline: true,
  },
  {
    received: '2026-01-05',
    source: 'gp_practice',
    organisation: 'gp1',
    contactAfter: 1,
    engaged: true,
    connected: true,
    closed: 'goals_met',
    ethnicity: true,
    baseline: true,
  },
  {
    received: '2026-01-05',
    source: 'gp_practice',
    organisation: 'gp1',
    contactAfter: 2,
    engaged: true,
    connected: true,
    closed: 'goals_met',
    ethnicity: true,
    baseline: true,
  },
  {
    received: '2026-01-05',
    source: 'gp_practice',
    organisation: 'gp1',
    contactAfter: 2,
    engaged: true,
    connected: true,
    ethnicity: true,
    baseline: true,
  },
  {
    received: '2026-01-05',
    source: 'gp_practice',
    organisation: 'gp1',
    contactAfter: 3,
    engaged: true,
    connected: true,
    ethnicity: true,
    baseline: true,
  },
  {
    received: '2026-01-05',
    source: 'gp_practice',
    organisation: 'gp1',
    contactAfter: 3,
    engaged: true,
    closed: 'goals_met',
    ethnicity: true,
  },
  {
    received: '2026-01-05',
    source: 'gp_practice',
    organisation: 'gp1',
    rejected: 'not_appropriate',
    consentToShare: false,
  },
  {
    received: '2026-01-05',
    source: 'gp_practice',
    organisation: 'gp1',
    rejected: 'not_appropriate',
    consentToShare: false,
    hasPostcode: false,
  },
  { received: '2026-02-02', source: 'self', organisation: null, contactAfter: 4, engaged: true },
  { received: '2026-02-02', source: 'self', organisation: null, contactAfter: 5 },
  { received: '2026-02-02', source: 'self', organisation: null, contactAfter: 6 },
  { received: '2026-02-02', source: 'self', organisation: null, contactAfter: 10 },
  { received: '2026-03-02', source: 'gp_practice', organisation: 'gp2', closed: 'unable_to_contact' },
  { received: '2026-03-02', source: 'gp_practice', organisation: 'gp2' },
  {
    received: '2026-03-02',
    source: 'gp_practice',
    organisation: 'gp2',
    rejected: 'needs_clinical_care',
    consentToShare: false,
    hasPostcode: false,
  },
];

const period = 'from=2026-01-01&to=2026-03-31';
const secretNames = { givenName: 'Zebedee', familyName: 'Quarrington-Insight' };

async function seedCohort() {
  const team = await buildProgrammeWithTeam(t.db);
  const gp1 = await buildOrganisation(t.db, { type: 'gp_practice', name: 'Bruce Grove Practice' });
  const gp2 = await buildOrganisation(t.db, { type: 'gp_practice', name: 'Tottenham Health Centre' });
  const provider = await buildOrganisation(t.db, { type: 'vcse', name: 'Haringey Walking Club' });
  const serviceId = await buildService(t.db, { organisationId: provider.id, name: 'Wednesday walks' });
  const made: (typeof referrals.$inferSelect)[] = [];
  for (const spec of cohort) {
    const organisationId = spec.organisation === 'gp1' ? gp1.id : spec.organisation === 'gp2' ? gp2.id : null;
    const referral = await buildReferral(t.db, {
      programmeId: team.programme.id,
      referringOrganisationId: organisationId,
      consentToShare: spec.consentToShare ?? true,
      assignedLinkWorkerId: spec.rejected ? null : team.linkWorker.user.id,
    });
    await t.db
      .update(people)
      .set({
        ...secretNames,
        nhsNumber: null,
        postcode: spec.hasPostcode === false ? null : 'N17 6HB',
        ethnicity: spec.ethnicity ? 'white_british' : null,
      })
      .where(eq(people.id, referral.personId));
    const isAccepted = !spec.rejected;
    const isCompleted = spec.closed !== undefined;
    await t.db
      .update(referrals)
      .set({
        receivedAt: at(spec.received, 9),
        sourceType: spec.source,
        status: spec.rejected
          ? 'rejected'
          : isCompleted
            ? 'completed'
            : spec.engaged
              ? 'in_progress'
              : 'accepted',
        acceptedAt: isAccepted ? at(spec.received, 10) : null,
        firstContactAt:
          spec.contactAfter === undefined ? null : at(spec.received, 11, calendarDaysFor(spec.contactAfter)),
        rejectionReason: spec.rejected ?? null,
        closureReason: spec.closed ?? null,
        closedAt: spec.rejected ? at(spec.received, 12) : isCompleted ? at(spec.received, 12, 40) : null,
      })
      .where(eq(referrals.id, referral.id));
    const event = {
      programmeId: team.programme.id,
      referralId: referral.id,
      actorLabel: 'Test',
      occurredAt: at(spec.received, 12, 20),
    };
    if (spec.engaged)
      await t.db
        .insert(referralEvents)
        .values({ ...event, type: 'referral.started', toStatus: 'in_progress' });
    if (spec.connected) {
      const [onward] = await t.db
        .insert(onwardReferrals)
        .values({
          programmeId: team.programme.id,
          referralId: referral.id,
          personId: referral.personId,
          serviceId,
          providerOrganisationId: provider.id,
          needs: ['loneliness'],
          status: 'accepted',
          sentAt: at(spec.received, 12, 21),
          respondedAt: at(spec.received, 12, 23),
        })
        .returning();
      await t.db
        .insert(referralEvents)
        .values({ ...event, onwardReferralId: onward!.id, type: 'onward.accepted', toStatus: 'accepted' });
    }
    if (spec.baseline)
      await t.db.insert(measures).values({
        programmeId: team.programme.id,
        referralId: referral.id,
        personId: referral.personId,
        instrumentKey: 'ons4',
        instrumentVersion: '1',
        timepoint: 'baseline',
        completedOn: spec.received,
        answers: {},
        isComplete: true,
        source: 'link_worker',
      });
    made.push(referral);
  }
  return { team, gp1, gp2, references: made.map((referral) => referral.reference) };
}

type Table = {
  id: string;
  columns: { key: string }[];
  rows: { key: string; label: string; cells: Record<string, any> }[];
  total?: { cells: Record<string, any> };
};
const tableOf = (panel: { tables: Table[] }, id: string) => panel.tables.find((table) => table.id === id)!;
const values = (table: Table, column: string) =>
  Object.fromEntries(table.rows.map((row) => [row.key, row.cells[column]?.value ?? null]));

/** No figure of 1–4 is shown anywhere in a suppressed response (targets and services aside). */
function expectNoSmallCounts(panel: { tables: Table[]; headlines: { cell: any }[] }) {
  for (const table of panel.tables) {
    if (table.id === 'reach' || table.id === 'unverified-services') continue;
    const unitOf = (key: string) =>
      (table as any).columns.find((c: any) => c.key === key)?.unit ?? (table as any).unit;
    for (const row of [...table.rows, ...(table.total ? [table.total] : [])])
      for (const [key, cell] of Object.entries(row.cells))
        if (unitOf(key) === 'count' && typeof cell.value === 'number' && cell.value >= 1 && cell.value <= 4)
          expect.fail(`${table.id}.${key} shows ${cell.value} to an aggregate-only viewer`);
  }
}

/** In every total row and 'total' column, never exactly one hidden cell (it would be total − the rest). */
function expectNoSingleHiddenInTotals(table: Table) {
  const hidden = (cell: any) => cell?.suppressed === true;
  if (table.total) {
    for (const column of table.columns) {
      if (table.total.cells[column.key] === undefined) continue;
      const members = [table.total.cells[column.key], ...table.rows.map((row) => row.cells[column.key])];
      expect({ table: table.id, column: column.key, hidden: members.filter(hidden).length }).not.toEqual({
        table: table.id,
        column: column.key,
        hidden: 1,
      });
    }
  }
  if (table.columns.some((column) => column.key === 'total')) {
    for (const row of [...table.rows, ...(table.total ? [{ key: 'total', ...table.total }] : [])]) {
      const members = table.columns
        .filter((column) => column.key !== 'share')
        .map((column) => row.cells[column.key])
        .filter((cell) => cell !== undefined);
      expect({ table: table.id, row: (row as any).key, hidden: members.filter(hidden).length }).not.toEqual({
        table: table.id,
        row: (row as any).key,
        hidden: 1,
      });
    }
  }
}

describe('Insight activity panel', () => {
  it('gives the coordinator the hand-worked figures in full', async () => {
    const { team, gp1, gp2 } = await seedCohort();
    const http = await signIn(team.coordinator);
    const response = await http.get(`/api/insight/panels/activity?${period}`);
    expect(response.status).toBe(200);
    const panel = response.body;
    expect(panel.isSuppressed).toBe(false);
    expect(panel.filters).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      programmeId: null,
      borough: null,
      source: null,
    });

    const byMonth = tableOf(panel, 'by-month-source');
    expect(byMonth.columns.map((column) => column.key)).toEqual(['gp_practice', 'self', 'total']);
    expect(values(byMonth, 'gp_practice')).toEqual({ '2026-01': 8, '2026-02': 0, '2026-03': 3 });
    expect(values(byMonth, 'self')).toEqual({ '2026-01': 0, '2026-02': 4, '2026-03': 0 });
    expect(byMonth.total!.cells).toEqual({
      gp_practice: { value: 11 },
      self: { value: 4 },
      total: { value: 15 },
    });

    expect(values(tableOf(panel, 'by-organisation'), 'referrals')).toEqual({
      [gp1.id]: 8,
      [gp2.id]: 3,
      none: 4,
    });

    const funnel = tableOf(panel, 'funnel');
    expect(values(funnel, 'count')).toEqual({
      received: 15,
      accepted: 12,
      first_contact: 10,
      engaged: 7,
      connected: 5,
      completed: 3,
    });
    expect(values(funnel, 'dropped')).toEqual({
      received: null,
      accepted: 3,
      first_contact: 2,
      engaged: 3,
      connected: 2,
      completed: 2,
    });
    expect(values(funnel, 'share').accepted).toBeCloseTo(12 / 15, 12);

    const rejections = tableOf(panel, 'rejection-reasons');
    expect(values(rejections, 'referrals')).toMatchObject({
      not_appropriate: 2,
      needs_clinical_care: 1,
      ineligible: 0,
    });
    expect(rejections.total!.cells.referrals.value).toBe(3);
    const closures = tableOf(panel, 'closure-reasons');
    expect(values(closures, 'referrals')).toMatchObject({ goals_met: 4, unable_to_contact: 1 });

    const firstContact = tableOf(panel, 'first-contact');
    expect(firstContact.rows[0]!.cells).toEqual({
      contacted: { value: 10 },
      median: { value: 3 },
      target: { value: 5 },
      within: { value: 0.8 },
    });
    expect(panel.headlines.find((h: any) => h.id === 'median-first-contact').cell).toEqual({ value: 3 });

    const caseloads = tableOf(panel, 'caseloads');
    // Open today: accepted, contacting, in progress or on hold (not completed or rejected): 7.
    expect(caseloads.rows).toEqual([
      { key: team.linkWorker.user.id, label: team.linkWorker.user.name, cells: { open: { value: 7 } } },
    ]);

    const inappropriate = tableOf(panel, 'inappropriate');
    expect(inappropriate.rows.map((row) => [row.key, row.cells.total.value])).toEqual([
      [gp1.id, 2],
      [gp2.id, 1],
    ]);
    expect(values(tableOf(panel, 'onward-by-service'), 'sent')).toMatchObject({});
    expect(tableOf(panel, 'onward-by-service').total!.cells).toEqual({
      sent: { value: 5 },
      accepted: { value: 5 },
    });

    // Filters narrow: self-referrals only.
    const self = await http.get(`/api/insight/panels/activity?${period}&source=self`);
    expect(values(tableOf(self.body, 'funnel'), 'count').received).toBe(4);
  });

  it('gives a commissioner the same tables with small numbers suppressed and none recoverable by subtraction', async () => {
    const { team } = await seedCohort();
    await t.db
      .insert(programmeCommissioners)
      .values({ programmeId: team.programme.id, organisationId: team.commissioner.user.organisationId! });
    const http = await signIn(team.commissioner);
    const response = await http.get(
      `/api/insight/panels/activity?${period}&programmeId=${team.programme.id}`,
    );
    expect(response.status).toBe(200);
    const panel = response.body;
    expect(panel.isSuppressed).toBe(true);
    expectNoSmallCounts(panel);
    for (const table of panel.tables) expectNoSingleHiddenInTotals(table);

    // The funnel, worked by hand: every drop-off is 2 or 3 (hidden); 15 − 12 would give the 3 back,
    // so 12 goes; 10 − 7 likewise, so 7 goes; completed 3 is small. 15, 10 and 5 stay.
    const funnel = tableOf(panel, 'funnel');
    expect(values(funnel, 'count')).toEqual({
      received: 15,
      accepted: null,
      first_contact: 10,
      engaged: null,
      connected: 5,
      completed: null,
    });
    expect(Object.values(values(funnel, 'dropped')).every((value) => value === null)).toBe(true);
    expect(values(funnel, 'share').engaged).toBeNull();

    // Months × sources: February's 4 self-referrals and March's 3 are hidden, and so is enough else
    // that neither can be worked out from the row, column or table totals.
    const byMonth = tableOf(panel, 'by-month-source');
    expect(byMonth.rows.find((row) => row.key === '2026-02')!.cells.self).toMatchObject({ suppressed: true });
    expect(byMonth.rows.find((row) => row.key === '2026-03')!.cells.gp_practice).toMatchObject({
      suppressed: true,
    });

    // Link workers are numbered, never named, outside the programme's team.
    const caseloads = tableOf(panel, 'caseloads');
    expect(caseloads.rows.map((row) => row.label)).toEqual(['Link worker 1']);
    expect(JSON.stringify(panel)).not.toContain(team.linkWorker.user.name);
  });

  it('serves CSV and PDF only to those who may see the panel, without names, NHS numbers or references', async () => {
    const { team, references } = await seedCohort();
    await t.db
      .update(people)
      .set({ nhsNumber: '9434765919' })
      .where(eq(people.givenName, secretNames.givenName));
    await t.db
      .insert(programmeCommissioners)
      .values({ programmeId: team.programme.id, organisationId: team.commissioner.user.organisationId! });
    const forbidden = [
      secretNames.familyName,
      secretNames.givenName,
      '9434765919',
      '943 476 5919',
      ...references,
    ];
    for (const member of [team.coordinator, team.commissioner, team.regionalCommissioner]) {
      const http = await signIn(member);
      const csv = await http.get(
        `/api/insight/panels/activity/csv?${period}&table=funnel&programmeId=${team.programme.id}`,
      );
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const text = csv.body as string;
      expect(text.split('\r\n')[0]).toBe('# From referral to completion');
      for (const secret of forbidden) expect(text).not.toContain(secret);
      const caseloads = await http.get(
        `/api/insight/panels/activity/csv?${period}&table=caseloads&programmeId=${team.programme.id}`,
      );
      if (member !== team.coordinator) {
        expect(caseloads.body).not.toContain(team.linkWorker.user.name);
        expect(text).toContain('suppressed');
      }
      const pdf = await fetch(
        `${t.baseUrl}/api/insight/report.pdf?${period}&programmeId=${team.programme.id}`,
        {
          headers: { cookie: http.cookie! },
        },
      );
      expect(pdf.status).toBe(200);
      const bytes = Buffer.from(await pdf.arrayBuffer());
      expect(bytes.toString('latin1').startsWith('%PDF')).toBe(true);
      // The text as drawn (pdfkit writes it hex-encoded, so the raw bytes would hide a name).
      const printed = textRuns(bytes).join('\n');
      expect(printed).toContain('From referral to completion');
      for (const secret of forbidden) expect(printed).not.toContain(secret);
      // The programme's own coordinator sees the team by name: proof the check can see a name.
      if (member === team.coordinator) expect(printed).toContain(team.linkWorker.user.name);
      else expect(printed).not.toContain(team.linkWorker.user.name);
    }
    const unknownTable = await (
      await signIn(team.coordinator)
    ).get(`/api/insight/panels/activity/csv?${period}&table=nope`);
    expect(unknownTable.status).toBe(404);
    for (const member of [team.linkWorker, team.referrer, team.buddy, team.providerStaff]) {
      const http = await signIn(member);
      expect((await http.get(`/api/insight/panels/activity/csv?${period}&table=funnel`)).status).toBe(403);
      expect((await http.get(`/api/insight/panels/activity?${period}`)).status).toBe(403);
      expect((await http.get(`/api/insight/report.pdf?${period}`)).status).toBe(403);
    }
  });
});

describe('Insight data-quality panel', () => {
  it('shares of referrals with consent, postcode, ethnicity and a baseline measure', async () => {
    const { team } = await seedCohort();
    const http = await signIn(team.coordinator);
    const response = await http.get(`/api/insight/panels/data-quality?${period}`);
    expect(response.status).toBe(200);
    const recording = tableOf(response.body, 'recording');
    expect(values(recording, 'recorded')).toEqual({
      consent_to_share: 12,
      postcode: 13,
      ethnicity: 6,
      baseline_measure: 5,
    });
    expect(values(recording, 'missing')).toEqual({
      consent_to_share: 3,
      postcode: 2,
      ethnicity: 9,
      baseline_measure: 10,
    });
    expect(values(recording, 'share').ethnicity).toBeCloseTo(6 / 15, 12);
    const services = tableOf(response.body, 'unverified-services');
    expect(services.rows).toHaveLength(1);

    await t.db
      .insert(programmeCommissioners)
      .values({ programmeId: team.programme.id, organisationId: team.commissioner.user.organisationId! });
    const commissioner = await signIn(team.commissioner);
    const suppressed = await commissioner.get(
      `/api/insight/panels/data-quality?${period}&programmeId=${team.programme.id}`,
    );
    const seen = tableOf(suppressed.body, 'recording');
    // 3 and 2 missing are small; with the row total shown, the recorded figures go with them.
    expect(values(seen, 'recorded')).toEqual({
      consent_to_share: null,
      postcode: null,
      ethnicity: 6,
      baseline_measure: 5,
    });
    expect(values(seen, 'missing')).toEqual({
      consent_to_share: null,
      postcode: null,
      ethnicity: 9,
      baseline_measure: 10,
    });
    expect(values(seen, 'share')).toMatchObject({ consent_to_share: null, postcode: null });
  });
});
