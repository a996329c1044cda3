// When to try a failed webhook again. Unlike email, a webhook feeds another system's workflow
// (a provider's case list, a GP system's Task), so the first retry comes after seconds, not
// minutes: most failures are a receiver restarting. Later waits grow so an outage is not hammered,
// and the whole schedule spans about a day (the Standard Webhooks / Svix convention), after which
// the delivery is failed and the subscription marked `error` for a person to look at.
// Each wait carries ±20% jitter so deliveries that failed together do not all retry together.

/** Base wait after the 1st, 2nd, … failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const webhookRetryDelaysSeconds: readonly number[] = [
  5,
  5 * 60,
  30 * 60,
  2 * 60 * 60,
  5 * 60 * 60,
  10 * 60 * 60,
  10 * 60 * 60,
];

/** The first attempt and one retry per scheduled wait. */
export const maxWebhookAttempts = webhookRetryDelaysSeconds.length + 1;

const jitterFraction = 0.2;

export type WebhookFailurePlan = { kind: 'retry'; delaySeconds: number } | { kind: 'give_up' };

/** What to do after attempt number `attempts` (1-based) failed; `random` is injectable for tests. */
export function planWebhookRetry(options: {
  attempts: number;
  maxAttempts?: number | undefined;
  random?: (() => number) | undefined;
}): WebhookFailurePlan {
  const maxAttempts = options.maxAttempts ?? maxWebhookAttempts;
  if (options.attempts >= maxAttempts) return { kind: 'give_up' };
  const index = Math.min(Math.max(Math.floor(options.attempts), 1), webhookRetryDelaysSeconds.length) - 1;
  const base = webhookRetryDelaysSeconds[index]!;
  const factor = 1 - jitterFraction + 2 * jitterFraction * (options.random ?? Math.random)();
  return { kind: 'retry', delaySeconds: Math.round(base * factor * 1000) / 1000 };
}
