// The period's bounds are London midnights (GMT in winter, BST in summer), and its defaults a year.
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { londonMidnight, resolveInsightPeriod } from './filters';

describe('Insight period', () => {
  it('starts and ends at London midnight, whichever side of a clock change', () => {
    expect(londonMidnight('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(londonMidnight('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    // Clocks go forward at 01:00 UTC on 29 March 2026: that day still starts on GMT.
    expect(londonMidnight('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(londonMidnight('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(londonMidnight('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(londonMidnight('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('includes the last day whole, and defaults to the year to today in London', () => {
    const period = resolveInsightPeriod({ from: '2026-06-01', to: '2026-06-30' }, new Date());
    expect(period.start.toISOString()).toBe('2026-05-31T23:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-06-30T23:00:00.000Z');
    // 23:30 UTC on 30 June is already 1 July in London.
    const defaults = resolveInsightPeriod({}, new Date('2026-06-30T23:30:00Z'));
    expect([defaults.from, defaults.to]).toEqual(['2025-07-02', '2026-07-01']);
  });

  it('refuses a period that ends before it starts, naming from', () => {
    expect(() => resolveInsightPeriod({ from: '2026-02-01', to: '2026-01-01' }, new Date())).toThrow(
      AppError,
    );
    try {
      resolveInsightPeriod({ from: '2026-02-01', to: '2026-01-01' }, new Date());
    } catch (error) {
      expect((error as AppError).errors?.[0]).toMatchObject({ field: 'from', in: 'querystring' });
    }
  });
});
