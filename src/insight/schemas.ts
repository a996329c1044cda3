// The shapes every Insight panel shares (they generate the OpenAPI document, and the web app takes its
// types from them with `import type`). A panel is a list of tables: each table is one chart's data,
// in the shape its accessible table alternative and its CSV download show, so one renderer, one CSV
// writer and one suppression pass serve every chart. Figures a commissioner or provider must not see
// (small numbers, and any cell that would let one be worked out by subtraction) arrive as
// `{ value: null, suppressed: true, reason }`, never as the number.
import { z } from 'zod';
import { sourceTypes } from '../vocabulary/referral';

// Bounded: a period's ends become timestamps (London midnight, the next day), and a year like 0001
// or 9999 is no one's reporting period but would overflow them.
const isoDate = z.iso
  .date('must be a date like 2026-04-01')
  .refine((day) => day >= '2000-01-01' && day <= '2099-12-31', 'must be between 2000-01-01 and 2099-12-31');

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
  /** The gaps panel's reach: support within this many km of where people live (default 3). */
  withinKm: z.coerce
    .number()
    .min(0.5, 'must be at least 0.5 (km)')
    .max(50, 'must be at most 50 (km)')
    .optional(),
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

// ─── The map (GET /api/insight/map) ──────────────────────────────────────────────────────────────
export const insightMapLayers = ['referral_rate', 'imd', 'unmet_need'] as const;
export const insightMapLevels = ['borough', 'lsoa'] as const;

export const insightMapQuery = insightQuery.extend({
  /** What shades the areas: referrals per 1,000 residents, IMD 2019 decile, or unmet needs per 1,000. */
  layer: z.enum(insightMapLayers).default('referral_rate'),
  /** Boroughs, or the LSOAs (2011) of the boroughs in scope. */
  level: z.enum(insightMapLevels).default('borough'),
});

export const insightMapResponse = z.object({
  level: z.enum(insightMapLevels),
  layer: z.enum(insightMapLayers),
  /** One per area with figures; `code` is the GSS code the web app's GeoJSON carries. */
  areas: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      value: insightCell,
      /** What the value rests on (referrals or unmet needs); null for the IMD layer and when suppressed. */
      people: z.number().nullable(),
    }),
  ),
  /** Active services with coordinates (at LSOA level, those located in the boroughs in scope). */
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lat: z.number(),
      lng: z.number(),
      taxonomy: z.array(z.string()),
    }),
  ),
  legend: z.object({
    title: z.string(),
    unit: insightTable.shape.unit,
    /** Classes from low to high; a value v is in the class with from ≤ v ≤ to. */
    bins: z.array(z.object({ from: z.number(), to: z.number(), label: z.string() })),
  }),
  /** The same figures as a table: the map panel's table of this level (its CSV is that table's). */
  table: insightTable,
  filters: insightPanelResponse.shape.filters,
  programmes: insightPanelResponse.shape.programmes,
  isSuppressed: z.boolean(),
  notes: z.array(z.string()),
  generatedAt: z.string(),
});
export type InsightMapResponse = z.infer<typeof insightMapResponse>;

// ─── Demand assumptions (GET/PUT/DELETE /api/insight/demand-assumptions) ────────────────────────
const positiveCount = (what: string) =>
  z.number().int(`${what} must be a whole number`).positive(`${what} must be more than 0`).max(10_000_000);

export const demandAssumptionsQuery = z.object({ programmeId: z.uuid('must be a valid id') });

/**
 * One assumption of the demand estimate, for a practice (organisationId) or a borough (boroughCode),
 * never both. Without `version` it is created; with it, the one at that version is replaced.
 */
export const demandAssumptionBody = z.object({
  programmeId: z.uuid('must be a valid id'),
  organisationId: z.uuid('must be a valid id').nullable().default(null),
  boroughCode: z
    .string()
    .regex(/^E09000\d{3}$/, 'must be a London borough code like E09000014')
    .nullable()
    .default(null),
  /** Patients registered (a practice) or people to apply the share to (a borough, instead of the Census). */
  listSize: positiveCount('The list size').nullable().default(null),
  /** GP consultations a year. */
  consultationsPerYear: positiveCount('Consultations a year').nullable().default(null),
  /** Share of consultations (or people) with a social problem, above 0 and at most 1 (default 0.2). */
  socialShare: z.number().gt(0, 'must be more than 0').lte(1, 'must be at most 1').default(0.2),
  /** Where the figures come from, shown beside them. */
  source: z.string().trim().max(500).default(''),
  version: z.number().int().positive().optional(),
});

export const demandAssumptionResponse = z.object({
  id: z.string(),
  programmeId: z.string(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  boroughCode: z.string().nullable(),
  boroughName: z.string().nullable(),
  listSize: z.number().nullable(),
  consultationsPerYear: z.number().nullable(),
  socialShare: z.number(),
  /** As entered; empty when none was given. */
  source: z.string(),
  /** The source as shown: the entered one, or the default's citation when the default share is kept. */
  sourceShown: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});
export type DemandAssumptionResponse = z.infer<typeof demandAssumptionResponse>;

export const demandAssumptionsResponse = z.object({
  items: z.array(demandAssumptionResponse),
  /** The default share and its source, for the form. */
  defaultSocialShare: z.number(),
  defaultSource: z.string(),
  /** Whether the signed-in person may change these (the programme's coordinators). */
  canEdit: z.boolean(),
});

// ─── Reach targets (GET/PUT/DELETE /api/insight/reach-targets) ──────────────────────────────────
export const reachTargetsQuery = z.object({ programmeId: z.uuid('must be a valid id') });

/**
 * A programme's yearly reach target: programme-wide (organisationId null) or for one referring
 * organisation. Without `version` it is created; with it, the one at that version is replaced.
 */
export const reachTargetBody = z.object({
  programmeId: z.uuid('must be a valid id'),
  organisationId: z.uuid('must be a valid id').nullable().default(null),
  /** People to reach in a year (each person once). */
  peoplePerYear: z
    .number()
    .int('must be a whole number')
    .positive('must be more than 0')
    .max(10_000_000, 'must be at most 10,000,000'),
  /** Where the target comes from (e.g. the commissioning contract), shown beside it. */
  note: z.string().trim().max(500).default(''),
  version: z.number().int().positive().optional(),
});

export const reachTargetResponse = z.object({
  id: z.string(),
  programmeId: z.string(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  peoplePerYear: z.number(),
  note: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});
export type ReachTargetResponse = z.infer<typeof reachTargetResponse>;

export const reachTargetsResponse = z.object({
  items: z.array(reachTargetResponse),
  /** Whether the signed-in person may change these (the programme's coordinators). */
  canEdit: z.boolean(),
});

// ─── Programme commissioners (GET/POST/DELETE /api/admin/programmes/:id/commissioners) ──────────
export const programmeCommissionerBody = z.object({ organisationId: z.uuid('must be a valid id') });

export const programmeCommissionerResponse = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  organisationType: z.string(),
  borough: z.string().nullable(),
  createdAt: z.string(),
});

export const programmeCommissionersResponse = z.object({ items: z.array(programmeCommissionerResponse) });

/** GET /api/insight/programmes: the programme filter's choices (areas are borough names). */
export const insightProgrammesResponse = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), boroughs: z.array(z.string()) })),
  /** Whether figures are suppressed for this actor (always, outside a programme's own team). */
  isSuppressed: z.boolean(),
});
