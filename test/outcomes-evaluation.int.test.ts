// Programme evaluation over real HTTP: the report for a seeded cohort equals the figures SciPy
// computed (test/fixtures/evaluation/generate.py), loss to follow-up warns, commissioners see only
// suppressed aggregates, other programmes get 404, the social-return calculator shows its
// assumptions, and the research export carries no direct identifier in any column.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, programmeCommissioners, programmes } from '../src/db/schema';
import { pseudonymFor } from '../src/outcomes/evaluation/research-export';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';
import { seedEvaluationCohort, type EvaluationFixturePerson } from './support/evaluation-cohort';

type Expected = Record<string, any>;
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/evaluation/cohort.json', import.meta.url), 'utf8'),
) as {
  people: EvaluationFixturePerson[];
  expected: {
    measures: Record<
      string,
      {
        paired: Expected;
        lossToFollowUp: Expected;
        improvement?: { n: number; improved: number; share: number };
      }
    >;
    healthServiceUse: Record<
      string,
      { gpAppointments: Expected; aeAttendances: Expected; withoutAfter: number }
    >;
  };
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // The export maps postcodes to boroughs; the test database has no geography loaded.
  await t.db.execute(sql`insert into postcodes (postcode, latitude, longitude, borough_code, lsoa_code)
    values ('N17 6HB', 51.5901, -0.0709, 'E09000014', 'E01002096') on conflict do nothing`);
});
afterAll(async () => {
  await t?.close();
});

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

async function signIn(member: { user: { email: string }; password: string }) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
}

/** Inserts the fixture's people, referrals, measures and health-service use into one programme. */
const seedCohort = (programmeId: string, cohort: readonly EvaluationFixturePerson[]) =>
  seedEvaluationCohort(t.db, programmeId, cohort);

