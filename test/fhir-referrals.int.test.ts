// Referrals over FHIR R4 on a real database and real HTTP: a GP system's ServiceRequest becomes a
// Linkwell referral with a Task; retries create nothing new; malformed resources are refused
// naming the element; the Task follows casework done through the web app's API; another
// organisation sees nothing. Every resource returned is checked against the R4 JSON schema.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  programmeReferringOrganisations,
  referrals,
  webhookDeliveries,
  webhookSubscriptions,
} from '../src/db/schema';
import { newSigningSecret } from '../src/webhooks/secrets';
import { startTestApp, type TestApp } from './support/app';
import { buildOrganisation, buildProgrammeWithTeam, buildService } from './support/factories';
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

/** A programme that takes referrals from a GP practice, and that practice's FHIR client. */
async function gpConnectedToProgramme() {
  const team = await buildProgrammeWithTeam(t.db);
  const gpId = team.referrer.user.organisationId!;
  await t.db
    .insert(programmeReferringOrganisations)
    .values({ programmeId: team.programme.id, organisationId: gpId });
  const { key, client } = await buildApiClient(t.db, gpId, 'Practice EHR');
  return { team, gpId, client, fhir: fhirClient(t.baseUrl, key) };
}

async function referralCount(organisationId: string) {
  const [row] = await t.db
    .select({ n: count() })
    .from(referrals)
    .where(eq(referrals.referringOrganisationId, organisationId));
  return row!.n;
}

describe('POST /fhir/ServiceRequest', () => {
  it('creates a referral and a Task the sender can read, with the Patient it sent', async () => {
    const { team, gpId, fhir } = await gpConnectedToProgramme();
    const created = await fhir.post('/ServiceRequest', gpServiceRequest({ nhsNumber: '943 476 5919' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(created.headers.get('location')).toMatch(
      new RegExp(`/fhir/ServiceRequest/${created.body.id}/_history/1$`),
    );
    expectValidFhir(created.body);
    expect(created.body.status).toBe('active');
    expect(created.body.identifier.map((i: { system: string }) => i.system)).toContain(
      'https://gp-system.example/referrals',
    );
    expect(created.body.reasonCode.map((c: { coding: { code: string }[] }) => c.coding[0]!.code)).toEqual([
      'loneliness',
      'other',
    ]);

    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, created.body.id));
    expect(row!.programmeId).toBe(team.programme.id);
    expect(row!.referringOrganisationId).toBe(gpId);
    expect(row!.sourceType).toBe('gp_practice');
    expect(row!.referrerName).toBe('Dr Amara Okafor');
    expect(row!.consentToShare).toBe(true);
    expect(row!.reasonText).toContain('rent arrears');

    const task = await fhir.get(`/Task/${created.body.id}`);
    expect(task.status).toBe(200);
    expectValidFhir(task.body);
    expect(task.body.status).toBe('received');
    expect(task.body.focus.reference).toBe(`ServiceRequest/${created.body.id}`);
    expect(task.body.businessStatus.coding[0].code).toBe('received');
    expect(task.headers.get('etag')).toBe('W/"1"');

    const patient = await fhir.get(`/${created.body.subject.reference}`);
    expect(patient.status).toBe(200);
    expectValidFhir(patient.body);
    expect(patient.body.name[0].family).toBe('Fhirington');
    expect(patient.body.identifier[0].value).toBe('9434765919');

    const search = await fhir.get('/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919');
    expectValidFhir(search.body);
    expect(search.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([
      patient.body.id,
    ]);

    const audits = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, created.body.id)));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['referral.create', 'referral.read']));
  });

  it('creates nothing new when the same ServiceRequest is retried, in sequence or at once', async () => {
    const { gpId, fhir } = await gpConnectedToProgramme();
    const resource = gpServiceRequest();
    const first = await fhir.post('/ServiceRequest', resource);
    expect(first.status).toBe(201);
    const again = await fhir.post('/ServiceRequest', resource);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expectValidFhir(again.body);

    const racing = gpServiceRequest();
    const answers = await Promise.all(Array.from({ length: 5 }, () => fhir.post('/ServiceRequest', racing)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);

    // If-None-Exist names the identifier even when the body carries none.
    const { identifier: _identifier, ...withoutIdentifier } = gpServiceRequest();
    const condition = 'identifier=https://gp-system.example/referrals|conditional-1';
    const conditional = await fhir.post('/ServiceRequest', withoutIdentifier, { 'if-none-exist': condition });
    const conditionalAgain = await fhir.post('/ServiceRequest', withoutIdentifier, {
      'if-none-exist': condition,
    });
    expect([conditional.status, conditionalAgain.status]).toEqual([201, 200]);
    expect(conditionalAgain.body.id).toBe(conditional.body.id);
    expect(await referralCount(gpId)).toBe(3);
  });

  it('refuses malformed resources with an OperationOutcome naming the element, and writes nothing', async () => {
    const { gpId, fhir } = await gpConnectedToProgramme();
    const expectRefusal = async (body: unknown, expression: string, status = 400) => {
      const response = await fhir.post('/ServiceRequest', body);
      expect(response.status).toBe(status);
      expect(response.body.resourceType).toBe('OperationOutcome');
      expectValidFhir(response.body);
      const expressions = response.body.issue.flatMap(
        (issue: { expression?: string[] }) => issue.expression ?? [],
      );
      expect(expressions).toContain(expression);
      return response.body;
    };
    // Structure, caught by the R4 JSON schema.
    await expectRefusal({ ...gpServiceRequest(), status: 'sent' }, 'ServiceRequest.status');
    await expectRefusal(
      { ...gpServiceRequest(), subject: { reference: 42 } },
      'ServiceRequest.subject.reference',
    );
    await expectRefusal({ ...gpServiceRequest(), colour: 'blue' }, 'ServiceRequest.colour');
    const badName = gpServiceRequest();
    (badName.contained![0] as { name: unknown }).name = [{ family: 'X', given: 'Mabel' }];
    await expectRefusal(badName, 'ServiceRequest.contained[0].name[0].given');
    // Rules the schema cannot express, from the mapping and from the same domain code as the web form.
    await expectRefusal({ ...gpServiceRequest(), status: 'draft' }, 'ServiceRequest.status');
    await expectRefusal(
      { ...gpServiceRequest(), subject: { reference: 'https://gp.example/Patient/1' } },
      'ServiceRequest.subject',
    );
    await expectRefusal(gpServiceRequest({ withConsent: false }), 'ServiceRequest.supportingInfo');
    await expectRefusal(
      gpServiceRequest({ postcode: 'NOT A POSTCODE' }),
      'ServiceRequest.contained[0].address[0].postalCode',
    );
    await expectRefusal(
      gpServiceRequest({ nhsNumber: '943 476 5918' }),
      'ServiceRequest.contained[0].identifier[0].value',
    );
    await expectRefusal(
      gpServiceRequest({ birthDate: '2099-01-01' }),
      'ServiceRequest.contained[0].birthDate',
    );
    await expectRefusal({ resourceType: 'Patient', name: [{ family: 'X' }] }, 'Patient.resourceType');
    expect(await referralCount(gpId)).toBe(0);
  });
});

