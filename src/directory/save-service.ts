// Writing a whole service: the service row and everything nested in it (locations, schedules,
// languages, areas, costs, funding, contacts, taxonomy terms) in one go. Every writer — the
// editing pages, curation approvals and reverts, CSV and Open Referral imports, the demo seed —
// goes through here, so the search document and the nested rows are always kept consistent.
// Nested collections are replaced whole: the input is the complete truth about the service.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
  contacts,
  costOptions,
  fundings,
  locations,
  organisations,
  schedules,
  serviceAreas,
  serviceAtLocations,
  serviceClosures,
  serviceLanguages,
  serviceSearchLocations,
  serviceTaxonomyTerms,
  services,
  taxonomyTerms,
} from '../db/schema';
import { stableUuid } from './stable-uuid';

export type LocationInput = {
  id?: string;
  locationType?: 'physical' | 'postal' | 'virtual';
  name?: string | null;
  description?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  address1?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  boroughCode?: string | null;
  transport?: string | null;
  accessibility?: string[];
};

export type ScheduleInput = {
  id?: string;
  byday: 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
  opensAt: string; // HH:MM
  closesAt: string; // HH:MM
  validFrom?: string | null;
  validTo?: string | null;
  attendingType?: string | null;
  description?: string | null;
  notes?: string | null;
};

export type ServiceInput = {
  id?: string;
  organisationId: string;
  name: string;
  description?: string;
  url?: string | null;
  email?: string | null;
  status?: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  feesDescription?: string | null;
  isFree?: boolean;
  accreditations?: string | null;
  qualityMarks?: string[];
  eligibilityDescription?: string | null;
  minimumAge?: number | null;
  maximumAge?: number | null;
  alert?: string | null;
  deliveryModes?: string[];
  howToAccess?: string | null;
  isAcceptingReferrals?: boolean;
  acceptsWaitingList?: boolean;
  waitingTimeDays?: number | null;
  placesAvailable?: number | null;
  placesMaximum?: number | null;
  capacityUpdatedAt?: Date | null;
  lastVerifiedAt?: Date | null;
  lastVerifiedByUserId?: string | null;
  assuredDate?: string | null;
  assurerEmail?: string | null;
  /** Term ids (see sync-taxonomies taxonomyTermId) the service is tagged with. */
  taxonomyTermIds?: string[];
  locations?: LocationInput[];
  schedules?: ScheduleInput[];
  closures?: { startsOn: string; endsOn: string; reason?: string }[];
  languages?: { code: string; name: string; kind?: 'spoken' | 'interpretation'; note?: string | null }[];
  areas?: { name: string; boroughCode?: string | null; extentType?: string | null }[];
  costOptions?: { option?: string | null; amount?: string | null; amountDescription?: string | null }[];
  fundings?: { source: string }[];
  contacts?: { name?: string | null; title?: string | null; email?: string | null; phone?: string | null }[];
};

type ServiceRow = typeof services.$inferInsert;

/** The service's own fields with every default filled in, exactly as saveServices stores them. */
export function serviceFieldsWithDefaults(input: ServiceInput) {
  return {
    organisationId: input.organisationId,
    name: input.name,
    description: input.description ?? '',
    url: input.url ?? null,
    email: input.email ?? null,
    status: input.status ?? ('active' as const),
    feesDescription: input.feesDescription ?? null,
    isFree: input.isFree ?? true,
    accreditations: input.accreditations ?? null,
    qualityMarks: input.qualityMarks ?? [],
    eligibilityDescription: input.eligibilityDescription ?? null,
    minimumAge: input.minimumAge ?? null,
    maximumAge: input.maximumAge ?? null,
    alert: input.alert ?? null,
    deliveryModes: input.deliveryModes ?? [],
    howToAccess: input.howToAccess ?? null,
    isAcceptingReferrals: input.isAcceptingReferrals ?? true,
    acceptsWaitingList: input.acceptsWaitingList ?? false,
    waitingTimeDays: input.waitingTimeDays ?? null,
    placesAvailable: input.placesAvailable ?? null,
    placesMaximum: input.placesMaximum ?? null,
    capacityUpdatedAt: input.capacityUpdatedAt ?? null,
    lastVerifiedAt: input.lastVerifiedAt ?? null,
    lastVerifiedByUserId: input.lastVerifiedByUserId ?? null,
    assuredDate: input.assuredDate ?? null,
    assurerEmail: input.assurerEmail ?? null,
  };
}

