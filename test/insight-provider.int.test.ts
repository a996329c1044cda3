// A provider's evidence over real HTTP (GET /api/insight/provider): only its own organisation's
// services, always suppressed (hand-worked: a service sent 2 referrals is hidden, and so is the other
// service's figure that would give it back from the total), the outcome change only with 5 pairs,
// and every other role refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendances, measures, onwardReferrals } from '../src/db/schema';
import type { DeclineReason, OnwardReferralStatus } from '../src/vocabulary/onward';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildService, buildUser } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

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

const sentAt = new Date('2026-02-02T10:00:00Z');
const daysLater = (days: number) => new Date(sentAt.getTime() + days * 86_400_000);
const period = 'from=2026-01-01&to=2026-03-31';

async function seed() {
  const team = await buildProgrammeWithTeam(t.db);
  const provider = team.providerStaff.user.organisationId!;
  const walks = await buildService(t.db, { organisationId: provider, name: 'Wednesday walks' });
  const choir = await buildService(t.db, { organisationId: provider, name: 'Community choir' });
  const elsewhere = await buildOrganisation(t.db, { type: 'vcse', name: 'Another charity' });
  const other = await buildService(t.db, { organisationId: elsewhere.id, name: 'Someone else’s service' });
  async function send(
    serviceId: string,
    organisationId: string,
    status: OnwardReferralStatus,
    extra: { declineReason?: DeclineReason; attended?: boolean; scores?: [number, number] } = {},
  ) {
    const referral = await buildReferral(t.db, { programmeId: team.programme.id, status: 'in_progress' });
    const [onward] = await t.db
      .insert(onwardReferrals)
      .values({
        programmeId: team.programme.id,
        referralId: referral.id,
        personId: referral.personId,
        serviceId,
        providerOrganisationId: organisationId,
        needs: ['loneliness'],
        status,
        declineReason: extra.declineReason ?? null,
        sentAt,
        respondedAt: status === 'sent' ? null : daysLater(2),
      })
      .returning();
    if (extra.attended)
      await t.db.insert(attendances).values({
        programmeId: team.programme.id,
        onwardReferralId: onward!.id,
        sessionOn: '2026-02-11',
        status: 'attended',
      });
    if (extra.scores) {
      for (const [timepoint, score, day] of [
        ['baseline', extra.scores[0], '2026-01-20'],
        ['review', extra.scores[1], '2026-03-20'],
      ] as const)
        await t.db.insert(measures).values({
          programmeId: team.programme.id,
          referralId: referral.id,
          personId: referral.personId,
          instrumentKey: 'ons4',
          instrumentVersion: '1',
          timepoint,
          completedOn: day,
          answers: {},
          rawTotal: score,
          isComplete: true,
          source: 'link_worker',
        });
    }
  }
  // Walks: 7 sent; 5 completed after attending (scores 10→15, 12→15, 14→20, 16→18, 18→22: mean
  // change +4), 1 accepted, 1 declined (full). Choir: 2 declined (not eligible). Elsewhere: 3.
  const scores: [number, number][] = [
    [10, 15],
    [12, 15],
    [14, 20],
    [16, 18],
    [18, 22],
  ];
  for (const pair of scores) await send(walks, provider, 'completed', { attended: true, scores: pair });
  await send(walks, provider, 'accepted');
  await send(walks, provider, 'declined', { declineReason: 'at_capacity' });
  await send(choir, provider, 'declined', { declineReason: 'not_eligible' });
  await send(choir, provider, 'declined', { declineReason: 'not_eligible' });
  for (let index = 0; index < 3; index += 1) await send(other, elsewhere.id, 'accepted');
  return { team, walks, choir, other };
}

describe('Insight provider evidence', () => {
  it('shows a provider its own services only, suppressed, with the outcome change from 5 pairs', async () => {
    const { team, walks, choir, other } = await seed();
    const http = await signIn(team.providerStaff);
    const response = await http.get(`/api/insight/provider?${period}`);
    expect(response.status).toBe(200);
    const panel = response.body;
    expect(panel.isSuppressed).toBe(true);
    expect(panel.programmes).toEqual([{ id: team.programme.id, name: team.programme.name }]);
    const services = panel.tables.find((table: any) => table.id === 'services');
    expect(services.rows.map((row: any) => row.key).sort()).toEqual([walks, choir].sort());
    expect(JSON.stringify(panel)).not.toContain(other);
    const walksRow = services.rows.find((row: any) => row.key === walks).cells;
    const choirRow = services.rows.find((row: any) => row.key === choir).cells;
    // Choir's 2 is small; walks' 7 would give it back from the total 9, so it goes too.
    expect(choirRow.referred).toMatchObject({ suppressed: true });
    expect(walksRow.referred).toMatchObject({ suppressed: true });
    expect(services.total.cells.referred).toEqual({ value: 9 });
    expect(walksRow.accepted).toEqual({ value: 6 });
    expect(walksRow.attended).toEqual({ value: 5 });
    expect(walksRow.completed).toEqual({ value: 5 });
    expect(walksRow.reply).toEqual({ value: 2 });
    expect(choirRow.reply).toMatchObject({ suppressed: true });
    const declines = panel.tables.find((table: any) => table.id === 'decline-reasons');
    expect(declines.total.cells.total).toMatchObject({ suppressed: true });
    const outcomes = panel.tables.find((table: any) => table.id === 'outcomes');
    expect(outcomes.rows).toEqual([
      {
        key: 'ons4',
        label: 'ONS4',
        cells: { pairs: { value: 5 }, before: { value: 14 }, after: { value: 18 }, change: { value: 4 } },
      },
    ]);
  });

  it('downloads a table of the evidence as CSV, suppressed, with no one’s name or reference', async () => {
    const { team } = await seed();
    const http = await signIn(team.providerStaff);
    const csv = await http.get(`/api/insight/provider/csv?${period}&table=services`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe('# Referrals to your services');
    expect(lines).toContain('Community choir,<5,0,0,0,suppressed');
    expect(csv.body).not.toMatch(/LW-T[0-9A-F]{8}/);
    expect(csv.body).not.toContain('Person-');
    expect((await http.get(`/api/insight/provider/csv?${period}&table=nope`)).status).toBe(404);
    const coordinator = await signIn(team.coordinator);
    expect((await coordinator.get(`/api/insight/provider/csv?${period}&table=services`)).status).toBe(403);
  });

  it('refuses everyone but provider staff, and a programme that never referred to them is 404', async () => {
    const { team } = await seed();
    for (const member of [
      team.coordinator,
      team.linkWorker,
      team.referrer,
      team.commissioner,
      team.regionalCommissioner,
    ]) {
      const http = await signIn(member);
      expect((await http.get(`/api/insight/provider?${period}`)).status).toBe(403);
    }
    expect((await new HttpClient(t.baseUrl).get('/api/insight/provider')).status).toBe(401);
    const stranger = await buildUser(t.db, {
      role: 'provider_staff',
      organisationId: (await buildOrganisation(t.db, { type: 'vcse' })).id,
    });
    const http = await signIn(stranger);
    const empty = await http.get(`/api/insight/provider?${period}`);
    expect(empty.status).toBe(200);
    expect(empty.body.tables).toEqual([]);
    expect((await http.get(`/api/insight/provider?${period}&programmeId=${team.programme.id}`)).status).toBe(
      404,
    );
  });
});