describe('another organisation', () => {
  it('cannot read or find another organisation’s Tasks, ServiceRequests or Patients', async () => {
    const { fhir } = await gpConnectedToProgramme();
    const created = await fhir.post('/ServiceRequest', gpServiceRequest({ nhsNumber: '401 023 2137' }));
    expect(created.status).toBe(201);
    const otherPractice = await buildOrganisation(t.db, { type: 'gp_practice' });
    const other = fhirClient(t.baseUrl, (await buildApiClient(t.db, otherPractice.id)).key);
    for (const path of [
      `/Task/${created.body.id}`,
      `/ServiceRequest/${created.body.id}`,
      `/${created.body.subject.reference}`,
    ]) {
      const response = await other.get(path);
      expect(response.status).toBe(404);
      expect(response.body.resourceType).toBe('OperationOutcome');
    }
    for (const path of [
      `/Task?_id=${created.body.id}`,
      '/Task',
      `/ServiceRequest?identifier=${created.body.identifier[0].value}`,
      '/Patient?identifier=4010232137',
    ]) {
      const response = await other.get(path);
      expect(response.status).toBe(200);
      expectValidFhir(response.body);
      expect(response.body.total).toBe(0);
    }
  });
});

describe('Task flowback', () => {
  it('follows the link worker’s casework: status, onward referrals, outcome and coded events; polled by _lastUpdated', async () => {
    const { team, gpId, client, fhir } = await gpConnectedToProgramme();
    await t.db.insert(webhookSubscriptions).values({
      organisationId: gpId,
      apiClientId: client.id,
      kind: 'fhir_rest_hook',
      endpoint: 'http://127.0.0.1:9/fhir',
      secret: newSigningSecret(),
      criteria: 'Task',
      payload: 'application/fhir+json',
    });
    const created = await fhir.post('/ServiceRequest', gpServiceRequest());
    const id: string = created.body.id;
    const since = (await fhir.get(`/Task/${id}`)).body.meta.lastUpdated as string;

    const linkWorker = new HttpClient(t.baseUrl);
    await linkWorker.signIn(team.linkWorker.user.email, team.linkWorker.password);
    const version = async () => (await linkWorker.get(`/api/referrals/${id}`)).body.version as number;
    expect(
      (await linkWorker.post(`/api/referrals/${id}/actions`, { action: 'accept', version: await version() }))
        .status,
    ).toBe(200);
    expect(
      (
        await linkWorker.post(`/api/referrals/${id}/contacts`, {
          mode: 'phone',
          outcome: 'reached',
          version: await version(),
        })
      ).status,
    ).toBe(201);
    const service = await buildService(t.db, {
      name: 'Friday lunch club',
      organisationId: team.providerStaff.user.organisationId!,
    });
    const onward = await linkWorker.post(`/api/referrals/${id}/onward-referrals`, {
      serviceId: service,
      needs: ['loneliness'],
    });
    expect(onward.status).toBe(201);
    expect(
      (
        await linkWorker.post(`/api/referrals/${id}/actions`, {
          action: 'close',
          reason: 'connected_to_services',
          outcomeSummary: 'Goes to a lunch club on Fridays.',
          version: await version(),
        })
      ).status,
    ).toBe(200);

    const polled = await fhir.get(`/Task?_lastUpdated=gt${since}`);
    expect(polled.status).toBe(200);
    expectValidFhir(polled.body);
    expect(polled.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([id]);
    const task = polled.body.entry[0].resource;
    expect(task.status).toBe('completed');
    expect(task.businessStatus.coding[0].code).toBe('completed');
    expect(Number(task.meta.versionId)).toBeGreaterThan(1);
    const outputCodes = task.output.map(
      (o: { type: { coding: { code: string }[] } }) => o.type.coding[0]!.code,
    );
    expect(outputCodes).toEqual(
      expect.arrayContaining(['onward-referral', 'closure-outcome', 'outcome-summary', 'coded-event']),
    );
    const closure = task.output.find(
      (o: { type: { coding: { code: string }[] } }) => o.type.coding[0]!.code === 'closure-outcome',
    );
    expect(closure.valueCodeableConcept.coding[0].code).toBe('connected_to_services');
    const snomedCodes = task.contained.map(
      (p: { code: { coding: { code: string }[] } }) => p.code.coding[0]!.code,
    );
    expect(snomedCodes).toEqual(expect.arrayContaining(['871731000000106', '1362721000000106']));

    const onwardOutput = task.output.find(
      (o: { type: { coding: { code: string }[] } }) => o.type.coding[0]!.code === 'onward-referral',
    );
    const onwardRequest = await fhir.get(`/${onwardOutput.valueReference.reference}`);
    expect(onwardRequest.status).toBe(200);
    expectValidFhir(onwardRequest.body);
    expect(onwardRequest.body.performer[0].reference).toBe(`HealthcareService/${service}`);
    expect(onwardRequest.body.basedOn[0].reference).toBe(`ServiceRequest/${id}`);

    // One notification queued per change the subscriber should hear about, each with the Task then.
    const queued = await t.db
      .select({
        payload: webhookDeliveries.payload,
        method: webhookDeliveries.method,
        path: webhookDeliveries.pathSuffix,
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.resourceId, id))
      .orderBy(webhookDeliveries.sequence);
    const statuses = queued.map((d) => (d.payload as { status: string }).status);
    expect(statuses[0]).toBe('received');
    expect(statuses).toEqual(expect.arrayContaining(['accepted', 'in-progress', 'completed']));
    expect(statuses.at(-1)).toBe('completed');
    expect(queued.every((d) => d.method === 'PUT' && d.path === `/Task/${id}`)).toBe(true);
    for (const delivery of queued) expectValidFhir(delivery.payload);
    const versions = queued.map((d) => Number((d.payload as { meta: { versionId: string } }).meta.versionId));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));

    // Nothing newer than the last change.
    const after = await fhir.get(`/Task?_lastUpdated=gt${task.meta.lastUpdated}`);
    expect(after.body.total).toBe(0);
  });

  it('refuses unsupported search parameters and malformed dates, naming them', async () => {
    const { fhir } = await gpConnectedToProgramme();
    const unknown = await fhir.get('/Task?owner=Organization/1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.issue[0].expression).toEqual(['owner']);
    const badDate = await fhir.get('/Task?_lastUpdated=yesterday');
    expect(badDate.status).toBe(400);
    expect(badDate.body.issue[0].expression).toEqual(['_lastUpdated']);
    expectValidFhir(badDate.body);
  });
});
