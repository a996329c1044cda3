// Outcome measures over FHIR: Questionnaires for the built-in instruments, a connected system
// recording a QuestionnaireResponse through the same domain code as the web form (scored, duplicate
// rules, audit), Observations for the scores, element-named refusals, and no access to another
// organisation's referrals. Every resource and Bundle returned is checked against the R4 schema.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensions } from '../src/adapters/fhir/urls';
import { auditEvents, measures, referralEvents, referrals } from '../src/db/schema';
import { londonDate } from '../src/outcomes/measures/record-measure';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgramme } from './support/factories';
import { buildApiClient, expectValidFhir, fhirClient } from './support/fhir';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const canonical = (id: string) => `https://linkwell.example/fhir/Questionnaire/${id}`;
const today = () => londonDate(new Date());

/** A GP practice with an API client, and a referral in progress that the practice made. */
async function practiceWithReferral() {
  const programme = await buildProgramme(t.db);
  const practice = await buildOrganisation(t.db, { type: 'gp_practice' });
  const referral = await buildReferral(t.db, {
    programmeId: programme.id,
    status: 'in_progress',
    referringOrganisationId: practice.id,
  });
  await t.db
    .update(referrals)
    .set({ receivedAt: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) })
    .where(eq(referrals.id, referral.id));
  const { client, key } = await buildApiClient(t.db, practice.id);
  return { programme, practice, referral, client, fhir: fhirClient(t.baseUrl, key) };
}

async function otherPracticeClient() {
  const other = await buildOrganisation(t.db, { type: 'gp_practice' });
  return fhirClient(t.baseUrl, (await buildApiClient(t.db, other.id, 'Other GP system')).key);
}

function response(
  referral: { id: string; personId: string },
  questionnaire: string,
  items: { linkId: string; answer?: Record<string, unknown>[] }[],
  extra: Record<string, unknown> = {},
) {
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: canonical(questionnaire),
    status: 'completed',
    subject: { reference: `Patient/${referral.personId}` },
    basedOn: [{ reference: `ServiceRequest/${referral.id}` }],
    authored: today(),
    item: items,
    ...extra,
  };
}

/** SWEMWBS answered with `value` on every item, as codings (choice items). */
const swemwbsItems = (value: number) =>
  Array.from({ length: 7 }, (_, index) => ({
    linkId: `item_${index + 1}`,
    answer: [{ valueCoding: { code: String(value) } }],
  }));

const ons4Items = (lifeSatisfaction: number, worthwhile: number, happiness: number, anxiety: number) =>
  Object.entries({ life_satisfaction: lifeSatisfaction, worthwhile, happiness, anxiety }).map(
    ([linkId, value]) => ({ linkId, answer: [{ valueInteger: value }] }),
  );

const timepoint = (code: string) => ({ extension: [{ url: extensions.measureTimepoint, valueCode: code }] });

async function measuresOf(referralId: string) {
  return t.db.select().from(measures).where(eq(measures.referralId, referralId));
}

