// Reading the directory's service graph: a service with its organisation and everything nested in
// it (locations, schedules, languages, areas, costs, funding, contacts, taxonomy terms). The reader
// beside save-service.ts, the one writer. Batch-loaded: one query per table for the whole set of
// services, never one per service (no N+1). The Open Referral and FHIR adapters and the directory's
// own exports present it in their formats.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { readTogether } from '../db/read-together';
import {
  contacts,
  costOptions,
  fundings,
  locations,
  organisations,
  schedules,
  serviceAreas,
  serviceAtLocations,
  serviceLanguages,
  serviceTaxonomyTerms,
  services,
  taxonomies,
  taxonomyTerms,
} from '../db/schema';

export type OrganisationRow = typeof organisations.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type TermRow = typeof taxonomyTerms.$inferSelect & { taxonomyName: string };

/** The whole graph of some services, grouped by service id, in the order of `ids`. */
export type ServiceGraph = {
  service: ServiceRow;
  organisation: OrganisationRow;
  serviceAtLocations: { id: string; description: string | null; location: LocationRow }[];
  schedules: (typeof schedules.$inferSelect)[];
  languages: (typeof serviceLanguages.$inferSelect)[];
  areas: (typeof serviceAreas.$inferSelect)[];
  costOptions: (typeof costOptions.$inferSelect)[];
  fundings: (typeof fundings.$inferSelect)[];
  contacts: (typeof contacts.$inferSelect)[];
  terms: TermRow[];
};

function groupBy<T extends { serviceId: string }>(rows: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.serviceId);
    if (list) list.push(row);
    else grouped.set(row.serviceId, [row]);
  }
  return grouped;
}

export async function loadServicesWithOrganisations(
  db: Executor,
  ids: string[],
): Promise<{ service: ServiceRow; organisation: OrganisationRow }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ service: services, organisation: organisations })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(inArray(services.id, ids));
  const byId = new Map(rows.map((row) => [row.service.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function loadServiceGraphs(db: Executor, ids: string[]): Promise<ServiceGraph[]> {
  const heads = await loadServicesWithOrganisations(db, ids);
  if (heads.length === 0) return [];
  const found = heads.map((head) => head.service.id);
  const [links, scheduleRows, languageRows, areaRows, costRows, fundingRows, contactRows, termRows] =
    await readTogether(db, [
      () =>
        db
          .select({
            serviceId: serviceAtLocations.serviceId,
            id: serviceAtLocations.id,
            description: serviceAtLocations.description,
            location: locations,
          })
          .from(serviceAtLocations)
          .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
          .where(inArray(serviceAtLocations.serviceId, found))
          .orderBy(asc(locations.name), asc(serviceAtLocations.id)),
      () =>
        db
          .select()
          .from(schedules)
          .where(inArray(schedules.serviceId, found))
          .orderBy(asc(schedules.byday), asc(schedules.opensAt)),
      () => db.select().from(serviceLanguages).where(inArray(serviceLanguages.serviceId, found)),
      () => db.select().from(serviceAreas).where(inArray(serviceAreas.serviceId, found)),
      () => db.select().from(costOptions).where(inArray(costOptions.serviceId, found)),
      () => db.select().from(fundings).where(inArray(fundings.serviceId, found)),
      () => db.select().from(contacts).where(inArray(contacts.serviceId, found)),
      () =>
        db
          .select({
            serviceId: serviceTaxonomyTerms.serviceId,
            term: taxonomyTerms,
            taxonomyName: taxonomies.name,
          })
          .from(serviceTaxonomyTerms)
          .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomyTerms.taxonomyTermId))
          .innerJoin(taxonomies, eq(taxonomies.id, taxonomyTerms.taxonomyId))
          .where(inArray(serviceTaxonomyTerms.serviceId, found))
          .orderBy(asc(taxonomyTerms.code)),
    ]);
  const linksBy = groupBy(links);
  const schedulesBy = groupBy(scheduleRows);
  const languagesBy = groupBy(languageRows);
  const areasBy = groupBy(areaRows);
  const costsBy = groupBy(costRows);
  const fundingsBy = groupBy(fundingRows);
  const contactsBy = groupBy(contactRows);
  const termsBy = groupBy(termRows);
  return heads.map(({ service, organisation }) => ({
    service,
    organisation,
    serviceAtLocations: (linksBy.get(service.id) ?? []).map(({ id, description, location }) => ({
      id,
      description,
      location,
    })),
    schedules: schedulesBy.get(service.id) ?? [],
    languages: languagesBy.get(service.id) ?? [],
    areas: areasBy.get(service.id) ?? [],
    costOptions: costsBy.get(service.id) ?? [],
    fundings: fundingsBy.get(service.id) ?? [],
    contacts: contactsBy.get(service.id) ?? [],
    terms: (termsBy.get(service.id) ?? []).map((row) => ({ ...row.term, taxonomyName: row.taxonomyName })),
  }));
}
