import { describe, expect, it } from 'vitest';
import { maxDeliveryAttempts, planAfterFailure, retryDelaySeconds, retryDelaysSeconds } from './backoff';

const noJitter = () => 0.5;

describe('retry backoff', () => {
  it('waits 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then 4 h at most', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => retryDelaySeconds(attempt, noJitter));
    expect(waits).toEqual([30, 120, 600, 1800, 3600, 7200, 14400, 14400, 14400]);
  });

  it('spreads each wait by at most 20% either way', () => {
    expect(retryDelaySeconds(1, () => 0)).toBe(24);
    expect(retryDelaySeconds(1, () => 0.999999)).toBeCloseTo(36, 3);
    for (let i = 0; i < 200; i++) {
      const wait = retryDelaySeconds(2);
      expect(wait).toBeGreaterThanOrEqual(96);
      expect(wait).toBeLessThanOrEqual(144);
    }
  });

  it('grows with every attempt even at the extremes of the jitter', () => {
    for (let attempt = 1; attempt < retryDelaysSeconds.length; attempt++) {
      expect(retryDelaySeconds(attempt + 1, () => 0)).toBeGreaterThan(
        retryDelaySeconds(attempt, () => 0.999999),
      );
    }
  });

  it('treats a nonsensical attempt number as the first', () => {
    expect(retryDelaySeconds(0, noJitter)).toBe(30);
    expect(retryDelaySeconds(-3, noJitter)).toBe(30);
  });

  it('retries a transient failure until the last attempt, then gives up', () => {
    expect(planAfterFailure({ attempts: 1, isPermanent: false, random: noJitter })).toEqual({
      kind: 'retry',
      delaySeconds: 30,
    });
    expect(planAfterFailure({ attempts: maxDeliveryAttempts - 1, isPermanent: false }).kind).toBe('retry');
    expect(planAfterFailure({ attempts: maxDeliveryAttempts, isPermanent: false })).toEqual({
      kind: 'give_up',
      reason: 'max_attempts',
    });
    expect(planAfterFailure({ attempts: 3, isPermanent: false, maxAttempts: 3 })).toEqual({
      kind: 'give_up',
      reason: 'max_attempts',
    });
  });

  it('gives up at once on a permanent failure', () => {
    expect(planAfterFailure({ attempts: 1, isPermanent: true })).toEqual({
      kind: 'give_up',
      reason: 'permanent',
    });
  });

  it('keeps trying for about eight hours in all before giving up', () => {
    const total = Array.from({ length: maxDeliveryAttempts - 1 }, (_, i) =>
      retryDelaySeconds(i + 1, noJitter),
    ).reduce((sum, wait) => sum + wait, 0);
    expect(total / 3600).toBeCloseTo(7.7, 1);
  });
});
