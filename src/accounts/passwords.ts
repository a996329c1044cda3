// Password hashing and policy. Argon2id (OWASP's first choice) via a prebuilt binding.
// The policy follows NCSC guidance: length over complexity rules, a deny list of common
// passwords, and an estimate of how guessable it is (zxcvbn: keyboard walks, names and years,
// the person's own details, the product's name) rather than forcing symbols people work around.
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

export const minimumPasswordLength = 10;
export const maximumPasswordLength = 256;

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
const hashOptions = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** zxcvbn's 0–4 scale: 3 is "safely unguessable" against online attacks with some throttling. */
export const minimumPasswordScore = 3;
const estimatedLength = 32;

let commonPasswords: Set<string> | undefined;
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

// Built on first use: loading the dictionaries takes a moment and most processes never need it.
let estimator: ZxcvbnFactory | undefined;
function passwordEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, ...english.dictionary },
    graphs: adjacencyGraphs,
    translations: {
      ...english.translations,
      warnings: {
        ...english.translations.warnings,
        userInputs: 'Do not use your name, your email address, Linkwell or your programme’s name.',
      },
    },
  });
  return estimator;
}

export type PasswordContext = {
  email?: string;
  name?: string;
  /** The programme the account belongs to: its name is an obvious guess for its staff. */
  programmeName?: string;
};

/** Words an attacker who knows the account would try first: whole values and their parts. */
function guessableWords(context: PasswordContext): string[] {
  const [local, domain] = (context.email ?? '').toLowerCase().split('@');
  const values = ['linkwell', context.name, context.programmeName, local, domain?.split('.')[0]];
  const words = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    words.add(value.toLowerCase());
    for (const part of value.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/** Returns why a password is not acceptable, or undefined when it is. */
export function checkPasswordPolicy(password: string, context: PasswordContext = {}): string | undefined {
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
  const words = guessableWords(context);
  // zxcvbn scores any three pieces (name + surname + year) as 3, so a password built almost wholly
  // from the account's own details is refused outright: what is left must be words of one's own.
  let ownPart = lower;
  for (const word of [...words].sort((a, b) => b.length - a.length)) ownPart = ownPart.replaceAll(word, '');
  if (ownPart.replace(/[^\p{L}]/gu, '').length < 5) {
    return 'Do not build your password from your name, your email address, Linkwell or your programme’s name and a number. Three random words make a strong, memorable password.';
  }
  // zxcvbn's matching grows steeply with length (a 64-character repeat pattern costs over a second
  // of CPU on the event loop), so it judges the first characters: if those are strong, so is the whole.
  const { score, feedback } = passwordEstimator().check(password.slice(0, estimatedLength), words);
  if (score < minimumPasswordScore) {
    const advice = feedback.suggestions.find((suggestion) => suggestion) ?? 'Add another word or two.';
    const warning = feedback.warning ? `${feedback.warning} ` : 'This password is easy to guess. ';
    return `${warning}${advice} Three random words make a strong, memorable password.`;
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
