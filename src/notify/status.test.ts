import { describe, expect, it } from 'vitest';
import { nextStatus, statusesAllowing } from './status';

describe('notification status', () => {
  it('moves a message through its life', () => {
    expect(nextStatus('queued', 'claim')).toEqual({ allowed: true, status: 'sending' });
    expect(nextStatus('sending', 'deliver')).toEqual({ allowed: true, status: 'sent' });
    expect(nextStatus('sending', 'schedule_retry')).toEqual({ allowed: true, status: 'queued' });
    expect(nextStatus('sending', 'give_up')).toEqual({ allowed: true, status: 'failed' });
    expect(nextStatus('failed', 'requeue')).toEqual({ allowed: true, status: 'queued' });
  });

  it('lets an expired claim be claimed again', () => {
    expect(statusesAllowing('claim')).toContain('sending');
  });

  it('refuses in a sentence', () => {
    expect(nextStatus('sent', 'requeue')).toEqual({
      allowed: false,
      reason: 'Only a failed message can be retried.',
    });
    expect(nextStatus('queued', 'requeue').allowed).toBe(false);
    expect(nextStatus('sent', 'claim').allowed).toBe(false);
    expect(nextStatus('nonsense', 'deliver').allowed).toBe(false);
  });
});
