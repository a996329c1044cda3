// Reach targets and programme commissioners over real HTTP: coordinators set their programme's
// targets (version checked, audited) and the activity panel shows progress against them; platform
// admins record who commissions a programme (audited), which brings it into an ICB's Insight view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, reachTargets, referrals } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import {
  buildOrganisation,
  buildProgramme,
  buildProgrammeWithTeam,
  buildUser,
  totpFor,
} from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function signIn(member: {
  user: { email: string };
  password: string;
  totpSecret?: string | undefined;
}) {
  const http = new HttpClient(t.baseUrl);
  const session = await http.signIn(
    member.user.email,
    member.password,
    member.totpSecret ? totpFor(member.totpSecret).generate() : undefined,
  );
  expect(session.status).toBe(200);
  return http;
}

describe('Insight reach targets', () => {
  it('a coordinator sets, changes and removes targets with a version check; progress shows on the activity panel', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const gp = await buildOrganisation(t.db, { type: 'gp_practice', name: 'Bruce Grove Practice' });
    const http = await signIn(team.coordinator);
    const programmeId = team.programme.id;

    const created = await http.put('/api/insight/reach-targets', {
      programmeId,
      peoplePerYear: 365,
      note: 'Contract',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ programmeId, organisationId: null, peoplePerYear: 365, version: 1 });
    const practice = await http.put('/api/insight/reach-targets', {
      programmeId,
      organisationId: gp.id,
      peoplePerYear: 73,
    });
    expect(practice.status).toBe(201);
    expect(practice.body.organisationName).toBe('Bruce Grove Practice');

    // Creating again without the version would overwrite: 409. With it: updated.
    const again = await http.put('/api/insight/reach-targets', { programmeId, peoplePerYear: 400 });
    expect(again.status).toBe(409);
    const updated = await http.put('/api/insight/reach-targets', {
      programmeId,
      peoplePerYear: 730,
      version: 1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ peoplePerYear: 730, version: 2 });

    const list = await http.get(`/api/insight/reach-targets?programmeId=${programmeId}`);
    expect(list.status).toBe(200);
    expect(list.body.canEdit).toBe(true);
    expect(list.body.items.map((item: any) => [item.organisationId, item.peoplePerYear])).toEqual([
      [null, 730],
      [gp.id, 73],
    ]);

    // Progress: 10 people referred in a 10-day period (6 from the practice; one of them twice).
    for (let index = 0; index < 10; index += 1) {
      const referral = await buildReferral(t.db, {
        programmeId,
        referringOrganisationId: index < 6 ? gp.id : null,
      });
      await t.db
        .update(referrals)
        .set({ receivedAt: new Date('2026-03-03T10:00:00Z') })
        .where(eq(referrals.id, referral.id));
      if (index === 0) {
        const second = await buildReferral(t.db, {
          programmeId,
          personId: referral.personId,
          referringOrganisationId: gp.id,
        });
        await t.db
          .update(referrals)
          .set({ receivedAt: new Date('2026-03-04T10:00:00Z') })
          .where(eq(referrals.id, second.id));
      }
    }
    const panel = await http.get('/api/insight/panels/activity?from=2026-03-01&to=2026-03-10');
    const reach = panel.body.tables.find((table: any) => table.id === 'reach');
    // 730 a year over 10 days is 20; the practice's 73 a year is 2.
    expect(reach.rows.map((row: any) => [row.cells.expected.value, row.cells.people.value])).toEqual([
      [20, 10],
      [2, 6],
    ]);
    expect(reach.rows[0].cells.progress.value).toBeCloseTo(0.5, 12);

    const stale = await http.delete(`/api/insight/reach-targets/${practice.body.id}?version=2`);
    expect(stale.status).toBe(409);
    const removed = await http.delete(`/api/insight/reach-targets/${practice.body.id}?version=1`);
    expect(removed.status).toBe(204);
    const actions = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.programmeId, programmeId), eq(auditEvents.entityType, 'reach_target')));
    expect(actions.map((row) => row.action).sort()).toEqual([
      'insight.reach_target.create',
      'insight.reach_target.create',
      'insight.reach_target.delete',
      'insight.reach_target.update',
    ]);
  });

  it('refuses bad input naming the field, other roles 403, other programmes 404, and leaves nothing written', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const other = await buildProgramme(t.db, { areas: ['Camden'] });
    const programmeId = team.programme.id;
    const coordinator = await signIn(team.coordinator);
    const cases: [unknown, string][] = [
      [{ programmeId, peoplePerYear: 0 }, 'peoplePerYear'],
      [{ programmeId, peoplePerYear: 1.5 }, 'peoplePerYear'],
      [{ programmeId, peoplePerYear: '100' }, 'peoplePerYear'],
      [{ programmeId: 'nope', peoplePerYear: 100 }, 'programmeId'],
      [
        { programmeId, organisationId: '00000000-0000-4000-8000-000000000000', peoplePerYear: 100 },
        'organisationId',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await coordinator.put('/api/insight/reach-targets', body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(JSON.stringify(response.body.errors)).toContain(field);
    }
    expect(
      (await coordinator.put('/api/insight/reach-targets', { programmeId: other.id, peoplePerYear: 10 }))
        .status,
    ).toBe(404);
    expect((await coordinator.get(`/api/insight/reach-targets?programmeId=${other.id}`)).status).toBe(404);
    for (const member of [team.linkWorker, team.commissioner, team.regionalCommissioner]) {
      const http = await signIn(member);
      expect((await http.put('/api/insight/reach-targets', { programmeId, peoplePerYear: 10 })).status).toBe(
        403,
      );
    }
    const regional = await signIn(team.regionalCommissioner);
    const readable = await regional.get(`/api/insight/reach-targets?programmeId=${programmeId}`);
    expect(readable.status).toBe(200);
    expect(readable.body.canEdit).toBe(false);
    const written = await t.db.select().from(reachTargets).where(eq(reachTargets.programmeId, programmeId));
    expect(written).toEqual([]);
  });
});

