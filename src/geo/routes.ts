// Public geography lookups: open data, so no sign-in and no policy check (rate limits are applied
// to /api as a whole elsewhere). Nothing here reads or writes personal data.
import type { RouteModule } from '../http/context';
import { listBoroughs } from './queries';
import { resolvePostcode } from './resolve-postcode';
import { boroughListResponse, postcodeParams, postcodeResolutionResponse } from './schemas';

export const geoRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/postcodes/:postcode',
    {
      schema: {
        tags: ['geography'],
        summary: 'Where a London postcode is: its point, borough and LSOA',
        description:
          'Accepts any case and spacing ("n176hb"). A postcode that is no longer live falls back to the centre ' +
          'of its sector, else its district, and says so in `note`. Malformed and non-London postcodes are ' +
          'answered with 400 and `reason` "not_a_postcode" or "outside_london".',
        params: postcodeParams,
        response: { 200: postcodeResolutionResponse },
      },
    },
    (request) => resolvePostcode(db, request.params.postcode, 'postcode', 'params'),
  );

  app.get(
    '/api/geo/boroughs',
    {
      schema: {
        tags: ['geography'],
        summary: 'The 33 London boroughs, with their Census 2021 population',
        response: { 200: boroughListResponse },
      },
    },
    async () => ({ items: await listBoroughs(db) }),
  );
};
