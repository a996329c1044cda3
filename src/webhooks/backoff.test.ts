import { describe, expect, it } from 'vitest';
import { maxWebhookAttempts, planWebhookRetry, webhookRetryDelaysSeconds } from './backoff';

describe('planWebhookRetry', () => {
  it('retries first after a few seconds, then waits longer each time', () => {
    const middle = () => 0.5;
    const delays = webhookRetryDelaysSeconds.map((_, index) => {
      const plan = planWebhookRetry({ attempts: index + 1, random: middle });
      return plan.kind === 'retry' ? plan.delaySeconds : undefined;
    });
    expect(delays).toEqual([...webhookRetryDelaysSeconds]);
    expect(delays[0]).toBe(5);
  });

  it('adds at most 20% jitter either way', () => {
    expect(planWebhookRetry({ attempts: 1, random: () => 0 })).toEqual({ kind: 'retry', delaySeconds: 4 });
    expect(planWebhookRetry({ attempts: 1, random: () => 1 })).toEqual({ kind: 'retry', delaySeconds: 6 });
  });

  it('gives up once the attempts are used up', () => {
    expect(planWebhookRetry({ attempts: maxWebhookAttempts })).toEqual({ kind: 'give_up' });
    expect(planWebhookRetry({ attempts: 3, maxAttempts: 3 })).toEqual({ kind: 'give_up' });
    expect(planWebhookRetry({ attempts: 2, maxAttempts: 3 }).kind).toBe('retry');
  });
});
