// Rows → Open Referral UK 3.0 JSON. Field names are the standard's. HSDS types are not nullable,
// so a missing value is left out rather than sent as null. Every nested object carries a uuid `id`:
// the row id where there is a row, else a stable id derived from its owner (an address built from
// location columns is always the same address). Linkwell extras (capacities, last_verified_at…)
// are extra properties, which the ORUK schemas allow.
import { stableUuid } from '../../directory/stable-uuid';
import type {
  LocationRow,
  OrganisationRow,
  ServiceGraph,
  ServiceRow,
  TermRow,
} from '../../directory/service-graph';
import type { ServiceAtLocationRow } from './queries';
import type { taxonomies } from '../../db/schema';

type Json = Record<string, unknown>;

/** Drops null and undefined values: HSDS fields are optional but never null. */
export function compact<T extends Json>(object: T): Json {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== null && value !== undefined),
  );
}

export type PageEnvelope<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};

/**
 * The ORUK Page envelope. An empty result still has one (empty) page, so page 1 is both first and
 * last. A page past the end is answered with no contents and `last_page: false`.
 */
export function presentPage<T>(contents: T[], total: number, page: number, perPage: number): PageEnvelope<T> {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page === totalPages,
    empty: total === 0,
    contents,
  };
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : undefined);
const hhmm = (time: string) => time.slice(0, 5);

export function presentOrganisation(row: OrganisationRow): Json {
  return compact({
    id: row.id,
    name: row.name,
    description: row.description,
    email: row.email,
    website: row.website,
    organization_identifiers: row.odsCode
      ? [
          {
            id: stableUuid(`organization-identifier:ods:${row.id}`),
            organization_id: row.id,
            identifier_scheme: 'ODS',
            identifier_type: 'ODS organisation code',
            identifier: row.odsCode,
          },
        ]
      : [],
  });
}

export function presentTaxonomy(row: typeof taxonomies.$inferSelect): Json {
  return compact({
    id: row.id,
    name: row.name,
    description: row.description,
    uri: row.uri,
    version: row.version,
  });
}

export function presentTaxonomyTerm(row: TermRow): Json {
  return compact({
    id: row.id,
    name: row.name,
    description: row.description,
    parent_id: row.parentId,
    taxonomy: row.taxonomyName,
    taxonomy_id: row.taxonomyId,
    term_uri: row.termUri,
    term: row.code,
    // HSDS 3.1 `code`: Linkwell's stable code, which importers match terms by.
    code: row.code,
  });
}

export function presentLocation(row: LocationRow): Json {
  return compact({
    id: row.id,
    location_type: row.locationType,
    name: row.name,
    description: row.description,
    latitude: row.latitude,
    longitude: row.longitude,
    transportation: row.transport,
    addresses: row.address1
      ? [
          compact({
            id: stableUuid(`address:${row.id}`),
            location_id: row.id,
            address_1: row.address1,
            city: row.city ?? '',
            region: row.region,
            state_province: row.region ?? '',
            postal_code: row.postalCode ?? '',
            country: row.country,
            address_type: row.locationType,
          }),
        ]
      : [],
    accessibility: row.accessibility.map((code) => ({
      id: stableUuid(`accessibility:${row.id}:${code}`),
      location_id: row.id,
      description: code.replaceAll('_', ' '),
      details: code,
    })),
  });
}

/** One-to-one service fields (the list shape) plus the organisation. */
export function presentServiceSummary(service: ServiceRow, organisation: OrganisationRow): Json {
  return compact({
    id: service.id,
    organization_id: service.organisationId,
    name: service.name,
    description: service.description,
    url: service.url,
    email: service.email,
    status: service.status,
    fees: service.feesDescription,
    accreditations: service.accreditations,
    minimum_age: service.minimumAge,
    maximum_age: service.maximumAge,
    assured_date: service.assuredDate,
    assurer_email: service.assurerEmail,
    alert: service.alert,
    last_modified: iso(service.updatedAt),
    organization: presentOrganisation(organisation),
    // Linkwell extensions (not in ORUK 3.0).
    eligibility_description: service.eligibilityDescription,
    delivery_modes: service.deliveryModes,
    how_to_access: service.howToAccess,
    is_free: service.isFree,
    last_verified_at: iso(service.lastVerifiedAt),
    capacities: presentCapacities(service),
    referral: {
      is_accepting_referrals: service.isAcceptingReferrals,
      accepts_waiting_list: service.acceptsWaitingList,
      ...compact({ waiting_time_days: service.waitingTimeDays }),
    },
  });
}

