// Sending a directory shortlist by email or text: who may send it to whom (role, caseload, reason,
// programme), what the message says (and does not say), the audit row, and safe retries.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, notifications, people } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildPerson, buildProgrammeWithTeam, buildService } from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const send = '/api/directory/shortlists/send';

async function signedIn(member: { user: { email: string }; password: string }) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
}

async function setUp() {
  const team = await buildProgrammeWithTeam(t.db);
  const befriending = await buildService(t.db, {
    name: 'Tottenham Bengali Befriending',
    description: 'A volunteer visits or phones you every week for a chat.',
    contacts: [{ name: 'Rina Begum', phone: '020 8000 0001' }],
  });
  const artClub = await buildService(t.db, {
    name: 'Seven Sisters Art Club',
    description: 'Painting and pottery in a small friendly group.',
    isFree: false,
    feesDescription: '£2 a session',
  });
  const person = await buildPerson(t.db, {
    programmeId: team.programme.id,
    assignedLinkWorkerId: team.linkWorker.user.id,
    givenName: 'Nasrin',
    familyName: 'Chowdhury',
  });
  const email = `nasrin.${randomUUID().slice(0, 8)}@example.com`;
  await t.db
    .update(people)
    .set({
      email,
      phone: '+44 7700 900123',
      nhsNumber: '9434765919',
      dateOfBirth: '1948-03-02',
      postcode: 'E3 4AP',
      addressLine: '22 Roman Road',
    })
    .where(eq(people.id, person.id));
  return {
    team,
    person: { ...person, email },
    services: { befriending, artClub },
    linkWorker: await signedIn(team.linkWorker),
  };
}

const messagesOf = (programmeId: string) =>
  t.db.select().from(notifications).where(eq(notifications.programmeId, programmeId));
const shortlistAudits = (programmeId: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.programmeId, programmeId), eq(auditEvents.action, 'directory.shortlist_sent')));

describe('sending a shortlist to a person on the caseload', () => {
  it('emails the services, greeting the person by first name only, and audits it', async () => {
    const { team, person, services, linkWorker } = await setUp();
    const response = await linkWorker.post(send, {
      serviceIds: [services.befriending, services.artClub],
      channel: 'email',
      personId: person.id,
      note: 'The befriending group meets near you.',
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      notificationId: expect.any(String),
      channel: 'email',
      recipient: 'n•••@example.com',
      serviceCount: 2,
    });

    const [message, ...others] = await messagesOf(team.programme.id);
    expect(others).toEqual([]);
    expect(message).toMatchObject({
      id: response.body.notificationId,
      channel: 'email',
      recipient: person.email,
      template: 'directory_shortlist',
      subject: 'Services your link worker suggested',
      status: 'queued',
    });
    const body = message!.body;
    expect(body).toMatch(/^Hello Nasrin,/);
    expect(body).toContain('A note from your link worker:\nThe befriending group meets near you.');
    for (const text of [
      '1. Tottenham Bengali Befriending',
      '2. Seven Sisters Art Club',
      'What it is: A volunteer visits or phones you every week for a chat.',
      'When: Monday to Friday: 9am to 5pm',
      'Where: Community hall, 1 High Road, London, N17 6HB',
      'How to get in touch: phone 020 8000 0001',
      'Cost: free',
      'Cost: £2 a session',
      `http://linkwell.test/find/services/${services.befriending}`,
      `http://linkwell.test/find/services/${services.artClub}`,
    ]) {
      expect(body, text).toContain(text);
    }
    // Nothing about the person beyond their first name.
    for (const personal of [
      'Chowdhury',
      '1948',
      '02/03',
      '9434765919',
      '943 476 5919',
      'E3 4AP',
      'Roman Road',
    ]) {
      expect(body, personal).not.toContain(personal);
      expect(message!.subject, personal).not.toContain(personal);
    }

    const [audit, ...moreAudits] = await shortlistAudits(team.programme.id);
    expect(moreAudits).toEqual([]);
    expect(audit).toMatchObject({
      actorId: team.linkWorker.user.id,
      actorRole: 'link_worker',
      entityType: 'person',
      entityId: person.id,
      programmeId: team.programme.id,
    });
    expect(audit!.details).toMatchObject({
      serviceIds: [services.befriending, services.artClub],
      channel: 'email',
      notificationId: response.body.notificationId,
      recipient: 'n•••@example.com',
      basis: 'on the link worker’s caseload',
    });
  });

  it('texts the services to the person’s mobile, short and without their name', async () => {
    const { team, person, services, linkWorker } = await setUp();
    const response = await linkWorker.post(send, {
      serviceIds: [services.befriending, services.artClub],
      channel: 'sms',
      personId: person.id,
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ channel: 'sms', recipient: '07••• •••123', serviceCount: 2 });
    const [message] = await messagesOf(team.programme.id);
    expect(message).toMatchObject({
      channel: 'sms',
      recipient: '07700900123',
      template: 'directory_shortlist_sms',
    });
    expect(message!.body).toBe(
      [
        'Services your link worker suggested:',
        '1. Tottenham Bengali Befriending: 020 8000 0001',
        `2. Seven Sisters Art Club: http://linkwell.test/find/services/${services.artClub}`,
      ].join('\n'),
    );
    expect(message!.body).not.toContain('Nasrin');
    // Three fragments of 153 characters at most.
    expect(message!.body.length).toBeLessThanOrEqual(459);
    const [audit] = await shortlistAudits(team.programme.id);
    expect(audit!.details).toMatchObject({ channel: 'sms', recipient: '07••• •••123' });
  });

  it('refuses a text to a person with no mobile number, naming personId', async () => {
    const { team, person, services, linkWorker } = await setUp();
    await t.db.update(people).set({ phone: null }).where(eq(people.id, person.id));
    const noPhone = await linkWorker.post(send, {
      serviceIds: [services.befriending],
      channel: 'sms',
      personId: person.id,
    });
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.errors).toEqual([expect.objectContaining({ field: 'personId' })]);
    expect(noPhone.body.detail).toContain('no mobile number');

    // A landline cannot take a text either.
    await t.db.update(people).set({ phone: '020 7946 0000', email: null }).where(eq(people.id, person.id));
    const landline = await linkWorker.post(send, {
      serviceIds: [services.befriending],
      channel: 'sms',
      personId: person.id,
    });
    expect(landline.status).toBe(400);
    expect(landline.body.errors[0].field).toBe('personId');
    const noEmail = await linkWorker.post(send, {
      serviceIds: [services.befriending],
      channel: 'email',
      personId: person.id,
    });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.errors[0].field).toBe('personId');
    expect(await messagesOf(team.programme.id)).toEqual([]);
    expect(await shortlistAudits(team.programme.id)).toEqual([]);
  });
});