describe('Questionnaire', () => {
  it('reads each built-in instrument, with SWEMWBS items numbered and no licensed wording', async () => {
    const { fhir } = await practiceWithReferral();
    const swemwbs = await fhir.get('/Questionnaire/swemwbs');
    expect(swemwbs.status).toBe(200);
    expect(swemwbs.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expectValidFhir(swemwbs.body);
    expect(swemwbs.body).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'swemwbs',
      url: canonical('swemwbs'),
      name: 'SWEMWBS',
      status: 'active',
    });
    expect(swemwbs.body.copyright).toMatch(/Warwick/);
    expect(swemwbs.body.description).toMatch(/Linkwell ships none/);
    expect(swemwbs.body.item).toHaveLength(7);
    expect(swemwbs.body.item[0]).toMatchObject({
      linkId: 'item_1',
      text: 'Item 1',
      type: 'choice',
      required: true,
    });
    expect(swemwbs.body.item[0].answerOption.map((option: any) => option.valueCoding.code)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(swemwbs.body.item[0].answerOption[0].valueCoding.display).toBe('None of the time');

    const ons4 = await fhir.get('/Questionnaire/ons4');
    expectValidFhir(ons4.body);
    expect(ons4.body.item[0]).toMatchObject({
      linkId: 'life_satisfaction',
      type: 'integer',
      required: false,
    });
    expect(ons4.body.item[0].answerOption).toHaveLength(11);
    expect(ons4.body.item[0].text).toMatch(/satisfied/);

    const wellbeing = await fhir.get('/Questionnaire/wellbeing-domains');
    expect(wellbeing.status).toBe(200);
    expectValidFhir(wellbeing.body);
    const ucla3 = await fhir.get('/Questionnaire/ucla3');
    expectValidFhir(ucla3.body);

    const missing = await fhir.get('/Questionnaire/phq9');
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
    expectValidFhir(missing.body);
  });

  it('searches by url, name and status, and refuses parameters it does not support', async () => {
    const { fhir } = await practiceWithReferral();
    const all = await fhir.get('/Questionnaire');
    expectValidFhir(all.body);
    expect(all.body.total).toBe(4);
    for (const entry of all.body.entry) expectValidFhir(entry.resource);

    const byUrl = await fhir.get(`/Questionnaire?url=${encodeURIComponent(canonical('ucla3'))}`);
    expectValidFhir(byUrl.body);
    expect(byUrl.body.entry.map((entry: any) => entry.resource.id)).toEqual(['ucla3']);
    const byName = await fhir.get('/Questionnaire?name=swem');
    expectValidFhir(byName.body);
    expect(byName.body.entry.map((entry: any) => entry.resource.id)).toEqual(['swemwbs']);
    const retired = await fhir.get('/Questionnaire?status=retired');
    expectValidFhir(retired.body);
    expect(retired.body.total).toBe(0);

    const unsupported = await fhir.get('/Questionnaire?publisher=x');
    expect(unsupported.status).toBe(400);
    expectValidFhir(unsupported.body);
    expect(unsupported.body.issue[0].expression).toEqual(['publisher']);
  });
});

