import { describe, expect, it } from 'vitest';
import { legendBins } from './map-routes';

describe('the map key', () => {
  it('splits rates at their quintiles among the areas shown', () => {
    const bins = legendBins('referral_rate', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bins.map((bin) => [bin.from, bin.to])).toEqual([
      [1, 3],
      [3, 5],
      [5, 7],
      [7, 9],
      [9, 10],
    ]);
    expect(bins[0]!.label).toBe('1 to 3');
  });

  it('has fewer classes when values repeat, none without values, and fixed fifths for deprivation', () => {
    expect(legendBins('unmet_need', [0, 0, 0])).toEqual([{ from: 0, to: 0, label: '0' }]);
    expect(legendBins('referral_rate', [])).toEqual([]);
    expect(legendBins('imd', []).map((bin) => bin.label)).toEqual([
      '1–2 (most deprived)',
      '3–4',
      '5–6',
      '7–8',
      '9–10 (least deprived)',
    ]);
  });
});
