import { describe, expect, it } from 'vitest';
import { median, summariseWaitingTimes } from './waiting-times';

const at = (iso: string) => new Date(iso);

describe('waiting times', () => {
  it('takes the median of odd and even counts, and none of nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('summarises acceptance, first contact against the working-day target, and the queue', () => {
    const summary = summariseWaitingTimes({
      accepted: [
        { receivedAt: at('2026-11-02T09:00:00Z'), acceptedAt: at('2026-11-03T09:00:00Z') },
        { receivedAt: at('2026-11-02T09:00:00Z'), acceptedAt: at('2026-11-05T09:00:00Z') },
        { receivedAt: at('2026-11-02T09:00:00Z'), acceptedAt: at('2026-11-02T21:00:00Z') },
      ],
      contacted: [
        // Accepted Monday 2 November: 5 working days is Monday 9 November.
        { acceptedAt: at('2026-11-02T09:00:00Z'), firstContactAt: at('2026-11-09T09:00:00Z') },
        { acceptedAt: at('2026-11-02T09:00:00Z'), firstContactAt: at('2026-11-10T09:00:00Z') },
      ],
      queued: [{ receivedAt: at('2026-11-20T09:00:00Z') }, { receivedAt: at('2026-11-26T09:00:00Z') }],
      targetWorkingDays: 5,
      periodDays: 90,
      now: at('2026-11-30T09:00:00Z'),
    });
    expect(summary).toEqual({
      periodDays: 90,
      acceptance: { count: 3, medianDays: 1 },
      firstContact: { count: 2, medianDays: 7.5, targetWorkingDays: 5, withinTargetShare: 0.5 },
      queue: { count: 2, oldestDays: 10, medianDays: 7 },
    });
  });

  it('gives no figure rather than zero when there is nothing to measure', () => {
    const summary = summariseWaitingTimes({
      accepted: [],
      contacted: [],
      queued: [],
      targetWorkingDays: 5,
      periodDays: 90,
      now: at('2026-11-30T09:00:00Z'),
    });
    expect(summary.acceptance.medianDays).toBeNull();
    expect(summary.firstContact.withinTargetShare).toBeNull();
    expect(summary.queue).toEqual({ count: 0, oldestDays: null, medianDays: null });
  });
});
