// The support taxonomy for the search filters. Until the server offers GET /api/directory/taxonomy
// the web app reads the same data file the server seeds from (src/vocabulary, shared by both)
// and derives each term's id the way src/directory/sync-taxonomies.ts does (a version 5 UUID of
// "taxonomy-term:<taxonomy>:<code>"), so the ids sent to the search match the database's.
import { socialPrescribingTaxonomy } from '../../../../src/vocabulary/taxonomy';

export type SupportKind = { code: string; name: string; description: string; children: SupportKind[] };

export const supportKinds: SupportKind[] = socialPrescribingTaxonomy.terms.map((term) => ({
  code: term.code,
  name: term.name,
  description: term.description,
  children: (term.children ?? []).map((child) => ({
    code: child.code,
    name: child.name,
    description: child.description,
    children: [],
  })),
}));

/** A chosen kind (e.g. "creative") stands for itself and all its activities. */
export function codesFor(code: string): string[] {
  const kind = supportKinds.find((candidate) => candidate.code === code);
  return kind ? [kind.code, ...kind.children.map((child) => child.code)] : [code];
}

export function supportName(code: string): string | undefined {
  for (const kind of supportKinds) {
    if (kind.code === code) return kind.name;
    const child = kind.children.find((candidate) => candidate.code === code);
    if (child) return child.name;
  }
  return undefined;
}

const linkwellNamespace = '6f1f7d5c-3b1a-4d2e-9c5b-7a0e8f9d2c41';

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

/** RFC 9562 version 5 UUID, as src/directory/stable-uuid.ts computes it on the server. */
export async function stableUuid(name: string, namespace = linkwellNamespace): Promise<string> {
  const namespaceBytes = hexToBytes(namespace.replace(/-/g, ''));
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(namespaceBytes.length + nameBytes.length);
  input.set(namespaceBytes);
  input.set(nameBytes, namespaceBytes.length);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', input));
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = Array.from(hash.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The term ids to search for a chosen code (a kind includes its activities). */
export async function termIdsFor(code: string): Promise<string[]> {
  if (!code) return [];
  return Promise.all(
    codesFor(code).map((each) => stableUuid(`taxonomy-term:${socialPrescribingTaxonomy.key}:${each}`)),
  );
}
