// The "Trust" issue, identity defects found by an outside security probe, over real HTTP on a real
// database: an NHS number alone no longer attaches a referral to a person (and a referrer is shown
// only what it sent, in its view and as a FHIR Patient); a FHIR identifier matches on system AND
// value, and one reused for another patient is refused with 412; a new referral's contact details
// reach the person's record only when a link worker accepts it.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, programmeReferringOrganisations, referrals } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam } from './support/factories';
import { buildApiClient, expectValidFhir, fhirClient } from './support/fhir';
import { gpServiceRequest } from './support/fhir-referral';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Member = { user: { email: string }; password: string };
async function signedIn(member: Member) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
}

/** A programme taking referrals from its GP practice, the practice's FHIR client and a known person. */
async function programmeWithKnownPerson(known: Partial<typeof people.$inferInsert> = {}) {
  const team = await buildProgrammeWithTeam(t.db);
  const gpId = team.referrer.user.organisationId!;
  await t.db
    .insert(programmeReferringOrganisations)
    .values({ programmeId: team.programme.id, organisationId: gpId });
  const { key } = await buildApiClient(t.db, gpId, 'Practice EHR');
  const [person] = await t.db
    .insert(people)
    .values({
      programmeId: team.programme.id,
      givenName: 'Ada',
      familyName: `Lovelace${Date.now() % 100000}`,
      dateOfBirth: '1950-04-12',
      nhsNumber: '9434765919',
      phone: '020 7946 0001',
      postcode: 'N17 6HB',
      ...known,
    })
    .returning();
  return { team, gpId, fhir: fhirClient(t.baseUrl, key), known: person! };
}

function referralBody(person: Record<string, unknown>) {
  return {
    person: { postcode: 'N17 6HB', ...person },
    needs: ['loneliness'],
    reasonText: 'Lonely since moving here.',
    consent: {
      toReferral: true,
      toShare: true,
      sharedFields: ['contact_details', 'needs'],
      method: 'verbal',
    },
    referrer: {},
  };
}

async function personRow(id: string) {
  const [row] = await t.db.select().from(people).where(eq(people.id, id));
  return row!;
}

async function referralRow(id: string) {
  const [row] = await t.db.select().from(referrals).where(eq(referrals.id, id));
  return row!;
}

