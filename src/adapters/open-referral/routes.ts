// The public, read-only Open Referral UK 3.0 API at /openreferral (point the ORUK validator at
// /openreferral/). Anyone may read the directory, from any site: these routes (and only these)
// answer with Access-Control-Allow-Origin: *. Errors are our RFC 9457 problem+json (ORUK has none).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client';
import type { RouteModule } from '../../http/context';
import { invalidField, notFound } from '../../http/errors';
import { buildOpenReferralDocument } from './openapi-document';
import {
  presentOrganisation,
  presentPage,
  presentService,
  presentServiceAtLocation,
  presentServiceSummary,
  presentTaxonomy,
  presentTaxonomyTerm,
} from './present';
import {
  findOrganisation,
  findOrganisationPage,
  findServiceAtLocationPage,
  findServiceIdsOfOrganisation,
  findServicePage,
  findTaxonomy,
  findTaxonomyPage,
  findTaxonomyTerm,
  findTaxonomyTermPage,
  loadServiceAtLocations,
  type ServiceFilters,
} from './queries';
import { loadServiceGraphs, loadServicesWithOrganisations } from '../../directory/service-graph';
import { resolvePostcodeCentroid } from './postcode';
import {
  idParam,
  plainPageQuery,
  serviceListQuery,
  taxonomyTermListQuery,
  type ServiceListQuery,
} from './schemas';

export const openReferralPrefix = '/openreferral';
export const orukProfileUrl = 'https://openreferraluk.org/specifications/3.0';
const tags = ['open-referral'];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function allowAnyOrigin(_request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  void reply.header('access-control-allow-origin', '*');
  // Helmet sends same-origin by default, which would stop other sites embedding the data.
  void reply.header('cross-origin-resource-policy', 'cross-origin');
  done();
}

/** An id in the path that is not one of ours (not even a uuid) is simply not found. */
function requireUuid(id: string, what: string): string {
  if (!uuidPattern.test(id)) throw notFound(what);
  return id.toLowerCase();
}

async function toFilters(db: Executor, query: ServiceListQuery): Promise<ServiceFilters> {
  const { page: _page, per_page: _perPage, postcode, ...rest } = query;
  if (!postcode) return rest;
  const near = await resolvePostcodeCentroid(db, postcode);
  if (!near) throw invalidField('postcode', `We could not find the postcode "${postcode}".`, 'querystring');
  return { ...rest, near };
}

