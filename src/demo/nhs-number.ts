// NHS numbers for demo people. NHS England reserves numbers starting 999 for testing, so these
// can never belong to a real patient. Each passes the Modulus 11 check digit.
import type { Random } from './random';

/** The Modulus 11 check digit of the first nine digits, or undefined when no number can end them (remainder 10). */
export function nhsNumberCheckDigit(firstNineDigits: string): number | undefined {
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += Number(firstNineDigits[index]) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/\s/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  return nhsNumberCheckDigit(digits) === Number(digits[9]);
}

/** A valid, unused NHS number in the 999 test range, stored as ten digits without spaces. */
export function generateTestNhsNumber(random: Random, used: Set<string>): string {
  for (;;) {
    const firstNine = `999${String(random.integer(0, 999_999)).padStart(6, '0')}`;
    const check = nhsNumberCheckDigit(firstNine);
    if (check === undefined) continue;
    const number = `${firstNine}${check}`;
    if (used.has(number)) continue;
    used.add(number);
    return number;
  }
}
