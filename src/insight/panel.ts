// The contract between a panel (activity, equity, gaps, map, demand, data quality, provider evidence)
// and the routes that serve it. A panel builder works out raw figures for the programmes and filters
// it is given and says, for every figure, how many people it rests on; it never decides who may see
// what. The routes resolve the actor's scope (scope.ts), run the builder, then suppress small numbers
// for aggregate-only viewers (commissioners, regional commissioners, providers) in one pass over the
// raw tables, so no panel can forget to.
import type { Executor } from '../db/client';
import type { SourceType } from '../vocabulary/referral';
import type { InsightHeadline, InsightTable } from './schemas';

/** Filters as a builder uses them: defaults filled in, programmes already narrowed to the scope. */
export type InsightFilters = {
  /** Inclusive first day, ISO date. */
  from: string;
  /** Inclusive last day, ISO date. */
  to: string;
  /** Midnight (Europe/London) at the start of `from`, and at the end of `to`: received_at ∈ [start, end). */
  start: Date;
  end: Date;
  /** Never empty: a scope with no programmes answers before any builder runs. */
  programmeIds: readonly string[];
  borough: string | null;
  source: SourceType | null;
  /** The gaps panel's reach in km (query `withinKm`); the panel's default when absent. */
  withinKm?: number;
};

/**
 * One raw figure. `value` is what is shown (a count, a share 0–1, a rate per 1,000, days…).
 * `people` is the number of people (referrals) it is based on: a count is its own; a share or rate
 * gives its numerator in `people` and its denominator in `of`. Suppression reads only these.
 */
export type RawCell = { value: number | null; people?: number; of?: number; reason?: string };

/** A cell of a table: a row's key (or TOTAL_ROW for the total row) and a column's key. */
export type CellRef = { row: string; column: string };
export const TOTAL_ROW = '$total';

export type RawTable = Omit<InsightTable, 'rows' | 'total'> & {
  rows: { key: string; label: string; cells: Record<string, RawCell> }[];
  total?: { label: string; cells: Record<string, RawCell> };
  /**
   * Further "total = sum of parts" relations between count cells that a viewer could subtract
   * across (e.g. a funnel: received = accepted + not accepted). The total row (each count column)
   * and a column keyed 'total' (each row) are relations already; suppression protects them all.
   */
  sums?: { total: CellRef; parts: CellRef[] }[];
  /** For aggregate-only viewers, rows are relabelled "<this> 1", "<this> 2"… (e.g. link workers). */
  anonymiseRowsAs?: string;
  /** Keys of rows whose labels name no one (e.g. 'Not yet assigned'): kept when the others are numbered. */
  keepLabelsOf?: string[];
};

export type RawHeadline = Omit<InsightHeadline, 'cell'> & { cell: RawCell };

export type RawPanel = {
  title: string;
  headlines: RawHeadline[];
  tables: RawTable[];
  notes: string[];
};

export type PanelBuilder = (db: Executor, filters: InsightFilters) => Promise<RawPanel>;
