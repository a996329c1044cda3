import { describe, expect, it } from 'vitest';
import { concentrationIndex, quintileRatio, ratePer1000 } from './equity-measures';

describe('ratePer1000', () => {
  it('divides by the population in thousands, and has no rate without a population', () => {
    expect(ratePer1000(3, 1500)).toBe(2);
    expect(ratePer1000(0, 1500)).toBe(0);
    expect(ratePer1000(3, 0)).toBeNull();
    expect(ratePer1000(3, null)).toBeNull();
  });
});

describe('quintileRatio', () => {
  it('is the rate in deciles 1–2 over the rate in deciles 9–10', () => {
    // Deciles 1–2: 50 referrals / 2,000 people = 25 per 1,000; deciles 9–10: 10 / 2,000 = 5 per 1,000.
    const result = quintileRatio([
      { decile: 1, count: 30, population: 1000 },
      { decile: 2, count: 20, population: 1000 },
      { decile: 5, count: 99, population: 1000 },
      { decile: 9, count: 10, population: 1000 },
      { decile: 10, count: 0, population: 1000 },
    ]);
    expect(result).toEqual({ ratio: 5, mostDeprivedRate: 25, leastDeprivedRate: 5, count: 60 });
  });

  it('has no ratio when the least deprived quintile has no referrals or no population', () => {
    expect(quintileRatio([{ decile: 1, count: 4, population: 100 }]).ratio).toBeNull();
    expect(
      quintileRatio([
        { decile: 1, count: 4, population: 100 },
        { decile: 10, count: 0, population: 100 },
      ]).ratio,
    ).toBeNull();
  });
});

describe('concentrationIndex', () => {
  it('matches a hand-worked example with equal populations', () => {
    // f = 1/4 each; ranks 1/8, 3/8, 5/8, 7/8; rates .03 .02 .01 0; μ = 60/4000 = .015.
    // Σ f μₜ Rₜ = 1/4 × (.00375 + .0075 + .00625) = .004375; C = 2/.015 × .004375 − 1 = −5/12.
    // (Check: 2 cov(μₜ, Rₜ)/μ = 2 × −.003125/.015 = −5/12.)
    const index = concentrationIndex([
      { decile: 10, count: 0, population: 1000 },
      { decile: 1, count: 30, population: 1000 },
      { decile: 9, count: 10, population: 1000 },
      { decile: 2, count: 20, population: 1000 },
    ]);
    expect(index).toBeCloseTo(-5 / 12, 12);
  });

  it('weights each decile by its population', () => {
    // f = 1/4, 3/4; ranks 1/8, 5/8; rates .02 and 1/150; μ = .01: C = 200 × .00375 − 1 = −0.25.
    const index = concentrationIndex([
      { decile: 1, count: 10, population: 500 },
      { decile: 10, count: 10, population: 1500 },
    ]);
    expect(index).toBeCloseTo(-0.25, 12);
  });

  it('is 0 for equal rates, positive when the less deprived are referred more, null with nothing to rank', () => {
    expect(
      concentrationIndex([
        { decile: 1, count: 5, population: 1000 },
        { decile: 6, count: 10, population: 2000 },
      ]),
    ).toBeCloseTo(0, 12);
    expect(
      concentrationIndex([
        { decile: 1, count: 0, population: 1000 },
        { decile: 10, count: 10, population: 1000 },
      ]),
    ).toBeCloseTo(0.5, 12);
    expect(concentrationIndex([{ decile: 1, count: 0, population: 1000 }])).toBeNull();
    expect(concentrationIndex([{ decile: 1, count: 3, population: 0 }])).toBeNull();
  });
});
