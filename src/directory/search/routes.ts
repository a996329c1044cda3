// The directory search and the service page. The directory is public information: anyone may read
// it, signed in or not (the public directory uses the same routes); anonymous use is rate-limited.
import type { FastifyRequest } from 'fastify';
import type { RouteModule } from '../../http/context';
import { idParams } from '../../http/schemas';
import { getServiceDetail } from './get-service-detail';
import { resolvePostcode, type PostcodeResolution } from '../../geo';
import { presentSearchRow } from './present';
import { searchQuerystring, searchResponse, serviceDetailResponse, type SearchQuerystring } from './schemas';
import { searchServices, type SearchQuery } from './search-services';
import type { Executor } from '../../db/client';

/** Signed-in users and API clients are not counted against the anonymous limit. */
const anonymousRateLimit = {
  max: 120,
  timeWindow: 60_000,
  hook: 'preHandler' as const,
  allowList: (request: FastifyRequest) => request.actor.type !== 'anonymous',
};

async function toSearchQuery(
  db: Executor,
  input: SearchQuerystring,
  now: Date,
  defaultStaleAfterDays: number,
): Promise<{ query: SearchQuery; postcode: PostcodeResolution | undefined }> {
  const postcode = input.postcode ? await resolvePostcode(db, input.postcode, 'postcode') : undefined;
  const point =
    input.latitude !== undefined && input.longitude !== undefined
      ? {
          latitude: input.latitude,
          longitude: input.longitude,
          label: postcode ? postcode.postcode : 'the chosen point',
        }
      : postcode
        ? { latitude: postcode.latitude, longitude: postcode.longitude, label: postcode.postcode }
        : undefined;
  const servedArea = input.boroughCode
    ? { boroughCode: input.boroughCode, label: input.boroughCode }
    : input.servesPostcodeArea && postcode?.boroughCode
      ? { boroughCode: postcode.boroughCode, label: postcode.boroughName ?? postcode.boroughCode }
      : undefined;
  const query: SearchQuery = {
    text: input.q,
    taxonomyTermIds: input.taxonomyTermIds,
    point,
    radiusKm: input.radiusKm,
    openAt: input.openNow ? now : input.openAt ? new Date(input.openAt) : undefined,
    languages: input.languages,
    isFreeOnly: input.freeOnly,
    age: input.age,
    deliveryModes: input.deliveryModes,
    isAcceptingReferralsOnly: input.acceptingReferralsOnly,
    servedArea,
    staleAfterDays: input.staleAfterDays ?? defaultStaleAfterDays,
    limit: input.limit,
    offset: input.offset,
  };
  return { query, postcode };
}

export const directorySearchRoutes: RouteModule = (app, { db, config }) => {
  app.get(
    '/api/directory/search',
    {
      config: { rateLimit: anonymousRateLimit },
      schema: {
        tags: ['directory'],
        summary:
          'Search the directory: text (typo-tolerant), support types, distance, opening time, language, cost, age, delivery, capacity and area',
        querystring: searchQuerystring,
        response: { 200: searchResponse },
      },
    },
    async (request) => {
      const now = new Date();
      const { query, postcode } = await toSearchQuery(db, request.query, now, config.staleAfterDays);
      const result = await searchServices({ db, query, now });
      const isOpenNowRequested = request.query.openNow === true;
      return {
        items: result.rows.map((row) => presentSearchRow(row, query, now, isOpenNowRequested)),
        total: result.total,
        limit: query.limit,
        offset: query.offset,
        query: {
          text: query.text ?? null,
          postcode: postcode ? { ...postcode, note: postcode.note ?? null } : null,
          point: query.point ? { latitude: query.point.latitude, longitude: query.point.longitude } : null,
          radiusKm: query.point ? query.radiusKm : null,
          openAt: query.openAt?.toISOString() ?? null,
          servedBoroughCode: query.servedArea?.boroughCode ?? null,
          staleAfterDays: query.staleAfterDays,
        },
      };
    },
  );

  app.get(
    '/api/directory/services/:id',
    {
      config: { rateLimit: anonymousRateLimit },
      schema: {
        tags: ['directory'],
        summary: 'One service in full: organisation, locations, opening times, languages, costs, contacts',
        params: idParams,
        response: { 200: serviceDetailResponse },
      },
    },
    (request) =>
      getServiceDetail({
        db,
        serviceId: request.params.id,
        now: new Date(),
        staleAfterDays: config.staleAfterDays,
      }),
  );
};
