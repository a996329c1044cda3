// The building blocks of the directory's FHIR search parameters: each parameter turns its value
// into one SQL condition (and, for `near`, an order). The CapabilityStatement is generated from the
// same declarations (see capabilitySearchParams), so what is declared is exactly what works.
import { and, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { invalidElement } from '../outcome';
import { parseDateParam, parseReferenceParam, parseTokenParam, uuidPattern } from '../search';
import type { CapabilityStatementRestResource } from '../types';

type SearchParamType = 'string' | 'token' | 'reference' | 'date' | 'special';

export type SearchParameter = {
  name: string;
  type: SearchParamType;
  documentation: string;
  /** Modifiers accepted as "name:modifier" (e.g. "exact"); the plain name is always accepted. */
  modifiers?: readonly string[];
  toCondition(value: string, modifier: string | undefined): SQL;
  /** An order the parameter imposes on the results (e.g. nearest first for `near`). */
  toOrder?(value: string): SQL;
};

export type CompiledSearch = { conditions: SQL[]; orders: SQL[] };

/** Every query-string name a set of parameters accepts, for searchQuery's refusal of the rest. */
export function acceptedNames(parameters: readonly SearchParameter[]): string[] {
  return parameters.flatMap((parameter) => [
    parameter.name,
    ...(parameter.modifiers ?? []).map((modifier) => `${parameter.name}:${modifier}`),
  ]);
}

export function compileSearch(
  parameters: readonly SearchParameter[],
  query: Record<string, string | undefined>,
): CompiledSearch {
  const byName = new Map(parameters.map((parameter) => [parameter.name, parameter]));
  const conditions: SQL[] = [];
  const orders: SQL[] = [];
  for (const [key, value] of Object.entries(query)) {
    const [name, modifier] = key.split(':') as [string, string | undefined];
    const parameter = byName.get(name);
    // Paging and _format are handled by the caller; searchQuery has refused anything unknown.
    if (!parameter || value === undefined) continue;
    if (value.trim() === '') throw invalidElement(key, `Give "${key}" a value, or leave it out`, 'value');
    conditions.push(parameter.toCondition(value, modifier));
    if (parameter.toOrder) orders.push(parameter.toOrder(value));
  }
  return { conditions, orders };
}

export function capabilitySearchParams(
  parameters: readonly SearchParameter[],
): NonNullable<CapabilityStatementRestResource['searchParam']> {
  return parameters.map(({ name, type, documentation }) => ({ name, type, documentation }));
}

/** Linkwell's ids are uuids; anything else names nothing here (and must not reach a uuid column). */
export function isLinkwellId(id: string): boolean {
  return uuidPattern.test(id);
}

/** FHIR's comma means OR: "a,b" matches either. */
const alternatives = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

const matchesNothing = sql`false`;

function anyOf(conditions: SQL[]): SQL {
  if (conditions.length === 0) return matchesNothing;
  return conditions.length === 1 ? conditions[0]! : or(...conditions)!;
}

export function idsCondition(column: PgColumn, ids: string[]): SQL {
  const known = ids.filter(isLinkwellId).map((id) => id.toLowerCase());
  return known.length > 0 ? inArray(column, known) : matchesNothing;
}

export function idParameter(resourceType: string, column: PgColumn): SearchParameter {
  return {
    name: '_id',
    type: 'token',
    documentation: `The ${resourceType}'s logical id; several may be given, comma-separated.`,
    toCondition: (value) => idsCondition(column, alternatives(value)),
  };
}

export function referenceParameter(
  name: string,
  targetType: string,
  documentation: string,
  condition: (ids: string[]) => SQL,
): SearchParameter {
  return {
    name,
    type: 'reference',
    documentation,
    toCondition: (value) => {
      const ids = alternatives(value).map((part) => parseReferenceParam(name, part, targetType));
      const known = ids.filter(isLinkwellId).map((id) => id.toLowerCase());
      return known.length > 0 ? condition(known) : matchesNothing;
    },
  };
}

/** Matches LIKE's wildcards literally (PostgreSQL's default escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Names match anywhere, case-insensitively: a superset of FHIR's default (starts with), chosen
 * because people search for "befriending" in "Tottenham Befriending". `:exact` is exact.
 */
export function nameParameter(resourceType: string, column: PgColumn): SearchParameter {
  return {
    name: 'name',
    type: 'string',
    documentation:
      `Part of the ${resourceType}'s name, anywhere in it and ignoring case (a superset of FHIR's ` +
      `starts-with); name:contains is the same, name:exact matches the whole name exactly.`,
    modifiers: ['contains', 'exact'],
    toCondition: (value, modifier) =>
      anyOf(
        alternatives(value).map((part) =>
          modifier === 'exact' ? eq(column, part) : ilike(column, `%${escapeLike(part)}%`),
        ),
      ),
  };
}

/** token "system|code" alternatives, each matched by `match` (system undefined when not given). */
export function tokenCondition(
  value: string,
  match: (token: { system: string | undefined; code: string }) => SQL | undefined,
): SQL {
  return anyOf(alternatives(value).flatMap((part) => match(parseTokenParam(part)) ?? []));
}

export function booleanToken(name: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidElement(name, `${name} must be true or false`, 'value');
}

/** The instant just after the precision the client gave ("2026-11" covers the whole month). */
function endOfPrecision(start: Date, text: string): Date {
  const end = new Date(start);
  if (text.length === 4) end.setUTCFullYear(end.getUTCFullYear() + 1);
  else if (text.length === 7) end.setUTCMonth(end.getUTCMonth() + 1);
  else if (text.length === 10) end.setUTCDate(end.getUTCDate() + 1);
  else if (/T\d{2}:\d{2}:\d{2}\.\d+/.test(text)) end.setTime(end.getTime() + 1);
  else if (/T\d{2}:\d{2}:\d{2}/.test(text)) end.setTime(end.getTime() + 1000);
  else end.setTime(end.getTime() + 60_000);
  return end;
}

/**
 * A date parameter over a timestamp column, as FHIR defines the prefixes: the value is a range
 * as wide as its precision, so eq2026-11-01 is the whole day and gt2026-11-01 starts the next day.
 */
export function dateParameter(name: string, column: PgColumn, documentation: string): SearchParameter {
  return {
    name,
    type: 'date',
    documentation,
    toCondition: (value) => {
      const { prefix, value: start } = parseDateParam(name, value);
      const end = endOfPrecision(start, value.trim().replace(/^(eq|gt|ge|lt|le)/, ''));
      switch (prefix) {
        case 'eq':
          return and(gte(column, start), lt(column, end))!;
        case 'gt':
          return gte(column, end);
        case 'ge':
          return gte(column, start);
        case 'lt':
          return lt(column, start);
        case 'le':
          return lt(column, end);
      }
    },
  };
}
