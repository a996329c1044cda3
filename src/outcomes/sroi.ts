// Social return on investment (SROI) calculator for a programme evaluation report (docs/DESIGN.md §7).
//
// Pure arithmetic over figures the report already has. Every assumption is an editable
// { value, unit, source, year } record and is returned beside the result, so a commissioner can
// see exactly what the ratio rests on and a coordinator can replace any figure with a local one.
//
// Healthcare "savings" here are a before/after difference in the people supported, not an effect
// measured against a comparison group: the result says so in `caveats`, and the report must show them.
import { z } from 'zod';

export const assumptionSchema = z.object({
  value: z.number(),
  unit: z.string().min(1),
  source: z.string().min(1),
  url: z.url().nullable(),
  /** The price year (or publication year) the value belongs to, e.g. "2013/14". */
  year: z.string().min(1),
  /**
   * published: confirmed in the cited source; method-choice: a stated modelling choice, not a
   * published figure; local: entered by the programme; unverified: not confirmed, do not rely on it.
   */
  basis: z.enum(['published', 'method-choice', 'local', 'unverified']),
  note: z.string().optional(),
});
export type Assumption = z.infer<typeof assumptionSchema>;

export const UNVERIFIED = 'unverified — confirm before use';

export interface SroiAssumptions {
  gpAppointmentUnitCost: Assumption;
  aeAttendanceUnitCost: Assumption;
  /** Value of one WELLBY: one point of life satisfaction (0–10) for one person for one year. */
  wellbyValue: Assumption;
  /** Years a life-satisfaction gain is counted for. */
  wellbeingDurationYears: Assumption;
  /** Share of each outcome that would have happened anyway (0–1). */
  deadweight: Assumption;
  /** Share of what remains that is owed to other services or people (0–1). */
  attribution: Assumption;
}

// Defaults. Each was confirmed in a published source found while writing this module (December
// 2026) and is cited with the address where it was read. The GP and A&E costs are the newest
// figures that could be confirmed, and are older price bases than the current PSSRU manual and
// National Cost Collection: a programme should replace them with the current editions (Unit Costs
// of Health and Social Care, https://www.pssru.ac.uk/unitcostsreport/; NHS England National Cost
// Collection). Being older they understate savings, which errs towards not over-claiming.
export const DEFAULT_SROI_ASSUMPTIONS: SroiAssumptions = {
  gpAppointmentUnitCost: {
    value: 44,
    unit: 'GBP per GP surgery consultation',
    source:
      'PSSRU, Unit Costs of Health and Social Care 2015: an 11.7-minute GP surgery consultation costs £33–£44; £44 includes qualification and direct care staff costs (as quoted by PSNC, "Costs of other NHS providers")',
    url: 'https://psnc.org.uk/lpcs-and-local/locally-commissioned-services/essential-facts-stats-and-quotes/costs-of-other-nhs-providers/',
    year: '2014/15',
    basis: 'published',
    note: 'Older price base; replace with the current PSSRU Unit Costs figure.',
  },
  aeAttendanceUnitCost: {
    value: 114,
    unit: 'GBP per A&E attendance not leading to admission',
    source:
      'NICE guideline NG94 (2018), Emergency and acute medical care in over 16s, chapter 41, table 83: emergency department attendance, not admitted, £114 (National Schedule of Reference Costs 2013–14)',
    url: 'https://www.ncbi.nlm.nih.gov/books/NBK564937/table/ch41.appi.tab2/',
    year: '2013/14',
    basis: 'published',
    note: 'Older price base; replace with the current National Cost Collection figure.',
  },
  wellbyValue: {
    value: 13_000,
    unit: 'GBP per WELLBY (one point of life satisfaction, 0–10, per person per year)',
    source:
      'HM Treasury (2021), Green Book supplementary guidance: wellbeing, recommended value of one WELLBY (as reported by the What Works Centre for Wellbeing, "Converting the WELLBY", 2023)',
    url: 'https://whatworkswellbeing.org/?p=10845',
    year: '2019 prices',
    basis: 'published',
  },
  wellbeingDurationYears: {
    value: 1,
    unit: 'years',
    source: 'Linkwell default: a gain is counted for one year only, with no assumption that it lasts longer',
    url: null,
    year: 'n/a',
    basis: 'method-choice',
    note: 'A choice, not a published figure. Lengthen only with follow-up evidence that gains persist.',
  },
  deadweight: {
    value: 0,
    unit: 'share (0–1)',
    source: 'Linkwell default: no adjustment. Set from local evidence such as a comparison group',
    url: null,
    year: 'n/a',
    basis: 'method-choice',
    note: 'With no adjustment, the result assumes none of the change would have happened anyway.',
  },
  attribution: {
    value: 0,
    unit: 'share (0–1)',
    source: 'Linkwell default: no adjustment. Set from local evidence about other support people received',
    url: null,
    year: 'n/a',
    basis: 'method-choice',
    note: 'With no adjustment, the result credits the programme with all of the change.',
  },
};

export type WellbeingInput =
  /** Mean change in ONS life satisfaction (0–10) over `people` with both scores. */
  | { method: 'life-satisfaction'; people: number; meanChange: number }
  /** People with a meaningful improvement, valued with a per-person figure the programme supplies. */
  | { method: 'people-improved'; people: number; valuePerPersonImproved: Assumption }
  | { method: 'none' };

export interface SroiInput {
  /** People whose GP and A&E use was counted in both windows. */
  people: number;
  /** Mean change per person, after − before, over equal windows: negative means fewer appointments. */
  meanChangeGpAppointments: number;
  meanChangeAeAttendances: number;
  wellbeing: WellbeingInput;
  programmeCost: Assumption;
  /** Any assumption left out keeps its default. */
  assumptions?: Partial<SroiAssumptions>;
}