export const openReferralRoutes: RouteModule = (app, { db, config }) => {
  const p = openReferralPrefix;
  const routeOptions = { onRequest: allowAnyOrigin };

  // CORS preflight for every Open Referral path (browsers send it for non-simple requests).
  app.options(`${p}/*`, { schema: { hide: true }, ...routeOptions }, (request, reply) =>
    reply
      .status(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '*')
      .header('access-control-max-age', '86400')
      .send(),
  );

  app.get(
    `${p}/`,
    { ...routeOptions, schema: { tags, summary: 'Open Referral UK API information' } },
    () => ({
      version: 'HSDS-UK-3.0',
      profile: orukProfileUrl,
      openapi_url: `${config.publicUrl}${p}/openapi.json`,
    }),
  );

  app.get(`${p}/openapi.json`, { ...routeOptions, schema: { hide: true } }, () =>
    buildOpenReferralDocument(config.publicUrl),
  );

  app.get(
    `${p}/services`,
    {
      ...routeOptions,
      schema: { tags, summary: 'Services (one-to-one fields)', querystring: serviceListQuery },
    },
    async (request) => {
      const { page, per_page: perPage } = request.query;
      const filters = await toFilters(db, request.query);
      const { ids, total } = await findServicePage(db, filters, { page, perPage });
      const rows = await loadServicesWithOrganisations(db, ids);
      const contents = rows.map((row) => presentServiceSummary(row.service, row.organisation));
      return presentPage(contents, total, page, perPage);
    },
  );

  app.get(
    `${p}/services/:id`,
    { ...routeOptions, schema: { tags, summary: 'A fully nested service', params: idParam } },
    async (request) => {
      const id = requireUuid(request.params.id, 'The service');
      const [graph] = await loadServiceGraphs(db, [id]);
      if (!graph) throw notFound('The service');
      return presentService(graph);
    },
  );

  app.get(
    `${p}/service_at_locations`,
    { ...routeOptions, schema: { tags, summary: 'Services at locations', querystring: serviceListQuery } },
    async (request) => {
      const { page, per_page: perPage } = request.query;
      const filters = await toFilters(db, request.query);
      const { ids, total } = await findServiceAtLocationPage(db, filters, { page, perPage });
      const links = await loadServiceAtLocations(db, ids);
      const services = await loadServicesWithOrganisations(db, [
        ...new Set(links.map((link) => link.serviceId)),
      ]);
      const byId = new Map(services.map((row) => [row.service.id, row]));
      const contents = links.map((link) => {
        const row = byId.get(link.serviceId)!;
        return presentServiceAtLocation(link, presentServiceSummary(row.service, row.organisation));
      });
      return presentPage(contents, total, page, perPage);
    },
  );

  app.get(
    `${p}/service_at_locations/:id`,
    { ...routeOptions, schema: { tags, summary: 'A service at a location, fully nested', params: idParam } },
    async (request) => {
      const id = requireUuid(request.params.id, 'The service at location');
      const [link] = await loadServiceAtLocations(db, [id]);
      if (!link) throw notFound('The service at location');
      const [graph] = await loadServiceGraphs(db, [link.serviceId]);
      const service = presentService(graph!);
      // The official OpenAPI declares this response as a service (defect 1), and validators built on
      // it check `name` and `status`: carrying them too satisfies both readings of the standard.
      return { ...presentServiceAtLocation(link, service), name: service.name, status: service.status };
    },
  );

  app.get(
    `${p}/taxonomies`,
    { ...routeOptions, schema: { tags, summary: 'Taxonomies', querystring: plainPageQuery } },
    async (request) => {
      const { page, per_page: perPage } = request.query;
      const { rows, total } = await findTaxonomyPage(db, { page, perPage });
      return presentPage(rows.map(presentTaxonomy), total, page, perPage);
    },
  );

  app.get(
    `${p}/taxonomies/:id`,
    { ...routeOptions, schema: { tags, summary: 'A taxonomy', params: idParam } },
    async (request) => {
      const row = await findTaxonomy(db, requireUuid(request.params.id, 'The taxonomy'));
      if (!row) throw notFound('The taxonomy');
      return presentTaxonomy(row);
    },
  );

  app.get(
    `${p}/taxonomy_terms`,
    { ...routeOptions, schema: { tags, summary: 'Taxonomy terms', querystring: taxonomyTermListQuery } },
    async (request) => {
      const { page, per_page: perPage, taxonomy_id: taxonomyId, parent_id: parentId } = request.query;
      const { rows, total } = await findTaxonomyTermPage(db, { taxonomyId, parentId }, { page, perPage });
      return presentPage(rows.map(presentTaxonomyTerm), total, page, perPage);
    },
  );

  app.get(
    `${p}/taxonomy_terms/:id`,
    { ...routeOptions, schema: { tags, summary: 'A taxonomy term', params: idParam } },
    async (request) => {
      const row = await findTaxonomyTerm(db, requireUuid(request.params.id, 'The taxonomy term'));
      if (!row) throw notFound('The taxonomy term');
      return presentTaxonomyTerm(row);
    },
  );

  // HSDS 3.0 organisation paths (ORUK 3.0 has none): organisations that provide services.
  app.get(
    `${p}/organizations`,
    {
      ...routeOptions,
      schema: { tags, summary: 'Organisations providing services', querystring: plainPageQuery },
    },
    async (request) => {
      const { page, per_page: perPage } = request.query;
      const { rows, total } = await findOrganisationPage(db, { page, perPage });
      return presentPage(rows.map(presentOrganisation), total, page, perPage);
    },
  );

  app.get(
    `${p}/organizations/:id`,
    { ...routeOptions, schema: { tags, summary: 'An organisation with its services', params: idParam } },
    async (request) => {
      const row = await findOrganisation(db, requireUuid(request.params.id, 'The organisation'));
      if (!row) throw notFound('The organisation');
      const graphs = await loadServiceGraphs(db, await findServiceIdsOfOrganisation(db, row.id));
      return { ...presentOrganisation(row), services: graphs.map(presentService) };
    },
  );
};
