// Equality monitoring (Insight issue 13, "Data to record first") over real HTTP on a real database:
// the area derived from the postcode on every write, the answers' validation, the audited edit with
// its version check, referrals in carrying the answers (staff/GP form, self-referral, FHIR) under
// the identity rules, and what the referrer may never see.
import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client';
import { auditEvents, people, programmeReferringOrganisations, programmes } from '../src/db/schema';
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

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

/** N17 6HB, from assets/geo: LSOA 2011 E01002082 "Haringey 013A", IMD 2019 rank 546, decile 1. */
const haringeyArea = {
  lsoaCode: 'E01002082',
  lsoaName: 'Haringey 013A',
  boroughCode: 'E09000014',
  boroughName: 'Haringey',
  imdDecile: 1,
  imdRank: 546,
  domainDeciles: {
    income: 1,
    employment: 1,
    educationSkills: 3,
    healthDisability: 2,
    crime: 1,
    barriersHousingServices: 1,
    livingEnvironment: 4,
  },
};

// Random letters, so that two people in one test never look alike to the duplicate check, which
// matches a close name with the same date of birth and postcode (names like "Equityd41234" and
// "Equitye41240" once did, and the second referral joined the first person).
const uniqueFamilyName = () => {
  const letters = [...randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return letters.charAt(0).toUpperCase() + letters.slice(1);
};

async function personRow(id: string) {
  const [row] = await t.db.select().from(people).where(eq(people.id, id));
  return row!;
}

describe('the area derived from the postcode', () => {
  it('stores LSOA, borough and IMD decile for a live postcode, and shows the domain deciles', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const linkWorker = await signedIn(team.linkWorker);
    const created = await linkWorker.post('/api/people', {
      givenName: 'Iris',
      familyName: uniqueFamilyName(),
      postcode: 'n17 6hb',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.area).toEqual(haringeyArea);
    expect(created.body).toMatchObject({ sex: null, ethnicity: null, disability: null, carer: null });
    const row = await personRow(created.body.id);
    expect(row).toMatchObject({ lsoaCode: 'E01002082', boroughCode: 'E09000014', imdDecile: 1 });
    const read = await linkWorker.get(`/api/people/${created.body.id}`);
    expect(read.body.area).toEqual(haringeyArea);
  });

  it('follows the postcode on edit: borough only for an unknown London postcode, nothing outside London', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const linkWorker = await signedIn(team.linkWorker);
    const created = await linkWorker.post('/api/people', {
      givenName: 'Iris',
      familyName: uniqueFamilyName(),
      postcode: 'N17 6HB',
    });
    // N17 9ZZ is not a live postcode, but sector N17 9 is mostly in Haringey.
    const moved = await linkWorker.patch(`/api/people/${created.body.id}`, {
      version: 1,
      postcode: 'N17 9ZZ',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.area).toEqual({
      lsoaCode: null,
      lsoaName: null,
      boroughCode: 'E09000014',
      boroughName: 'Haringey',
      imdDecile: null,
      imdRank: null,
      domainDeciles: null,
    });
    const away = await linkWorker.patch(`/api/people/${created.body.id}`, { version: 2, postcode: 'M1 1AE' });
    expect(away.status).toBe(200);
    expect(away.body.area).toBeNull();
    expect(await personRow(created.body.id)).toMatchObject({
      lsoaCode: null,
      boroughCode: null,
      imdDecile: null,
    });
    // Changing something else leaves the area alone.
    await linkWorker.patch(`/api/people/${created.body.id}`, { version: 3, postcode: 'N17 6HB' });
    const renamed = await linkWorker.patch(`/api/people/${created.body.id}`, {
      version: 4,
      givenName: 'Irene',
    });
    expect(renamed.body.area).toEqual(haringeyArea);
  });
});

describe('recording the answers on the person record', () => {
  it('saves each answer with the version check and an audit row naming the fields', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const linkWorker = await signedIn(team.linkWorker);
    const created = await linkWorker.post('/api/people', {
      givenName: 'Noor',
      familyName: uniqueFamilyName(),
      postcode: 'N17 6HB',
      ethnicity: 'prefer_not_to_say',
    });
    expect(created.body.ethnicity).toBe('prefer_not_to_say');
    const changed = await linkWorker.patch(`/api/people/${created.body.id}`, {
      version: 1,
      sex: 'female',
      genderIdentitySame: 'no',
      genderIdentity: 'Non-binary',
      ethnicity: 'asian_bangladeshi',
      disability: 'limited_a_little',
      carer: 'yes_20_to_49_hours',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      sex: 'female',
      genderIdentitySame: 'no',
      genderIdentity: 'Non-binary',
      ethnicity: 'asian_bangladeshi',
      disability: 'limited_a_little',
      carer: 'yes_20_to_49_hours',
      version: 2,
    });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, created.body.id), eq(auditEvents.action, 'person.update')))
      .orderBy(desc(auditEvents.at));
    expect(audit?.details).toMatchObject({
      fields: expect.arrayContaining([
        'sex',
        'genderIdentitySame',
        'genderIdentity',
        'ethnicity',
        'disability',
        'carer',
      ]),
    });

    const stale = await linkWorker.patch(`/api/people/${created.body.id}`, {
      version: 1,
      ethnicity: 'white_irish',
    });
    expect(stale.status).toBe(409);
    // Moving away from "no" drops the identity given with it; null goes back to "not asked".
    const cleared = await linkWorker.patch(`/api/people/${created.body.id}`, {
      version: 2,
      genderIdentitySame: 'prefer_not_to_say',
      sex: null,
    });
    expect(cleared.body).toMatchObject({
      genderIdentitySame: 'prefer_not_to_say',
      genderIdentity: null,
      sex: null,
    });
    expect(await personRow(created.body.id)).toMatchObject({
      genderIdentity: null,
      sex: null,
      ethnicity: 'asian_bangladeshi',
    });
  });

  it('refuses an unknown answer or a gender identity without "no", naming the field and changing nothing', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    const linkWorker = await signedIn(team.linkWorker);
    const badCreate = await linkWorker.post('/api/people', {
      givenName: 'Ola',
      familyName: uniqueFamilyName(),
      ethnicity: 'martian',
    });
    expect(badCreate.status).toBe(400);
    expect(badCreate.headers.get('content-type')).toMatch(/problem\+json/);
    expect(fieldsOf(badCreate.body)).toEqual(['ethnicity']);
    const withYes = await linkWorker.post('/api/people', {
      givenName: 'Ola',
      familyName: uniqueFamilyName(),
      genderIdentitySame: 'yes',
      genderIdentity: 'Woman',
    });
    expect(withYes.status).toBe(400);
    expect(fieldsOf(withYes.body)).toEqual(['genderIdentity']);

    const created = await linkWorker.post('/api/people', {
      givenName: 'Ola',
      familyName: uniqueFamilyName(),
    });
    const badEnum = await linkWorker.patch(`/api/people/${created.body.id}`, {
      version: 1,
      carer: 'sometimes',
    });
    expect(badEnum.status).toBe(400);
    expect(fieldsOf(badEnum.body)).toEqual(['carer']);
    // The record has not said "no", so an identity alone is refused too.
    const alone = await linkWorker.patch(`/api/people/${created.body.id}`, {
      version: 1,
      sex: 'male',
      genderIdentity: 'Man',
    });
    expect(alone.status).toBe(400);
    expect(fieldsOf(alone.body)).toEqual(['genderIdentity']);
    expect(await personRow(created.body.id)).toMatchObject({ version: 1, sex: null, genderIdentity: null });
  });
});

