// Reads for the Open Referral API. A page of services is found with one filtered query (plus a
// count), then everything nested in those services is batch-loaded by the directory's
// service-graph.ts: one query per table for the whole page, never one per service (no N+1).
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  locations,
  organisations,
  schedules,
  serviceAtLocations,
  serviceTaxonomyTerms,
  services,
  taxonomies,
  taxonomyTerms,
} from '../../db/schema';
import type { LocationRow, TermRow } from '../../directory/service-graph';
import type { ServiceListQuery } from './schemas';

export type Centroid = { latitude: number; longitude: number };
export type ServiceFilters = Omit<ServiceListQuery, 'page' | 'per_page' | 'postcode'> & {
  /** The resolved postcode, when the caller sent one with a proximity. */
  near?: Centroid | undefined;
};
export type Paging = { page: number; perPage: number };

const earthRadiusMetres = 6_371_000;

/** Great-circle distance in metres from a point to a location row (haversine, in SQL). */
function distanceMetres(point: Centroid): SQL<number> {
  return sql<number>`(${earthRadiusMetres} * 2 * asin(sqrt(
    power(sin(radians(${locations.latitude} - ${point.latitude}) / 2), 2) +
    cos(radians(${point.latitude})) * cos(radians(${locations.latitude})) *
    power(sin(radians(${locations.longitude} - ${point.longitude}) / 2), 2))))`;
}

/** A bounding box first (uses locations_lat_lng_idx), then the exact distance. */
function withinProximity(point: Centroid, metres: number): SQL {
  const latitudeDelta = metres / 111_320;
  const longitudeDelta = metres / (111_320 * Math.max(Math.cos((point.latitude * Math.PI) / 180), 0.01));
  return and(
    isNotNull(locations.latitude),
    gte(locations.latitude, point.latitude - latitudeDelta),
    lte(locations.latitude, point.latitude + latitudeDelta),
    gte(locations.longitude, point.longitude - longitudeDelta),
    lte(locations.longitude, point.longitude + longitudeDelta),
    sql`${distanceMetres(point)} <= ${metres}`,
  )!;
}

/** Conditions on the services table (and its nested rows) shared by /services and /service_at_locations. */
function serviceConditions(filters: ServiceFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.search) {
    // Full text over the search document, or a close match on the name (typos, partial names).
    conditions.push(
      sql`(${services.searchVector} @@ websearch_to_tsquery('english', ${filters.search}) or ${filters.search} <% ${services.name})`,
    );
  }
  if (filters.organization_id) conditions.push(eq(services.organisationId, filters.organization_id));
  if (filters.minimum_age !== undefined) conditions.push(gte(services.minimumAge, filters.minimum_age));
  if (filters.maximum_age !== undefined) conditions.push(lte(services.maximumAge, filters.maximum_age));
  if (filters.modified_after) conditions.push(gte(services.updatedAt, new Date(filters.modified_after)));
  if (filters.taxonomy_term_id) {
    conditions.push(
      sql`exists (select 1 from ${serviceTaxonomyTerms} where ${serviceTaxonomyTerms.serviceId} = ${services.id}
        and ${serviceTaxonomyTerms.taxonomyTermId} = ${filters.taxonomy_term_id})`,
    );
  }
  if (filters.taxonomy_id) {
    conditions.push(
      sql`exists (select 1 from ${serviceTaxonomyTerms} join ${taxonomyTerms} on ${taxonomyTerms.id} = ${serviceTaxonomyTerms.taxonomyTermId}
        where ${serviceTaxonomyTerms.serviceId} = ${services.id} and ${taxonomyTerms.taxonomyId} = ${filters.taxonomy_id})`,
    );
  }
  if (filters.day || filters.start_time || filters.end_time) {
    // One schedule row must satisfy every time condition: "open on Tuesday from 10:00".
    const scheduleConditions: SQL[] = [eq(schedules.serviceId, services.id)];
    if (filters.day) scheduleConditions.push(sql`position(${filters.day} in ${schedules.byday}) > 0`);
    if (filters.start_time) scheduleConditions.push(sql`${schedules.opensAt} >= ${filters.start_time}::time`);
    if (filters.end_time) scheduleConditions.push(sql`${schedules.closesAt} <= ${filters.end_time}::time`);
    conditions.push(sql`exists (select 1 from ${schedules} where ${and(...scheduleConditions)})`);
  }
  return conditions;
}

