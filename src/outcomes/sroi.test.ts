import { describe, expect, it } from 'vitest';
import {
  assumptionSchema,
  calculateSocialReturn,
  DEFAULT_SROI_ASSUMPTIONS,
  type Assumption,
  type SroiInput,
} from './sroi';

const programmeCost: Assumption = {
  value: 150_000,
  unit: 'GBP',
  source: 'Programme budget 2025/26',
  url: null,
  year: '2025/26',
  basis: 'local',
};

const baseInput: SroiInput = {
  people: 120,
  meanChangeGpAppointments: -0.8,
  meanChangeAeAttendances: -0.1,
  wellbeing: { method: 'life-satisfaction', people: 100, meanChange: 0.5 },
  programmeCost,
};

describe('calculateSocialReturn', () => {
  // Worked by hand with the default unit costs (£44 GP, £114 A&E, £13,000 per WELLBY, 1 year):
  //   GP   120 × 0.8 × 44          =   4,224
  //   A&E  120 × 0.1 × 114         =   1,368
  //   Wellbeing 100 × 0.5 × 1 × 13,000 = 650,000
  //   total 655,592; ratio 655,592 / 150,000 = 4.370613…
  it('values each component and the ratio with the default assumptions', () => {
    const result = calculateSocialReturn(baseInput);
    expect(result.components.gpAppointments.value).toBeCloseTo(4_224, 9);
    expect(result.components.aeAttendances.value).toBeCloseTo(1_368, 9);
    expect(result.components.wellbeing?.value).toBeCloseTo(650_000, 9);
    expect(result.totalValue).toBeCloseTo(655_592, 9);
    expect(result.programmeCost).toBe(150_000);
    expect(result.ratio).toBeCloseTo(655_592 / 150_000, 12);
  });

  it('shows its working beside each component', () => {
    const result = calculateSocialReturn(baseInput);
    expect(result.components.gpAppointments.working).toBe(
      '120 people × 0.8 fewer appointments each × £44.00',
    );
    expect(result.components.aeAttendances.working).toBe('120 people × 0.1 fewer attendances each × £114.00');
    expect(result.components.wellbeing?.working).toBe(
      '100 people × 0.5 points × 1 year(s) × £13,000.00 per WELLBY',
    );
  });

  it('returns every assumption it used, including the programme cost', () => {
    const result = calculateSocialReturn(baseInput);
    expect(result.assumptions).toEqual({ ...DEFAULT_SROI_ASSUMPTIONS, programmeCost });
  });

  // Deadweight 25% and attribution 20% keep 0.75 × 0.8 = 60% of each gross value:
  //   total 655,592 × 0.6 = 393,355.2; ratio 2.622368
  it('applies deadweight and attribution to every component', () => {
    const result = calculateSocialReturn({
      ...baseInput,
      assumptions: {
        deadweight: { ...DEFAULT_SROI_ASSUMPTIONS.deadweight, value: 0.25, basis: 'local' },
        attribution: { ...DEFAULT_SROI_ASSUMPTIONS.attribution, value: 0.2, basis: 'local' },
      },
    });
    expect(result.components.gpAppointments.grossValue).toBeCloseTo(4_224, 9);
    expect(result.components.gpAppointments.value).toBeCloseTo(2_534.4, 9);
    expect(result.totalValue).toBeCloseTo(393_355.2, 9);
    expect(result.ratio).toBeCloseTo(2.622368, 12);
    expect(result.caveats.join(' ')).not.toMatch(/No deadweight/);
  });

  it('uses an edited unit cost and a longer duration when given', () => {
    const result = calculateSocialReturn({
      ...baseInput,
      assumptions: {
        gpAppointmentUnitCost: {
          ...DEFAULT_SROI_ASSUMPTIONS.gpAppointmentUnitCost,
          value: 50,
          basis: 'local',
        },
        wellbeingDurationYears: { ...DEFAULT_SROI_ASSUMPTIONS.wellbeingDurationYears, value: 2 },
      },
    });
    expect(result.components.gpAppointments.value).toBeCloseTo(120 * 0.8 * 50, 9); // 4,800
    expect(result.components.wellbeing?.value).toBeCloseTo(1_300_000, 9);
    expect(result.assumptions.aeAttendanceUnitCost).toEqual(DEFAULT_SROI_ASSUMPTIONS.aeAttendanceUnitCost);
  });

  it('counts a rise in appointments as negative value rather than hiding it', () => {
    const result = calculateSocialReturn({
      ...baseInput,
      meanChangeGpAppointments: 0.5,
      wellbeing: { method: 'none' },
    });
    expect(result.components.gpAppointments.value).toBeCloseTo(-2_640, 9); // 120 × −0.5 × 44
    expect(result.components.wellbeing).toBeNull();
    expect(result.totalValue).toBeCloseTo(-2_640 + 1_368, 9);
  });

  it('values people with a meaningful improvement with the figure supplied, and reports it', () => {
    const valuePerPersonImproved: Assumption = {
      value: 1_000,
      unit: 'GBP per person improved',
      source: 'Local valuation',
      url: null,
      year: '2025/26',
      basis: 'unverified',
    };
    const result = calculateSocialReturn({
      ...baseInput,
      wellbeing: { method: 'people-improved', people: 30, valuePerPersonImproved },
    });
    expect(result.components.wellbeing?.value).toBe(30_000);
    expect(result.assumptions.valuePerPersonImproved).toEqual(valuePerPersonImproved);
    expect(result.caveats.join(' ')).toMatch(/unverified — confirm before use: valuePerPersonImproved/);
  });

  it('has no ratio when the programme cost nothing', () => {
    const result = calculateSocialReturn({ ...baseInput, programmeCost: { ...programmeCost, value: 0 } });
    expect(result.ratio).toBeNull();
  });

  it('states that the health figures are not causal, and that price years differ', () => {
    const caveats = calculateSocialReturn(baseInput).caveats.join(' ');
    expect(caveats).toMatch(/do not show that the programme caused the change/);
    expect(caveats).toMatch(/different price years \(2014\/15, 2013\/14, 2019 prices, 2025\/26\)/);
    expect(caveats).toMatch(/No deadweight or attribution is applied/);
  });

  it('refuses impossible inputs', () => {
    expect(() => calculateSocialReturn({ ...baseInput, people: -1 })).toThrow(RangeError);
    expect(() => calculateSocialReturn({ ...baseInput, people: 1.5 })).toThrow(RangeError);
    expect(() =>
      calculateSocialReturn({
        ...baseInput,
        assumptions: { deadweight: { ...DEFAULT_SROI_ASSUMPTIONS.deadweight, value: 1.2 } },
      }),
    ).toThrow(RangeError);
    expect(() =>
      calculateSocialReturn({ ...baseInput, programmeCost: { ...programmeCost, value: -5 } }),
    ).toThrow(RangeError);
  });
});

describe('default assumptions', () => {
  it('each carry a value, unit, source and year, and pass the schema', () => {
    for (const [name, assumption] of Object.entries(DEFAULT_SROI_ASSUMPTIONS)) {
      expect(assumptionSchema.safeParse(assumption).success, name).toBe(true);
    }
  });

  it('cite a web address for every published figure', () => {
    for (const assumption of Object.values(DEFAULT_SROI_ASSUMPTIONS)) {
      if (assumption.basis === 'published') expect(assumption.url).toMatch(/^https:\/\//);
    }
  });
});
