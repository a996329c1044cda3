import { describe, expect, it } from 'vitest';
import { maskEmail, maskMobile, normaliseUkMobile } from './recipient';

describe('shortlist recipients', () => {
  it('reads UK mobile numbers however they are written, and nothing else', () => {
    for (const written of [
      '07700 900123',
      '07700-900-123',
      '+44 7700 900123',
      '0044 (7700) 900123',
      '447700900123',
    ])
      expect(normaliseUkMobile(written), written).toBe('07700900123');
    for (const wrong of ['020 7946 0000', '0770090012', '077009001234', '+33 612345678', 'call me'])
      expect(normaliseUkMobile(wrong), wrong).toBeUndefined();
  });

  it('masks an email address and a mobile number', () => {
    expect(maskEmail('asha.patel@example.com')).toBe('a•••@example.com');
    expect(maskMobile('07700900123')).toBe('07••• •••123');
  });
});