export async function findServicePage(
  db: Executor,
  filters: ServiceFilters,
  paging: Paging,
): Promise<{ ids: string[]; total: number }> {
  const conditions = serviceConditions(filters);
  const { near, proximity } = filters;
  if (near && proximity !== undefined) {
    conditions.push(
      sql`exists (select 1 from ${serviceAtLocations} join ${locations} on ${locations.id} = ${serviceAtLocations.locationId}
        where ${serviceAtLocations.serviceId} = ${services.id} and ${withinProximity(near, proximity)})`,
    );
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const order: SQL[] = [];
  if (near) {
    order.push(
      sql`(select min(${distanceMetres(near)}) from ${serviceAtLocations} join ${locations} on ${locations.id} = ${serviceAtLocations.locationId}
        where ${serviceAtLocations.serviceId} = ${services.id}) asc nulls last`,
    );
  }
  if (filters.search) {
    order.push(
      desc(
        sql`ts_rank(${services.searchVector}, websearch_to_tsquery('english', ${filters.search})) + word_similarity(${filters.search}, ${services.name})`,
      ),
    );
  }
  order.push(asc(services.name), asc(services.id));
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .where(where)
    .orderBy(...order)
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage);
  const [totalRow] = await db.select({ total: count() }).from(services).where(where);
  return { ids: rows.map((row) => row.id), total: Number(totalRow?.total ?? 0) };
}

export async function findServiceAtLocationPage(
  db: Executor,
  filters: ServiceFilters,
  paging: Paging,
): Promise<{ ids: string[]; total: number }> {
  const conditions = serviceConditions(filters);
  const { near, proximity } = filters;
  if (near && proximity !== undefined) conditions.push(withinProximity(near, proximity));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const order: SQL[] = near ? [sql`${distanceMetres(near)} asc nulls last`] : [];
  order.push(asc(services.name), asc(serviceAtLocations.id));
  const base = () =>
    db
      .select({ id: serviceAtLocations.id })
      .from(serviceAtLocations)
      .innerJoin(services, eq(services.id, serviceAtLocations.serviceId))
      .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId));
  const rows = await base()
    .where(where)
    .orderBy(...order)
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage);
  const [totalRow] = await db
    .select({ total: count() })
    .from(serviceAtLocations)
    .innerJoin(services, eq(services.id, serviceAtLocations.serviceId))
    .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
    .where(where);
  return { ids: rows.map((row) => row.id), total: Number(totalRow?.total ?? 0) };
}

export type ServiceAtLocationRow = {
  id: string;
  serviceId: string;
  description: string | null;
  location: LocationRow;
};

export async function loadServiceAtLocations(db: Executor, ids: string[]): Promise<ServiceAtLocationRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: serviceAtLocations.id,
      serviceId: serviceAtLocations.serviceId,
      description: serviceAtLocations.description,
      location: locations,
    })
    .from(serviceAtLocations)
    .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
    .where(inArray(serviceAtLocations.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function findTaxonomyPage(db: Executor, paging: Paging) {
  const rows = await db
    .select()
    .from(taxonomies)
    .orderBy(asc(taxonomies.name), asc(taxonomies.id))
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage);
  const [totalRow] = await db.select({ total: count() }).from(taxonomies);
  return { rows, total: Number(totalRow?.total ?? 0) };
}

export async function findTaxonomy(db: Executor, id: string) {
  const [row] = await db.select().from(taxonomies).where(eq(taxonomies.id, id));
  return row;
}

const termColumns = { term: taxonomyTerms, taxonomyName: taxonomies.name };

export async function findTaxonomyTermPage(
  db: Executor,
  filters: { taxonomyId?: string | undefined; parentId?: string | undefined },
  paging: Paging,
): Promise<{ rows: TermRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filters.taxonomyId) conditions.push(eq(taxonomyTerms.taxonomyId, filters.taxonomyId));
  if (filters.parentId) conditions.push(eq(taxonomyTerms.parentId, filters.parentId));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const rows = await db
    .select(termColumns)
    .from(taxonomyTerms)
    .innerJoin(taxonomies, eq(taxonomies.id, taxonomyTerms.taxonomyId))
    .where(where)
    .orderBy(asc(taxonomies.name), asc(taxonomyTerms.code), asc(taxonomyTerms.id))
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage);
  const [totalRow] = await db.select({ total: count() }).from(taxonomyTerms).where(where);
  return {
    rows: rows.map((row) => ({ ...row.term, taxonomyName: row.taxonomyName })),
    total: Number(totalRow?.total ?? 0),
  };
}

export async function findTaxonomyTerm(db: Executor, id: string): Promise<TermRow | undefined> {
  const [row] = await db
    .select(termColumns)
    .from(taxonomyTerms)
    .innerJoin(taxonomies, eq(taxonomies.id, taxonomyTerms.taxonomyId))
    .where(eq(taxonomyTerms.id, id));
  return row ? { ...row.term, taxonomyName: row.taxonomyName } : undefined;
}

/** Organisations that provide at least one directory service (GP practices and ICBs that only refer are not listed). */
const providesServices = sql`exists (select 1 from ${services} where ${services.organisationId} = ${organisations.id})`;

export async function findOrganisationPage(db: Executor, paging: Paging) {
  const rows = await db
    .select()
    .from(organisations)
    .where(providesServices)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage);
  const [totalRow] = await db.select({ total: count() }).from(organisations).where(providesServices);
  return { rows, total: Number(totalRow?.total ?? 0) };
}

export async function findOrganisation(db: Executor, id: string) {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, id), providesServices));
  return row;
}

export async function findServiceIdsOfOrganisation(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .where(eq(services.organisationId, organisationId))
    .orderBy(asc(services.name));
  return rows.map((row) => row.id);
}
