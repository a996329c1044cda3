// The ORUK 3.0 OpenAPI document we publish at /openreferral/openapi.json: the copy that
// openreferraluk.org serves to its validator (oruk-openapi.json, CC BY-SA 4.0, from
// tpximpact/mhclg-oruk@4aed5ea1 public/specifications/3.0/openapi.json), with our server URL and the
// known defects of the official file fixed (see shared/standards/openreferral/oruk-3.0/README.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const officialFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'oruk-openapi.json');
const schemaBase = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';

type Operation = {
  operationId?: string;
  parameters?: { $ref: string }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
export type OpenApiDocument = {
  info: { description?: string; [key: string]: unknown };
  servers?: { url: string; description?: string }[];
  paths: Record<string, { get: Operation }>;
  components: { parameters: Record<string, { schema: unknown }>; [key: string]: unknown };
  [key: string]: unknown;
};

let official: OpenApiDocument | undefined;

function get(document: OpenApiDocument, path: string): Operation {
  const operation = document.paths[path]?.get;
  if (!operation) throw new Error(`The ORUK OpenAPI document has no GET ${path}`);
  return operation;
}

function parameter(document: OpenApiDocument, name: string): { schema: unknown } {
  const found = document.components.parameters[name];
  if (!found) throw new Error(`The ORUK OpenAPI document has no parameter ${name}`);
  return found;
}

/** A fresh, corrected copy of the document for the given public URL (e.g. https://linkwell.example). */
export function buildOpenReferralDocument(publicUrl: string): OpenApiDocument {
  official ??= JSON.parse(readFileSync(officialFile, 'utf8')) as OpenApiDocument;
  const document = structuredClone(official);
  document.servers = [{ url: `${publicUrl}/openreferral`, description: 'Linkwell service directory' }];
  document.info.description =
    `${document.info.description ?? ''}. Served by Linkwell. Pages hold at most 200 items (default 50). ` +
    'Services carry Linkwell extensions as extra properties: capacities (HSDS 3.1 shape), last_verified_at, ' +
    'delivery_modes, how_to_access, eligibility_description, is_free and referral. Errors are RFC 9457 problem+json.';

  // Defect 1: the single service_at_location is a service_at_location, not a service.
  get(document, '/service_at_locations/{id}').responses['200'] = {
    ...get(document, '/service_at_locations/{id}').responses['200'],
    content: { 'application/json': { schema: { $ref: `${schemaBase}compiled/service_at_location.json` } } },
  };
  // Defect 2: the operationIds of the taxonomy term list and item are swapped.
  get(document, '/taxonomy_terms').operationId = 'getPaginatedListOfTaxonomyTerms';
  get(document, '/taxonomy_terms/{id}').operationId = 'getTaxonomyTermById';
  // Defect 3: "time" is not a JSON Schema type; we take HH:MM strings.
  for (const name of ['start_time', 'end_time']) {
    parameter(document, name).schema = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' };
  }
  parameter(document, 'day').schema = {
    type: 'string',
    enum: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
  };
  // Defect 4: the standard format name is date-time.
  parameter(document, 'modified_after').schema = { type: 'string', format: 'date-time' };
  parameter(document, 'proximity').schema = { type: 'number', minimum: 0, maximum: 100000 };
  parameter(document, 'per_page').schema = { type: 'integer', minimum: 1, maximum: 200, default: 50 };
  parameter(document, 'page').schema = { type: 'integer', minimum: 1, default: 1 };

  // Filters the standard defines and we also honour on /services.
  const serviceOperation = get(document, '/services');
  const serviceParameters = (serviceOperation.parameters ??= []);
  for (const name of ['postcode', 'proximity', 'modified_after', 'organization_id']) {
    serviceParameters.push({ $ref: `#/components/parameters/${name}` });
  }
  return document;
}
