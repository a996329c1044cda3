// The directory search: one SQL statement (CTEs) that filters services by every given criterion,
// ranks them, and returns one page together with the total. Building the statement is separated
// from running it (buildSearchStatement is pure) so the SQL can be read, EXPLAINed and tested.
//
// Plan, for 50,000 services: a point narrows (service, location) rows first with a bounding box on
// the service_search_locations(latitude, longitude) btree, then exact haversine distance, the radius
// and the text test on the same rows; without a point, text uses the GIN indexes on search_vector
// and on name (trigram); every other criterion is an EXISTS on an indexed child table or a column
// test on the few services left.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { boundingBox, earthRadiusKm } from '../../geo';
import type { ServiceLanguageKind } from '../../vocabulary/directory';
import { toLondonMoment } from './opening';

export type SearchPoint = { latitude: number; longitude: number; /** e.g. "N17 6HB" */ label: string };

export type SearchQuery = {
  text?: string;
  /** Terms to match; a parent term also matches its descendants. */
  taxonomyTermIds?: string[];
  point?: SearchPoint;
  radiusKm: number;
  /** Only services open at this instant (London opening times). */
  openAt?: Date;
  languages?: string[];
  isFreeOnly?: boolean;
  age?: number;
  deliveryModes?: string[];
  isAcceptingReferralsOnly?: boolean;
  servedArea?: { boroughCode: string; label: string };
  staleAfterDays: number;
  limit: number;
  offset: number;
};

/** One row as the statement returns it; present.ts turns it into the API's JSON. */
export type SearchRow = {
  total: number;
  id: string | null;
  name: string;
  description: string;
  organisation_id: string;
  organisation_name: string;
  is_free: boolean;
  minimum_age: number | null;
  maximum_age: number | null;
  delivery_modes: string[];
  is_accepting_referrals: boolean;
  accepts_waiting_list: boolean;
  waiting_time_days: number | null;
  places_available: number | null;
  places_maximum: number | null;
  last_verified_ms: number | null;
  is_stale: boolean;
  distance_km: number | null;
  text_in_name: boolean | null;
  text_in_description: boolean | null;
  name_similarity: number | null;
  terms: { id: string; code: string; name: string; isRequested: boolean }[] | null;
  location: {
    id: string;
    name: string | null;
    address1: string | null;
    city: string | null;
    postalCode: string | null;
    latitude: number | null;
    longitude: number | null;
  } | null;
  schedules:
    | { byday: string; opensAt: string; closesAt: string; validFrom: string | null; validTo: string | null }[]
    | null;
  closures: { startsOn: string; endsOn: string; reason: string }[] | null;
  languages: { code: string; name: string; kind: ServiceLanguageKind }[] | null;
  areas: { name: string; boroughCode: string | null }[] | null;
};

/** Words closer than this to a service's name count as a (typo-tolerant) match: pg_trgm's `<%` default. */
export const nameSimilarityThreshold = 0.6;
/** Stale entries sort as if they were this much further away, or with their text score halved. */
export const stalePenaltyKm = 2;

function haversineSql(point: SearchPoint): SQL {
  const latitude = sql`${point.latitude}::float8`;
  const longitude = sql`${point.longitude}::float8`;
  return sql`(${earthRadiusKm}::float8 * 2 * asin(sqrt(
    power(sin(radians(l.latitude - ${latitude}) / 2), 2) +
    cos(radians(${latitude})) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${longitude}) / 2), 2))))`;
}

