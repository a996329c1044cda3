import { describe, expect, it } from 'vitest';
import { formatFigure, percentile, Report, roundFigure } from './report';

describe('bench report', () => {
  it('prints a figure as `bench <figure-id> <db> <value> <unit>`', () => {
    expect(formatFigure({ figure: 'http.trivial.p95_ms', db: 'postgres', value: 12.3456, unit: 'ms' })).toBe(
      'bench http.trivial.p95_ms postgres 12.35 ms',
    );
  });

  it('rounds to a precision that suits the magnitude', () => {
    expect(roundFigure(6984.4)).toBe(6984);
    expect(roundFigure(528.34)).toBe(528.3);
    expect(roundFigure(0.12345)).toBe(0.123);
  });

  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it('keeps every recorded figure with its params, and prints each once', () => {
    const lines: string[] = [];
    const report = new Report({ log: (line) => lines.push(line), progress: () => {} });
    report.record({
      figure: 'startup.cold_ms',
      db: 'pglite',
      value: 7001.2,
      unit: 'ms',
      params: { runs: 3 },
    });
    expect(lines).toEqual(['bench startup.cold_ms pglite 7001 ms']);
    expect(report.figures).toEqual([
      { figure: 'startup.cold_ms', db: 'pglite', value: 7001, unit: 'ms', params: { runs: 3 } },
    ]);
  });
});
