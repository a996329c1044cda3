// The simulated GP system's demo key, after the whole demo seed on a fresh database: it
// authenticates on the FHIR API, acts for a demo GP practice, and that practice's referrals reach
// a demo programme (what scripts/demo-gp.ts relies on).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app';
import { openTestDatabase, type TestDatabase } from '../../test/support/database';
import { expectValidFhir, fhirClient } from '../../test/support/fhir';
import { gpServiceRequest } from '../../test/support/fhir-referral';
import { hashToken } from '../accounts/tokens';
import {
  apiClients,
  organisations,
  programmeReferringOrganisations,
  programmes,
  referrals,
} from '../db/schema';
import { demoGpApiKey, demoGpPracticeName } from './api-clients';
import { demoProgrammes } from './programmes';
import { seedDemoData } from './seed';

let database: TestDatabase;
let t: TestApp;
beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoData(database.db);
  t = await startTestApp({ database });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await database?.close();
});

describe('the demo GP system’s API key', () => {
  it('is stored hashed, for the named GP practice, which refers to a demo programme', async () => {
    const [client] = await database.db
      .select({ keyPrefix: apiClients.keyPrefix, organisation: organisations })
      .from(apiClients)
      .innerJoin(organisations, eq(organisations.id, apiClients.organisationId))
      .where(eq(apiClients.keyHash, hashToken(demoGpApiKey)));
    expect(client?.keyPrefix).toBe(demoGpApiKey.split('_').slice(0, 2).join('_'));
    expect(client?.organisation.type).toBe('gp_practice');
    expect(client?.organisation.name).toBe(demoGpPracticeName);

    const routedTo = await database.db
      .select({ slug: programmes.slug })
      .from(programmeReferringOrganisations)
      .innerJoin(programmes, eq(programmes.id, programmeReferringOrganisations.programmeId))
      .where(eq(programmeReferringOrganisations.organisationId, client!.organisation.id));
    expect(routedTo.length).toBeGreaterThan(0);
    const demoSlugs = demoProgrammes.map((p) => p.slug);
    for (const { slug } of routedTo) expect(demoSlugs).toContain(slug);
  });

  it('authenticates on GET /fhir/Task', async () => {
    const response = await fhirClient(t.baseUrl, demoGpApiKey).get('/Task');
    expect(response.status).toBe(200);
    expectValidFhir(response.body);
    expect(response.body.resourceType).toBe('Bundle');
  });

  it('sends a referral that lands in a demo programme, as the practice', async () => {
    const fhir = fhirClient(t.baseUrl, demoGpApiKey);
    const created = await fhir.post('/ServiceRequest', gpServiceRequest());
    expect(created.status).toBe(201);
    expectValidFhir(created.body);
    const [row] = await database.db
      .select({ slug: programmes.slug, practice: organisations.name })
      .from(referrals)
      .innerJoin(programmes, eq(programmes.id, referrals.programmeId))
      .innerJoin(organisations, eq(organisations.id, referrals.referringOrganisationId))
      .where(eq(referrals.id, created.body.id));
    expect(row?.practice).toBe(demoGpPracticeName);
    expect(demoProgrammes.map((p) => p.slug)).toContain(row?.slug);
  });
});
