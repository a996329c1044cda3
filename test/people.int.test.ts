// People's records: programme scoping, role and relationship checks, audit rows for every read and
// write, version checks and idempotent creates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, people } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildPerson, buildProgrammeWithTeam } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function teamWithClients() {
  const team = await buildProgrammeWithTeam(t.db);
  const signIn = async (member: { user: { email: string }; password: string }) => {
    const http = new HttpClient(t.baseUrl);
    await http.signIn(member.user.email, member.password);
    return http;
  };
  return {
    team,
    coordinator: await signIn(team.coordinator),
    linkWorker: await signIn(team.linkWorker),
    otherLinkWorker: await signIn(team.otherLinkWorker),
    buddy: await signIn(team.buddy),
    referrer: await signIn(team.referrer),
    commissioner: await signIn(team.commissioner),
  };
}

const auditFor = (entityId: string) =>
  t.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId));

describe('people: personal data', () => {
  it('writes an audit row for each create, read and update, in the programme', async () => {
    const { team, linkWorker } = await teamWithClients();
    const created = await linkWorker.post('/api/people', {
      givenName: 'Nasrin',
      familyName: 'Begum',
      dateOfBirth: '1948-03-02',
      nhsNumber: '943 476 5919',
      postcode: 'e3 4ap',
      language: 'Bengali',
      needsInterpreter: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      nhsNumber: '9434765919',
      postcode: 'E3 4AP',
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const id = created.body.id as string;

    expect((await linkWorker.get(`/api/people/${id}`)).status).toBe(200);
    const updated = await linkWorker.patch(`/api/people/${id}`, { version: 1, phone: '020 7946 0000' });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);

    const rows = await auditFor(id);
    expect(rows.map((r) => r.action)).toEqual(['person.create', 'person.read', 'person.update']);
    for (const row of rows) {
      expect(row).toMatchObject({
        actorId: team.linkWorker.user.id,
        actorRole: 'link_worker',
        programmeId: team.programme.id,
      });
      expect(row.requestId).toBeTruthy();
      expect(row.ip).toBe('127.0.0.1');
    }
  });

  it('audits searches with the records they returned', async () => {
    const { team, coordinator } = await teamWithClients();
    const person = await buildPerson(t.db, {
      programmeId: team.programme.id,
      familyName: 'Searchable-Okafor',
    });
    const found = await coordinator.get('/api/people?q=Searchable-Okafor');
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([person.id]);
    const [row] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.search'), eq(auditEvents.actorId, team.coordinator.user.id)));
    expect(row!.details).toMatchObject({ query: 'Searchable-Okafor', results: [person.id] });
  });

  it('answers 404 for a person in another programme, to every role, and audits nothing', async () => {
    const mine = await teamWithClients();
    const theirs = await buildProgrammeWithTeam(t.db);
    const person = await buildPerson(t.db, { programmeId: theirs.programme.id });
    for (const http of [mine.coordinator, mine.linkWorker, mine.buddy, mine.referrer, mine.commissioner]) {
      const read = await http.get(`/api/people/${person.id}?reason=checking%20something`);
      expect(read.status).toBe(404);
      const write = await http.patch(`/api/people/${person.id}`, { version: 1, familyName: 'Changed' });
      expect(write.status).toBe(404);
    }
    const [row] = await t.db.select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({ familyName: person.familyName, version: 1 });
    expect(await auditFor(person.id)).toHaveLength(0);
    // A search never returns another programme's people.
    const search = await mine.coordinator.get(`/api/people?q=${encodeURIComponent(person.familyName)}`);
    expect(search.body.items).toHaveLength(0);
  });

  it('lets a link worker open someone off their caseload only with a recorded reason', async () => {
    const { team, otherLinkWorker } = await teamWithClients();
    const person = await buildPerson(t.db, {
      programmeId: team.programme.id,
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const refused = await otherLinkWorker.get(`/api/people/${person.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/not on your caseload/);
    const allowed = await otherLinkWorker.get(
      `/api/people/${person.id}?reason=${encodeURIComponent('Covering for a colleague on leave')}`,
    );
    expect(allowed.status).toBe(200);
    const [row] = await auditFor(person.id);
    expect(row!.details).toMatchObject({
      basis: expect.stringContaining('Covering for a colleague on leave'),
    });
  });

  it('refuses buddies, referrers and commissioners in the programme', async () => {
    const { team, buddy, referrer, commissioner } = await teamWithClients();
    const person = await buildPerson(t.db, { programmeId: team.programme.id });
    expect((await buddy.get(`/api/people/${person.id}`)).status).toBe(403);
    expect((await referrer.get(`/api/people/${person.id}`)).status).toBe(404);
    expect((await commissioner.get(`/api/people/${person.id}`)).status).toBe(404);
    expect((await commissioner.get('/api/people')).status).toBe(403);
    expect((await buddy.post('/api/people', { givenName: 'A', familyName: 'B' })).status).toBe(403);
  });

  it('only lets a coordinator move someone to another caseload', async () => {
    const { team, coordinator, linkWorker } = await teamWithClients();
    const person = await buildPerson(t.db, {
      programmeId: team.programme.id,
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const refused = await linkWorker.patch(`/api/people/${person.id}`, {
      version: 1,
      assignedLinkWorkerId: team.otherLinkWorker.user.id,
    });
    expect(refused.status).toBe(403);
    const moved = await coordinator.patch(`/api/people/${person.id}`, {
      version: 1,
      assignedLinkWorkerId: team.otherLinkWorker.user.id,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.assignedLinkWorkerId).toBe(team.otherLinkWorker.user.id);
  });

  it('names the invalid fields and writes nothing', async () => {
    const { team, linkWorker } = await teamWithClients();
    const bad = await linkWorker.post('/api/people', {
      givenName: '',
      familyName: 'Smith',
      nhsNumber: '9434765918',
      postcode: 'NOT A POSTCODE',
      dateOfBirth: '2999-01-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const fields = bad.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['dateOfBirth', 'givenName', 'nhsNumber', 'postcode']);
    const rows = await t.db.select().from(people).where(eq(people.programmeId, team.programme.id));
    expect(rows).toHaveLength(0);
  });

  it('detects a concurrent update and keeps the first', async () => {
    const { team, coordinator, linkWorker } = await teamWithClients();
    const person = await buildPerson(t.db, {
      programmeId: team.programme.id,
      assignedLinkWorkerId: team.linkWorker.user.id,
    });
    const [a, b] = await Promise.all([
      coordinator.patch(`/api/people/${person.id}`, { version: 1, phone: '020 7946 0001' }),
      linkWorker.patch(`/api/people/${person.id}`, { version: 1, phone: '020 7946 0002' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [row] = await t.db.select().from(people).where(eq(people.id, person.id));
    expect(row!.version).toBe(2);
    expect(row!.phone).toBe((a.status === 200 ? a : b).body.phone);
  });

  it('makes a retried create safe with an Idempotency-Key, even when retries race', async () => {
    const { team, linkWorker } = await teamWithClients();
    const body = { givenName: 'Tomasz', familyName: 'Kowalski', postcode: 'N15 4QL' };
    const headers = { 'idempotency-key': `person-${team.programme.id}` };
    const responses = await Promise.all([
      linkWorker.post('/api/people', body, headers),
      linkWorker.post('/api/people', body, headers),
    ]);
    const again = await linkWorker.post('/api/people', body, headers);
    expect(responses.map((r) => r.status)).toEqual([201, 201]);
    expect(new Set([...responses, again].map((r) => r.body.id)).size).toBe(1);
    const rows = await t.db.select().from(people).where(eq(people.programmeId, team.programme.id));
    expect(rows).toHaveLength(1);
  });
});