function expectClose(actual: unknown, expected: number | null | undefined, label: string): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, label).toBeNull();
    return;
  }
  expect(actual, label).toBeTypeOf('number');
  const difference = Math.abs((actual as number) - expected);
  expect(difference, `${label}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected)),
  );
}

/** The report's paired change against generate.py's expected_for() output. */
function expectPairedChange(change: any, expected: any, label: string): void {
  expect(change.n, label).toBe(expected.n);
  for (const name of ['meanBefore', 'meanAfter', 'meanChange', 'sdChange'])
    expectClose(change[name], expected[name], `${label} ${name}`);
  expectClose(change.ci95?.[0], expected.ci95?.[0], `${label} ci95 lower`);
  expectClose(change.ci95?.[1], expected.ci95?.[1], `${label} ci95 upper`);
  expectClose(change.tTest?.t, expected.tTest?.t, `${label} t`);
  expectClose(change.tTest?.p, expected.tTest?.p, `${label} t-test p`);
  expectClose(change.effectSize.cohensDz, expected.cohensDz, `${label} d_z`);
  expectClose(change.effectSize.cohensDav, expected.cohensDav, `${label} d_av`);
  expectClose(change.effectSize.rankBiserial, expected.rankBiserial, `${label} rank-biserial`);
  if (expected.wilcoxon === null) {
    expect(change.wilcoxon, label).toBeNull();
    return;
  }
  expect(change.wilcoxon).toMatchObject({
    method: expected.wilcoxon.method,
    zerosDropped: expected.wilcoxon.zerosDropped,
    n: expected.wilcoxon.n,
  });
  for (const name of ['statistic', 'p', 'rPlus', 'rMinus'])
    expectClose(change.wilcoxon[name], expected.wilcoxon[name], `${label} Wilcoxon ${name}`);
}

let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
let seeded: { personId: string; referralId: string }[];
beforeAll(async () => {
  team = await buildProgrammeWithTeam(t.db);
  seeded = await seedCohort(team.programme.id, fixture.people);
});

describe('evaluation report: the coordinator’s full figures', () => {
  it('equals the SciPy figures for the seeded cohort, measure by measure', async () => {
    const coordinator = await signIn(team.coordinator);
    const response = await coordinator.get(`/api/programmes/${team.programme.id}/evaluation`);
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report.view).toBe('full');
    expect(report.cohort).toEqual({ referrals: 24, people: 24 });
    expect(report.measures.map((measure: { scoreId: string }) => measure.scoreId)).toEqual(
      Object.keys(fixture.expected.measures),
    );
    for (const [scoreId, expected] of Object.entries(fixture.expected.measures)) {
      const measure = report.measures.find((m: { scoreId: string }) => m.scoreId === scoreId);
      expectPairedChange(measure.change, expected.paired, scoreId);
      expect(measure.lossToFollowUp, scoreId).toMatchObject(expected.lossToFollowUp);
    }
    const anxiety = report.measures.find((m: { scoreId: string }) => m.scoreId === 'ons4.anxiety');
    expect(anxiety.direction).toBe('lower-is-better');
    expect(report.measures.find((m: { scoreId: string }) => m.scoreId === 'ucla3').direction).toBe(
      'lower-is-better',
    );

    const swemwbs = report.measures.find((m: { scoreId: string }) => m.scoreId === 'swemwbs');
    expect(swemwbs.improvement).toMatchObject({
      ...fixture.expected.measures.swemwbs!.improvement,
      minimumChange: 3,
      direction: 'higher-is-better',
    });
    expect(swemwbs.improvement.source).toMatch(/Shah et al/);
    expect(anxiety.improvement).toBeNull();

    for (const window of report.healthServiceUse.windows) {
      const expected = fixture.expected.healthServiceUse[String(window.windowMonths)]!;
      expectPairedChange(window.gpAppointments, expected.gpAppointments, `GP ${window.windowMonths}m`);
      expectPairedChange(window.aeAttendances, expected.aeAttendances, `A&E ${window.windowMonths}m`);
      expect(window.withoutAfter).toBe(expected.withoutAfter);
    }
    expect(report.healthServiceUse.caveat).toMatch(/not show that the programme caused/);

    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'evaluation.read'), eq(auditEvents.actorId, team.coordinator.user.id)),
      );
    expect(audit).toMatchObject({ entityType: 'programme', entityId: team.programme.id });
    expect(JSON.stringify(audit!.details)).not.toContain(seeded[0]!.personId);
  });

  it('counts loss to follow-up and warns when more than 20% are lost', async () => {
    const coordinator = await signIn(team.coordinator);
    const { body } = await coordinator.get(`/api/programmes/${team.programme.id}/evaluation`);
    const swemwbs = body.measures.find((m: { scoreId: string }) => m.scoreId === 'swemwbs');
    // 20 closed referrals are due a follow-up; 5 have none; the 4 open ones are not due yet.
    expect(swemwbs.lossToFollowUp).toMatchObject({ eligible: 20, paired: 15, lost: 5, isLarge: true });
    expect(swemwbs.lossToFollowUp.warning).toMatch(/^25% of people due a follow-up have none/);
    const lifeSatisfaction = body.measures.find(
      (m: { scoreId: string }) => m.scoreId === 'ons4.life_satisfaction',
    );
    expect(lifeSatisfaction.lossToFollowUp).toMatchObject({ eligible: 20, paired: 14, lost: 6 });
  });

  it('limits the cohort to referrals received in the period, and refuses a period that ends before it starts', async () => {
    const coordinator = await signIn(team.coordinator);
    const to = isoDay(daysAgo(100));
    const early = await coordinator.get(
      `/api/programmes/${team.programme.id}/evaluation?from=${isoDay(daysAgo(365))}&to=${to}`,
    );
    expect(early.status).toBe(200);
    expect(early.body.cohort.referrals).toBe(20);
    const backwards = await coordinator.get(
      `/api/programmes/${team.programme.id}/evaluation?from=${to}&to=${isoDay(daysAgo(200))}`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0]).toMatchObject({ field: 'from' });
  });
});

describe('evaluation report: who may see it', () => {
  it('shows commissioners aggregates only, with small groups suppressed and no person ids', async () => {
    // An ICB has no borough: it sees the programmes listed as commissioned by it, none before.
    const commissioner = await signIn(team.commissioner);
    const path = `/api/programmes/${team.programme.id}/evaluation`;
    expect((await commissioner.get(path)).status).toBe(404);
    await t.db
      .insert(programmeCommissioners)
      .values({ programmeId: team.programme.id, organisationId: team.commissioner.user.organisationId! });
    const response = await commissioner.get(path);
    expect(response.status).toBe(200);
    expect(response.body.view).toBe('aggregate');
    const ucla3 = response.body.measures.find((m: { scoreId: string }) => m.scoreId === 'ucla3');
    // 3 pairs: no count, no mean, no test.
    expect(ucla3.change).toMatchObject({
      n: null,
      meanChange: null,
      meanBefore: null,
      tTest: null,
      wilcoxon: null,
    });
    expect(ucla3.change.reasons.means).toBe('Based on fewer than 5 people');
    expect(ucla3.lossToFollowUp).toMatchObject({ eligible: 6, paired: null, lost: null, shareLost: null });
    const swemwbs = response.body.measures.find((m: { scoreId: string }) => m.scoreId === 'swemwbs');
    expectClose(swemwbs.change.meanChange, fixture.expected.measures.swemwbs!.paired.meanChange, 'swemwbs');
    // 3 of 15 improved: a group under 5, so neither the count nor the share is shown.
    expect(swemwbs.improvement).toMatchObject({ improved: null, share: null });
    expect(swemwbs.lossToFollowUp).toMatchObject({ eligible: 20, paired: 15, lost: 5, shareLost: 0.25 });
    const text = JSON.stringify(response.body);
    for (const { personId, referralId } of seeded) {
      expect(text).not.toContain(personId);
      expect(text).not.toContain(referralId);
    }
  });

  it('lets a borough commissioner see programmes in their borough only', async () => {
    const haringey = await buildOrganisation(t.db, { type: 'council', borough: 'Haringey' });
    const camden = await buildOrganisation(t.db, { type: 'council', borough: 'Camden' });
    const inArea = await signIn(await buildUser(t.db, { role: 'commissioner', organisationId: haringey.id }));
    const outOfArea = await signIn(
      await buildUser(t.db, { role: 'commissioner', organisationId: camden.id }),
    );
    const path = `/api/programmes/${team.programme.id}/evaluation`;
    expect((await inArea.get(path)).status).toBe(200);
    expect((await outOfArea.get(path)).status).toBe(404);
    expect((await inArea.get(`${path}/research-export.csv`)).status).toBe(403);
  });

  it('answers 404 to another programme’s coordinator, 403 to a link worker, 401 when signed out', async () => {
    const other = await buildProgrammeWithTeam(t.db);
    const path = `/api/programmes/${team.programme.id}/evaluation`;
    expect((await (await signIn(other.coordinator)).get(path)).status).toBe(404);
    expect((await (await signIn(other.coordinator)).get(`${path}/research-export.csv`)).status).toBe(404);
    expect((await (await signIn(team.linkWorker)).get(path)).status).toBe(403);
    expect((await (await signIn(team.referrer)).get(path)).status).toBe(404);
    expect((await new HttpClient(t.baseUrl).get(path)).status).toBe(401);
  });
});

describe('social return', () => {
  const programmeCost = {
    value: 2000,
    unit: 'GBP',
    source: 'Programme budget for the period',
    url: null,
    year: '2026/27',
    basis: 'local' as const,
  };

  it('uses the cohort’s figures, shows every assumption used, and accepts overrides', async () => {
    const coordinator = await signIn(team.coordinator);
    const gpCost = {
      ...programmeCost,
      value: 50,
      unit: 'GBP per GP appointment',
      source: 'Local practice costing',
    };
    const response = await coordinator.post(`/api/programmes/${team.programme.id}/evaluation/social-return`, {
      windowMonths: 3,
      programmeCost,
      assumptions: { gpAppointmentUnitCost: gpCost },
    });
    expect(response.status).toBe(200);
    const expectedGp = fixture.expected.healthServiceUse['3']!.gpAppointments as {
      n: number;
      meanChange: number;
    };
    expect(response.body.basis.people).toBe(expectedGp.n);
    const { result } = response.body;
    expectClose(
      result.components.gpAppointments.grossValue,
      expectedGp.n * -expectedGp.meanChange * 50,
      'GP value',
    );
    expect(result.assumptions.gpAppointmentUnitCost).toEqual(gpCost);
    expect(result.assumptions.wellbyValue).toMatchObject({ value: 13_000, basis: 'published' });
    expect(result.assumptions.programmeCost).toEqual(programmeCost);
    expect(result.components.wellbeing.label).toBe('Wellbeing (life satisfaction)');
    expect(result.caveats.join(' ')).toMatch(/comparison group/);
  });

  it('gives commissioners the result only when it rests on 5 people or more', async () => {
    await t.db
      .insert(programmeCommissioners)
      .values({ programmeId: team.programme.id, organisationId: team.commissioner.user.organisationId! })
      .onConflictDoNothing();
    const commissioner = await signIn(team.commissioner);
    const shown = await commissioner.post(`/api/programmes/${team.programme.id}/evaluation/social-return`, {
      windowMonths: 3,
      programmeCost,
    });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ view: 'aggregate', suppressedBecause: null, basis: { people: 12 } });
    expect(shown.body.result.ratio).toBeTypeOf('number');

    const small = await buildProgrammeWithTeam(t.db);
    await seedCohort(small.programme.id, fixture.people.slice(0, 3));
    await t.db
      .insert(programmeCommissioners)
      .values({ programmeId: small.programme.id, organisationId: team.commissioner.user.organisationId! });
    const hidden = await commissioner.post(`/api/programmes/${small.programme.id}/evaluation/social-return`, {
      windowMonths: 3,
      programmeCost,
    });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({
      result: null,
      suppressedBecause: 'Based on fewer than 5 people',
      basis: { people: null, meanChangeGpAppointments: null },
    });
  });

  it('refuses an impossible assumption with a problem naming the field', async () => {
    const coordinator = await signIn(team.coordinator);
    const response = await coordinator.post(`/api/programmes/${team.programme.id}/evaluation/social-return`, {
      programmeCost,
      assumptions: { deadweight: { ...programmeCost, value: 1.5, unit: 'share (0–1)' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'assumptions' });
  });
});

describe('research export', () => {
  const exportPath = (programmeId: string) => `/api/programmes/${programmeId}/evaluation/research-export.csv`;
  const readExport = async (http: HttpClient, programmeId: string) => {
    const response = await http.get(exportPath(programmeId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    return parse<Record<string, string>>(response.body as string, { columns: true });
  };

  it('contains no direct identifier in any column of any row', async () => {
    const coordinator = await signIn(team.coordinator);
    const rows = await readExport(coordinator, team.programme.id);
    expect(rows.length).toBeGreaterThan(100);
    expect(Object.keys(rows[0]!)).toEqual([
      'pseudonymous_id',
      'age_band',
      'borough_code',
      'referral_month',
      'referral_status',
      'closure_reason',
      'timepoint',
      'months_since_referral',
      'instrument',
      'instrument_version',
      'score',
      'score_kind',
      'value',
      'is_complete',
    ]);
    const forbidden = fixture.people.flatMap((person) =>
      [
        person.givenName,
        person.familyName,
        person.nhsNumber,
        person.dateOfBirth,
        person.postcode,
        person.postcode.replace(' ', ''),
        person.email,
        person.phone,
        person.addressLine,
        person.referral.reasonText,
        person.referral.statusNote,
        person.referral.outcomeSummary,
      ].filter((value): value is string => value !== null),
    );
    const ids = seeded.flatMap(({ personId, referralId }) => [personId, referralId]);
    const found: string[] = [];
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        for (const value of [...forbidden, ...ids])
          if (cell.includes(value)) found.push(`${column} contains "${value}"`);
      }
    }
    expect(found).toEqual([]);
    expect(new Set(rows.map((row) => row.borough_code))).toEqual(new Set(['E09000014']));
    expect(rows.every((row) => /^\d{4}-\d{2}$/.test(row.referral_month!))).toBe(true);
    expect(rows.every((row) => /^(\d{2}-\d{2}|90\+|unknown)$/.test(row.age_band!))).toBe(true);
    expect(new Set(rows.map((row) => row.pseudonymous_id)).size).toBe(24);

    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'evaluation.research_export'),
          eq(auditEvents.actorId, team.coordinator.user.id),
        ),
      );
    expect(audit?.details).toMatchObject({ rows: rows.length, people: 24 });
  });

  it('keeps pseudonyms stable between exports and different in another programme', async () => {
    const coordinator = await signIn(team.coordinator);
    const first = await readExport(coordinator, team.programme.id);
    const second = await readExport(coordinator, team.programme.id);
    expect(second.map((row) => row.pseudonymous_id)).toEqual(first.map((row) => row.pseudonymous_id));
    // Keyed by the programme's stored key, not a per-process secret: a restart or a second instance
    // gives the same pseudonyms.
    const [stored] = await t.db
      .select({ key: programmes.researchPseudonymKey })
      .from(programmes)
      .where(eq(programmes.id, team.programme.id));
    expect(stored!.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.map((row) => row.pseudonymous_id)).toContain(
      pseudonymFor(Buffer.from(stored!.key!, 'hex'), team.programme.id, seeded[0]!.personId),
    );

    // The same person registered in another programme is not linkable across the two exports.
    const other = await buildProgrammeWithTeam(t.db);
    await seedCohort(other.programme.id, fixture.people.slice(0, 3));
    const otherRows = await readExport(await signIn(other.coordinator), other.programme.id);
    const ours = new Set(first.map((row) => row.pseudonymous_id));
    expect(otherRows.length).toBeGreaterThan(0);
    expect(otherRows.some((row) => ours.has(row.pseudonymous_id))).toBe(false);
    const key = Buffer.alloc(32, 7);
    const personId = seeded[0]!.personId;
    expect(pseudonymFor(key, team.programme.id, personId)).toBe(
      pseudonymFor(key, team.programme.id, personId),
    );
    expect(pseudonymFor(key, team.programme.id, personId)).not.toBe(
      pseudonymFor(key, other.programme.id, personId),
    );
  });
});

describe('OpenAPI document', () => {
  it('describes the evaluation endpoints', async () => {
    const doc = await new HttpClient(t.baseUrl).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    for (const path of [
      '/api/programmes/{id}/evaluation',
      '/api/programmes/{id}/evaluation/social-return',
      '/api/programmes/{id}/evaluation/research-export.csv',
    ]) {
      expect(doc.body.paths[path], path).toBeDefined();
    }
    expect(doc.body.paths['/api/programmes/{id}/evaluation'].get.tags).toEqual(['evaluation']);
  });
});
