// Password hashing and policy. Argon2id (OWASP's first choice) via a prebuilt binding.
// The policy follows NCSC guidance: length over complexity rules, and a deny list of common
// passwords, rather than forcing symbols that people work around.
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const minimumPasswordLength = 10;
export const maximumPasswordLength = 256;

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
const hashOptions = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

let commonPasswords: Set<string> | undefined;
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** Returns why a password is not acceptable, or undefined when it is. */
export function checkPasswordPolicy(
  password: string,
  context: { email?: string; name?: string } = {},
): string | undefined {
  if (password.length < minimumPasswordLength) {
    return `Use at least ${minimumPasswordLength} characters. Three random words make a strong, memorable password.`;
  }
  if (password.length > maximumPasswordLength) return `Use no more than ${maximumPasswordLength} characters.`;
  if (isCommonPassword(password)) return 'This password is too common. Choose something less easy to guess.';
  if (/^(.)\1+$/.test(password)) return 'Do not use one character repeated.';
  const lower = password.toLowerCase();
  const emailName = context.email?.split('@')[0]?.toLowerCase();
  if (emailName && emailName.length >= 4 && lower.includes(emailName)) {
    return 'Do not include your email address in your password.';
  }
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, hashOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which emails exist. */
let decoyHash: Promise<string> | undefined;
export function getDecoyHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that never matches');
  return decoyHash;
}