/** HSDS 3.1 `service_capacity` shape: places available out of a maximum. */
function presentCapacities(service: ServiceRow): Json[] {
  if (service.placesAvailable === null && service.placesMaximum === null) return [];
  return [
    compact({
      id: stableUuid(`capacity:places:${service.id}`),
      service_id: service.id,
      unit: { id: stableUuid('capacity-unit:places'), name: 'places', scheme: 'linkwell' },
      available: service.placesAvailable ?? undefined,
      maximum: service.placesMaximum,
      updated: iso(service.capacityUpdatedAt),
    }),
  ];
}

export function presentService(graph: ServiceGraph): Json {
  const { service } = graph;
  return {
    ...presentServiceSummary(service, graph.organisation),
    service_at_locations: graph.serviceAtLocations.map((link) =>
      compact({
        id: link.id,
        service_id: service.id,
        location_id: link.location.id,
        description: link.description,
        location: presentLocation(link.location),
      }),
    ),
    schedules: graph.schedules.map((row) =>
      compact({
        id: row.id,
        service_id: row.serviceId,
        service_at_location_id: row.serviceAtLocationId,
        valid_from: row.validFrom,
        valid_to: row.validTo,
        freq: row.freq,
        interval: 1,
        byday: row.byday,
        opens_at: hhmm(row.opensAt),
        closes_at: hhmm(row.closesAt),
        attending_type: row.attendingType,
        description: row.description,
        notes: row.notes,
      }),
    ),
    // ORUK 3.0 removes name/code/note from language; they are kept as HSDS 3.0 fields (extra
    // properties are allowed) because a language without a name says nothing.
    languages: graph.languages.map((row) =>
      compact({
        id: row.id,
        service_id: row.serviceId,
        name: row.name,
        code: row.code,
        note: row.note ?? (row.kind === 'interpretation' ? 'Interpretation available on request' : null),
      }),
    ),
    service_areas: graph.areas.map((row) =>
      compact({
        id: row.id,
        service_id: row.serviceId,
        name: row.name,
        extent_type: row.extentType,
        borough_code: row.boroughCode,
      }),
    ),
    cost_options: graph.costOptions.map((row) =>
      compact({
        id: row.id,
        service_id: row.serviceId,
        option: row.option,
        amount: row.amount === null ? null : Number(row.amount),
        currency: row.currency,
        amount_description: row.amountDescription,
      }),
    ),
    funding: graph.fundings.map((row) => ({ id: row.id, service_id: row.serviceId, source: row.source })),
    contacts: graph.contacts.map((row) =>
      compact({
        id: row.id,
        service_id: row.serviceId,
        name: row.name,
        title: row.title,
        email: row.email,
        phones: row.phone
          ? [{ id: stableUuid(`phone:contact:${row.id}`), contact_id: row.id, number: row.phone }]
          : [],
      }),
    ),
    attributes: graph.terms.map((term) => ({
      id: stableUuid(`attribute:service:${service.id}:${term.id}`),
      link_id: service.id,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: term.id,
      taxonomy_term: presentTaxonomyTerm(term),
    })),
  };
}

export function presentServiceAtLocation(link: ServiceAtLocationRow, service: Json): Json {
  return compact({
    id: link.id,
    service_id: link.serviceId,
    location_id: link.location.id,
    description: link.description,
    location: presentLocation(link.location),
    service,
  });
}
