import { describe, expect, it } from 'vitest';
import { formatLongDate, nextResponseWindowStep, replyDueAt } from './response-window';

const settings = { providerResponseWorkingDays: 10, expireAfterNudgeWorkingDays: 5 };

describe('the provider response window', () => {
  // Monday 7 December 2026, 10:00 London (GMT): 10 working days later is Monday 21 December.
  const sentAt = new Date('2026-12-07T10:00:00Z');

  it('is due 10 working days after sending, skipping weekends', () => {
    expect(replyDueAt(sentAt, settings).toISOString()).toBe('2026-12-21T10:00:00.000Z');
  });

  it('skips bank holidays (Christmas and Boxing Day 2026 fall on Friday and Saturday; 28 December is the substitute)', () => {
    // Sent Monday 21 December: working days 22, 23, 24, 29, 30, 31 Dec, 4, 5, 6, 7 Jan → 7 January.
    expect(replyDueAt(new Date('2026-12-21T10:00:00Z'), settings).toISOString()).toBe(
      '2027-01-07T10:00:00.000Z',
    );
  });

  it('waits until the reply is due, then nudges once, then expires 5 working days after the nudge', () => {
    expect(
      nextResponseWindowStep({ sentAt, nudgedAt: null }, settings, new Date('2026-12-21T09:59:00Z')),
    ).toEqual({ kind: 'wait' });
    const nudge = nextResponseWindowStep(
      { sentAt, nudgedAt: null },
      settings,
      new Date('2026-12-21T10:00:00Z'),
    );
    // 22, 23, 24, then 25 (Christmas), 26–27 (weekend) and 28 (Boxing Day substitute) skipped, 29, 30.
    expect(nudge).toEqual({ kind: 'nudge', expiresAt: new Date('2026-12-30T10:00:00Z') });

    const nudgedAt = new Date('2026-12-21T10:00:00Z');
    expect(nextResponseWindowStep({ sentAt, nudgedAt }, settings, new Date('2026-12-30T09:59:00Z'))).toEqual({
      kind: 'wait',
    });
    expect(nextResponseWindowStep({ sentAt, nudgedAt }, settings, new Date('2026-12-30T10:00:00Z'))).toEqual({
      kind: 'expire',
    });
  });

  it('gives the full grace period from the reminder even when the job ran late', () => {
    const lateNudge = new Date('2027-01-11T10:00:00Z'); // long after the due date
    expect(
      nextResponseWindowStep({ sentAt, nudgedAt: lateNudge }, settings, new Date('2027-01-15T10:00:00Z')),
    ).toEqual({ kind: 'wait' });
  });

  it('writes dates in words for messages, in London time', () => {
    expect(formatLongDate(new Date('2026-12-31T23:30:00Z'))).toBe('Thursday 31 December 2026');
    expect(formatLongDate(new Date('2027-06-30T23:30:00Z'))).toBe('Thursday 1 July 2027');
  });
});
