// The search parameters of HealthcareService, Organization and Location, as FHIR R4 names them,
// each with the SQL it runs. Taxonomy tokens match on the term's code within its taxonomy's system.
import { eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { boundingBox, earthRadiusKm, type LatLng } from '../../../geo';
import { invalidElement } from '../outcome';
import { identifierSystems } from '../urls';
import { directoryCodeSystems, retiredStatuses } from './codes';
import {
  booleanToken,
  dateParameter,
  escapeLike,
  idParameter,
  nameParameter,
  referenceParameter,
  tokenCondition,
  type SearchParameter,
} from './search-parameters';
import { locations, organisations, serviceAtLocations, services } from '../../../db/schema';

const lastUpdatedDocumentation =
  'When the entry last changed, with a prefix (eq, gt, ge, lt, le); poll with gt<last time> to follow changes.';

/** The taxonomy a token's system names: its URI, or Linkwell's URL for a taxonomy without one. */
const taxonomyMatches = (system: string | undefined) =>
  system === undefined
    ? sql`true`
    : sql`coalesce(tx.uri, ${directoryCodeSystems.taxonomyWithoutUri} || tx.id::text) = ${system}`;

/** Services tagged with a term with this code (service-type: the tag itself). */
function taggedWithType(value: string): SQL {
  const terms = tokenCondition(
    value,
    ({ system, code }) => sql`(t.code = ${code} and ${taxonomyMatches(system)})`,
  );
  return sql`${services.id} in (select st.service_id from service_taxonomy_terms st
    join taxonomy_terms t on t.id = st.taxonomy_term_id join taxonomies tx on tx.id = t.taxonomy_id
    where ${terms})`;
}

/**
 * Services in a broad category: tagged with a top-level term of that code or any term beneath it,
 * as HealthcareService.category carries each tag's top-level term. The wanted terms are computed
 * once (an uncorrelated subquery), then each service is a lookup.
 */
function inCategory(value: string): SQL {
  const roots = tokenCondition(
    value,
    ({ system, code }) => sql`(t.code = ${code} and ${taxonomyMatches(system)})`,
  );
  return sql`${services.id} in (select st.service_id from service_taxonomy_terms st
    where st.taxonomy_term_id in (
      with recursive wanted(id, depth) as (
        select t.id, 0 from taxonomy_terms t join taxonomies tx on tx.id = t.taxonomy_id
        where t.parent_id is null and ${roots}
        union all
        select child.id, wanted.depth + 1 from taxonomy_terms child join wanted on child.parent_id = wanted.id
        where wanted.depth < 10)
      select id from wanted))`;
}

const taxonomyTokenDocumentation = (element: string) =>
  `A taxonomy term as system|code (system: the taxonomy's URI, e.g. https://linkwell.example/taxonomies/support), ` +
  `or just the code; matches ${element}. Several may be given, comma-separated.`;

export const healthcareServiceParameters: readonly SearchParameter[] = [
  idParameter('HealthcareService', services.id),
  nameParameter('HealthcareService', services.name),
  {
    name: 'active',
    type: 'token',
    documentation:
      'true for services running (including temporarily closed ones), false for inactive or defunct ones.',
    toCondition: (value) =>
      booleanToken('active', value)
        ? notInArray(services.status, retiredStatuses)
        : inArray(services.status, retiredStatuses),
  },
  referenceParameter(
    'organization',
    'Organization',
    'The organisation that provides the service, as Organization/<id>.',
    (ids) => inArray(services.organisationId, ids),
  ),
  referenceParameter(
    'location',
    'Location',
    'A location where the service is delivered, as Location/<id>.',
    (ids) =>
      sql`${services.id} in (select ${serviceAtLocations.serviceId} from ${serviceAtLocations} where ${inArray(serviceAtLocations.locationId, ids)})`,
  ),
  {
    name: 'service-category',
    type: 'token',
    documentation: taxonomyTokenDocumentation(
      'a top-level term, including services tagged with any term beneath it',
    ),
    toCondition: inCategory,
  },
  {
    name: 'service-type',
    type: 'token',
    documentation: taxonomyTokenDocumentation('a term the service is tagged with'),
    toCondition: taggedWithType,
  },
  dateParameter('_lastUpdated', services.updatedAt, lastUpdatedDocumentation),
];

export const organizationParameters: readonly SearchParameter[] = [
  idParameter('Organization', organisations.id),
  nameParameter('Organization', organisations.name),
  {
    name: 'identifier',
    type: 'token',
    documentation: `The ODS organisation code, as ${identifierSystems.odsCode}|<code> or just the code.`,
    toCondition: (value) =>
      tokenCondition(value, ({ system, code }) =>
        system === undefined || system === identifierSystems.odsCode
          ? eq(organisations.odsCode, code)
          : undefined,
      ),
  },
  {
    name: 'type',
    type: 'token',
    documentation: `The kind of organisation, as ${directoryCodeSystems.organisationType}|<code> (vcse, advice_agency, council…) or just the code.`,
    toCondition: (value) =>
      tokenCondition(value, ({ system, code }) =>
        system === undefined || system === directoryCodeSystems.organisationType
          ? // Any code may be asked for; one outside the vocabulary simply matches nothing.
            sql`${organisations.type} = ${code}`
          : undefined,
      ),
  },
  dateParameter('_lastUpdated', organisations.updatedAt, lastUpdatedDocumentation),
];

/** Great-circle distance in km from a point to the location row (haversine, as src/geo computes it). */
function distanceKm(point: LatLng): SQL {
  const latitude = sql`${point.latitude}::float8`;
  const longitude = sql`${point.longitude}::float8`;
  return sql`(${earthRadiusKm}::float8 * 2 * asin(least(1, sqrt(
    power(sin(radians(${locations.latitude} - ${latitude}) / 2), 2) +
    cos(radians(${latitude})) * cos(radians(${locations.latitude})) *
    power(sin(radians(${locations.longitude} - ${longitude}) / 2), 2)))))`;
}

const kilometresPer: Record<string, number> = { km: 1, m: 0.001, mi: 1.609344, '[mi_i]': 1.609344 };
export const defaultNearKm = 5;

/** FHIR's near: latitude|longitude|distance|units, units defaulting to km. */
export function parseNear(value: string): { point: LatLng; radiusKm: number } {
  const [latitudeText, longitudeText, distanceText, units = 'km'] = value.split('|');
  const latitude = Number(latitudeText);
  const longitude = Number(longitudeText);
  const distance = distanceText === undefined || distanceText === '' ? undefined : Number(distanceText);
  const perUnit = kilometresPer[units || 'km'];
  const isValid =
    latitudeText?.trim() &&
    longitudeText?.trim() &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180 &&
    (distance === undefined || (Number.isFinite(distance) && distance >= 0)) &&
    perUnit !== undefined;
  if (!isValid)
    throw invalidElement(
      'near',
      'near must be latitude|longitude|distance|units (units km, m or mi), e.g. 51.59|-0.07|2|km',
      'value',
    );
  return {
    point: { latitude, longitude },
    radiusKm: distance === undefined ? defaultNearKm : distance * perUnit,
  };
}

export const locationParameters: readonly SearchParameter[] = [
  idParameter('Location', locations.id),
  nameParameter('Location', locations.name),
  {
    name: 'address-postalcode',
    type: 'string',
    documentation: 'The start of the postcode, ignoring case and spaces ("N17" or "n17 6hb").',
    toCondition: (value) =>
      sql`upper(replace(${locations.postalCode}, ' ', '')) like ${`${escapeLike(value.toUpperCase().replace(/\s+/g, ''))}%`}`,
  },
  {
    name: 'address-city',
    type: 'string',
    documentation: 'The start of the town or city, ignoring case.',
    toCondition: (value) => sql`${locations.city} ilike ${`${escapeLike(value.trim())}%`}`,
  },
  referenceParameter(
    'organization',
    'Organization',
    'The organisation that manages the location, as Organization/<id>.',
    (ids) => inArray(locations.organisationId, ids),
  ),
  {
    name: 'near',
    type: 'special',
    documentation:
      `Locations within a distance of a point, nearest first: latitude|longitude|distance|units ` +
      `(units km, m or mi; km when left out; ${defaultNearKm} km when the distance is left out).`,
    toCondition: (value) => {
      const { point, radiusKm } = parseNear(value);
      const box = boundingBox(point, radiusKm);
      // The box uses locations_lat_lng_idx; the exact distance then trims its corners.
      return sql`${locations.latitude} between ${box.minLatitude}::float8 and ${box.maxLatitude}::float8
        and ${locations.longitude} between ${box.minLongitude}::float8 and ${box.maxLongitude}::float8
        and ${distanceKm(point)} <= ${radiusKm}::float8`;
    },
    toOrder: (value) => sql`${distanceKm(parseNear(value).point)} asc`,
  },
  dateParameter('_lastUpdated', locations.updatedAt, lastUpdatedDocumentation),
];
