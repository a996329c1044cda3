// Programme-built questionnaires over real HTTP: coordinators create, change (the definition's own
// version is bumped) and archive them; definitions are checked by the instruments' schema with its
// messages as field errors; keys clash with neither built-ins nor the programme's others; other
// roles are refused and other programmes see nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, questionnaires } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const signIn = async (member: { user: { email: string }; password: string }) => {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
};

/** A three-question "connectedness" questionnaire as the builder sends it. */
function connectedness(overrides: Record<string, unknown> = {}) {
  return {
    key: 'connectedness',
    name: 'Feeling connected',
    description: 'Three questions about contact with other people.',
    items: [
      {
        id: 'talk',
        label: 'Talking to people',
        question: 'How often do you talk to someone you know?',
        response: {
          kind: 'options',
          options: [
            { value: 0, label: 'Never' },
            { value: 1, label: 'Sometimes' },
            { value: 2, label: 'Often' },
          ],
        },
      },
      {
        id: 'out',
        label: 'Going out',
        question: 'How often do you go out to meet people?',
        response: {
          kind: 'options',
          options: [
            { value: 0, label: 'Never' },
            { value: 1, label: 'Sometimes' },
            { value: 2, label: 'Often' },
          ],
        },
      },
      {
        id: 'support',
        label: 'Support',
        question: 'How well supported do you feel?',
        response: { kind: 'scale', min: 0, max: 2, anchors: [{ value: 0, label: 'Not at all' }] },
      },
    ],
    scoring: { method: 'sum' },
    missingItems: { rule: 'all_required' },
    direction: 'higher_is_better',
    ...overrides,
  };
}

async function coordinatorOfNewProgramme() {
  const team = await buildProgrammeWithTeam(t.db);
  return {
    team,
    coordinator: await signIn(team.coordinator),
    base: `/api/programmes/${team.programme.id}/questionnaires`,
  };
}

