// One part of the FHIR API (referrals, directory, outcomes, subscriptions): its routes, and what
// it declares in the CapabilityStatement, kept side by side so the statement stays truthful.
import type { FastifyReply } from 'fastify';
import type { AppDeps, AppInstance } from '../../http/context';
import { fhirContentType } from './urls';
import type { CapabilityStatementRestResource, FhirResource } from './types';

export type FhirModule = {
  capabilities: CapabilityStatementRestResource[];
  /** Routes are registered relative to /fhir (e.g. "/Task/:id"). */
  routes(fhir: AppInstance, deps: AppDeps): void;
};

/** Sends one resource with its version headers (ETag / Last-Modified) as FHIR's read prescribes. */
export function sendResource(reply: FastifyReply, resource: FhirResource, status = 200): FastifyReply {
  const { versionId, lastUpdated } = resource.meta ?? {};
  if (versionId) reply.header('etag', `W/"${versionId}"`);
  if (lastUpdated) reply.header('last-modified', new Date(lastUpdated).toUTCString());
  return reply.status(status).type(`${fhirContentType}; charset=utf-8`).send(resource);
}
