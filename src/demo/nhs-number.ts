// NHS numbers for demo people. NHS England reserves numbers starting 999 for testing, so these
// can never belong to a real patient. Each passes the Modulus 11 check digit.
import { nhsNumberCheckDigit } from '../people/nhs-number';
import type { Random } from './random';

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
