// Reads for the FHIR directory. The public directory is what the Open Referral API shows: every
// service and the locations where a service is delivered; and every organisation (see below). A
// search finds one page of ids with LIMIT/OFFSET (plus a count); the page is then
// batch-loaded, one query per table, reusing the Open Referral loaders for services.
import { and, asc, count, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from '../../../db/client';
import { locations, organisations, serviceAtLocations, serviceClosures, services } from '../../../db/schema';
import { loadServiceGraphs, type ServiceGraph } from '../../../directory/service-graph';
import type { Paging } from '../search';
import { directoryCodeSystems } from './codes';
import type { CompiledSearch } from './search-parameters';
import { readTogether } from '../../../db/read-together';

export type OrganisationRow = typeof organisations.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type ClosureRow = typeof serviceClosures.$inferSelect;

/** A term coded for FHIR: the code within its taxonomy's system. */
export type TermCoding = { id: string; system: string; code: string; display: string };

/** A service tag, and the top-level term of its hierarchy (the tag itself when it is top-level). */
export type ServiceTag = { term: TermCoding; topLevel: TermCoding; isTopLevel: boolean };

export type HealthcareServiceSource = ServiceGraph & { closures: ClosureRow[]; tags: ServiceTag[] };
export type LocationSource = { location: LocationRow; managingOrganisationId: string | null };

/**
 * Every organisation is public (name, type, ODS code; no people): GP practices and programme hosts
 * too, so the requester and owner references on Tasks and ServiceRequests resolve. The Open
 * Referral API lists only service providers; FHIR references need the rest.
 */
const publicOrganisation = sql`true`;
/** Locations where at least one service is delivered (a location a service moved away from is not listed). */
const hasServices = sql`exists (select 1 from ${serviceAtLocations} where ${serviceAtLocations.locationId} = ${locations.id})`;

async function findIdPage(
  db: Executor,
  input: {
    table: PgTable;
    id: PgColumn;
    name: PgColumn;
    visible?: SQL;
    search: CompiledSearch;
    paging: Paging;
  },
): Promise<{ ids: string[]; total: number }> {
  const { table, id, name, visible, search, paging } = input;
  const conditions = visible ? [visible, ...search.conditions] : search.conditions;
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [totalRow] = await db.select({ total: count() }).from(table).where(where);
  const total = Number(totalRow?.total ?? 0);
  // _count=0 asks for the total alone.
  if (paging.count === 0 || paging.offset >= total) return { ids: [], total };
  const rows = await db
    .select({ id })
    .from(table)
    .where(where)
    .orderBy(...search.orders, asc(name), asc(id))
    .limit(paging.count)
    .offset(paging.offset);
  return { ids: rows.map((row) => row.id as string), total };
}

export const findHealthcareServicePage = (db: Executor, search: CompiledSearch, paging: Paging) =>
  findIdPage(db, { table: services, id: services.id, name: services.name, search, paging });

export const findOrganizationPage = (db: Executor, search: CompiledSearch, paging: Paging) =>
  findIdPage(db, {
    table: organisations,
    id: organisations.id,
    name: organisations.name,
    visible: publicOrganisation,
    search,
    paging,
  });

export const findLocationPage = (db: Executor, search: CompiledSearch, paging: Paging) =>
  findIdPage(db, {
    table: locations,
    id: locations.id,
    name: locations.name,
    visible: hasServices,
    search,
    paging,
  });

/** The services with everything HealthcareService carries, in the order of `ids`; unknown ids are left out. */
export async function loadHealthcareServices(
  db: Executor,
  ids: string[],
): Promise<HealthcareServiceSource[]> {
  const graphs = await loadServiceGraphs(db, ids);
  if (graphs.length === 0) return [];
  const found = graphs.map((graph) => graph.service.id);
  const termIds = [...new Set(graphs.flatMap((graph) => graph.terms.map((term) => term.id)))];
  const [closures, tagsByTerm] = await readTogether(db, [
    () =>
      db
        .select()
        .from(serviceClosures)
        // Past closures say nothing about when the service can be used now.
        .where(and(inArray(serviceClosures.serviceId, found), gte(serviceClosures.endsOn, sql`current_date`)))
        .orderBy(asc(serviceClosures.startsOn)),
    () => loadServiceTags(db, termIds),
  ]);
  return graphs.map((graph) => ({
    ...graph,
    closures: closures.filter((closure) => closure.serviceId === graph.service.id),
    tags: graph.terms.flatMap((term) => tagsByTerm.get(term.id) ?? []),
  }));
}

type TagRow = {
  term_id: string;
  term_code: string;
  term_name: string;
  term_system: string;
  root_id: string;
  root_code: string;
  root_name: string;
  root_system: string;
};

/** Each term with its system and its top-level ancestor, in one recursive query. */
async function loadServiceTags(db: Executor, termIds: string[]): Promise<Map<string, ServiceTag>> {
  if (termIds.length === 0) return new Map();
  const system = (alias: string) =>
    sql`coalesce(${sql.raw(alias)}.uri, ${directoryCodeSystems.taxonomyWithoutUri}::text || ${sql.raw(alias)}.id::text)`;
  const rows = await queryRows<TagRow>(
    db,
    sql`with recursive up(start_id, id, parent_id, depth) as (
        select t.id, t.id, t.parent_id, 0 from taxonomy_terms t where t.id in ${termIds}
        union all
        select up.start_id, parent.id, parent.parent_id, up.depth + 1
        from up join taxonomy_terms parent on parent.id = up.parent_id
        where up.depth < 10)
      select term.id as term_id, term.code as term_code, term.name as term_name, ${system('term_tx')} as term_system,
        root.id as root_id, root.code as root_code, root.name as root_name, ${system('root_tx')} as root_system
      from up
      join taxonomy_terms term on term.id = up.start_id
      join taxonomies term_tx on term_tx.id = term.taxonomy_id
      join taxonomy_terms root on root.id = up.id
      join taxonomies root_tx on root_tx.id = root.taxonomy_id
      where up.parent_id is null`,
  );
  return new Map(
    rows.map((row) => [
      row.term_id,
      {
        term: { id: row.term_id, system: row.term_system, code: row.term_code, display: row.term_name },
        topLevel: { id: row.root_id, system: row.root_system, code: row.root_code, display: row.root_name },
        isTopLevel: row.root_id === row.term_id,
      },
    ]),
  );
}

function inOrderOf<T>(ids: string[], rows: T[], idOf: (row: T) => string): T[] {
  const byId = new Map(rows.map((row) => [idOf(row), row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Organisations in the public directory, in the order of `ids`. */
export async function loadOrganisations(db: Executor, ids: string[]): Promise<OrganisationRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(organisations)
    .where(and(inArray(organisations.id, ids), publicOrganisation));
  return inOrderOf(ids, rows, (row) => row.id);
}

/**
 * Locations in the public directory, in the order of `ids`. The managing organisation is given
 * only when it is itself in the directory, so every reference Linkwell sends can be read.
 */
export async function loadLocations(db: Executor, ids: string[]): Promise<LocationSource[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      location: locations,
      managingOrganisationId: sql<string | null>`case when exists (select 1 from ${services}
        where ${services.organisationId} = ${locations.organisationId}) then ${locations.organisationId} end`,
    })
    .from(locations)
    .where(and(inArray(locations.id, ids), hasServices));
  return inOrderOf(ids, rows, (row) => row.location.id);
}
