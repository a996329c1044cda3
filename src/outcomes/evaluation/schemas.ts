// Request and response shapes of the evaluation endpoints (they generate the OpenAPI document).
// Both views share one response shape: the commissioner's aggregate view has the same fields, with
// small numbers set to null and the reason given beside them.
import { z } from 'zod';
import { assumptionSchema } from '../sroi';

const isoDate = z.iso.date('must be a date like 2026-04-01');

export const evaluationQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const count = z.number().int().nullable();
const figure = z.number().nullable();
const reasons = z.record(z.string(), z.string());

export const pairedChangeResponse = z.object({
  n: count,
  meanBefore: figure,
  meanAfter: figure,
  meanChange: figure,
  sdChange: figure,
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  tTest: z.object({ t: z.number(), df: z.number(), p: z.number() }).nullable(),
  wilcoxon: z
    .object({
      statistic: z.number(),
      p: z.number(),
      method: z.enum(['exact', 'normal-approximation']),
      zerosDropped: count,
      n: count,
      rPlus: z.number(),
      rMinus: z.number(),
    })
    .nullable(),
  effectSize: z.object({ cohensDz: figure, cohensDav: figure, rankBiserial: figure }),
  /** Why each null figure is null. */
  reasons,
});

export const lossToFollowUpResponse = z.object({
  eligible: count,
  paired: count,
  lost: count,
  shareLost: figure,
  isLarge: z.boolean().nullable(),
  threshold: z.number(),
  warning: z.string().nullable(),
  reasons,
});

export const improvementResponse = z.object({
  minimumChange: z.number(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  source: z.string(),
  n: count,
  improved: count,
  share: figure,
  reason: z.string().nullable(),
});

export const measureResponse = z.object({
  scoreId: z.string(),
  instrumentKey: z.string(),
  itemId: z.string().nullable(),
  label: z.string(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  lossToFollowUp: lossToFollowUpResponse,
  change: pairedChangeResponse,
  improvement: improvementResponse.nullable(),
});

export const evaluationResponse = z.object({
  /** full: the programme's coordinator; aggregate: a commissioner, small numbers suppressed. */
  view: z.enum(['full', 'aggregate']),
  programme: z.object({ id: z.uuid(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  smallNumberMinimum: z.number(),
  cohort: z.object({ referrals: count, people: count }),
  measures: z.array(measureResponse),
  healthServiceUse: z.object({
    windows: z.array(
      z.object({
        windowMonths: z.number(),
        gpAppointments: pairedChangeResponse,
        aeAttendances: pairedChangeResponse,
        withoutAfter: count,
      }),
    ),
    caveat: z.string(),
  }),
});
export type EvaluationResponse = z.infer<typeof evaluationResponse>;

const assumptionNames = [
  'gpAppointmentUnitCost',
  'aeAttendanceUnitCost',
  'wellbyValue',
  'wellbeingDurationYears',
  'deadweight',
  'attribution',
] as const;

export const socialReturnBody = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Which before/after window of GP and A&E use to value. */
  windowMonths: z.union([z.literal(3), z.literal(6)]).default(6),
  /** Value the ONS life-satisfaction change as WELLBYs, or leave wellbeing out. */
  wellbeing: z.enum(['life-satisfaction', 'none']).default('life-satisfaction'),
  programmeCost: assumptionSchema,
  /** Any assumption given replaces the published default; the rest keep theirs. */
  assumptions: z.partialRecord(z.enum(assumptionNames), assumptionSchema).default({}),
});

const componentResponse = z.object({
  label: z.string(),
  grossValue: z.number(),
  value: z.number(),
  working: z.string(),
});

export const socialReturnResponse = z.object({
  view: z.enum(['full', 'aggregate']),
  from: z.string(),
  to: z.string(),
  windowMonths: z.number(),
  basis: z.object({
    people: count,
    meanChangeGpAppointments: figure,
    meanChangeAeAttendances: figure,
    lifeSatisfaction: z.object({ people: count, meanChange: figure }).nullable(),
  }),
  /** Null when a commissioner asks and the figures rest on fewer than 5 people. */
  result: z
    .object({
      components: z.object({
        gpAppointments: componentResponse,
        aeAttendances: componentResponse,
        wellbeing: componentResponse.nullable(),
      }),
      totalValue: z.number(),
      programmeCost: z.number(),
      ratio: z.number().nullable(),
      assumptions: z.record(z.string(), assumptionSchema),
      caveats: z.array(z.string()),
    })
    .nullable(),
  suppressedBecause: z.string().nullable(),
});
export type SocialReturnResponse = z.infer<typeof socialReturnResponse>;

export const researchExportQuery = evaluationQuery;

export const evaluationProgrammesResponse = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), areas: z.array(z.string()) })),
});

/** The published defaults the calculator starts from, so a form can show them before calculating. */
export const socialReturnDefaultsResponse = z.object({
  assumptions: z.record(z.enum(assumptionNames), assumptionSchema),
});
