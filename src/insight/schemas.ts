// The shapes every Insight panel shares (they generate the OpenAPI document, and the web app takes its
// types from them with `import type`). A panel is a list of tables: each table is one chart's data,
// in the shape its accessible table alternative and its CSV download show, so one renderer, one CSV
// writer and one suppression pass serve every chart. Figures a commissioner or provider must not see
// (small numbers, and any cell that would let one be worked out by subtraction) arrive as
// `{ value: null, suppressed: true, reason }`, never as the number.
import { z } from 'zod';
import { sourceTypes } from '../vocabulary/referral';

const isoDate = z.iso.date('must be a date like 2026-04-01');

/** The filters every panel accepts (query string). */
export const insightQuery = z.object({
  /** First day of the period (default: a year before `to`). */
  from: isoDate.optional(),
  /** Last day of the period, inclusive (default: today). */
  to: isoDate.optional(),
  /** One programme among those the actor may see (default: all of them). */
  programmeId: z.uuid('must be a valid id').optional(),
  /** A London borough's GSS code (the person's borough, from their postcode). */
  borough: z
    .string()
    .regex(/^E09000\d{3}$/, 'must be a London borough code like E09000014')
    .optional(),
  /** Where referrals came from. */
  source: z.enum(sourceTypes).optional(),
});
export type InsightQuery = z.infer<typeof insightQuery>;

export const insightCell = z.union([
  z.object({ value: z.number(), suppressed: z.literal(false).optional() }),
  z.object({ value: z.null(), suppressed: z.literal(true), reason: z.string() }),
  // No figure exists (e.g. a rate with no population): shown as "–", not hidden.
  z.object({ value: z.null(), suppressed: z.literal(false).optional(), reason: z.string().optional() }),
]);
export type InsightCell = z.infer<typeof insightCell>;

export const insightTable = z.object({
  /** Stable within its panel; the CSV download names it (`?table=`). */
  id: z.string(),
  title: z.string(),
  /** Method, denominator, source: shown under the chart and in the CSV's first lines. */
  description: z.string().optional(),
  /** How the web app draws it; every table is also shown as a table. */
  chart: z.enum(['bar', 'stacked-bar', 'line', 'funnel', 'none']),
  /** What the numbers are (decides formatting: a share 0.42 is shown as 42%). */
  unit: z.enum(['count', 'share', 'rate_per_1000', 'days', 'index', 'people']),
  columns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      /** When a column's figures differ from the table's unit (e.g. a funnel's "share of received"). */
      unit: z.enum(['count', 'share', 'rate_per_1000', 'days', 'index', 'people']).optional(),
    }),
  ),
  rows: z.array(z.object({ key: z.string(), label: z.string(), cells: z.record(z.string(), insightCell) })),
  /** A total row when one is shown (suppression then also protects cells from subtraction). */
  total: z.object({ label: z.string(), cells: z.record(z.string(), insightCell) }).optional(),
});
export type InsightTable = z.infer<typeof insightTable>;

/** A single figure at the top of a panel (e.g. the most-to-least deprived ratio). */
export const insightHeadline = z.object({
  id: z.string(),
  label: z.string(),
  cell: insightCell,
  unit: insightTable.shape.unit,
  /** How it was worked out, in a sentence. */
  method: z.string(),
});
export type InsightHeadline = z.infer<typeof insightHeadline>;

export const insightPanelResponse = z.object({
  panel: z.string(),
  title: z.string(),
  /** The filters as applied (defaults filled in). */
  filters: z.object({
    from: z.string(),
    to: z.string(),
    programmeId: z.string().nullable(),
    borough: z.string().nullable(),
    source: z.enum(sourceTypes).nullable(),
  }),
  /** The programmes the figures cover. */
  programmes: z.array(z.object({ id: z.string(), name: z.string() })),
  /** True for commissioners, regional commissioners and providers: small numbers are suppressed. */
  isSuppressed: z.boolean(),
  headlines: z.array(insightHeadline),
  tables: z.array(insightTable),
  notes: z.array(z.string()),
  generatedAt: z.string(),
});
export type InsightPanelResponse = z.infer<typeof insightPanelResponse>;
