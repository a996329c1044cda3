import { describe, expect, it } from 'vitest';
import { formatNhsNumber, isValidNhsNumber } from './nhs-number';

describe('NHS number check digit', () => {
  it('accepts numbers whose Modulus 11 check digit is right', () => {
    // 943 476 5919 is the worked example in NHS Digital's documentation.
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
  });

  it('refuses a wrong check digit, wrong length or letters', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('94347659A9')).toBe(false);
  });

  it('treats a remainder giving check value 11 as 0, and 10 as never valid', () => {
    // 000 000 0000: sum 0, 11 - 0 = 11 → check digit 0.
    expect(isValidNhsNumber('0000000000')).toBe(true);
    // 100 000 000x: sum 10, remainder 10, 11 - 10 = 1 → only check digit 1 is valid.
    expect(isValidNhsNumber('1000000001')).toBe(true);
    // 000 000 001x: sum 2, 11 - 2 = 9; 000 000 006x: sum 12, rem 1 → 10 → invalid whatever the last digit.
    for (let last = 0; last <= 9; last += 1) expect(isValidNhsNumber(`000000006${last}`)).toBe(false);
  });

  it('formats as 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});