describe('QuestionnaireResponse and Observation', () => {
  it('records and scores a SWEMWBS response, with the metric score beside the raw total', async () => {
    const { fhir, referral, client } = await practiceWithReferral();
    const created = await fhir.post('/QuestionnaireResponse', response(referral, 'swemwbs', swemwbsItems(3)));
    expect(created.status).toBe(201);
    expectValidFhir(created.body);
    expect(created.headers.get('location')).toContain(`/fhir/QuestionnaireResponse/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: 'completed',
      questionnaire: `${canonical('swemwbs')}|1`,
      subject: { reference: `Patient/${referral.personId}` },
      basedOn: [{ reference: `ServiceRequest/${referral.id}` }],
      extension: [{ url: extensions.measureTimepoint, valueCode: 'baseline' }],
    });

    // The same domain code as the web form: scored, its timeline event and audit row written.
    const [row] = await measuresOf(referral.id);
    expect(row).toMatchObject({
      id: created.body.id,
      instrumentKey: 'swemwbs',
      timepoint: 'baseline',
      rawTotal: 21,
      metricScore: 19.25,
      source: 'connected_system',
      isComplete: true,
    });
    const events = await t.db.select().from(referralEvents).where(eq(referralEvents.referralId, referral.id));
    expect(events.map((event) => event.type)).toContain('measure.recorded');
    const created_audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'measure.create'), eq(auditEvents.entityId, row!.id)));
    expect(created_audit).toHaveLength(1);
    expect(created_audit[0]).toMatchObject({ actorType: 'api_client', actorId: client.id });

    const observation = await fhir.get(`/Observation/${row!.id}`);
    expect(observation.status).toBe(200);
    expectValidFhir(observation.body);
    expect(observation.body).toMatchObject({
      status: 'final',
      category: [{ coding: [{ code: 'survey' }] }],
      subject: { reference: `Patient/${referral.personId}` },
      basedOn: [{ reference: `ServiceRequest/${referral.id}` }],
      derivedFrom: [{ reference: `QuestionnaireResponse/${row!.id}` }],
      effectiveDateTime: today(),
      valueQuantity: { value: 21, code: '{score}' },
    });
    expect(observation.body.code.coding[0]).toEqual({
      system: 'http://snomed.info/sct',
      code: '718466001',
      display: 'Short Warwick-Edinburgh Mental Well-being Scale score',
    });
    expect(observation.body.code.text).toMatch(/raw total \(7 to 35\)/);
    expect(observation.body.component).toHaveLength(1);
    expect(observation.body.component[0].code.text).toMatch(/metric score/);
    expect(observation.body.component[0].valueQuantity.value).toBe(19.25);
    // SWEMWBS has no published thresholds, so no interpretation.
    expect(observation.body.interpretation).toBeUndefined();

    const read = await fhir.get(`/QuestionnaireResponse/${row!.id}`);
    expect(read.status).toBe(200);
    expectValidFhir(read.body);
    expect(read.body.item).toHaveLength(7);
    expect(read.body.item[0].answer[0].valueCoding).toMatchObject({ code: '3', display: 'Some of the time' });

    const bySnomed = await fhir.get(
      `/Observation?subject=Patient/${referral.personId}&code=http://snomed.info/sct|718466001`,
    );
    expectValidFhir(bySnomed.body);
    expect(bySnomed.body.entry.map((entry: any) => entry.resource.id)).toEqual([row!.id]);
  });

  it('gives ONS4 one Observation per item with its ONS band, and finds them by code, date and referral', async () => {
    const { fhir, referral } = await practiceWithReferral();
    const created = await fhir.post(
      '/QuestionnaireResponse',
      response(referral, 'ons4', ons4Items(8, 7, 3, 6)),
    );
    expect(created.status).toBe(201);
    expectValidFhir(created.body);

    const all = await fhir.get(`/Observation?based-on=ServiceRequest/${referral.id}`);
    expectValidFhir(all.body);
    expect(all.body.total).toBe(4);
    for (const entry of all.body.entry) expectValidFhir(entry.resource);
    const anxiety = all.body.entry.find((entry: any) => entry.resource.id.endsWith('-anxiety')).resource;
    expect(anxiety.id).toBe(`${created.body.id}-anxiety`);
    expect(anxiety.valueQuantity.value).toBe(6);
    expect(anxiety.interpretation[0].coding[0]).toMatchObject({ code: 'ons4.high', display: 'High' });

    const single = await fhir.get(`/Observation/${created.body.id}-life-satisfaction`);
    expectValidFhir(single.body);
    expect(single.body.code.coding[0].code).toBe('ons4.life_satisfaction');
    expect(single.body.interpretation[0].coding[0].code).toBe('ons4.high');

    const byCode = await fhir.get(`/Observation?based-on=ServiceRequest/${referral.id}&code=ons4.happiness`);
    expectValidFhir(byCode.body);
    expect(byCode.body.entry.map((entry: any) => entry.resource.valueQuantity.value)).toEqual([3]);
    const tomorrow = await fhir.get(`/Observation?based-on=ServiceRequest/${referral.id}&date=gt${today()}`);
    expectValidFhir(tomorrow.body);
    expect(tomorrow.body.total).toBe(0);
    const paged = await fhir.get(
      `/Observation?based-on=ServiceRequest/${referral.id}&date=ge${today()}&_count=3`,
    );
    expectValidFhir(paged.body);
    expect(paged.body.entry).toHaveLength(3);
    expect(paged.body.link.some((link: any) => link.relation === 'next')).toBe(true);

    const responses = await fhir.get(
      `/QuestionnaireResponse?subject=Patient/${referral.personId}&questionnaire=${encodeURIComponent(canonical('ons4'))}`,
    );
    expectValidFhir(responses.body);
    expect(responses.body.entry.map((entry: any) => entry.resource.id)).toEqual([created.body.id]);
    const none = await fhir.get(
      `/QuestionnaireResponse?based-on=ServiceRequest/${referral.id}&questionnaire=${encodeURIComponent(canonical('ucla3'))}`,
    );
    expectValidFhir(none.body);
    expect(none.body.total).toBe(0);
  });

  it('names the item when an answer is missing or outside the scale, and records nothing', async () => {
    const { fhir, referral } = await practiceWithReferral();
    const withoutItem3 = swemwbsItems(4).filter((item) => item.linkId !== 'item_3');
    const missing = await fhir.post('/QuestionnaireResponse', response(referral, 'swemwbs', withoutItem3));
    expect(missing.status).toBe(400);
    expectValidFhir(missing.body);
    expect(missing.body.issue).toHaveLength(1);
    expect(missing.body.issue[0]).toMatchObject({
      code: 'required',
      expression: ["QuestionnaireResponse.item.where(linkId='item_3')"],
    });

    const items = swemwbsItems(4);
    items[2] = { linkId: 'item_3', answer: [{ valueCoding: { code: '9' } }] };
    const outside = await fhir.post('/QuestionnaireResponse', response(referral, 'swemwbs', items));
    expect(outside.status).toBe(400);
    expectValidFhir(outside.body);
    expect(outside.body.issue[0].expression).toEqual(['QuestionnaireResponse.item[2].answer[0]']);
    expect(outside.body.issue[0].diagnostics).toMatch(/Item 3/);

    const unknownItem = await fhir.post(
      '/QuestionnaireResponse',
      response(referral, 'ucla3', [
        { linkId: 'lack_companionship', answer: [{ valueInteger: 2 }] },
        { linkId: 'left_out', answer: [{ valueInteger: 2 }] },
        { linkId: 'isolated', answer: [{ valueInteger: 2 }] },
        { linkId: 'shoe_size', answer: [{ valueInteger: 2 }] },
      ]),
    );
    expect(unknownItem.status).toBe(400);
    expectValidFhir(unknownItem.body);
    expect(unknownItem.body.issue[0].expression).toEqual(['QuestionnaireResponse.item[3].answer[0]']);

    const future = await fhir.post(
      '/QuestionnaireResponse',
      response(referral, 'swemwbs', swemwbsItems(3), { authored: '2999-01-01' }),
    );
    expect(future.status).toBe(400);
    expectValidFhir(future.body);
    expect(future.body.issue[0].expression).toEqual(['QuestionnaireResponse.authored']);

    expect(await measuresOf(referral.id)).toEqual([]);
  });

  it('refuses what is not valid R4 or does not fit the Questionnaire, naming the element', async () => {
    const { fhir, referral } = await practiceWithReferral();
    const badStatus = await fhir.post(
      '/QuestionnaireResponse',
      response(referral, 'swemwbs', swemwbsItems(3), { status: 'done' }),
    );
    expect(badStatus.status).toBe(400);
    expectValidFhir(badStatus.body);
    expect(badStatus.body.issue.map((issue: any) => issue.expression[0])).toContain(
      'QuestionnaireResponse.status',
    );

    const inProgress = await fhir.post(
      '/QuestionnaireResponse',
      response(referral, 'swemwbs', swemwbsItems(3), { status: 'in-progress', basedOn: undefined }),
    );
    expect(inProgress.status).toBe(400);
    expectValidFhir(inProgress.body);
    expect(inProgress.body.issue.map((issue: any) => issue.expression[0])).toEqual([
      'QuestionnaireResponse.status',
      'QuestionnaireResponse.basedOn',
    ]);

    const unknownQuestionnaire = await fhir.post('/QuestionnaireResponse', response(referral, 'phq9', []));
    expect(unknownQuestionnaire.status).toBe(400);
    expect(unknownQuestionnaire.body.issue[0].expression).toEqual(['QuestionnaireResponse.questionnaire']);
    expect(await measuresOf(referral.id)).toEqual([]);
  });

  it('keeps one response per timepoint: 409 for a duplicate, the timepoint asked for, retries made safe', async () => {
    const { fhir, referral } = await practiceWithReferral();
    const body = response(referral, 'ucla3', [
      { linkId: 'lack_companionship', answer: [{ valueInteger: 3 }] },
      { linkId: 'left_out', answer: [{ valueInteger: 2 }] },
      { linkId: 'isolated', answer: [{ valueInteger: 3 }] },
    ]);
    const first = await fhir.post('/QuestionnaireResponse', body, {
      'idempotency-key': 'ucla3-baseline-0001',
    });
    expect(first.status).toBe(201);
    expectValidFhir(first.body);
    const retried = await fhir.post('/QuestionnaireResponse', body, {
      'idempotency-key': 'ucla3-baseline-0001',
    });
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(first.body.id);

    const duplicate = await fhir.post('/QuestionnaireResponse', { ...body, ...timepoint('baseline') });
    expect(duplicate.status).toBe(409);
    expectValidFhir(duplicate.body);
    expect(duplicate.body.issue[0].code).toBe('duplicate');

    const noTimepoint = await fhir.post('/QuestionnaireResponse', body);
    expect(noTimepoint.status).toBe(400);
    expectValidFhir(noTimepoint.body);
    expect(noTimepoint.body.issue[0].expression).toEqual(['QuestionnaireResponse.extension']);

    const condition = `based-on=ServiceRequest/${referral.id}&questionnaire=${encodeURIComponent(canonical('ucla3'))}`;
    const conditional = await fhir.post('/QuestionnaireResponse', body, { 'if-none-exist': condition });
    expect(conditional.status).toBe(200);
    expectValidFhir(conditional.body);
    expect(conditional.body.id).toBe(first.body.id);

    const review = await fhir.post('/QuestionnaireResponse', { ...body, ...timepoint('review') });
    expect(review.status).toBe(201);
    expectValidFhir(review.body);
    expect(review.body.extension[0].valueCode).toBe('review');
    const ambiguous = await fhir.post(
      '/QuestionnaireResponse',
      { ...body, ...timepoint('discharge') },
      {
        'if-none-exist': condition,
      },
    );
    expect(ambiguous.status).toBe(412);
    expectValidFhir(ambiguous.body);

    const rows = await measuresOf(referral.id);
    expect(rows.map((row) => row.timepoint).sort()).toEqual(['baseline', 'review']);
    expect(rows.find((row) => row.timepoint === 'baseline')?.rawTotal).toBe(8);
  });

  it('hides another organisation’s measures: 404 on read and on POST, nothing in searches', async () => {
    const { fhir, referral } = await practiceWithReferral();
    const created = await fhir.post(
      '/QuestionnaireResponse',
      response(referral, 'ons4', ons4Items(5, 5, 5, 5)),
    );
    expect(created.status).toBe(201);
    const other = await otherPracticeClient();

    for (const path of [
      `/QuestionnaireResponse/${created.body.id}`,
      `/Observation/${created.body.id}-anxiety`,
      '/QuestionnaireResponse/not-a-uuid',
    ]) {
      const refused = await other.get(path);
      expect(refused.status).toBe(404);
      expect(refused.body.resourceType).toBe('OperationOutcome');
      expectValidFhir(refused.body);
    }
    for (const path of [
      `/QuestionnaireResponse?subject=Patient/${referral.personId}`,
      `/Observation?based-on=ServiceRequest/${referral.id}`,
    ]) {
      const search = await other.get(path);
      expect(search.status).toBe(200);
      expectValidFhir(search.body);
      expect(search.body.total).toBe(0);
    }

    const post = await other.post(
      '/QuestionnaireResponse',
      response(referral, 'ons4', ons4Items(1, 1, 1, 1), timepoint('review')),
    );
    expect(post.status).toBe(404);
    expectValidFhir(post.body);
    const unknownReferral = await other.post(
      '/QuestionnaireResponse',
      response(
        { id: '00000000-0000-4000-8000-000000000000', personId: referral.personId },
        'ons4',
        ons4Items(1, 1, 1, 1),
      ),
    );
    expect(unknownReferral.status).toBe(404);
    // The same answer whether the referral exists or belongs to someone else.
    expect(unknownReferral.body.issue[0].diagnostics.replace(/ServiceRequest\/\S+/, '')).toBe(
      post.body.issue[0].diagnostics.replace(/ServiceRequest\/\S+/, ''),
    );
    expect((await measuresOf(referral.id)).map((row) => row.timepoint)).toEqual(['baseline']);
  });

  it('audits every read of a response or an Observation, naming the client', async () => {
    const { fhir, referral, client } = await practiceWithReferral();
    const created = await fhir.post('/QuestionnaireResponse', response(referral, 'swemwbs', swemwbsItems(2)));
    expect(created.status).toBe(201);
    const id: string = created.body.id;

    expectValidFhir((await fhir.get(`/QuestionnaireResponse/${id}`)).body);
    expectValidFhir((await fhir.get(`/Observation/${id}`)).body);
    expectValidFhir((await fhir.get(`/QuestionnaireResponse?based-on=ServiceRequest/${referral.id}`)).body);

    const reads = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'measure.read'), eq(auditEvents.entityId, id)));
    expect(reads.map((row) => [(row.details as any).resourceType, (row.details as any).interaction])).toEqual(
      [
        ['QuestionnaireResponse', 'read'],
        ['Observation', 'read'],
        ['QuestionnaireResponse', 'search-type'],
      ],
    );
    for (const row of reads) {
      expect(row).toMatchObject({ actorType: 'api_client', actorId: client.id, entityType: 'measure' });
      expect(row.details).toMatchObject({
        via: 'fhir',
        personId: referral.personId,
        referralId: referral.id,
      });
    }
  });

  it('declares Questionnaire, QuestionnaireResponse and Observation in the CapabilityStatement', async () => {
    const { fhir } = await practiceWithReferral();
    const metadata = await fhir.get('/metadata');
    expectValidFhir(metadata.body);
    const resources = metadata.body.rest[0].resource;
    const byType = (type: string) => resources.find((resource: any) => resource.type === type);
    expect(byType('QuestionnaireResponse').interaction.map((i: any) => i.code)).toEqual([
      'create',
      'read',
      'search-type',
    ]);
    expect(byType('Observation').searchParam.map((p: any) => p.name)).toEqual([
      'subject',
      'based-on',
      'code',
      'date',
    ]);
    expect(byType('Questionnaire').searchParam.map((p: any) => p.name)).toEqual(['url', 'name', 'status']);
  });
});