function serviceColumns(input: ServiceInput): Omit<ServiceRow, 'id' | 'searchDocument'> {
  return serviceFieldsWithDefaults(input);
}

/**
 * Creates or replaces services with everything nested in them. Returns the service ids in input
 * order. Pass a transaction: the writes are many rows and must land together.
 */
export async function saveServices(db: Executor, inputs: ServiceInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const givenIds = inputs.flatMap((input) => (input.id ? [input.id] : []));
  const existing = new Map(
    givenIds.length
      ? (
          await db
            .select({ id: services.id, version: services.version })
            .from(services)
            .where(inArray(services.id, givenIds))
        ).map((row) => [row.id, row.version])
      : [],
  );
  const ids = inputs.map((input) => input.id ?? crypto.randomUUID());
  const inserts: ServiceRow[] = [];
  for (const [index, input] of inputs.entries()) {
    const id = ids[index]!;
    const version = existing.get(id);
    if (version === undefined) {
      inserts.push({ id, ...serviceColumns(input) });
    } else {
      await db
        .update(services)
        .set({ ...serviceColumns(input), version: version + 1, updatedAt: new Date() })
        .where(eq(services.id, id));
    }
  }
  // New services go in as multi-row inserts: the demo seed and imports write hundreds at once.
  for (const chunk of chunks(inserts, 200)) await db.insert(services).values(chunk);
  await replaceNestedRows(db, inputs, ids);
  await refreshSearchDocuments(db, ids);
  return ids;
}

async function replaceNestedRows(db: Executor, inputs: ServiceInput[], ids: string[]): Promise<void> {
  // Locations may be shared between services; only the links and this service's own rows go.
  await db.delete(serviceAtLocations).where(inArray(serviceAtLocations.serviceId, ids));
  for (const table of [
    schedules,
    serviceClosures,
    serviceLanguages,
    serviceAreas,
    costOptions,
    fundings,
    contacts,
    serviceTaxonomyTerms,
  ]) {
    await db.delete(table).where(inArray(table.serviceId, ids));
  }

  const locationRows: (typeof locations.$inferInsert)[] = [];
  const links: (typeof serviceAtLocations.$inferInsert)[] = [];
  inputs.forEach((input, index) => {
    const serviceId = ids[index]!;
    for (const location of input.locations ?? []) {
      const locationId = location.id ?? crypto.randomUUID();
      locationRows.push({
        id: locationId,
        organisationId: input.organisationId,
        locationType: location.locationType ?? 'physical',
        name: location.name ?? null,
        description: location.description ?? null,
        latitude: location.latitude ?? null,
        longitude: location.longitude ?? null,
        address1: location.address1 ?? null,
        city: location.city ?? null,
        region: location.region ?? null,
        postalCode: location.postalCode ?? null,
        boroughCode: location.boroughCode ?? null,
        transport: location.transport ?? null,
        accessibility: location.accessibility ?? [],
      });
      // Stable ids: a service at a location keeps its id across edits and re-imports.
      links.push({ id: stableUuid(`service-at-location:${serviceId}:${locationId}`), serviceId, locationId });
    }
  });
  for (const chunk of chunks(locationRows, 500)) {
    await db
      .insert(locations)
      .values(chunk)
      .onConflictDoUpdate({
        target: locations.id,
        set: {
          locationType: sql`excluded.location_type`,
          name: sql`excluded.name`,
          description: sql`excluded.description`,
          latitude: sql`excluded.latitude`,
          longitude: sql`excluded.longitude`,
          address1: sql`excluded.address_1`,
          city: sql`excluded.city`,
          region: sql`excluded.region`,
          postalCode: sql`excluded.postal_code`,
          boroughCode: sql`excluded.borough_code`,
          transport: sql`excluded.transport`,
          accessibility: sql`excluded.accessibility`,
          updatedAt: sql`now()`,
        },
      });
  }
  await insertAll(db, serviceAtLocations, links);

  const perService = <T>(pick: (input: ServiceInput) => T[] | undefined) =>
    inputs.flatMap((input, index) =>
      (pick(input) ?? []).map((item) => ({ serviceId: ids[index]!, ...item })),
    );
  await insertAll(
    db,
    schedules,
    perService((i) => i.schedules),
  );
  await insertAll(
    db,
    serviceClosures,
    perService((i) => i.closures),
  );
  await insertAll(
    db,
    serviceLanguages,
    perService((i) => i.languages),
  );
  await insertAll(
    db,
    serviceAreas,
    perService((i) => i.areas),
  );
  await insertAll(
    db,
    costOptions,
    perService((i) => i.costOptions),
  );
  await insertAll(
    db,
    fundings,
    perService((i) => i.fundings),
  );
  await insertAll(
    db,
    contacts,
    perService((i) => i.contacts),
  );
  await insertAll(
    db,
    serviceTaxonomyTerms,
    perService((i) => [...new Set(i.taxonomyTermIds ?? [])].map((taxonomyTermId) => ({ taxonomyTermId }))),
  );
}