export interface SroiComponent {
  label: string;
  /** Before deadweight and attribution. */
  grossValue: number;
  /** After deadweight and attribution: what counts towards the total. */
  value: number;
  /** The sum written out, so the report can show its working. */
  working: string;
}

export interface SocialReturn {
  components: {
    gpAppointments: SroiComponent;
    aeAttendances: SroiComponent;
    wellbeing: SroiComponent | null;
  };
  totalValue: number;
  programmeCost: number;
  /** Total value per £1 of programme cost; null when the cost is zero. */
  ratio: number | null;
  assumptions: SroiAssumptions & { programmeCost: Assumption; valuePerPersonImproved?: Assumption };
  caveats: string[];
}

const money = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  maximumFractionDigits: 2,
});
const plain = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 });

export function calculateSocialReturn(input: SroiInput): SocialReturn {
  const assumptions: SroiAssumptions = { ...DEFAULT_SROI_ASSUMPTIONS, ...input.assumptions };
  assertCount(input.people, 'people');
  for (const name of ['deadweight', 'attribution'] as const) {
    const share = assumptions[name].value;
    if (share < 0 || share > 1) throw new RangeError(`${name} must be a share between 0 and 1`);
  }
  if (input.programmeCost.value < 0) throw new RangeError('Programme cost cannot be negative');

  const keptShare = (1 - assumptions.deadweight.value) * (1 - assumptions.attribution.value);
  const component = (label: string, grossValue: number, working: string): SroiComponent => ({
    label,
    grossValue,
    value: grossValue * keptShare,
    working,
  });

  // `+ 0` turns −0 (no change, negated) into 0, so the working never reads "-0 fewer".
  const gpAvoided = -input.meanChangeGpAppointments + 0;
  const gpAppointments = component(
    'GP appointments avoided',
    input.people * gpAvoided * assumptions.gpAppointmentUnitCost.value,
    `${input.people} people × ${plain.format(gpAvoided)} fewer appointments each × ${money.format(assumptions.gpAppointmentUnitCost.value)}`,
  );
  const aeAvoided = -input.meanChangeAeAttendances + 0;
  const aeAttendances = component(
    'A&E attendances avoided',
    input.people * aeAvoided * assumptions.aeAttendanceUnitCost.value,
    `${input.people} people × ${plain.format(aeAvoided)} fewer attendances each × ${money.format(assumptions.aeAttendanceUnitCost.value)}`,
  );
  const wellbeing = wellbeingComponent(input.wellbeing, assumptions, component);

  const totalValue = gpAppointments.value + aeAttendances.value + (wellbeing?.value ?? 0);
  const programmeCost = input.programmeCost.value;
  const usedAssumptions: SocialReturn['assumptions'] = { ...assumptions, programmeCost: input.programmeCost };
  if (input.wellbeing.method === 'people-improved') {
    usedAssumptions.valuePerPersonImproved = input.wellbeing.valuePerPersonImproved;
  }
  return {
    components: { gpAppointments, aeAttendances, wellbeing },
    totalValue,
    programmeCost,
    ratio: programmeCost === 0 ? null : totalValue / programmeCost,
    assumptions: usedAssumptions,
    caveats: caveatsFor(usedAssumptions),
  };
}

function wellbeingComponent(
  input: WellbeingInput,
  assumptions: SroiAssumptions,
  component: (label: string, grossValue: number, working: string) => SroiComponent,
): SroiComponent | null {
  switch (input.method) {
    case 'none':
      return null;
    case 'life-satisfaction': {
      assertCount(input.people, 'wellbeing.people');
      const years = assumptions.wellbeingDurationYears.value;
      return component(
        'Wellbeing (life satisfaction)',
        input.people * input.meanChange * years * assumptions.wellbyValue.value,
        `${input.people} people × ${plain.format(input.meanChange)} points × ${plain.format(years)} year(s) × ${money.format(assumptions.wellbyValue.value)} per WELLBY`,
      );
    }
    case 'people-improved': {
      assertCount(input.people, 'wellbeing.people');
      const perPerson = input.valuePerPersonImproved.value;
      return component(
        'Wellbeing (people with a meaningful improvement)',
        input.people * perPerson,
        `${input.people} people improved × ${money.format(perPerson)} each`,
      );
    }
  }
}

function caveatsFor(assumptions: SocialReturn['assumptions']): string[] {
  const caveats = [
    'GP and A&E figures compare the same people before and after referral. Without a comparison group they do not show that the programme caused the change.',
    'Avoided appointments are freed capacity, not cash the NHS saves.',
  ];
  const named = Object.entries(assumptions) as [string, Assumption | undefined][];
  const all = named.flatMap(([name, assumption]) => (assumption === undefined ? [] : [{ name, assumption }]));
  const priceYears = new Set(all.map(({ assumption }) => assumption.year).filter((year) => year !== 'n/a'));
  if (priceYears.size > 1) {
    caveats.push(
      `Values come from different price years (${[...priceYears].join(', ')}) and are not adjusted for inflation.`,
    );
  }
  const unverified = all
    .filter(({ assumption }) => assumption.basis === 'unverified')
    .map(({ name }) => name);
  if (unverified.length > 0) {
    caveats.push(`Some figures are ${UNVERIFIED}: ${unverified.join(', ')}.`);
  }
  if (assumptions.deadweight.value === 0 && assumptions.attribution.value === 0) {
    caveats.push('No deadweight or attribution is applied: all of the change is credited to the programme.');
  }
  return caveats;
}

function assertCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`${what} must be a whole number, not negative`);
}
