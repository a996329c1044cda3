// The equity panel against a hand-worked cohort. The test database holds the real London geography,
// so the fixture lives in a borough of its own (code E09000901, not a real one) with a small Census
// population and four LSOAs, one in each of IMD deciles 1, 2, 9 and 10, of 1,000 people each.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, referralEvents, referrals } from '../src/db/schema';
import type { Ethnicity, Sex } from '../src/vocabulary/demographics';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildPerson, buildProgramme, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
const borough = { code: 'E09000901', name: 'Equityshire' };

beforeAll(async () => {
  t = await startTestApp();
  await t.db.execute(
    sql`insert into boroughs (code, name, population) values (${borough.code}, ${borough.name}, 10000)`,
  );
  await t.db.execute(sql`insert into borough_population (borough_code, sex, age_band, population) values
    (${borough.code}, 'all', 'all', 10000), (${borough.code}, 'female', 'all', 6000),
    (${borough.code}, 'male', 'all', 4000), (${borough.code}, 'all', '75-84', 1000),
    (${borough.code}, 'all', '25-34', 2000)`);
  for (const [index, decile] of [1, 2, 9, 10].entries()) {
    await t.db.execute(sql`insert into lsoas (code, name, borough_code, imd_rank, imd_decile, income_decile,
        employment_decile, education_skills_decile, health_disability_decile, crime_decile,
        barriers_housing_services_decile, living_environment_decile, population, population_0_15,
        population_16_59, population_60_plus)
      values (${`E0199990${index}`}, ${`Equityshire 00${index}`}, ${borough.code}, ${decile * 3000}, ${decile},
        ${decile}, ${decile}, ${decile}, ${decile}, ${decile}, ${decile}, ${decile}, 1000, 200, 600, 200)`);
  }
});
afterAll(async () => {
  await t?.close();
});

type Someone = {
  decile: number | null;
  boroughCode?: string | null;
  sex?: Sex | null;
  ethnicity?: Ethnicity | null;
  language?: string | null;
  engaged?: boolean;
  completed?: boolean;
};

async function refer(programmeId: string, someone: Someone) {
  const person = await buildPerson(t.db, { programmeId });
  const lsoa = someone.decile === null ? null : `E0199990${[1, 2, 9, 10].indexOf(someone.decile)}`;
  await t.db
    .update(people)
    .set({
      boroughCode: someone.boroughCode === undefined ? borough.code : someone.boroughCode,
      lsoaCode: someone.boroughCode === undefined ? lsoa : null,
      imdDecile: someone.decile,
      sex: someone.sex ?? null,
      ethnicity: someone.ethnicity ?? null,
      language: someone.language ?? null,
    })
    .where(eq(people.id, person.id));
  const referral = await buildReferral(t.db, { programmeId, personId: person.id, status: 'accepted' });
  if (someone.engaged || someone.completed) {
    await t.db.insert(referralEvents).values({
      programmeId,
      referralId: referral.id,
      type: 'referral.in_progress',
      toStatus: 'in_progress',
      actorLabel: 'Test',
    });
  }
  if (someone.completed) {
    await t.db
      .update(referrals)
      .set({ status: 'completed', closureReason: 'connected_to_services', closedAt: new Date() })
      .where(eq(referrals.id, referral.id));
  }
}

/** Eight referrals: six from Equityshire (deciles 1, 1, 1, 2, 2, 9), one elsewhere, one unknown. */
async function seedCohort(programmeId: string) {
  const cohort: Someone[] = [
    {
      decile: 1,
      sex: 'female',
      ethnicity: 'black_caribbean',
      language: 'Turkish',
      engaged: true,
      completed: true,
    },
    { decile: 1, sex: 'female', ethnicity: 'black_african', language: 'Turkish', engaged: true },
    { decile: 1, sex: 'male', ethnicity: 'white_british' },
    { decile: 2, sex: 'male', engaged: true },
    { decile: 2, sex: null },
    { decile: 9, sex: 'prefer_not_to_say', ethnicity: 'prefer_not_to_say', completed: true },
    { decile: 5, boroughCode: 'E09000014', sex: 'female' },
    { decile: null, boroughCode: null },
  ];
  for (const someone of cohort) await refer(programmeId, someone);
}

async function coordinatorOf(programmeId: string) {
  const coordinator = await buildUser(t.db, { role: 'coordinator', programmeId });
  const http = new HttpClient(t.baseUrl);
  await http.signIn(coordinator.user.email, coordinator.password);
  return http;
}

const table = (panel: any, id: string) => panel.tables.find((candidate: any) => candidate.id === id);
const row = (panel: any, tableId: string, key: string) =>
  table(panel, tableId).rows.find((candidate: any) => candidate.key === key);
const values = (cells: Record<string, { value: number | null }>) =>
  Object.fromEntries(Object.entries(cells).map(([key, cell]) => [key, cell.value]));

