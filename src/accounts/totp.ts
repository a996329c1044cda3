// Time-based one-time passwords (RFC 6238) for the second factor, via the otpauth library.
import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';

const period = 30;

function totpFor(secret: string, label = 'Linkwell'): TOTP {
  return new TOTP({
    issuer: 'Linkwell',
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period,
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function describeTotpEnrolment(secret: string, email: string) {
  const otpauthUrl = totpFor(secret, email).toString();
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, otpauthUrl, qrSvg };
}

/**
 * Checks a code, allowing one step of clock drift either way. Returns the step it matched so the
 * caller can refuse a replay of the same code (step <= last used step), or undefined.
 */
export function matchTotpCode(secret: string, code: string, lastUsedStep: number | null): number | undefined {
  const cleaned = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(cleaned)) return undefined;
  const delta = totpFor(secret).validate({ token: cleaned, window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(Date.now() / 1000 / period) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return undefined;
  return step;
}
