// Seeds the demo directory: invented voluntary organisations and advice agencies in every
// London borough, the services the foundation's twenty VCSEs and advice agencies are known for,
// and enough further services to make a London-wide directory. Runs inside the demo seed's
// transaction; services are written through saveServices (the one writer) in batches.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/client';
import { organisations } from '../../db/schema';
import { saveServices, type ServiceInput } from '../../directory/save-service';
import type { OrganisationKey } from '../organisations';
import { createRandom } from '../random';
import type { DemoFoundation } from '../seed';
import { boroughByName, directoryBoroughs } from './boroughs';
import {
  groupByBorough,
  inventDirectoryOrganisations,
  type DirectoryOrganisation,
} from './directory-organisations';
import { buildDirectoryService, generateDirectoryServices } from './generate-services';
import { serviceTemplates } from './service-templates';

/** Services in the London-wide directory, on top of the foundation organisations' own. */
export const demoDirectoryServiceCount = 270;
// On PGlite saveServices costs ~1.5 ms a service plus ~150 ms a call, so the demo's few hundred
// go in one call to keep the first start quick; bigger directories are written in batches.
const batchSize = 500;

/** What the foundation's VCSEs and advice agencies run, as told by their `offers` line. */
const foundationServices: Partial<Record<OrganisationKey, readonly string[]>> = {
  'vcse-lordship-lane-arts': ['art-group', 'pottery', 'creative-writing'],
  'vcse-tottenham-time-bank': ['time-bank'],
  'vcse-north-london-peer-support': ['peer-support'],
  'vcse-green-lanes-community-centre': ['lunch-club', 'coffee-morning'],
  'vcse-seven-sisters-sport': ['walking-football', 'womens-swim'],
  'advice-haringey-welfare-rights': ['benefits-advice', 'health-justice'],
  'vcse-village-voices': ['choir', 'singing-lung-health'],
  'vcse-silver-threads': ['telephone-befriending', 'home-befriending'],
  'vcse-carers-hub': ['carers-cafe', 'young-carers'],
  'vcse-lea-valley-walks': ['health-walk', 'heritage-walk'],
  'vcse-forest-strength-balance': ['strength-balance', 'chair-exercise'],
  'vcse-safe-haven': ['domestic-abuse'],
  'advice-northside-housing': ['housing-advice'],
  'vcse-poplar-hlc': ['community-garden', 'chair-exercise', 'esol', 'grow-and-cook'],
  'vcse-chrisp-street-growing': ['community-garden', 'grow-and-cook'],
  'vcse-stepney-faith-forum': ['community-lunch', 'faith-coffee', 'lunch-club'],
  'vcse-shapla-circle': ['peer-support', 'esol'],
  'vcse-east-end-pathways': ['employment', 'youth-employment', 'volunteering'],
  'advice-eastway-debt': ['debt-advice'],
  'advice-poplar-money': ['benefits-advice', 'later-life-advice'],
};

export type SeededDirectory = { organisationCount: number; serviceIds: string[] };

/** The foundation's VCSEs and advice agencies as directory organisations, by borough code. */
function foundationDirectoryOrganisations(foundation: DemoFoundation): DirectoryOrganisation[] {
  return Object.values(foundation.organisations).flatMap((o): DirectoryOrganisation[] => {
    if ((o.type !== 'vcse' && o.type !== 'advice_agency') || o.borough === null) return [];
    const borough = boroughByName(o.borough);
    if (!borough) throw new Error(`The demo borough ${o.borough} is missing from the directory boroughs`);
    return [
      {
        id: o.id,
        name: o.name,
        type: o.type,
        boroughCode: borough.code,
        emailDomain: o.emailDomain,
        supportKinds: o.supportKinds ?? [],
        templateKeys: foundationServices[o.key as OrganisationKey] ?? [],
      },
    ];
  });
}

/** Seeds the directory inside the caller's transaction. `now` anchors freshness dates. */
export async function seedDirectory(
  db: Executor,
  foundation: DemoFoundation,
  options: { now?: Date; serviceCount?: number } = {},
): Promise<SeededDirectory> {
  const now = options.now ?? new Date();
  const boroughs = directoryBoroughs;
  // Own streams: adding services never shifts the organisations' names, nor the foundation's data.
  const invented = inventDirectoryOrganisations(createRandom('demo-directory-organisations'), boroughs);
  const inventedWithIds = invented.map((o) => ({ ...o, id: randomUUID() }));
  await db.insert(organisations).values(
    inventedWithIds.map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      borough: o.boroughName,
      description: o.description,
      email: `hello@${o.emailDomain}`,
      website: `https://www.${o.emailDomain}`,
    })),
  );
  const foundationOrganisations = foundationDirectoryOrganisations(foundation);
  const organisationsByBorough = groupByBorough<DirectoryOrganisation>([
    ...foundationOrganisations,
    ...inventedWithIds,
  ]);

  const random = createRandom('demo-directory-services');
  const signatureServices = foundationOrganisations.flatMap((organisation) =>
    (organisation.templateKeys ?? []).map((key) => {
      const template = serviceTemplates.find((t) => t.key === key);
      if (!template) throw new Error(`No service template ${key} for ${organisation.name}`);
      const borough = boroughs.find((b) => b.code === organisation.boroughCode)!;
      return buildDirectoryService({ random, template, borough, organisation, boroughs, now });
    }),
  );
  const londonServices = generateDirectoryServices(
    random,
    options.serviceCount ?? demoDirectoryServiceCount,
    organisationsByBorough,
    { boroughs, now },
  );

  const inputs: ServiceInput[] = [...signatureServices, ...londonServices];
  const serviceIds: string[] = [];
  for (let index = 0; index < inputs.length; index += batchSize) {
    serviceIds.push(...(await saveServices(db, inputs.slice(index, index + batchSize))));
  }
  return { organisationCount: inventedWithIds.length, serviceIds };
}
