import { describe, expect, it } from 'vitest';
import { generateReference, normaliseReference, referenceAlphabet } from './reference';

describe('referral references', () => {
  it('are LW- and six characters from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i += 1) expect(generateReference()).toMatch(/^LW-[2-9A-HJKMNP-TW-Z]{6}$/);
    for (const lookAlike of ['0', 'O', '1', 'I', 'L', 'U', 'V'])
      expect(referenceAlphabet).not.toContain(lookAlike);
  });

  it('use the injected source of randomness, so the writer can be tested for collisions', () => {
    expect(generateReference(() => 0)).toBe('LW-222222');
    expect(generateReference((max) => max - 1)).toBe('LW-ZZZZZZ');
  });

  it('rarely repeat', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => generateReference()));
    expect(seen.size).toBeGreaterThan(4990);
  });

  it('are read back forgivingly as typed', () => {
    expect(normaliseReference('lw-7k3m9q')).toBe('LW-7K3M9Q');
    expect(normaliseReference(' 7K3 M9Q ')).toBe('LW-7K3M9Q');
    expect(normaliseReference('LW-7K3M9')).toBeUndefined();
    expect(normaliseReference('LW-7K3M0Q')).toBeUndefined();
  });
});
