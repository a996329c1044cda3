// Health-service use over real HTTP: entry by the link worker on the caseload (upsert per window,
// version check, plausible counts, "after" windows only once ended), the observational caveat on
// reading, and the coordinator's CSV import (all row problems reported, nothing written if any,
// other programmes' references unknown, a re-import updates rather than duplicates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { subMonths } from 'date-fns';
import { auditEvents, healthServiceUse, referrals } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Team = Awaited<ReturnType<typeof buildProgrammeWithTeam>>;

const signIn = async (member: { user: { email: string }; password: string }) => {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
};

/** A referral on the link worker's caseload, received `monthsAgo` months ago. */
async function referralReceived(team: Team, monthsAgo: number) {
  const referral = await buildReferral(t.db, {
    programmeId: team.programme.id,
    status: 'in_progress',
    assignedLinkWorkerId: team.linkWorker.user.id,
  });
  const receivedAt = subMonths(new Date(), monthsAgo);
  await t.db.update(referrals).set({ receivedAt }).where(eq(referrals.id, referral.id));
  return { ...referral, receivedAt };
}

const rowsOf = (referralId: string) =>
  t.db.select().from(healthServiceUse).where(eq(healthServiceUse.referralId, referralId));

const csvOf = (...lines: string[]) =>
  ['referral_reference,period,window_months,gp_appointments,ae_attendances', ...lines].join('\n') + '\n';

const importCsv = (client: HttpClient, programmeId: string, csv: string) =>
  client.request('POST', `/api/programmes/${programmeId}/health-use/import`, {
    rawBody: csv,
    headers: { 'content-type': 'text/csv' },
  });

describe('health-service use: entry by the link worker', () => {
  it('upserts per window with a version, and reads back with the observational caveat', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const linkWorker = await signIn(team.linkWorker);
    const referral = await referralReceived(team, 7);
    const path = `/api/referrals/${referral.id}/health-use`;

    const empty = await linkWorker.get(path);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ entries: [], version: 0, isObservational: true });
    expect(empty.body.caveat).toMatch(/observational/i);

    const saved = await linkWorker.put(path, {
      entries: [
        { period: 'before', windowMonths: 6, gpAppointments: 9, aeAttendances: 2 },
        { period: 'after', windowMonths: 6, gpAppointments: 4, aeAttendances: 0 },
        { period: 'after', windowMonths: 3, gpAppointments: 2, aeAttendances: null },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(3);
    expect(saved.body.entries).toHaveLength(3);
    expect(
      saved.body.entries.find((e: { period: string; windowMonths: number }) => e.period === 'before'),
    ).toMatchObject({
      gpAppointments: 9,
      aeAttendances: 2,
      source: 'link_worker',
      to: saved.body.receivedOn,
    });

    const missingVersion = await linkWorker.put(path, {
      entries: [{ period: 'before', windowMonths: 6, gpAppointments: 10, aeAttendances: 2 }],
    });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.errors[0].field).toBe('version');

    const corrected = await linkWorker.put(path, {
      entries: [{ period: 'before', windowMonths: 6, gpAppointments: 10, aeAttendances: 2 }],
      source: 'practice',
      version: 3,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.version).toBe(4);
    const rows = await rowsOf(referral.id);
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.period === 'before')).toMatchObject({
      gpAppointments: 10,
      source: 'practice',
      version: 2,
    });

    const stale = await linkWorker.put(path, {
      entries: [{ period: 'before', windowMonths: 6, gpAppointments: 11, aeAttendances: 2 }],
      version: 3,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 4 });

    const audit = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, referral.id), eq(auditEvents.actorId, team.linkWorker.user.id)));
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['health_use.read', 'health_use.save']),
    );
  });

  it('refuses negative, implausible and duplicate counts and an "after" window not yet over, naming the field', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const linkWorker = await signIn(team.linkWorker);
    const recent = await referralReceived(team, 1);
    const path = `/api/referrals/${recent.id}/health-use`;

    const negative = await linkWorker.put(path, {
      entries: [{ period: 'before', windowMonths: 3, gpAppointments: -1, aeAttendances: 0 }],
    });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].field).toBe('entries.0.gpAppointments');

    const implausible = await linkWorker.put(path, {
      entries: [{ period: 'before', windowMonths: 3, gpAppointments: 3, aeAttendances: 101 }],
    });
    expect(implausible.status).toBe(400);
    expect(implausible.body.errors[0]).toMatchObject({ field: 'entries.0.aeAttendances' });
    expect(implausible.body.errors[0].detail).toMatch(/at most 100/);

    const notOver = await linkWorker.put(path, {
      entries: [
        { period: 'before', windowMonths: 3, gpAppointments: 3, aeAttendances: 0 },
        { period: 'after', windowMonths: 3, gpAppointments: 1, aeAttendances: 0 },
      ],
    });
    expect(notOver.status).toBe(400);
    expect(notOver.body.errors).toEqual([expect.objectContaining({ field: 'entries.1.windowMonths' })]);

    const twice = await linkWorker.put(path, {
      entries: [
        { period: 'before', windowMonths: 3, gpAppointments: 3, aeAttendances: 0 },
        { period: 'before', windowMonths: 3, gpAppointments: 4, aeAttendances: 0 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].field).toBe('entries.1');
    expect(await rowsOf(recent.id)).toHaveLength(0);
  });

  it('is for the link worker on the caseload and coordinators; others refused, other programmes 404', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const referral = await referralReceived(team, 7);
    const path = `/api/referrals/${referral.id}/health-use`;
    const body = { entries: [{ period: 'before', windowMonths: 3, gpAppointments: 1, aeAttendances: 0 }] };

    expect((await (await signIn(team.otherLinkWorker)).put(path, body)).status).toBe(403);
    expect((await (await signIn(team.otherLinkWorker)).get(path)).status).toBe(403);
    for (const member of [team.referrer, team.providerStaff, team.commissioner])
      expect([403, 404]).toContain((await (await signIn(member)).put(path, body)).status);
    const other = await buildProgrammeWithTeam(t.db);
    expect((await (await signIn(other.coordinator)).put(path, body)).status).toBe(404);
    expect((await (await signIn(other.coordinator)).get(path)).status).toBe(404);
    expect(await rowsOf(referral.id)).toHaveLength(0);

    const coordinator = await signIn(team.coordinator);
    expect((await coordinator.put(path, body)).status).toBe(200);
  });
});