describe('sending a shortlist to an address typed in', () => {
  it('emails someone without a record, with no greeting, and audits the masked address', async () => {
    const { team, services } = await setUp();
    const coordinator = await signedIn(team.coordinator);
    const response = await coordinator.post(send, {
      serviceIds: [services.artClub],
      channel: 'email',
      recipient: '  asha.patel@example.com ',
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ recipient: 'a•••@example.com', serviceCount: 1 });
    const [message] = await messagesOf(team.programme.id);
    expect(message).toMatchObject({
      recipient: 'asha.patel@example.com',
      subject: 'A service your link worker suggested',
    });
    expect(message!.body).toMatch(/^Your link worker suggested this service for you/);
    const [audit] = await shortlistAudits(team.programme.id);
    expect(audit).toMatchObject({ entityType: 'notification', entityId: response.body.notificationId });
    expect(audit!.details).toMatchObject({ recipient: 'a•••@example.com', channel: 'email' });
    expect(JSON.stringify(audit!.details)).not.toContain('asha.patel');
  });

  it('texts a UK mobile typed in any common form', async () => {
    const { team, services, linkWorker } = await setUp();
    const response = await linkWorker.post(send, {
      serviceIds: [services.befriending],
      channel: 'sms',
      recipient: '07700-900-456',
    });
    expect(response.status).toBe(202);
    expect(response.body.recipient).toBe('07••• •••456');
    const [message] = await messagesOf(team.programme.id);
    expect(message!.recipient).toBe('07700900456');
  });

  it('answers bad input with 400 naming the field, and queues nothing', async () => {
    const { team, services, linkWorker, person } = await setUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ serviceIds: [services.befriending], channel: 'email', recipient: 'not an email' }, 'recipient'],
      [{ serviceIds: [services.befriending], channel: 'sms', recipient: '020 7946 0000' }, 'recipient'],
      [{ serviceIds: [services.befriending], channel: 'email' }, 'recipient'],
      [
        {
          serviceIds: [services.befriending],
          channel: 'email',
          recipient: 'a@example.com',
          personId: person.id,
        },
        'recipient',
      ],
      [{ serviceIds: [services.befriending], channel: 'sms', recipient: '07700900123', note: 'Hi' }, 'note'],
      [
        {
          serviceIds: [services.befriending],
          channel: 'email',
          recipient: 'a@example.com',
          note: 'x'.repeat(501),
        },
        'note',
      ],
      [{ serviceIds: [services.befriending], channel: 'fax', recipient: 'a@example.com' }, 'channel'],
      [{ serviceIds: [], channel: 'email', recipient: 'a@example.com' }, 'serviceIds'],
      [
        {
          serviceIds: Array.from({ length: 11 }, () => services.befriending),
          channel: 'email',
          recipient: 'a@example.com',
        },
        'serviceIds',
      ],
      [
        { serviceIds: [services.befriending, 'nope'], channel: 'email', recipient: 'a@example.com' },
        'serviceIds.1',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await linkWorker.post(send, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(
        response.body.errors.map((e: { field: string }) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect(await messagesOf(team.programme.id)).toEqual([]);
  });

  it('refuses an unknown or closed service, naming its position in serviceIds', async () => {
    const { team, services, linkWorker } = await setUp();
    const unknown = await linkWorker.post(send, {
      serviceIds: [services.befriending, randomUUID()],
      channel: 'email',
      recipient: 'someone@example.com',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ field: 'serviceIds.1', pointer: '#/serviceIds/1' }),
    ]);

    const closed = await buildService(t.db, { name: 'Closed lunch club', status: 'defunct' });
    const inactive = await linkWorker.post(send, {
      serviceIds: [closed, services.befriending],
      channel: 'email',
      recipient: 'someone@example.com',
    });
    expect(inactive.status).toBe(400);
    expect(inactive.body.errors[0].field).toBe('serviceIds.0');
    expect(await messagesOf(team.programme.id)).toEqual([]);
    expect(await shortlistAudits(team.programme.id)).toEqual([]);
  });
});

