// FHIR search: the few parameter forms Linkwell supports (_count/_offset paging, date prefixes,
// tokens, references) and the searchset Bundle. Unsupported parameters are refused, not ignored,
// so a client never mistakes an unfiltered result for a filtered one.
import type { FastifyRequest } from 'fastify';
import { invalidElement } from './outcome';
import type { Bundle, FhirResource } from './types';

/** Linkwell ids are uuids: anything else names no resource (404 or no match, never a database error). */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DateComparison = { prefix: 'eq' | 'gt' | 'ge' | 'lt' | 'le'; value: Date };

const datePattern =
  /^(eq|gt|ge|lt|le)?(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)$/;

/** "gt2026-11-01T10:00:00Z" → { prefix: 'gt', value }. Plain dates are taken as UTC midnight. */
export function parseDateParam(name: string, raw: string): DateComparison {
  const match = datePattern.exec(raw.trim());
  const value = match ? new Date(match[2]!.length === 4 ? `${match[2]}-01-01` : match[2]!) : undefined;
  if (!match || !value || Number.isNaN(value.getTime()))
    throw invalidElement(
      name,
      `${name} must be a FHIR date or dateTime with an optional prefix (eq, gt, ge, lt, le), e.g. gt2026-11-01T09:00:00Z`,
      'value',
    );
  return { prefix: (match[1] ?? 'eq') as DateComparison['prefix'], value };
}

/** "system|code", "|code", "code" → the parts; system undefined when not given. */
export function parseTokenParam(raw: string): { system: string | undefined; code: string } {
  const bar = raw.indexOf('|');
  if (bar === -1) return { system: undefined, code: raw };
  return { system: raw.slice(0, bar) || undefined, code: raw.slice(bar + 1) };
}

/** "Patient/abc" or "abc" (when the type is implied) → the id; another type is refused. */
export function parseReferenceParam(name: string, raw: string, type: string): string {
  const [first, second] = raw.split('/');
  const id = second === undefined ? first : first === type ? second : undefined;
  if (!id || !/^[A-Za-z0-9\-.]{1,64}$/.test(id))
    throw invalidElement(name, `${name} must reference a ${type}, as ${type}/<id>`, 'value');
  return id;
}

export type Paging = { count: number; offset: number };

export function parsePaging(query: Record<string, string | undefined>): Paging {
  const count = query._count === undefined ? 50 : Number(query._count);
  const offset = query._offset === undefined ? 0 : Number(query._offset);
  if (!Number.isInteger(count) || count < 0 || count > 200)
    throw invalidElement('_count', '_count must be a whole number from 0 to 200', 'value');
  if (!Number.isInteger(offset) || offset < 0 || offset > 100_000)
    throw invalidElement('_offset', '_offset must be a whole number from 0', 'value');
  return { count, offset };
}

/** The query string as single values; repeated parameters (AND) are refused where unsupported. */
export function searchQuery(
  request: FastifyRequest,
  supported: readonly string[],
): Record<string, string | undefined> {
  const query = (request.query ?? {}) as Record<string, string | string[] | undefined>;
  const allowed = new Set([...supported, '_count', '_offset', '_format']);
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.has(name))
      throw invalidElement(
        name,
        `Search parameter "${name}" is not supported here; supported: ${[...allowed].join(', ')}`,
        'not-supported',
      );
    if (Array.isArray(value))
      throw invalidElement(name, `Give "${name}" once; repeating it is not supported`, 'not-supported');
    result[name] = value;
  }
  return result;
}

/** The server's base URL as the client addressed it, for fullUrl and paging links. */
export function fhirBase(publicUrl: string): string {
  return `${publicUrl.replace(/\/$/, '')}/fhir`;
}

export function searchBundle(input: {
  base: string;
  request: FastifyRequest;
  resources: FhirResource[];
  total: number;
  paging: Paging;
}): Bundle {
  const { base, request, resources, total, paging } = input;
  const path = request.url.split('?')[0]!.replace(/^\/fhir/, '');
  const params = new URLSearchParams(request.query as Record<string, string>);
  const link = (offset: number) => {
    params.set('_offset', String(offset));
    params.set('_count', String(paging.count));
    return `${base}${path}?${params.toString()}`;
  };
  const links: Bundle['link'] = [{ relation: 'self', url: link(paging.offset) }];
  if (paging.offset + resources.length < total && paging.count > 0)
    links.push({ relation: 'next', url: link(paging.offset + paging.count) });
  if (paging.offset > 0)
    links.push({ relation: 'previous', url: link(Math.max(0, paging.offset - paging.count)) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: links,
    // FHIR JSON has no empty arrays: an empty page has no entry element at all.
    ...(resources.length
      ? {
          entry: resources.map((resource) => ({
            fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
            resource,
            search: { mode: 'match' as const },
          })),
        }
      : {}),
  };
}