// ─── Referrals in ───────────────────────────────────────────────────────────────────────────────

async function teamWithLinkedGp() {
  const team = await buildProgrammeWithTeam(t.db);
  await t.db
    .insert(programmeReferringOrganisations)
    .values({ programmeId: team.programme.id, organisationId: team.referrer.user.organisationId! });
  return team;
}

function gpReferral(person: Record<string, unknown>) {
  return {
    person: { givenName: 'Kwame', dateOfBirth: '1961-03-04', postcode: 'N17 6HB', ...person },
    needs: ['housing'],
    reasonText: 'Worried about losing his flat.',
    consent: { toReferral: true, toShare: true, sharedFields: ['needs'], method: 'verbal' },
    referrer: {},
  };
}

describe('referral intake', () => {
  it('gives a new person the answers the referral carried, with their area; a bad answer is a 400 naming it', async () => {
    const team = await teamWithLinkedGp();
    const gp = await signedIn(team.referrer);
    const familyName = uniqueFamilyName();
    const sent = await gp.post(
      '/api/referrals',
      gpReferral({
        familyName,
        sex: 'male',
        ethnicity: 'black_african',
        carer: 'no',
        disability: 'prefer_not_to_say',
      }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const linkWorker = await signedIn(team.linkWorker);
    const record = await linkWorker.get(`/api/referrals/${sent.body.id}`);
    expect(record.body.person).toMatchObject({
      sex: 'male',
      ethnicity: 'black_african',
      carer: 'no',
      disability: 'prefer_not_to_say',
      genderIdentitySame: null,
      area: haringeyArea,
      version: 1,
    });

    const bad = await gp.post('/api/referrals', gpReferral({ familyName, ethnicity: 'black' }));
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['person.ethnicity']);
    const identity = await gp.post(
      '/api/referrals',
      gpReferral({ familyName, genderIdentitySame: 'yes', genderIdentity: 'Man' }),
    );
    expect(identity.status).toBe(400);
    expect(fieldsOf(identity.body)).toEqual(['person.genderIdentity']);
  });

  it('fills an existing person’s blank answers only on accept, never overwriting, and never shows the referrer the record’s', async () => {
    const team = await teamWithLinkedGp();
    const [known] = await t.db
      .insert(people)
      .values({
        programmeId: team.programme.id,
        givenName: 'Kwame',
        familyName: uniqueFamilyName(),
        dateOfBirth: '1961-03-04',
        nhsNumber: '9434765919',
        postcode: 'N17 6HB',
        sex: 'male',
        disability: 'limited_a_lot',
      })
      .returning();
    const gp = await signedIn(team.referrer);
    const sent = await gp.post(
      '/api/referrals',
      gpReferral({
        givenName: known!.givenName,
        familyName: known!.familyName,
        nhsNumber: '943 476 5919',
        sex: 'female',
        ethnicity: 'black_caribbean',
      }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    // Matched: the record is untouched until a link worker accepts.
    expect(await personRow(known!.id)).toMatchObject({ sex: 'male', ethnicity: null, version: 1 });

    // The referrer sees what it sent, never the record's answers (disability came from elsewhere).
    const view = await gp.get(`/api/referrals/sent/${sent.body.id}`);
    expect(view.status).toBe(200);
    const text = JSON.stringify(view.body);
    for (const leak of ['limited_a_lot', 'disability', 'ethnicity', 'E01002082', 'imdDecile'])
      expect(text).not.toContain(leak);

    const linkWorker = await signedIn(team.linkWorker);
    const before = await linkWorker.get(`/api/referrals/${sent.body.id}`);
    expect(before.body.personDetailsFromReferral).toEqual(
      expect.arrayContaining([
        { field: 'sex', onRecord: 'male', proposed: 'female', fillsBlank: false },
        { field: 'ethnicity', onRecord: null, proposed: 'black_caribbean', fillsBlank: true },
      ]),
    );
    const accepted = await linkWorker.post(`/api/referrals/${sent.body.id}/actions`, {
      action: 'accept',
      version: before.body.version,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(await personRow(known!.id)).toMatchObject({
      sex: 'male',
      ethnicity: 'black_caribbean',
      disability: 'limited_a_lot',
    });
  });

  it('takes the answers from the public self-referral form ("About you")', async () => {
    const team = await buildProgrammeWithTeam(t.db);
    // Test programmes cover Haringey by default: this one alone covers Lewisham.
    await t.db
      .update(programmes)
      .set({ areas: ['Lewisham'] })
      .where(eq(programmes.id, team.programme.id));
    const [lewisham] = await queryRows<{ postcode: string; lsoaCode: string; imdDecile: number }>(
      t.db,
      sql`select p.postcode, p.lsoa_code as "lsoaCode", l.imd_decile as "imdDecile"
        from postcodes p join lsoas l on l.code = p.lsoa_code
        where p.borough_code = 'E09000023' order by p.postcode limit 1`,
    );
    const citizen = new HttpClient(t.baseUrl);
    const token = await citizen.get('/api/public/referrals/form-token');
    await new Promise((resolve) => setTimeout(resolve, 3_100)); // the form must be 3 seconds old
    const familyName = uniqueFamilyName();
    const form = {
      givenName: 'Maya',
      familyName,
      dateOfBirth: '1990-07-01',
      postcode: lewisham!.postcode,
      phone: '07700 900456',
      needs: ['mental_wellbeing'],
      helpWith: 'I would like to meet people.',
      consentToReferral: true,
      consentToShare: false,
      formToken: token.body.formToken,
      website: '',
      sex: 'female',
      genderIdentitySame: 'no',
      genderIdentity: 'Trans woman',
      ethnicity: 'mixed_white_asian',
      carer: 'yes_50_hours_or_more',
    };
    const refused = await citizen.post('/api/public/referrals', { ...form, ethnicity: 'nope' });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['ethnicity']);
    const sent = await citizen.post('/api/public/referrals', form);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const [row] = await t.db
      .select()
      .from(people)
      .where(and(eq(people.programmeId, team.programme.id), eq(people.familyName, familyName)));
    expect(row).toMatchObject({
      sex: 'female',
      genderIdentitySame: 'no',
      genderIdentity: 'Trans woman',
      ethnicity: 'mixed_white_asian',
      disability: null,
      carer: 'yes_50_hours_or_more',
      lsoaCode: lewisham!.lsoaCode,
      boroughCode: 'E09000023',
      imdDecile: lewisham!.imdDecile,
    });
  });
});

describe('FHIR: Patient.gender and the UK Core ethnic category', () => {
  async function gpWithFhir() {
    const team = await teamWithLinkedGp();
    const { key } = await buildApiClient(t.db, team.referrer.user.organisationId!, 'Practice EHR');
    return { team, fhir: fhirClient(t.baseUrl, key) };
  }

  function withPatient(patient: Record<string, unknown>) {
    const request = gpServiceRequest({ familyName: uniqueFamilyName() });
    const contained = request.contained!.map((resource) =>
      resource.resourceType === 'Patient' ? { ...resource, ...patient } : resource,
    );
    return { ...request, contained };
  }

  const ethnicExtension = (code: string) => ({
    url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
    valueCodeableConcept: {
      coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland', code }],
    },
  });

  it('reads gender and ethnic category into the person, and writes them back on the Patient it sent', async () => {
    const { fhir } = await gpWithFhir();
    const created = await fhir.post(
      '/ServiceRequest',
      withPatient({ gender: 'female', extension: [ethnicExtension('N')] }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const personId = created.body.subject.reference.replace('Patient/', '');
    expect(await personRow(personId)).toMatchObject({
      sex: 'female',
      ethnicity: 'black_african',
      imdDecile: 1,
    });
    const patient = await fhir.get(`/${created.body.subject.reference}`);
    expect(patient.status).toBe(200);
    expectValidFhir(patient.body);
    expect(patient.body.gender).toBe('female');
    expect(patient.body.extension).toEqual([
      {
        url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
        valueCodeableConcept: {
          coding: [
            {
              system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
              code: 'N',
              display: 'Black or Black British - African',
            },
          ],
        },
      },
    ]);
  });

  it('takes a shared code as its group’s "any other" category, and leaves other genders and unknown codes unanswered', async () => {
    const { fhir } = await gpWithFhir();
    const shared = await fhir.post(
      '/ServiceRequest',
      withPatient({ gender: 'male', extension: [ethnicExtension('C')] }),
    );
    expect(shared.status).toBe(201);
    expect(await personRow(shared.body.subject.reference.replace('Patient/', ''))).toMatchObject({
      sex: 'male',
      ethnicity: 'white_other',
    });
    const other = await fhir.post(
      '/ServiceRequest',
      withPatient({ gender: 'other', extension: [ethnicExtension('99')] }),
    );
    expect(other.status).toBe(201);
    expect(await personRow(other.body.subject.reference.replace('Patient/', ''))).toMatchObject({
      sex: null,
      ethnicity: null,
    });
    const patient = await fhir.get(`/${other.body.subject.reference}`);
    expectValidFhir(patient.body);
    expect(patient.body.gender).toBeUndefined();
    expect(patient.body.extension).toBeUndefined();
  });
});
