// The evaluation report as a PDF: a coordinator downloads it, others get the report's own
// refusals, and a commissioner's PDF carries the suppressed view ("fewer than 5"), never the count.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, programmeCommissioners } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { seedEvaluationCohort } from './support/evaluation-cohort';
import { buildOrganisation, buildProgrammeWithTeam, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';
import { textRuns } from './support/pdf-text';

let t: TestApp;
let team: Awaited<ReturnType<typeof buildProgrammeWithTeam>>;
beforeAll(async () => {
  t = await startTestApp();
  team = await buildProgrammeWithTeam(t.db);
  // The team's commissioner is an ICB's: it sees the programmes listed as commissioned by it.
  await t.db
    .insert(programmeCommissioners)
    .values({ programmeId: team.programme.id, organisationId: team.commissioner.user.organisationId! });
  await seedEvaluationCohort(t.db, team.programme.id);
});
afterAll(async () => {
  await t?.close();
});

async function signIn(member: { user: { email: string }; password: string }) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
}

const pdfPath = () => `/api/programmes/${team.programme.id}/evaluation/report.pdf`;

/** The raw bytes: the test client reads bodies as text, which would mangle a PDF. */
async function download(http: HttpClient, path: string) {
  const response = await fetch(t.baseUrl + path, { headers: http.cookie ? { cookie: http.cookie } : {} });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** All the text, lines joined: a phrase wrapped over two lines still reads as one. */
const fullText = (runs: string[]) => runs.join(' ').replace(/\s+/g, ' ');

/** The value printed after a label, in the section headed `section` (its last mention: the chart names it first). */
function valueAfter(runs: string[], section: string, label: string): string | undefined {
  const start = runs.lastIndexOf(section);
  const at = runs.findIndex((run, index) => index > start && run === label);
  return start < 0 || at < 0 ? undefined : runs[at + 1];
}

describe('evaluation report PDF', () => {
  it('gives the coordinator the full report as an attachment', async () => {
    const coordinator = await signIn(team.coordinator);
    const report = (await coordinator.get(`/api/programmes/${team.programme.id}/evaluation`)).body;
    const ucla = report.measures.find((measure: { scoreId: string }) => measure.scoreId === 'ucla3');
    expect(ucla.change.n).toBe(3);

    const { response, bytes } = await download(coordinator, pdfPath());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="linkwell-evaluation-.+\.pdf"$/,
    );
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const runs = textRuns(bytes);
    expect(fullText(runs)).toContain(`Evaluation report: ${team.programme.name}`);
    expect(fullText(runs)).toContain('Observational, not causal.');
    expect(valueAfter(runs, ucla.label, 'People with both scores (n)')).toBe('3');

    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'evaluation.read'), eq(auditEvents.actorId, team.coordinator.user.id)),
      );
    expect(audits.map((audit) => (audit.details as { format?: string }).format)).toContain('pdf');
  });

  it('gives a commissioner the suppressed view: "fewer than 5", never the small count', async () => {
    const commissioner = await signIn(team.commissioner);
    const report = (await commissioner.get(`/api/programmes/${team.programme.id}/evaluation`)).body;
    const ucla = report.measures.find((measure: { scoreId: string }) => measure.scoreId === 'ucla3');
    expect(ucla.change.n).toBeNull();

    const { response, bytes } = await download(commissioner, pdfPath());
    expect(response.status).toBe(200);
    const runs = textRuns(bytes);
    expect(fullText(runs)).toContain('Aggregate: figures about fewer than 5 people are not shown');
    expect(valueAfter(runs, ucla.label, 'People with both scores (n)')).toMatch(/^fewer than 5/);
    expect(valueAfter(runs, ucla.label, 'Mean before')).toMatch(/^fewer than 5/);
  });

  it('answers 404 outside the programme or area, 403 inside it, 401 signed out', async () => {
    const other = await buildProgrammeWithTeam(t.db);
    const camden = await buildOrganisation(t.db, { type: 'council', borough: 'Camden' });
    const outOfArea = await buildUser(t.db, { role: 'commissioner', organisationId: camden.id });
    expect((await download(await signIn(other.coordinator), pdfPath())).response.status).toBe(404);
    expect((await download(await signIn(outOfArea), pdfPath())).response.status).toBe(404);
    expect((await download(await signIn(team.referrer), pdfPath())).response.status).toBe(404);
    expect((await download(await signIn(team.linkWorker), pdfPath())).response.status).toBe(403);
    expect((await download(new HttpClient(t.baseUrl), pdfPath())).response.status).toBe(401);
  });
});