describe('questionnaires: build, change, archive', () => {
  it('creates with an Idempotency-Key, lists, bumps definition.version on a real change and archives', async () => {
    const { team, coordinator, base } = await coordinatorOfNewProgramme();
    const key = { 'idempotency-key': 'questionnaire-create-1' };
    const created = await coordinator.post(base, { definition: connectedness() }, key);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'connectedness',
      name: 'Feeling connected',
      isArchived: false,
      version: 1,
      definition: { version: '1', licence: { wordingSuppliedByProgramme: false } },
    });
    const retried = await coordinator.post(base, { definition: connectedness() }, key);
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(created.body.id);
    const rows = await t.db
      .select()
      .from(questionnaires)
      .where(eq(questionnaires.programmeId, team.programme.id));
    expect(rows).toHaveLength(1);

    const list = await coordinator.get(base);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);

    // Saving the same definition again changes nothing in it, so its version stays.
    const same = await coordinator.put(`${base}/${created.body.id}`, {
      definition: connectedness(),
      version: 1,
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ version: 2, definition: { version: '1' } });

    const renamed = await coordinator.put(`${base}/${created.body.id}`, {
      definition: connectedness({ name: 'Connected to others', version: '99' }),
      version: 2,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Connected to others',
      version: 3,
      definition: { version: '2' },
    });

    const stale = await coordinator.put(`${base}/${created.body.id}`, {
      definition: connectedness(),
      version: 2,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 3 });

    const archived = await coordinator.post(`${base}/${created.body.id}/archive`, { version: 3 });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ isArchived: true, version: 4 });
    const afterArchive = await coordinator.put(`${base}/${created.body.id}`, {
      definition: connectedness(),
      version: 4,
    });
    expect(afterArchive.status).toBe(409);
    expect(afterArchive.body.code).toBe('invalid_transition');

    const audit = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, created.body.id), eq(auditEvents.programmeId, team.programme.id)));
    expect(audit.map((row) => row.action).sort()).toEqual(
      [
        'questionnaire.archive',
        'questionnaire.create',
        'questionnaire.update',
        'questionnaire.update',
      ].sort(),
    );
  });

  it('refuses a bad definition with the schema’s messages as field errors, and a changed key', async () => {
    const { coordinator, base } = await coordinatorOfNewProgramme();
    const badBand = await coordinator.post(base, {
      definition: connectedness({
        scoring: {
          method: 'sum',
          bands: [
            { key: 'low', label: 'Low', min: 4, max: 2 },
            { key: 'high', label: 'High', min: 3, max: 6 },
          ],
        },
      }),
    });
    expect(badBand.status).toBe(400);
    const fields = badBand.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toContain('definition.scoring.bands.0');
    expect(
      badBand.body.errors.find((e: { field: string }) => e.field === 'definition.scoring.bands.0').detail,
    ).toMatch(/starts at 4, above its end 2/);

    const oneOption = connectedness();
    (oneOption.items as { response: unknown }[])[2]!.response = {
      kind: 'options',
      options: [{ value: 1, label: 'Yes' }],
    };
    const tooFew = await coordinator.post(base, { definition: oneOption });
    expect(tooFew.status).toBe(400);
    expect(tooFew.body.errors[0].field).toBe('definition.items.2.response.options');

    const notAnObject = await coordinator.post(base, { definition: 'hello' });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.errors[0].field).toBe('definition');

    const created = await coordinator.post(base, { definition: connectedness() });
    const rekeyed = await coordinator.put(`${base}/${created.body.id}`, {
      definition: connectedness({ key: 'connected' }),
      version: 1,
    });
    expect(rekeyed.status).toBe(400);
    expect(rekeyed.body.errors[0].field).toBe('definition.key');
  });

  it('refuses a key used by a built-in instrument or another questionnaire of the programme (409)', async () => {
    const { coordinator, base } = await coordinatorOfNewProgramme();
    for (const builtIn of ['ons4', 'swemwbs', 'ucla3', 'wellbeing_domains']) {
      const clash = await coordinator.post(base, { definition: connectedness({ key: builtIn }) });
      expect(clash.status).toBe(409);
      expect(clash.body.errors[0].field).toBe('definition.key');
    }
    expect((await coordinator.post(base, { definition: connectedness() })).status).toBe(201);
    const again = await coordinator.post(base, { definition: connectedness({ name: 'Another' }) });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'conflict', errors: [{ field: 'definition.key' }] });

    // Keys are per programme: another programme may use the same one.
    const other = await coordinatorOfNewProgramme();
    expect((await other.coordinator.post(other.base, { definition: connectedness() })).status).toBe(201);
  });

  it('is for the programme’s coordinators only: other roles 403, other programmes 404, nothing changed', async () => {
    const { team, coordinator, base } = await coordinatorOfNewProgramme();
    const created = await coordinator.post(base, { definition: connectedness() });
    const linkWorker = await signIn(team.linkWorker);
    expect((await linkWorker.get(base)).status).toBe(403);
    expect((await linkWorker.post(base, { definition: connectedness({ key: 'mine' }) })).status).toBe(403);
    for (const member of [team.referrer, team.providerStaff, team.commissioner, team.buddy]) {
      const client = await signIn(member);
      expect([403, 404]).toContain((await client.get(base)).status);
      expect([403, 404]).toContain(
        (
          await client.put(`${base}/${created.body.id}`, {
            definition: connectedness({ name: 'X' }),
            version: 1,
          })
        ).status,
      );
    }
    expect((await new HttpClient(t.baseUrl).get(base)).status).toBe(401);

    const other = await coordinatorOfNewProgramme();
    expect((await other.coordinator.get(base)).status).toBe(404);
    const foreignEdit = await other.coordinator.put(`${base}/${created.body.id}`, {
      definition: connectedness({ name: 'Hijacked' }),
      version: 1,
    });
    expect(foreignEdit.status).toBe(404);
    // Through its own programme's address the other coordinator still cannot reach it.
    const viaOwn = await other.coordinator.post(`${other.base}/${created.body.id}/archive`, { version: 1 });
    expect(viaOwn.status).toBe(404);
    const [row] = await t.db.select().from(questionnaires).where(eq(questionnaires.id, created.body.id));
    expect(row).toMatchObject({ name: 'Feeling connected', isArchived: false, version: 1 });
  });
});
