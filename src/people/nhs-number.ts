// NHS number validation: 10 digits whose last is a Modulus 11 check digit
// (NHS Data Dictionary, "NHS Number"). Pure: no I/O.
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The check digit for the first nine digits, or undefined when no number can end them (remainder 10). */
export function nhsNumberCheckDigit(firstNineDigits: string): number | undefined {
  const sum = [...firstNineDigits.slice(0, 9)].reduce(
    (total, digit, index) => total + Number(digit) * (10 - index),
    0,
  );
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return false;
  return nhsNumberCheckDigit(digits) === Number(digits[9]);
}

/** Shows an NHS number the way the NHS prints it: 3-3-4. */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