describe('defect 2: the NHS number is not an identity oracle', () => {
  it('makes a new person flagged for duplicate review when name and date of birth disagree, and shows the referrer only what it sent', async () => {
    const { team, known } = await programmeWithKnownPerson();
    const before = await personRow(known.id);
    const gp = await signedIn(team.referrer);
    const sent = await gp.post(
      '/api/referrals',
      referralBody({
        givenName: 'Zed',
        familyName: 'Probe',
        dateOfBirth: '1980-01-01',
        nhsNumber: '943 476 5919',
        email: 'probe@example.test',
      }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.person.id).not.toBe(known.id);
    expect((await referralRow(sent.body.id)).personId).not.toBe(known.id);

    // The referrer's view: its own name and date of birth, nothing of the known person.
    const view = await gp.get(`/api/referrals/sent/${sent.body.id}`);
    expect(view.status).toBe(200);
    expect(view.body.person).toEqual({ givenName: 'Zed', familyName: 'Probe', dateOfBirth: '1980-01-01' });
    const list = await gp.get('/api/referrals/sent');
    expect(list.body.items.map((item: { person: unknown }) => item.person)).toEqual([
      { givenName: 'Zed', familyName: 'Probe', dateOfBirth: '1980-01-01' },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(known.familyName);

    // The known person's record is untouched.
    expect(await personRow(known.id)).toEqual(before);

    // The link worker sees the possible duplicate on the referral, and in the duplicate check.
    const linkWorker = await signedIn(team.linkWorker);
    const record = await linkWorker.get(`/api/referrals/${sent.body.id}`);
    expect(record.status).toBe(200);
    const flag = record.body.timeline.find(
      (event: { type: string }) => event.type === 'referral.possible_duplicate_person',
    );
    expect(flag).toMatchObject({
      isVisibleToReferrer: false,
      details: { possibleDuplicates: [{ personId: known.id, reason: 'nhs_number_conflict' }] },
    });
    const check = await linkWorker.post('/api/referrals/duplicate-check', {
      givenName: 'Zed',
      familyName: 'Probe',
      dateOfBirth: '1980-01-01',
      nhsNumber: '9434765919',
    });
    // The new record (the same details) and the known person whose details disagree.
    expect(check.body.candidates).toEqual([
      expect.objectContaining({ id: sent.body.person.id, matchReason: 'nhs_number' }),
      expect.objectContaining({ id: known.id, matchReason: 'nhs_number_conflict' }),
    ]);
    // The referrer's events never mention it.
    expect(view.body.events.map((e: { type: string }) => e.type)).toEqual(['referral.received']);
  });

  it('still joins the known person when NHS number and date of birth agree, yet shows the referrer the name it sent', async () => {
    const { team, known } = await programmeWithKnownPerson();
    const gp = await signedIn(team.referrer);
    const sent = await gp.post(
      '/api/referrals',
      referralBody({
        givenName: 'Adah',
        familyName: known.familyName,
        dateOfBirth: '1950-04-12',
        nhsNumber: '9434765919',
        postcode: 'E1 6AN',
      }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.person.id).toBe(known.id);
    const view = await gp.get(`/api/referrals/sent/${sent.body.id}`);
    expect(view.body.person).toEqual({
      givenName: 'Adah',
      familyName: known.familyName,
      dateOfBirth: '1950-04-12',
    });
  });

  it('shows a FHIR client only the Patient it sent, never the known person under the same NHS number', async () => {
    const { fhir, known } = await programmeWithKnownPerson();
    const created = await fhir.post(
      '/ServiceRequest',
      gpServiceRequest({
        nhsNumber: '9434765919',
        givenName: 'Zed',
        familyName: 'Probe',
        birthDate: '1980-01-01',
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.subject.reference).not.toBe(`Patient/${known.id}`);
    const patient = await fhir.get(`/${created.body.subject.reference}`);
    expect(patient.status).toBe(200);
    expectValidFhir(patient.body);
    expect(patient.body.name).toEqual([{ use: 'official', family: 'Probe', given: ['Zed'] }]);
    expect(patient.body.birthDate).toBe('1980-01-01');
    expect((await fhir.get(`/Patient/${known.id}`)).status).toBe(404);
    const search = await fhir.get('/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919');
    expect(search.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([
      patient.body.id,
    ]);
    expect(JSON.stringify(search.body)).not.toContain(known.familyName);
  });

  it('presents a matched Patient as the FHIR client sent it, not as the record holds it', async () => {
    const { fhir, known } = await programmeWithKnownPerson({ email: 'ada@example.test' });
    const created = await fhir.post(
      '/ServiceRequest',
      gpServiceRequest({
        nhsNumber: '9434765919',
        givenName: 'Adah',
        familyName: known.familyName,
        birthDate: '1950-04-12',
        postcode: 'E1 6AN',
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.subject.reference).toBe(`Patient/${known.id}`);
    const patient = await fhir.get(`/Patient/${known.id}`);
    expect(patient.body.name[0].given).toEqual(['Adah']);
    expect(patient.body.address).toEqual([{ postalCode: 'E1 6AN' }]);
  });
});

describe('defect 3: a FHIR identifier is its system and value', () => {
  const withIdentifier = (resource: ReturnType<typeof gpServiceRequest>, system: string, value: string) => ({
    ...resource,
    identifier: [{ system, value }],
  });

  it('makes B’s referral under another system, and refuses with 412 an identifier reused for another patient', async () => {
    const { gpId, fhir } = await programmeWithKnownPerson();
    const value = `V-${Date.now()}`;
    const patientA = gpServiceRequest({
      givenName: 'Alice',
      familyName: 'Aardvark',
      birthDate: '1960-01-01',
    });
    const patientB = gpServiceRequest({ givenName: 'Bob', familyName: 'Bandicoot', birthDate: '1970-02-02' });
    const first = await fhir.post('/ServiceRequest', withIdentifier(patientA, 'http://example.org/a', value));
    expect(first.status).toBe(201);
    const second = await fhir.post(
      '/ServiceRequest',
      withIdentifier(patientB, 'https://fhir.nhs.uk/Id/UBRN', value),
    );
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.subject.reference).not.toBe(first.body.subject.reference);
    const patient = await fhir.get(`/${second.body.subject.reference}`);
    expect(patient.body.name[0].family).toBe('Bandicoot');

    // The same system and value for another patient: refused, nothing written, nothing leaked.
    const reused = await fhir.post(
      '/ServiceRequest',
      withIdentifier(patientB, 'http://example.org/a', value),
    );
    expect(reused.status).toBe(412);
    expect(reused.body.resourceType).toBe('OperationOutcome');
    expectValidFhir(reused.body);
    expect(JSON.stringify(reused.body)).not.toContain('Aardvark');
    const { identifier: _identifier, ...bWithoutIdentifier } = patientB;
    const conditional = await fhir.post('/ServiceRequest', bWithoutIdentifier, {
      'if-none-exist': `identifier=http://example.org/a|${value}`,
    });
    expect(conditional.status).toBe(412);
    expect(conditional.body.resourceType).toBe('OperationOutcome');

    // A real retry of A is still answered with A's referral.
    const retry = await fhir.post('/ServiceRequest', withIdentifier(patientA, 'http://example.org/a', value));
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    const [made] = await t.db
      .select({ n: count() })
      .from(referrals)
      .where(eq(referrals.referringOrganisationId, gpId));
    expect(made!.n).toBe(2);
  });
});

describe('defect 4: another organisation does not fill in a person’s contact details', () => {
  it('keeps a new referral’s details on the referral until a link worker accepts it, then fills blanks only', async () => {
    const { team, known } = await programmeWithKnownPerson();
    const gp = await signedIn(team.referrer);
    const sent = await gp.post(
      '/api/referrals',
      referralBody({
        givenName: 'Ada',
        familyName: known.familyName,
        dateOfBirth: '1950-04-12',
        nhsNumber: '9434765919',
        email: 'someone-else@example.test',
        phone: '07700 900999',
      }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.person.id).toBe(known.id);
    const afterReferral = await personRow(known.id);
    expect(afterReferral).toMatchObject({ email: null, phone: '020 7946 0001', version: known.version });

    // The link worker sees what the referral proposes before accepting.
    const linkWorker = await signedIn(team.linkWorker);
    const record = await linkWorker.get(`/api/referrals/${sent.body.id}`);
    expect(record.body.person.email).toBeNull();
    expect(record.body.personDetailsFromReferral).toEqual([
      { field: 'email', onRecord: null, proposed: 'someone-else@example.test', fillsBlank: true },
      { field: 'phone', onRecord: '020 7946 0001', proposed: '07700 900999', fillsBlank: false },
    ]);

    const accepted = await linkWorker.post(`/api/referrals/${sent.body.id}/actions`, {
      action: 'accept',
      version: record.body.version,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(await personRow(known.id)).toMatchObject({
      email: 'someone-else@example.test',
      phone: '020 7946 0001',
    });
    const after = await linkWorker.get(`/api/referrals/${sent.body.id}`);
    expect(after.body.personDetailsFromReferral).toEqual([
      { field: 'phone', onRecord: '020 7946 0001', proposed: '07700 900999', fillsBlank: false },
    ]);
    const proposed = after.body.timeline.find(
      (event: { type: string }) => event.type === 'referral.person_details_proposed',
    );
    expect(proposed).toMatchObject({
      isVisibleToReferrer: false,
      details: {
        filled: [{ field: 'email', proposed: 'someone-else@example.test' }],
        notApplied: [{ field: 'phone', onRecord: '020 7946 0001', proposed: '07700 900999' }],
      },
    });
  });

  it('leaves the record alone when a referral is rejected', async () => {
    const { team, known } = await programmeWithKnownPerson();
    const gp = await signedIn(team.referrer);
    const sent = await gp.post(
      '/api/referrals',
      referralBody({
        givenName: 'Ada',
        familyName: known.familyName,
        dateOfBirth: '1950-04-12',
        nhsNumber: '9434765919',
        email: 'someone-else@example.test',
      }),
    );
    const linkWorker = await signedIn(team.linkWorker);
    const rejected = await linkWorker.post(`/api/referrals/${sent.body.id}/actions`, {
      action: 'reject',
      reason: 'not_appropriate',
      version: sent.body.version,
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const [row] = await t.db
      .select({ email: people.email })
      .from(people)
      .where(and(eq(people.id, known.id)));
    expect(row!.email).toBeNull();
  });
});
