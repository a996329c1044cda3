// Licensed SWEMWBS wording over real HTTP: a programme's coordinator enters it (every statement
// required, version checked, audited); until then a self-completion link for SWEMWBS is refused,
// and afterwards the statements reach the staff form and the person's link. Other programmes and
// link workers may not change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, people, referrals } from '../src/db/schema';
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

async function signIn(member: { user: { email: string }; password: string }) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
}

const statements = (prefix: string) =>
  Object.fromEntries(
    Array.from({ length: 7 }, (_, index) => [`item_${index + 1}`, `${prefix} ${index + 1}`]),
  );

describe('licensed SWEMWBS wording', () => {
  it('is entered by a coordinator, then shown on the link; a link before that is refused', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const referral = await buildReferral(t.db, {
      programmeId: team.programme.id,
      status: 'in_progress',
      assignedLinkWorkerId: team.linkWorker.user.id,
      referringOrganisationId: team.referrer.user.organisationId,
    });
    await t.db.update(people).set({ email: 'wording@example.test' }).where(eq(people.id, referral.personId));
    const coordinator = await signIn(team.coordinator);
    const linkWorker = await signIn(team.linkWorker);
    const path = `/api/programmes/${team.programme.id}/instrument-wording`;

    const before = await coordinator.get(path);
    expect(before.status).toBe(200);
    expect(before.body.items).toHaveLength(1);
    expect(before.body.items[0]).toMatchObject({ instrumentKey: 'swemwbs', wording: null });
    expect(before.body.items[0].items).toHaveLength(7);

    const refusedLink = await linkWorker.post(`/api/referrals/${referral.id}/measure-links`, {
      instrumentKeys: ['ons4', 'swemwbs'],
      timepoint: 'baseline',
      channel: 'email',
    });
    expect(refusedLink.status).toBe(400);
    expect(refusedLink.body.errors[0].field).toBe('instrumentKeys.1');
    expect(refusedLink.body.errors[0].detail).toMatch(/licensed wording/);

    // Every statement is required; each missing one is named.
    const partial = await coordinator.put(`${path}/swemwbs`, {
      licenceReference: 'REG-123',
      items: { item_1: 'One', item_2: '  ', item_9: 'Nine' },
    });
    expect(partial.status).toBe(400);
    const fields = partial.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['items.item_2', 'items.item_3', 'items.item_7', 'items.item_9']),
    );
    expect(fields).not.toContain('items.item_1');
    expect((await coordinator.get(path)).body.items[0].wording).toBeNull();

    const saved = await coordinator.put(`${path}/swemwbs`, {
      licenceReference: 'REG-123',
      items: statements('Statement'),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.wording).toMatchObject({ licenceReference: 'REG-123', version: 1 });

    // Changing it needs the version just read.
    const stale = await coordinator.put(`${path}/swemwbs`, {
      licenceReference: 'REG-123',
      items: statements('Changed'),
    });
    expect(stale.status).toBe(409);
    const changed = await coordinator.put(`${path}/swemwbs`, {
      licenceReference: 'REG-124',
      items: statements('Changed'),
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.wording.version).toBe(2);

    const instruments = await linkWorker.get('/api/outcomes/instruments');
    const swemwbs = instruments.body.items.find((item: { key: string }) => item.key === 'swemwbs');
    expect(swemwbs.items[2].question).toBe('Changed 3');

    const link = await linkWorker.post(`/api/referrals/${referral.id}/measure-links`, {
      instrumentKeys: ['swemwbs'],
      timepoint: 'baseline',
      channel: 'email',
    });
    expect(link.status).toBe(201);

    const audited = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'instrument_wording.save'), eq(auditEvents.entityId, team.programme.id)),
      );
    expect(audited).toHaveLength(2);
    // The referral itself is untouched by any of this.
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(row!.status).toBe('in_progress');
  });

  it('is not changed by a link worker (403) or another programme’s coordinator (404)', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const other = await buildProgrammeWithTeam(t.db);
    const path = `/api/programmes/${team.programme.id}/instrument-wording`;
    const body = { licenceReference: 'REG-1', items: statements('S') };
    const linkWorker = await signIn(team.linkWorker);
    expect((await linkWorker.put(`${path}/swemwbs`, body)).status).toBe(403);
    const outsider = await signIn(other.coordinator);
    expect((await outsider.put(`${path}/swemwbs`, body)).status).toBe(404);
    expect((await outsider.get(path)).status).toBe(404);
    const coordinator = await signIn(team.coordinator);
    // Only licensed built-ins take wording: ONS4 ships its own.
    expect((await coordinator.put(`${path}/ons4`, body)).status).toBe(404);
  });
});