describe('health-service use: CSV import by the coordinator', () => {
  it('writes nothing when any row is wrong, naming every row and column', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const coordinator = await signIn(team.coordinator);
    const referral = await referralReceived(team, 7);
    const recent = await referralReceived(team, 1);
    const other = await buildProgrammeWithTeam(t.db);
    const foreign = await referralReceived(other, 7);

    const result = await importCsv(
      coordinator,
      team.programme.id,
      csvOf(
        `${referral.reference},before,6,8,1`,
        `${referral.reference},after,6,five,0`,
        `${foreign.reference},before,3,1,0`,
        `${recent.reference},after,3,1,0`,
        `${referral.reference},during,3,1,0`,
        `LW-NOSUCH,before,3,1,0`,
      ),
    );
    expect(result.status).toBe(400);
    expect(result.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'gp_appointments'],
      [4, 'referral_reference'],
      [5, 'window_months'],
      [6, 'period'],
      [7, 'referral_reference'],
    ]);
    // The other programme's referral reads exactly like one that does not exist.
    const detailOf = (row: number) =>
      result.body.errors.find((e: { row: number }) => e.row === row).detail as string;
    expect(detailOf(4)).toBe(`No referral ${foreign.reference} was found in this programme.`);
    expect(detailOf(7)).toBe('No referral LW-NOSUCH was found in this programme.');
    expect(await rowsOf(referral.id)).toHaveLength(0);

    const missingColumn = await importCsv(
      coordinator,
      team.programme.id,
      'referral_reference,period\nA,before\n',
    );
    expect(missingColumn.status).toBe(400);
    expect(missingColumn.body.errors[0]).toMatchObject({ row: 1, field: 'window_months' });
  });

  it('creates, then updates on re-import without duplicating, with source csv_import and an audit row', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const coordinator = await signIn(team.coordinator);
    const first = await referralReceived(team, 7);
    const second = await referralReceived(team, 4);

    const imported = await importCsv(
      coordinator,
      team.programme.id,
      csvOf(
        `${first.reference},before,6,8,1`,
        `${first.reference},after,6,3,`,
        `${second.reference.toLowerCase()},AFTER,3,2,0`,
      ),
    );
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ rows: 3, created: 3, updated: 0 });
    expect(await rowsOf(first.id)).toHaveLength(2);
    const [afterRow] = (await rowsOf(first.id)).filter((row) => row.period === 'after');
    expect(afterRow).toMatchObject({ gpAppointments: 3, aeAttendances: null, source: 'csv_import' });

    const again = await importCsv(
      coordinator,
      team.programme.id,
      csvOf(`${first.reference},before,6,9,1`, `${first.reference},before,3,4,0`),
    );
    expect(again.body).toEqual({ rows: 2, created: 1, updated: 1 });
    const rows = await rowsOf(first.id);
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.period === 'before' && row.windowMonths === 6)).toMatchObject({
      gpAppointments: 9,
      version: 2,
    });

    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'health_use.import'), eq(auditEvents.programmeId, team.programme.id)),
      );
    expect(audit).toHaveLength(2);
    expect((audit[0]!.details as { personIds: string[] }).personIds.length).toBeGreaterThan(0);
  });

  it('is for the programme’s coordinators only', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const referral = await referralReceived(team, 7);
    const csv = csvOf(`${referral.reference},before,6,8,1`);
    expect((await importCsv(await signIn(team.linkWorker), team.programme.id, csv)).status).toBe(403);
    const other = await buildProgrammeWithTeam(t.db);
    expect((await importCsv(await signIn(other.coordinator), team.programme.id, csv)).status).toBe(404);
    expect(await rowsOf(referral.id)).toHaveLength(0);
  });
});
