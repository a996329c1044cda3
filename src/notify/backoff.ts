// When to try a failed delivery again. Waits grow quickly so a provider outage is not hammered,
// and carry ±20% jitter so messages that failed together (an outage) do not all retry together.
export const maxDeliveryAttempts = 8;

/** Base wait after the 1st, 2nd, … failed attempt; the last entry repeats as the cap. */
export const retryDelaysSeconds: readonly number[] = [
  30,
  2 * 60,
  10 * 60,
  30 * 60,
  60 * 60,
  2 * 60 * 60,
  4 * 60 * 60,
];

const jitterFraction = 0.2;

/** Seconds to wait after failed attempt number `attempt` (1-based); `random` is injectable for tests. */
export function retryDelaySeconds(attempt: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(Math.floor(attempt), 1), retryDelaysSeconds.length) - 1;
  const base = retryDelaysSeconds[index]!;
  const factor = 1 - jitterFraction + 2 * jitterFraction * random();
  return Math.round(base * factor * 1000) / 1000;
}

export type FailurePlan =
  { kind: 'retry'; delaySeconds: number } | { kind: 'give_up'; reason: 'permanent' | 'max_attempts' };

/** What to do after attempt number `attempts` failed. */
export function planAfterFailure(options: {
  attempts: number;
  isPermanent: boolean;
  maxAttempts?: number;
  random?: () => number;
}): FailurePlan {
  if (options.isPermanent) return { kind: 'give_up', reason: 'permanent' };
  if (options.attempts >= (options.maxAttempts ?? maxDeliveryAttempts))
    return { kind: 'give_up', reason: 'max_attempts' };
  return { kind: 'retry', delaySeconds: retryDelaySeconds(options.attempts, options.random) };
}
