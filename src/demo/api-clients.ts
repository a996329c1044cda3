// The demo's one system integration: the simulated GP system (scripts/demo-gp.ts) sends FHIR
// referrals as Westbury Avenue Medical Practice, which refers to Haringey Connect. Its key is fixed
// so the script and the start-up banner can name it without reading the database. That is safe only
// because demo data is loaded on the first start of an empty database with DEMO_DATA on, never in a
// real deployment; the key is stored hashed like any other, so nothing else treats it specially.
import { hashToken } from '../accounts/tokens';
import type { Executor } from '../db/client';
import { apiClients } from '../db/schema';
import { demoOrganisations, type OrganisationKey } from './organisations';

const demoGpPracticeKey: OrganisationKey = 'gp-westbury-avenue';

/** The practice the simulated GP system acts for (it refers to Haringey Connect). */
export const demoGpPracticeName: string = demoOrganisations.find((o) => o.key === demoGpPracticeKey)!.name;

/** What an administrator sees in the API client list. */
export const demoGpClientName = 'Westbury Avenue EHR (simulated GP system)';

/** `lw_<8 alphanumerics>_<secret>`, as generateApiKey makes them; public, so demo-only. */
const demoGpKeyPrefix = 'lw_demogp01';
export const demoGpApiKey = `${demoGpKeyPrefix}_DemoOnlyNotASecret_WestburyAve01`;

/** Adds the simulated GP system's API client; `organisationIds` are the foundation's, by key. */
export async function seedDemoApiClients(
  db: Executor,
  organisationIds: Record<OrganisationKey, { id: string }>,
): Promise<void> {
  await db.insert(apiClients).values({
    organisationId: organisationIds[demoGpPracticeKey].id,
    name: demoGpClientName,
    keyPrefix: demoGpKeyPrefix,
    keyHash: hashToken(demoGpApiKey),
    scopes: [],
  });
}
