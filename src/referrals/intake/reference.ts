// Referral references: short codes people read out on the phone ("LW-7K3M9Q"). The alphabet
// leaves out characters that look or sound alike (0/O, 1/I/L, U/V), so a reference heard or
// handwritten is typed back correctly. Uniqueness is the database's job (referrals_reference_key);
// the writer retries on the rare collision.
import { randomInt } from 'node:crypto';

export const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const referencePrefix = 'LW-';
export const referenceLength = 6;

/** A fresh reference; `pick` is injectable so tests can make it predictable. */
export function generateReference(pick: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < referenceLength; i += 1) code += referenceAlphabet[pick(referenceAlphabet.length)];
  return referencePrefix + code;
}

/** Reads a reference as typed: any case, spaces or a missing "LW-" are forgiven. */
export function normaliseReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const code = compact.startsWith('LW') ? compact.slice(2) : compact;
  if (code.length !== referenceLength) return undefined;
  if (![...code].every((c) => referenceAlphabet.includes(c))) return undefined;
  return referencePrefix + code;
}
