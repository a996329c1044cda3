import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkFormToken, issueFormToken } from './form-token';

const secret = randomBytes(32);
const issued = new Date('2026-03-02T10:00:00Z');
const after = (ms: number) => new Date(issued.getTime() + ms);

describe('self-referral form tokens', () => {
  it('accept a token of this server between 3 seconds and 2 hours old', () => {
    const token = issueFormToken(secret, issued);
    expect(checkFormToken(secret, token, after(3_000))).toEqual({ ok: true });
    expect(checkFormToken(secret, token, after(119 * 60_000))).toEqual({ ok: true });
  });

  it('refuse a form sent faster than a person could fill it in', () => {
    expect(checkFormToken(secret, issueFormToken(secret, issued), after(500))).toEqual({
      ok: false,
      problem: 'too_fast',
    });
  });

  it('refuse an expired token', () => {
    expect(checkFormToken(secret, issueFormToken(secret, issued), after(2 * 60 * 60_000 + 1))).toEqual({
      ok: false,
      problem: 'expired',
    });
  });

  it('refuse forgeries: another secret, an edited time, or a token from the future', () => {
    const token = issueFormToken(secret, issued);
    expect(checkFormToken(randomBytes(32), token, after(5_000))).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
    const [, signature] = token.split('.');
    expect(checkFormToken(secret, `${issued.getTime() - 60_000}.${signature}`, after(5_000))).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
    expect(checkFormToken(secret, issueFormToken(secret, after(60_000)), issued)).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
  });

  it('refuse anything that is not a token', () => {
    for (const junk of ['', 'abc', '123.456', `${issued.getTime()}.${'x'.repeat(10)}`])
      expect(checkFormToken(secret, junk, after(5_000))).toEqual({ ok: false, problem: 'malformed' });
  });
});
