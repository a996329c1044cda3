// The read-only FHIR directory: HealthcareService, Organization and Location, generated from
// Linkwell's shared (Open Referral UK) directory. The directory is public, so any connected
// system may read it and nothing is audited; only what the public directory shows is exposed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../../db/client';
import type { AppDeps, AppInstance } from '../../../http/context';
import { sendResource, type FhirModule } from '../module';
import { FhirError } from '../outcome';
import { fhirBase, parsePaging, searchBundle, searchQuery, type Paging } from '../search';
import type { CapabilityStatementRestResource, FhirResource } from '../types';
import { fhirContentType } from '../urls';
import { healthcareServiceParameters, locationParameters, organizationParameters } from './parameters';
import { presentHealthcareService } from './present-healthcare-service';
import { presentLocation, presentOrganization } from './present-organization-location';
import {
  findHealthcareServicePage,
  findLocationPage,
  findOrganizationPage,
  loadHealthcareServices,
  loadLocations,
  loadOrganisations,
  type HealthcareServiceSource,
  type LocationSource,
  type OrganisationRow,
} from './queries';
import {
  acceptedNames,
  capabilitySearchParams,
  compileSearch,
  isLinkwellId,
  type CompiledSearch,
  type SearchParameter,
} from './search-parameters';

/** One directory resource type: how to find a page of it, load it and present it. */
type DirectoryResource<Source> = {
  type: 'HealthcareService' | 'Organization' | 'Location';
  documentation: string;
  parameters: readonly SearchParameter[];
  findPage(db: Executor, search: CompiledSearch, paging: Paging): Promise<{ ids: string[]; total: number }>;
  load(db: Executor, ids: string[]): Promise<Source[]>;
  present(source: Source): FhirResource;
};

const healthcareService: DirectoryResource<HealthcareServiceSource> = {
  type: 'HealthcareService',
  documentation:
    'Every service in the directory (as the Open Referral UK API at /openreferral lists them). category is the ' +
    'top-level term of each taxonomy tag, type the tag itself; active is false for inactive or defunct services. ' +
    'Results are sorted by name.',
  parameters: healthcareServiceParameters,
  findPage: findHealthcareServicePage,
  load: loadHealthcareServices,
  present: presentHealthcareService,
};

const organization: DirectoryResource<OrganisationRow> = {
  type: 'Organization',
  documentation:
    'Organisations that provide at least one directory service, with their ODS code where they have one. ' +
    'Results are sorted by name.',
  parameters: organizationParameters,
  findPage: findOrganizationPage,
  load: loadOrganisations,
  present: presentOrganization,
};

const location: DirectoryResource<LocationSource> = {
  type: 'Location',
  documentation:
    'Places where at least one directory service is delivered. Results are sorted by name, or nearest first with near.',
  parameters: locationParameters,
  findPage: findLocationPage,
  load: loadLocations,
  present: presentLocation,
};

function capabilityOf<Source>(resource: DirectoryResource<Source>): CapabilityStatementRestResource {
  return {
    type: resource.type,
    documentation: resource.documentation,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    readHistory: false,
    updateCreate: false,
    searchParam: capabilitySearchParams(resource.parameters),
  };
}

function notFound(type: string, id: string): FhirError {
  return new FhirError(404, [{ code: 'not-found', diagnostics: `${type}/${id} is not in the directory.` }]);
}

function registerReadAndSearch<Source>(
  fhir: AppInstance,
  { db, config }: AppDeps,
  resource: DirectoryResource<Source>,
): void {
  const { type } = resource;
  const accepted = acceptedNames(resource.parameters);

  fhir.get(
    `/${type}/:id`,
    { schema: { hide: true } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { id } = request.params as { id: string };
      // An id that is not a uuid cannot be one of ours: not found, and never sent to a uuid column.
      if (!isLinkwellId(id)) throw notFound(type, id);
      const [source] = await resource.load(db, [id.toLowerCase()]);
      if (!source) throw notFound(type, id);
      return sendResource(reply, resource.present(source));
    },
  );

  fhir.get(`/${type}`, { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const query = searchQuery(request, accepted);
    const paging = parsePaging(query);
    const { ids, total } = await resource.findPage(db, compileSearch(resource.parameters, query), paging);
    const sources = await resource.load(db, ids);
    const bundle = searchBundle({
      base: fhirBase(config.publicUrl),
      request,
      resources: sources.map((source) => resource.present(source)),
      total,
      paging,
    });
    return reply.type(`${fhirContentType}; charset=utf-8`).send(bundle);
  });
}

export const directoryFhirModule: FhirModule = {
  capabilities: [capabilityOf(healthcareService), capabilityOf(organization), capabilityOf(location)],
  routes(fhir, deps) {
    registerReadAndSearch(fhir, deps, healthcareService);
    registerReadAndSearch(fhir, deps, organization);
    registerReadAndSearch(fhir, deps, location);
  },
};