describe('who may send a shortlist', () => {
  it('asks a link worker for a reason before sending to someone not on their caseload, and audits it', async () => {
    const { team, services } = await setUp();
    const someoneElses = await buildPerson(t.db, {
      programmeId: team.programme.id,
      assignedLinkWorkerId: team.otherLinkWorker.user.id,
    });
    await t.db
      .update(people)
      .set({ email: 'other.person@example.com' })
      .where(eq(people.id, someoneElses.id));
    const linkWorker = await signedIn(team.linkWorker);
    const body = { serviceIds: [services.befriending], channel: 'email', personId: someoneElses.id };

    const refused = await linkWorker.post(send, body);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('not on your caseload');
    expect(await messagesOf(team.programme.id)).toEqual([]);
    expect(await shortlistAudits(team.programme.id)).toEqual([]);

    const allowed = await linkWorker.post(send, { ...body, reason: 'Covering for a colleague on leave' });
    expect(allowed.status).toBe(202);
    expect(await messagesOf(team.programme.id)).toHaveLength(1);
    const [audit] = await shortlistAudits(team.programme.id);
    expect(audit).toMatchObject({ entityType: 'person', entityId: someoneElses.id });
    expect(audit!.details).toMatchObject({
      basis: 'not on caseload; reason given: Covering for a colleague on leave',
    });

    // A coordinator sees the whole programme: no reason needed.
    const coordinator = await signedIn(team.coordinator);
    expect((await coordinator.post(send, body)).status).toBe(202);
  });

  it('answers 404 for a person in another programme, as for one who does not exist', async () => {
    const { services, linkWorker } = await setUp();
    const elsewhere = await setUp();
    for (const personId of [elsewhere.person.id, randomUUID()]) {
      const response = await linkWorker.post(send, {
        serviceIds: [services.befriending],
        channel: 'email',
        personId,
        reason: 'I want to see what happens',
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not_found');
    }
    expect(await messagesOf(elsewhere.team.programme.id)).toEqual([]);
  });

  it('lets only link workers and coordinators send', async () => {
    const { team, services } = await setUp();
    const body = { serviceIds: [services.befriending], channel: 'email', recipient: 'x@example.com' };
    for (const member of [team.buddy, team.referrer, team.providerStaff, team.commissioner]) {
      const response = await (await signedIn(member)).post(send, body);
      expect(response.status, member.user.role).toBe(403);
    }
    const anonymous = await new HttpClient(t.baseUrl).post(send, body);
    expect(anonymous.status).toBe(401);
    expect(await messagesOf(team.programme.id)).toEqual([]);
  });
});

describe('retries', () => {
  it('queues one message for two requests with the same Idempotency-Key', async () => {
    const { team, person, services, linkWorker } = await setUp();
    const key = `shortlist-${randomUUID()}`;
    const body = { serviceIds: [services.befriending], channel: 'email', personId: person.id };
    const first = await linkWorker.post(send, body, { 'idempotency-key': key });
    const again = await linkWorker.post(send, body, { 'idempotency-key': key });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await messagesOf(team.programme.id)).toHaveLength(1);
    expect(await shortlistAudits(team.programme.id)).toHaveLength(1);

    // The same key for a different shortlist is refused rather than silently replayed.
    const reused = await linkWorker.post(
      send,
      { ...body, serviceIds: [services.artClub] },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(await messagesOf(team.programme.id)).toHaveLength(1);
  });
});