// Drizzle's insert needs a concrete table type; the nested tables share no common row type.
type AnyTable = Parameters<Executor['insert']>[0];
async function insertAll(db: Executor, table: AnyTable, rows: Record<string, unknown>[]): Promise<void> {
  for (const chunk of chunks(rows, 500)) {
    await db.insert(table).values(chunk);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * Rebuilds the text that full-text search indexes: the service's name and description, its
 * organisation's name and its taxonomy terms (so "befriending" finds a service tagged with it).
 */
export async function refreshSearchDocuments(db: Executor, serviceIds: string[]): Promise<void> {
  for (const chunk of chunks(serviceIds, 1000)) {
    await db.execute(sql`
      update ${services} s
      set search_document = concat_ws(' ', s.name, s.description, o.name,
        (select string_agg(t.name, ' ') from ${serviceTaxonomyTerms} st
           join ${taxonomyTerms} t on t.id = st.taxonomy_term_id where st.service_id = s.id))
      from ${organisations} o
      where o.id = s.organisation_id and s.id in ${chunk}`);
    // The derived proximity rows: these services', and those of every service sharing one of
    // their locations (a shared location's point may just have moved).
    await db.execute(sql`
      with touched as (
        select ${serviceAtLocations.locationId} as location_id from ${serviceAtLocations}
        where ${serviceAtLocations.serviceId} in ${chunk})
      delete from ${serviceSearchLocations}
      where ${serviceSearchLocations.serviceId} in ${chunk}
        or ${serviceSearchLocations.locationId} in (select location_id from touched)`);
    await db.execute(sql`
      insert into ${serviceSearchLocations} (service_id, location_id, latitude, longitude, name, search_vector)
      select distinct on (sal.service_id, l.id) sal.service_id, l.id, l.latitude, l.longitude, s.name, s.search_vector
      from ${serviceAtLocations} sal
      join ${locations} l on l.id = sal.location_id
      join ${services} s on s.id = sal.service_id
      where l.latitude is not null and l.longitude is not null
        and (sal.service_id in ${chunk} or sal.location_id in (
          select location_id from ${serviceAtLocations} where service_id in ${chunk}))`);
  }
}