describe('Programme commissioners', () => {
  it('a platform admin records and removes who commissions a programme; the ICB then sees it', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const admin = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
    const http = await signIn(admin);
    const icbId = team.commissioner.user.organisationId!;
    const path = `/api/admin/programmes/${team.programme.id}/commissioners`;

    const commissioner = await signIn(team.commissioner);
    expect((await commissioner.get('/api/insight/programmes')).body.items).toEqual([]);

    const added = await http.post(path, { organisationId: icbId });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ organisationId: icbId, organisationType: 'icb', borough: null });
    expect((await http.post(path, { organisationId: icbId })).status).toBe(409);
    expect((await http.post(path, { organisationId: 'nope' })).status).toBe(400);
    const missingOrganisation = await http.post(path, {
      organisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missingOrganisation.status).toBe(400);
    expect(JSON.stringify(missingOrganisation.body.errors)).toContain('organisationId');
    expect(
      (
        await http.post('/api/admin/programmes/00000000-0000-4000-8000-000000000000/commissioners', {
          organisationId: icbId,
        })
      ).status,
    ).toBe(404);
    expect((await http.get(path)).body.items.map((item: any) => item.organisationId)).toEqual([icbId]);

    const seen = await commissioner.get('/api/insight/programmes');
    expect(seen.body.items.map((item: any) => item.id)).toEqual([team.programme.id]);

    for (const member of [team.coordinator, team.commissioner, team.regionalCommissioner]) {
      const other = await signIn(member);
      expect((await other.get(path)).status).toBe(403);
      expect((await other.delete(`${path}/${icbId}`)).status).toBe(403);
    }

    expect((await http.delete(`${path}/${icbId}`)).status).toBe(204);
    expect((await http.delete(`${path}/${icbId}`)).status).toBe(404);
    expect((await commissioner.get('/api/insight/programmes')).body.items).toEqual([]);
    const actions = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, team.programme.id), eq(auditEvents.entityType, 'programme')));
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'insight.programme_commissioner.create',
        'insight.programme_commissioner.delete',
      ]),
    );
  });
});
