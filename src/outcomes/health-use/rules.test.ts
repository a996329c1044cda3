// The health-service use windows and limits: London calendar days, "after" windows only once over.
import { describe, expect, it } from 'vitest';
import { checkCounts, isWindowOver, maximumCount, windowDates } from './rules';

describe('health-service use rules', () => {
  it('allows up to 200 of either count in 6 months and 100 in 3', () => {
    expect(maximumCount(6)).toBe(200);
    expect(maximumCount(3)).toBe(100);
  });

  it('counts windows from the London day the referral arrived (late evening in summer is the next day)', () => {
    const receivedAt = new Date('2026-06-30T23:30:00Z'); // 00:30 on 1 July in London
    expect(windowDates(receivedAt, 'after', 3)).toEqual({ from: '2026-07-01', to: '2026-10-01' });
    expect(windowDates(receivedAt, 'before', 6)).toEqual({ from: '2026-01-01', to: '2026-07-01' });
  });

  it('opens an "after" window on the day it ends, never before', () => {
    const receivedAt = new Date('2026-01-15T10:00:00Z');
    expect(isWindowOver(receivedAt, 'after', 3, new Date('2026-04-14T12:00:00Z'))).toBe(false);
    expect(isWindowOver(receivedAt, 'after', 3, new Date('2026-04-15T08:00:00Z'))).toBe(true);
    expect(isWindowOver(receivedAt, 'before', 6, receivedAt)).toBe(true);
  });

  it('names the count that is implausible and the window not yet over', () => {
    const receivedAt = new Date('2026-01-15T10:00:00Z');
    const problems = checkCounts(
      { period: 'after', windowMonths: 6, gpAppointments: 201, aeAttendances: 2 },
      receivedAt,
      new Date('2026-03-01T10:00:00Z'),
    );
    expect(problems.map((problem) => problem.field)).toEqual(['gpAppointments', 'windowMonths']);
    expect(problems[1]!.detail).toContain('2026-07-15');
  });
});
