// Spam resistance for the public self-referral form without third-party services. The form asks
// for a token first: an HMAC-signed issue time. A submission must carry a token that this server
// signed (bots posting straight at the API have none), that is old enough for a person to have
// filled the form in (scripts submit instantly), and not stale. Pure apart from the HMAC itself.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const minimumFormAgeMs = 3_000;
export const maximumFormAgeMs = 2 * 60 * 60 * 1000;

export type FormTokenProblem = 'malformed' | 'bad_signature' | 'too_fast' | 'expired';
export type FormTokenCheck = { ok: true } | { ok: false; problem: FormTokenProblem };

function sign(secret: Buffer, issuedAt: number): string {
  return createHmac('sha256', secret).update(`self-referral-form:${issuedAt}`).digest('base64url');
}

export function issueFormToken(secret: Buffer, now: Date = new Date()): string {
  const issuedAt = now.getTime();
  return `${issuedAt}.${sign(secret, issuedAt)}`;
}

export function checkFormToken(secret: Buffer, token: string, now: Date = new Date()): FormTokenCheck {
  const match = /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, problem: 'malformed' };
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(sign(secret, issuedAt));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, problem: 'bad_signature' };
  const age = now.getTime() - issuedAt;
  // A token from the future was not issued by this clock: treat it like a forgery.
  if (age < 0) return { ok: false, problem: 'bad_signature' };
  if (age < minimumFormAgeMs) return { ok: false, problem: 'too_fast' };
  if (age > maximumFormAgeMs) return { ok: false, problem: 'expired' };
  return { ok: true };
}

/** What the person reads when their form is refused: say what to do next. */
export const formTokenMessages: Record<FormTokenProblem, string> = {
  malformed: 'The form could not be checked. Reload the page and send it again.',
  bad_signature: 'The form could not be checked. Reload the page and send it again.',
  too_fast:
    'The form was sent too quickly after it was opened. Check your answers, wait a few seconds and send it again.',
  expired:
    'The form has expired because it was open for more than 2 hours. Reload the page and send it again.',
};
