// Name-based UUIDs (RFC 9562 version 5, SHA-1): the same name always gives the same id, so
// reference data (taxonomies, terms) has the same ids in every Linkwell database.
import { createHash } from 'node:crypto';

const linkwellNamespace = '6f1f7d5c-3b1a-4d2e-9c5b-7a0e8f9d2c41';

export function stableUuid(name: string, namespace = linkwellNamespace): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
