// Pure rules for programme-defined taxonomy terms: how their codes are derived, when two names
// clash, where a term may hang, and when it may be deleted. No SQL or HTTP here.

/** Lower-case, ASCII, hyphen-separated: "Men’s sheds" → "mens-sheds". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A programme term's stable code, `programme.<programme slug>.<slugified name>`. The `programme.`
 * prefix keeps it apart from the shared codes, which never start with it, so a re-sync of the shared
 * taxonomy can never collide with a programme's term. `taken` holds codes already used in the same
 * taxonomy (codes are unique per taxonomy); a clash gets a numeric suffix rather than failing.
 */
export function deriveTermCode(programmeSlug: string, name: string, taken: ReadonlySet<string>): string {
  const base = `programme.${slugify(programmeSlug) || 'local'}.${slugify(name) || 'term'}`;
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Names compare case-insensitively and ignoring extra spaces: "Men's  Sheds" clashes with "men's sheds". */
export function sameTermName(a: string, b: string): boolean {
  const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
  return key(a) === key(b);
}

export type ParentCandidate = { id: string; programmeId: string | null };

/** A programme term hangs under a shared term or under one of the same programme's own terms. */
export function parentRefusal(parent: ParentCandidate | undefined, programmeId: string): string | null {
  if (!parent || (parent.programmeId !== null && parent.programmeId !== programmeId))
    return 'Choose a parent term from the shared taxonomy or from your programme’s own terms.';
  return null;
}

export type TermUsage = { services: number; unmetNeeds: number; childTerms: number };

/** Why a term cannot be deleted yet, in words a coordinator can act on; null when it can. */
export function deletionRefusal(usage: TermUsage): string | null {
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (usage.services > 0)
    return `This term is used by ${plural(usage.services, 'service', 'services')}. Remove it from them first.`;
  if (usage.childTerms > 0)
    return `This term has ${plural(usage.childTerms, 'term', 'terms')} under it. Delete or move them first.`;
  if (usage.unmetNeeds > 0)
    return `This term is recorded on ${plural(usage.unmetNeeds, 'unmet need', 'unmet needs')}, so it must stay.`;
  return null;
}

/**
 * The concurrency token: taxonomy_terms has no version column, so updated_at stands in for it. Each
 * write moves it strictly forward at millisecond precision (what JSON carries), so an echoed value
 * identifies exactly one state of the row.
 */
export function nextUpdatedAt(previous: Date, now: Date = new Date()): Date {
  return now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);
}
