// What the equity, gaps, map and demand panels share: the referral_facts rows the filters select,
// and the boroughs the figures are about (the denominators' area).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import type { InsightFilters } from '../panel';

/** A text[] literal of bound parameters (Drizzle expands a bare array into a parenthesised list). */
export function textArray(values: readonly string[]): SQL {
  if (values.length === 0) return sql`array[]::text[]`;
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

export function uuidArray(values: readonly string[]): SQL {
  return sql`${textArray(values)}::uuid[]`;
}

/**
 * The facts of the referrals the filters select, as a condition on `alias` (a referral_facts row):
 * the programmes in scope, received in [start, end), the person's borough and the source when given.
 */
export function factsConditions(filters: InsightFilters, alias = 'f'): SQL {
  const f = sql.raw(alias);
  const conditions = [
    sql`${f}.programme_id = any(${uuidArray(filters.programmeIds)})`,
    sql`${f}.received_at >= ${filters.start.toISOString()}::timestamptz`,
    sql`${f}.received_at < ${filters.end.toISOString()}::timestamptz`,
  ];
  if (filters.borough) conditions.push(sql`${f}.borough_code = ${filters.borough}`);
  if (filters.source) conditions.push(sql`${f}.source_type = ${filters.source}`);
  return sql.join(conditions, sql` and `);
}

export type ScopeBorough = { code: string; name: string };

/**
 * The boroughs the figures are about: the borough filter when given, else every borough named in
 * the areas of the programmes in scope (areas hold borough names, matched as routing matches them,
 * ignoring case). Denominators are whole-borough populations: a programme covering only some
 * postcode districts of a borough is compared with the whole borough (panels say so).
 */
export async function findScopeBoroughs(db: Executor, filters: InsightFilters): Promise<ScopeBorough[]> {
  if (filters.borough) {
    const rows = await queryRows<ScopeBorough>(
      db,
      sql`select code, name from boroughs where code = ${filters.borough}`,
    );
    return rows.length > 0 ? rows : [{ code: filters.borough, name: filters.borough }];
  }
  return queryRows<ScopeBorough>(
    db,
    sql`select b.code, b.name from boroughs b
      where exists (select 1 from programmes p, unnest(p.areas) as area
        where p.id = any(${uuidArray(filters.programmeIds)}) and lower(area) = lower(b.name))
      order by b.name`,
  );
}

/** count(*) and sums come back as strings from node-postgres' bigint/numeric: one conversion. */
export const toNumber = (value: number | string | null | undefined): number => Number(value ?? 0);
