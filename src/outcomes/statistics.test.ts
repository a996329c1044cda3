import { describe, expect, it } from 'vitest';
import fixture from '../../test/fixtures/statistics/paired.json' with { type: 'json' };
import wilcoxon from '@stdlib/stats-wilcoxon';
import {
  describeLossToFollowUp,
  pairedChange,
  shareImproved,
  suppressBreakdown,
  suppressCount,
  suppressShare,
  suppressStatistic,
} from './statistics';

// Reference values come from SciPy 1.17 via test/fixtures/statistics/generate.py.
const RELATIVE_TOLERANCE = 1e-9;

function expectClose(actual: number | null | undefined, expected: number, label: string): void {
  expect(actual, label).not.toBeNull();
  expect(actual, label).toBeTypeOf('number');
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(
    Math.abs((actual as number) - expected) / scale,
    `${label}: ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
}

interface FixtureDataset {
  name: string;
  before: number[];
  after: number[];
  expected: {
    n: number;
    meanBefore: number;
    meanAfter: number;
    meanChange: number;
    sdChange: number;
    ci95: [number, number] | null;
    tTest: { t: number; df: number; p: number } | null;
    cohensDz: number | null;
    cohensDav: number | null;
    wilcoxon: {
      statistic: number;
      p: number;
      method: 'exact' | 'normal-approximation';
      zerosDropped: number;
      n: number;
      rPlus: number;
      rMinus: number;
    } | null;
    rankBiserial: number | null;
  };
}

const datasets = fixture.datasets as FixtureDataset[];

describe('pairedChange against SciPy reference values', () => {
  it('has the datasets the generator promises', () => {
    expect(datasets.map((dataset) => dataset.name)).toEqual([
      'small-exact',
      'ties-and-zeros',
      'large-seeded',
      'boundary-exact-50',
      'identical-changes',
      'swemwbs-like',
      'p-capped-at-one',
      'darwin-fisher',
      'large-ties-and-zeros',
      'zeros-no-ties-small',
      'zeros-no-ties-twelve',
    ]);
  });

  describe.each(datasets)('$name', (dataset) => {
    const pairs = dataset.before.map((before, index) => ({
      before,
      after: dataset.after[index] ?? Number.NaN,
    }));
    const result = pairedChange(pairs);
    const expected = dataset.expected;

    it('matches n, means and SD of the changes', () => {
      expect(result.n).toBe(expected.n);
      expectClose(result.meanBefore, expected.meanBefore, 'meanBefore');
      expectClose(result.meanAfter, expected.meanAfter, 'meanAfter');
      expectClose(result.meanChange, expected.meanChange, 'meanChange');
      if (expected.sdChange === 0) expect(result.sdChange).toBe(0);
      else expectClose(result.sdChange, expected.sdChange, 'sdChange');
    });

    it('matches the paired t-test and its 95% confidence interval', () => {
      if (expected.tTest === null || expected.ci95 === null) {
        expect(result.tTest).toBeNull();
        expect(result.ci95).toBeNull();
        expect(result.reasons.tTest).toMatch(/no spread/);
        return;
      }
      expectClose(result.tTest?.t, expected.tTest.t, 't');
      expect(result.tTest?.df).toBe(expected.tTest.df);
      expectClose(result.tTest?.p, expected.tTest.p, 'p');
      expectClose(result.ci95?.[0], expected.ci95[0], 'ci95 low');
      expectClose(result.ci95?.[1], expected.ci95[1], 'ci95 high');
    });

    it('matches the Wilcoxon signed-rank test', () => {
      const reference = expected.wilcoxon;
      if (reference === null) {
        expect(result.wilcoxon).toBeNull();
        return;
      }
      expect(result.wilcoxon?.method).toBe(reference.method);
      expect(result.wilcoxon?.zerosDropped).toBe(reference.zerosDropped);
      expect(result.wilcoxon?.n).toBe(reference.n);
      expect(result.wilcoxon?.statistic).toBe(reference.statistic);
      expect(result.wilcoxon?.rPlus).toBe(reference.rPlus);
      expect(result.wilcoxon?.rMinus).toBe(reference.rMinus);
      expectClose(result.wilcoxon?.p, reference.p, 'wilcoxon p');
    });

    it('matches the effect sizes', () => {
      for (const name of ['cohensDz', 'cohensDav', 'rankBiserial'] as const) {
        const reference = expected[name];
        if (reference === null) expect(result.effectSize[name], name).toBeNull();
        else expectClose(result.effectSize[name], reference, name);
      }
    });
  });
});

describe('pairedChange against published worked examples', () => {
  // Darwin's Zea mays data (differences in eighths of an inch) as analysed by Fisher,
  // The Design of Experiments (1935), §17: t = 2.148 on 14 degrees of freedom.
  // SciPy's wilcoxon documentation uses the same data: statistic 24, p = 0.041259765625 (exact).
  const darwin = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
  const result = pairedChange(darwin.map((after) => ({ before: 0, after })));

  it("reproduces Fisher's t", () => {
    expect(result.tTest?.t).toBeCloseTo(2.148, 3);
    expect(result.tTest?.df).toBe(14);
  });

  it("reproduces SciPy's documented exact Wilcoxon result", () => {
    expect(result.wilcoxon?.statistic).toBe(24);
    // 0.041259765625 = 1352 / 2^15; stdlib sums the distribution in floating point, so allow rounding.
    expectClose(result.wilcoxon?.p, 0.041259765625, 'wilcoxon p');
    expect(result.wilcoxon?.method).toBe('exact');
  });
});

describe('pairedChange edge cases', () => {
  it('returns nulls with a reason when nobody has both scores', () => {
    const result = pairedChange([]);
    expect(result).toMatchObject({ n: 0, meanChange: null, sdChange: null, tTest: null, wilcoxon: null });
    expect(result.reasons.tTest).toBe('Nobody has both a baseline and a follow-up score');
  });

  it('gives the means but no tests for a single pair', () => {
    const result = pairedChange([{ before: 20, after: 24 }]);
    expect(result).toMatchObject({ n: 1, meanBefore: 20, meanAfter: 24, meanChange: 4, sdChange: null });
    expect(result.tTest).toBeNull();
    expect(result.wilcoxon).toBeNull();
    expect(result.reasons.wilcoxon).toMatch(/at least 2/);
    expect(result.reasons.means).toBeUndefined();
  });

  it('reports no test when every change is zero', () => {
    const result = pairedChange([
      { before: 3, after: 3 },
      { before: 5, after: 5 },
      { before: 4, after: 4 },
    ]);
    expect(result.meanChange).toBe(0);
    expect(result.sdChange).toBe(0);
    expect(result.tTest).toBeNull();
    expect(result.wilcoxon).toBeNull();
    expect(result.effectSize.rankBiserial).toBeNull();
    expect(result.reasons.wilcoxon).toMatch(/Every change is zero/);
    expect(result.effectSize.cohensDav).toBe(0);
  });

  it('explains an undefined d_av when nobody varies', () => {
    const result = pairedChange([
      { before: 3, after: 5 },
      { before: 3, after: 5 },
    ]);
    expect(result.effectSize.cohensDav).toBeNull();
    expect(result.reasons.cohensDav).toMatch(/same score/);
  });

  it('never returns NaN or Infinity', () => {
    const cases = [
      [],
      [{ before: 1, after: 1 }],
      [
        { before: 1, after: 2 },
        { before: 1, after: 2 },
      ],
    ];
    for (const pairs of cases) {
      const json = JSON.stringify(pairedChange(pairs), (_key, value: unknown) => {
        if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`non-finite ${value}`);
        return value;
      });
      expect(json).toBeTypeOf('string');
    }
  });

  it('ties changes that are equal on paper but not in binary floating point', () => {
    expect(23.21 - 20.73).not.toBe(22.58 - 20.1);
    const result = pairedChange([
      { before: 20.73, after: 23.21 },
      { before: 20.1, after: 22.58 },
      { before: 15.5, after: 14.25 },
      { before: 18.0, after: 21.75 },
    ]);
    // |changes| 2.48, 2.48, 1.25, 3.75 rank 2.5, 2.5, 1, 4: a tie, so the normal approximation.
    expect(result.wilcoxon).toMatchObject({
      method: 'normal-approximation',
      rPlus: 9,
      rMinus: 1,
      statistic: 1,
    });
  });

  it('treats changes equal on paper as having no spread', () => {
    const result = pairedChange([
      { before: 0.1, after: 0.3 },
      { before: 0.2, after: 0.4 },
      { before: 0.7, after: 0.9 },
    ]);
    expect(result.sdChange).toBe(0);
    expect(result.tTest).toBeNull();
    expect(result.reasons.tTest).toMatch(/^Every change is the same \(\+0\.2\)/);
  });

  it('refuses scores that are not finite numbers', () => {
    expect(() => pairedChange([{ before: Number.NaN, after: 3 }])).toThrow(RangeError);
  });
});

describe('describeLossToFollowUp', () => {
  it('counts the people lost and stays quiet at 20%', () => {
    expect(describeLossToFollowUp(50, 40)).toEqual({
      eligible: 50,
      paired: 40,
      lost: 10,
      shareLost: 0.2,
      isLarge: false,
      threshold: 0.2,
      warning: null,
    });
  });

  it('warns above 20%', () => {
    const loss = describeLossToFollowUp(50, 39);
    expect(loss.isLarge).toBe(true);
    expect(loss.shareLost).toBe(0.22);
    expect(loss.warning).toMatch(/^22% of people due a follow-up have none/);
  });

  it('has no share when nobody was eligible', () => {
    expect(describeLossToFollowUp(0, 0)).toMatchObject({ lost: 0, shareLost: null, isLarge: false });
  });

  it('refuses impossible counts', () => {
    expect(() => describeLossToFollowUp(10, 11)).toThrow(RangeError);
    expect(() => describeLossToFollowUp(-1, 0)).toThrow(RangeError);
    expect(() => describeLossToFollowUp(2.5, 1)).toThrow(RangeError);
  });
});

describe('shareImproved', () => {
  it('counts changes at or above the threshold when higher is better', () => {
    const result = shareImproved([3, 2.9, -4, 5, 0], { minimumChange: 3, direction: 'higher-is-better' });
    expect(result).toMatchObject({ n: 5, improved: 2, share: 0.4 });
  });

  it('counts falls of at least the threshold when lower is better', () => {
    const result = shareImproved([-1, -2, 2, -3], { minimumChange: 2, direction: 'lower-is-better' });
    expect(result).toMatchObject({ n: 4, improved: 2, share: 0.5 });
  });

  it('has no share for no people, and refuses a non-positive threshold', () => {
    expect(shareImproved([], { minimumChange: 1, direction: 'higher-is-better' }).share).toBeNull();
    expect(() => shareImproved([1], { minimumChange: 0, direction: 'higher-is-better' })).toThrow(RangeError);
  });
});

describe('small-number suppression', () => {
  it('hides counts of 1 to 4 and shows 0 and 5', () => {
    expect(suppressCount(0)).toEqual({ isSuppressed: false, value: 0 });
    for (const count of [1, 2, 3, 4]) expect(suppressCount(count).isSuppressed).toBe(true);
    expect(suppressCount(5)).toEqual({ isSuppressed: false, value: 5 });
    expect(suppressCount(4)).toEqual({ isSuppressed: true, value: null, reason: 'Fewer than 5 people' });
  });

  it('hides figures based on fewer than 5 people', () => {
    expect(suppressStatistic(2.5, 4).isSuppressed).toBe(true);
    expect(suppressStatistic(2.5, 0).isSuppressed).toBe(true);
    expect(suppressStatistic(2.5, 5)).toEqual({ isSuppressed: false, value: 2.5 });
  });

  it('hides shares that would give back a small count either way', () => {
    expect(suppressShare(3, 40).isSuppressed).toBe(true);
    expect(suppressShare(37, 40).isSuppressed).toBe(true);
    expect(suppressShare(0, 4).isSuppressed).toBe(true);
    expect(suppressShare(0, 40)).toEqual({ isSuppressed: false, value: 0 });
    expect(suppressShare(40, 40)).toEqual({ isSuppressed: false, value: 1 });
    expect(suppressShare(10, 40)).toEqual({ isSuppressed: false, value: 0.25 });
  });

  it('suppresses a second cell when one alone could be recovered from the total', () => {
    const { cells, total } = suppressBreakdown({ gp: 12, selfReferral: 3, housing: 7, hospital: 20 });
    expect(cells.selfReferral.isSuppressed).toBe(true);
    expect(cells.housing.isSuppressed).toBe(true);
    expect(cells.gp).toEqual({ isSuppressed: false, value: 12 });
    expect(cells.hospital).toEqual({ isSuppressed: false, value: 20 });
    expect(total).toEqual({ isSuppressed: false, value: 42 });
  });

  it('needs no second cell when two are already suppressed, and shows zeros', () => {
    const { cells } = suppressBreakdown({ a: 2, b: 4, c: 0, d: 9 });
    expect(cells.a.isSuppressed && cells.b.isSuppressed).toBe(true);
    expect(cells.c).toEqual({ isSuppressed: false, value: 0 });
    expect(cells.d).toEqual({ isSuppressed: false, value: 9 });
  });
});

describe('pairedChange with a single changed score', () => {
  it('gives the t-test and means but no signed-rank test (needs two non-zero changes), never throws', () => {
    const result = pairedChange([
      { before: 20, after: 20 },
      { before: 18, after: 18 },
      { before: 22, after: 25 },
    ]);
    expect(result.n).toBe(3);
    expect(result.meanChange).toBe(1);
    expect(result.wilcoxon).toBeNull();
    expect(result.reasons.wilcoxon).toMatch(/at least two non-zero changes/);
    expect(result.tTest).not.toBeNull();
  });
});

describe('large-sample signed-rank test', () => {
  // The O(n log n) path for n > 50 must give what stdlib's own (quadratic) implementation gives.
  it('matches stdlib’s normal approximation on tied, zero-laden changes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pairs = Array.from({ length: 2000 }, () => {
      const before = 7 + Math.floor(random() * 29);
      return { before, after: before + Math.floor(random() * 9) - 3 };
    });
    const result = pairedChange(pairs);
    const nonZero = pairs.map((pair) => pair.after - pair.before).filter((change) => change !== 0);
    const reference = wilcoxon(nonZero, { alternative: 'two-sided', zeroMethod: 'wilcox', correction: true });
    expect(result.wilcoxon?.rPlus).toBe(reference.statistic);
    expect(result.wilcoxon?.p).toBeCloseTo(reference.pValue, 12);
    expect(result.wilcoxon?.method).toBe('normal-approximation');
    expect(result.wilcoxon?.zerosDropped).toBe(pairs.length - nonZero.length);
  });
});

describe('grouped pairs', () => {
  // Reports pass one pair per distinct (before, after) with a count; the figures must be those of
  // the same people listed one by one.
  it.each(datasets.map((dataset) => [dataset.name, dataset] as const))(
    '%s grouped equals ungrouped',
    (_, dataset) => {
      const pairs = dataset.before.map((before, index) => ({ before, after: dataset.after[index]! }));
      const counts = new Map<string, number>();
      for (const pair of pairs) {
        const key = `${pair.before}|${pair.after}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const grouped = [...counts].map(([key, count]) => {
        const [before, after] = key.split('|').map(Number);
        return { before: before!, after: after!, count };
      });
      const one = pairedChange(pairs);
      const many = pairedChange(grouped);
      expect(many.n).toBe(one.n);
      expect(many.reasons).toEqual(one.reasons);
      expect(many.wilcoxon?.method).toBe(one.wilcoxon?.method);
      for (const [label, a, b] of [
        ['meanChange', many.meanChange, one.meanChange],
        ['sdChange', many.sdChange, one.sdChange],
        ['t', many.tTest?.t, one.tTest?.t],
        ['p', many.tTest?.p, one.tTest?.p],
        ['wilcoxon p', many.wilcoxon?.p, one.wilcoxon?.p],
        ['rPlus', many.wilcoxon?.rPlus, one.wilcoxon?.rPlus],
        ['dav', many.effectSize.cohensDav, one.effectSize.cohensDav],
      ] as const) {
        if (b === null || b === undefined) expect(a ?? null, label).toBeNull();
        else expect(Math.abs((a as number) - b), label).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      }
    },
  );

  it('refuses a count that is not a whole number of people', () => {
    expect(() => pairedChange([{ before: 1, after: 2, count: 1.5 }])).toThrow(RangeError);
  });
});