describe('equity panel', () => {
  let panel: any;
  let programmeId: string;
  beforeAll(async () => {
    const programme = await buildProgramme(t.db, { areas: [borough.name] });
    programmeId = programme.id;
    await seedCohort(programme.id);
    const http = await coordinatorOf(programme.id);
    const response = await http.get('/api/insight/panels/equity');
    expect(response.status).toBe(200);
    panel = response.body;
    expect(panel.isSuppressed).toBe(false);
  });

  it('gives referral, engagement and completion rates per 1,000 by borough, with the unknown rows', () => {
    // Six referrals from Equityshire's 10,000 residents; four engaged, two completed.
    expect(values(row(panel, 'borough-rates', borough.code).cells)).toEqual({
      referred: 0.6,
      engaged: 0.4,
      completed: 0.2,
    });
    expect(table(panel, 'borough-rates').description).toContain('Census 2021');
    const shares = table(panel, 'borough-drop-off');
    expect(shares.rows.map((r: any) => r.key)).toEqual([borough.code, 'elsewhere', 'unknown']);
    expect(values(row(panel, 'borough-drop-off', 'unknown').cells)).toEqual({
      count: 1,
      referrals: 1 / 8,
      engaged: 0,
      completed: 0,
    });
    expect(row(panel, 'borough-drop-off', 'unknown').label).toBe('Unknown / outside London');
    expect(values(shares.total.cells)).toEqual({ count: 8, referrals: 1, engaged: 4 / 8, completed: 2 / 8 });
  });

  it('gives rates by IMD decile over the LSOA populations, and the two headline measures', () => {
    expect(row(panel, 'imd-decile-rates', '1').cells.referred.value).toBe(3);
    expect(row(panel, 'imd-decile-rates', '2').cells.referred.value).toBe(2);
    expect(row(panel, 'imd-decile-rates', '9').cells.referred.value).toBe(1);
    expect(row(panel, 'imd-decile-rates', '10').cells.referred.value).toBe(0);
    // No LSOA of decile 5 in the borough: no denominator, no rate.
    expect(row(panel, 'imd-decile-rates', '5').cells.referred.value).toBeNull();
    expect(values(row(panel, 'imd-decile-drop-off', '1').cells)).toEqual({
      count: 3,
      referrals: 3 / 8,
      engaged: 2 / 3,
      completed: 1 / 3,
    });
    expect(table(panel, 'imd-decile-rates').description).toContain('mid-2015');
    const [ratio, index] = panel.headlines;
    // (5 / 2,000) ÷ (1 / 2,000).
    expect(ratio).toMatchObject({ id: 'quintile-ratio', unit: 'index', cell: { value: 5 } });
    expect(ratio.method).toContain('deciles 1–2');
    // f = 1/4 each, rates .003 .002 .001 0, ranks 1/8 3/8 5/8 7/8, μ = .0015: C = −5/12.
    expect(index.id).toBe('concentration-index');
    expect(index.cell.value).toBeCloseTo(-5 / 12, 10);
    expect(index.method).toContain('population');
  });

  it('gives rates by age band and sex from the Census, people who did not say in the shares only', () => {
    // Born 12 April 1950: every referral this year is in the 75–84 band (1,000 residents).
    expect(row(panel, 'age-rates', '75-84').cells.referred.value).toBe(6);
    expect(row(panel, 'age-rates', '25-34').cells.referred.value).toBe(0);
    // Two women of 6,000; two men of 4,000.
    expect(row(panel, 'sex-rates', 'female').cells.referred.value).toBeCloseTo(1 / 3, 10);
    expect(row(panel, 'sex-rates', 'male').cells.referred.value).toBe(0.5);
    expect(row(panel, 'sex-drop-off', 'prefer_not_to_say').cells.referrals.value).toBe(1 / 8);
    // Not recorded (one) with the unknown area (one): the last row.
    expect(row(panel, 'sex-drop-off', 'unknown').cells.referrals.value).toBe(2 / 8);
  });

  it('compares ethnic groups, categories and languages internally, saying no denominator is used', () => {
    expect(values(row(panel, 'ethnic-group', 'black').cells)).toEqual({
      count: 2,
      referrals: 2 / 8,
      engaged: 1,
      completed: 1 / 2,
    });
    expect(row(panel, 'ethnic-group', 'not_recorded').cells.referrals.value).toBe(4 / 8);
    expect(row(panel, 'ethnicity', 'black_african').cells.referrals.value).toBe(1 / 8);
    expect(table(panel, 'ethnicity').rows).toHaveLength(21);
    expect(table(panel, 'ethnic-group').description).toContain('no population denominator');
    expect(row(panel, 'language', 'Turkish').cells.referrals.value).toBe(2 / 8);
  });

  it('narrows to one borough and hides small numbers from a commissioner', async () => {
    const http = await coordinatorOf(programmeId);
    const narrowed = await http.get(`/api/insight/panels/equity?borough=${borough.code}`);
    expect(narrowed.status).toBe(200);
    expect(table(narrowed.body, 'borough-drop-off').total.cells.referrals.value).toBe(1);
    expect(row(narrowed.body, 'borough-drop-off', 'unknown').cells.referrals.value).toBe(0);

    const icb = await buildOrganisation(t.db, { type: 'icb', borough: borough.name });
    const commissioner = await buildUser(t.db, { role: 'commissioner', organisationId: icb.id });
    const viewer = new HttpClient(t.baseUrl);
    await viewer.signIn(commissioner.user.email, commissioner.password);
    const suppressed = await viewer.get(`/api/insight/panels/equity?programmeId=${programmeId}`);
    expect(suppressed.status).toBe(200);
    expect(suppressed.body.isSuppressed).toBe(true);
    // No count of 1–4 anywhere, in rows or totals.
    for (const shown of suppressed.body.tables) {
      for (const column of shown.columns.filter((c: any) => (c.unit ?? shown.unit) === 'count')) {
        for (const cells of [...shown.rows.map((r: any) => r.cells), shown.total?.cells ?? {}]) {
          const value = cells[column.key]?.value;
          if (typeof value === 'number') expect(value === 0 || value >= 5).toBe(true);
        }
      }
    }
    // Three referrals in decile 1: never shown as a rate a viewer could multiply back.
    expect(row(suppressed.body, 'imd-decile-rates', '1').cells.referred).toMatchObject({
      value: null,
      suppressed: true,
    });
  });
});