const list = (values: string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

export function buildSearchStatement(query: SearchQuery, now: Date): SQL {
  const text = query.text?.trim() || undefined;
  const tsQuery = text ? sql`websearch_to_tsquery('english', ${text})` : undefined;
  const staleBefore = new Date(now.getTime() - query.staleAfterDays * 86_400_000).toISOString();
  const ctes: SQL[] = [];
  const joins: SQL[] = [];
  const conditions: SQL[] = [sql`s.status = 'active'`];

  if (query.taxonomyTermIds?.length) {
    ctes.push(sql`wanted_terms as (
      select t.id from taxonomy_terms t where t.id in ${query.taxonomyTermIds}
      union
      select child.id from taxonomy_terms child join wanted_terms w on child.parent_id = w.id)`);
    // = any(array(…)) is one array computed once, so each candidate service is a primary-key probe
    // rather than a semi-join that hashes every tagged service in the directory.
    conditions.push(sql`exists (select 1 from service_taxonomy_terms st
      where st.service_id = s.id and st.taxonomy_term_id = any(array(select id from wanted_terms)))`);
  }
  if (query.point) {
    const box = boundingBox(query.point, query.radiusKm);
    const distance = haversineSql(query.point);
    // One scan of the derived (service, location) rows in the bounding box, with the text test on
    // the same rows, so only services near the point *and* matching the words are visited later.
    const nearText = tsQuery ? sql`and (l.search_vector @@ ${tsQuery} or ${text} <% l.name)` : sql``;
    ctes.push(sql`near as (
      select l.service_id, min(${distance}) as distance_km
      from service_search_locations l
      where l.latitude between ${box.minLatitude}::float8 and ${box.maxLatitude}::float8
        and l.longitude between ${box.minLongitude}::float8 and ${box.maxLongitude}::float8
        and ${distance} <= ${query.radiusKm}::float8
        ${nearText}
      group by l.service_id)`);
    joins.push(sql`join near on near.service_id = s.id`);
  }
  if (tsQuery) {
    conditions.push(sql`(s.search_vector @@ ${tsQuery} or ${text} <% s.name)`);
  }
  if (query.openAt) {
    const moment = toLondonMoment(query.openAt);
    conditions.push(sql`exists (select 1 from schedules sc where sc.service_id = s.id
        and sc.byday = ${moment.day} and sc.opens_at <= ${moment.time}::time and sc.closes_at > ${moment.time}::time
        and (sc.valid_from is null or sc.valid_from <= ${moment.date}::date)
        and (sc.valid_to is null or sc.valid_to >= ${moment.date}::date))
      and not exists (select 1 from service_closures c where c.service_id = s.id
        and c.starts_on <= ${moment.date}::date and c.ends_on >= ${moment.date}::date)`);
  }
  if (query.languages?.length) {
    conditions.push(sql`exists (select 1 from service_languages sl
      where sl.service_id = s.id and sl.code in ${query.languages})`);
  }
  if (query.isFreeOnly) conditions.push(sql`s.is_free`);
  if (query.age !== undefined) {
    conditions.push(sql`(s.minimum_age is null or s.minimum_age <= ${query.age}::int)
      and (s.maximum_age is null or s.maximum_age >= ${query.age}::int)`);
  }
  if (query.deliveryModes?.length) {
    conditions.push(sql`s.delivery_modes && array[${list(query.deliveryModes)}]::text[]`);
  }
  if (query.isAcceptingReferralsOnly) {
    conditions.push(sql`((s.is_accepting_referrals and coalesce(s.places_available, 1) > 0)
      or s.accepts_waiting_list)`);
  }
  if (query.servedArea) {
    conditions.push(sql`exists (select 1 from service_areas sa
      where sa.service_id = s.id and sa.borough_code = ${query.servedArea.boroughCode})`);
  }

  const isStale = sql`(s.last_verified_at is null or s.last_verified_at < ${staleBefore}::timestamptz)`;
  const textScore = tsQuery
    ? sql`(ts_rank(s.search_vector, ${tsQuery}) + word_similarity(${text}, s.name))`
    : sql`0::float8`;
  // One ascending sort key, so the page and the final select order alike.
  const sortKey = query.point
    ? sql`near.distance_km + case when ${isStale} then ${stalePenaltyKm}::float8 else 0 end`
    : tsQuery
      ? sql`-(${textScore} * case when ${isStale} then 0.5 else 1 end)`
      : sql`case when ${isStale} then 1::float8 else 0 end`;

  const nearestLocation = query.point
    ? sql`order by ${haversineSql(query.point)}`
    : sql`order by l.name nulls last, l.id`;
  const textColumns = tsQuery
    ? sql`to_tsvector('english', p.name) @@ ${tsQuery} as text_in_name,
          to_tsvector('english', p.description) @@ ${tsQuery} as text_in_description,
          word_similarity(${text}, p.name) as name_similarity`
    : sql`null::boolean as text_in_name, null::boolean as text_in_description, null::float8 as name_similarity`;
  const requestedTerm = query.taxonomyTermIds?.length
    ? sql`t.id in (select id from wanted_terms)`
    : sql`false`;
  const today = toLondonMoment(now).date;

  return sql`with recursive ${sql.join(
    [
      ...ctes,
      sql`matched as (
        select s.id, s.name, s.description, s.organisation_id, s.is_free, s.minimum_age, s.maximum_age,
          s.delivery_modes, s.is_accepting_referrals, s.accepts_waiting_list, s.waiting_time_days,
          s.places_available, s.places_maximum,
          (extract(epoch from s.last_verified_at) * 1000)::float8 as last_verified_ms,
          ${isStale} as is_stale,
          ${query.point ? sql`near.distance_km` : sql`null::float8`} as distance_km,
          ${sortKey} as sort_key
        from services s ${sql.join(joins, sql` `)}
        where ${sql.join(conditions, sql` and `)})`,
      sql`page as (select * from matched order by sort_key, name, id limit ${query.limit} offset ${query.offset})`,
      sql`enriched as (
        select p.*, o.name as organisation_name, ${textColumns},
          (select json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name,
              'isRequested', ${requestedTerm}) order by t.name)
            from service_taxonomy_terms st join taxonomy_terms t on t.id = st.taxonomy_term_id
            where st.service_id = p.id) as terms,
          (select json_build_object('id', l.id, 'name', l.name, 'address1', l.address_1, 'city', l.city,
              'postalCode', l.postal_code, 'latitude', l.latitude, 'longitude', l.longitude)
            from service_at_locations sal join locations l on l.id = sal.location_id
            where sal.service_id = p.id ${nearestLocation} limit 1) as location,
          (select json_agg(json_build_object('byday', sc.byday, 'opensAt', sc.opens_at, 'closesAt', sc.closes_at,
              'validFrom', sc.valid_from, 'validTo', sc.valid_to))
            from schedules sc where sc.service_id = p.id) as schedules,
          (select json_agg(json_build_object('startsOn', c.starts_on, 'endsOn', c.ends_on, 'reason', c.reason))
            from service_closures c where c.service_id = p.id and c.ends_on >= ${today}::date) as closures,
          (select json_agg(json_build_object('code', sl.code, 'name', sl.name, 'kind', sl.kind) order by sl.name)
            from service_languages sl where sl.service_id = p.id) as languages,
          (select json_agg(json_build_object('name', sa.name, 'boroughCode', sa.borough_code) order by sa.name)
            from service_areas sa where sa.service_id = p.id) as areas
        from page p join organisations o on o.id = p.organisation_id)`,
    ],
    sql`, `,
  )}
  select counted.total, e.*
  from (select count(*)::int as total from matched) counted
  left join enriched e on true
  order by e.sort_key, e.name, e.id`;
}

export type SearchResult = { total: number; rows: SearchRow[] };

export async function searchServices(options: {
  db: Executor;
  query: SearchQuery;
  now: Date;
}): Promise<SearchResult> {
  // Both drivers answer execute() with { rows }; the row type is the statement's own.
  const executed: unknown = await options.db.execute(buildSearchStatement(options.query, options.now));
  const result = executed as { rows: SearchRow[] };
  const total = result.rows[0]?.total ?? 0;
  return { total: Number(total), rows: result.rows.filter((row) => row.id !== null) };
}
