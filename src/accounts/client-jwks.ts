// A connected system's public signing keys (a JSON Web Key Set), registered by a platform admin so the
// system can sign client assertions for POST /oauth2/token (SMART Backend Services, RFC 7523).
// Only public keys are stored: a key holding private material has leaked and is refused, never kept.
import { importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { invalidField } from '../http/errors';

/** The algorithms SMART Backend Services requires servers to support, and the only ones we accept. */
export const assertionAlgorithms = ['RS384', 'ES384'] as const;

// JWK members that only a private (or symmetric) key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
const minimumRsaModulusBits = 2048;

const jwkSchema = z.looseObject({
  kty: z.enum(['RSA', 'EC'], { message: 'kty must be RSA (for RS384) or EC (for ES384)' }),
  // SMART Backend Services: the assertion header names its key by kid, so every key needs one.
  kid: z.string().trim().min(1, 'Give every key a kid').max(200),
  alg: z.enum(assertionAlgorithms, { message: 'alg must be RS384 or ES384' }).optional(),
  use: z.literal('sig', { message: 'use must be sig' }).optional(),
  crv: z.string().optional(),
  n: z.string().optional(),
  e: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
});

export const jwksBody = z.object({
  keys: z.array(jwkSchema).min(1, 'Send at least one public key').max(10, 'Send at most 10 keys'),
});

export type PublicJwks = { keys: JWK[] };

/** Checks every key is a usable public RS384/ES384 key; refuses private material, naming the field. */
export async function checkPublicJwks(body: z.infer<typeof jwksBody>): Promise<PublicJwks> {
  const seenKeyIds = new Set<string>();
  for (const [index, key] of body.keys.entries()) {
    const field = `keys.${index}`;
    const leaked = privateMembers.find((member) => member in key);
    if (leaked) {
      throw invalidField(
        `${field}.${leaked}`,
        'This is a private key. Send only the public key; the private key must never leave the system that signs.',
      );
    }
    if (seenKeyIds.has(key.kid)) throw invalidField(`${field}.kid`, 'Each key needs a different kid.');
    seenKeyIds.add(key.kid);
    const algorithm = key.kty === 'RSA' ? 'RS384' : 'ES384';
    if (key.alg && key.alg !== algorithm) {
      throw invalidField(`${field}.alg`, `A ${key.kty} key signs with ${algorithm}.`);
    }
    if (key.kty === 'EC' && key.crv !== 'P-384') {
      throw invalidField(`${field}.crv`, 'An ES384 key uses the P-384 curve.');
    }
    if (key.kty === 'RSA' && key.n && Buffer.from(key.n, 'base64url').length * 8 < minimumRsaModulusBits) {
      throw invalidField(`${field}.n`, `An RSA key must be at least ${minimumRsaModulusBits} bits.`);
    }
    try {
      await importJWK(key as JWK, algorithm);
    } catch {
      throw invalidField(field, `This is not a valid ${key.kty} public key.`);
    }
  }
  return { keys: body.keys };
}

/** The key ids of a stored key set (null: the client signs in with its API key only). */
export function jwksKeyIds(jwks: unknown): string[] {
  const keys = (jwks as PublicJwks | null)?.keys ?? [];
  return keys.map((key) => key.kid ?? '').filter(Boolean);
}
