// Duplicate-person decisions (pure). The query (find-or-create-person.ts) fetches people in the
// programme with the same NHS number or date of birth, with pg_trgm's similarity of the full names;
// this module decides which of them is the same person, and why. A wrong merge puts one person's
// referral on another's record, so the automatic rule is strict; staff see weaker candidates too.

/** pg_trgm similarity of "given family" at or above this counts as the same name ("Jon" ~ "John"). */
export const nameSimilarityThreshold = 0.5;

export type MatchReason = 'nhs_number' | 'name_dob_postcode' | 'name_dob';

export type PersonFacts = {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  nhsNumber: string | null;
  postcode: string | null;
};

export type CandidateRow = PersonFacts & { id: string; nameSimilarity: number };

export type RankedCandidate<C extends CandidateRow = CandidateRow> = { candidate: C; reason: MatchReason };

const fold = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * Whether two given names are plausibly the same person's: a typo ("Jon"/"John", "Mohamed"/
 * "Mohammed") or a short form ("Kath"/"Katherine"). Used only with the same family name and date
 * of birth, where it is strong evidence.
 */
export function isCloseGivenName(a: string, b: string): boolean {
  const x = fold(a);
  const y = fold(b);
  if (!x || !y) return false;
  if (x === y) return true;
  if (Math.min(x.length, y.length) >= 3 && (x.startsWith(y) || y.startsWith(x))) return true;
  const allowed = Math.max(x.length, y.length) <= 5 ? 1 : 2;
  return editDistance(x, y) <= allowed;
}

export function isSameFamilyName(a: string, b: string): boolean {
  return fold(a) !== '' && fold(a) === fold(b);
}

const samePostcode = (a: string | null, b: string | null) =>
  a === null || b === null || a.replace(/\s/g, '').toUpperCase() === b.replace(/\s/g, '').toUpperCase();

/** Why `candidate` may be the person described by `input`, or undefined when it is not. */
export function matchReasonFor(input: PersonFacts, candidate: CandidateRow): MatchReason | undefined {
  if (input.nhsNumber && candidate.nhsNumber) {
    // Two different valid NHS numbers are two different people, however alike the names.
    return input.nhsNumber === candidate.nhsNumber ? 'nhs_number' : undefined;
  }
  if (!input.dateOfBirth || input.dateOfBirth !== candidate.dateOfBirth) return undefined;
  const isSameName =
    candidate.nameSimilarity >= nameSimilarityThreshold ||
    (isSameFamilyName(input.familyName, candidate.familyName) &&
      isCloseGivenName(input.givenName, candidate.givenName));
  if (!isSameName) return undefined;
  return samePostcode(input.postcode, candidate.postcode) ? 'name_dob_postcode' : 'name_dob';
}

const strength: Record<MatchReason, number> = { nhs_number: 0, name_dob_postcode: 1, name_dob: 2 };

/** Every plausible candidate, strongest first (then the closest name). */
export function rankCandidates<C extends CandidateRow>(input: PersonFacts, rows: C[]): RankedCandidate<C>[] {
  const ranked: RankedCandidate<C>[] = [];
  for (const candidate of rows) {
    const reason = matchReasonFor(input, candidate);
    if (reason) ranked.push({ candidate, reason });
  }
  return ranked.sort(
    (a, b) =>
      strength[a.reason] - strength[b.reason] || b.candidate.nameSimilarity - a.candidate.nameSimilarity,
  );
}

/**
 * The person to reuse without asking anyone: an NHS number match, or name + date of birth +
 * postcode. A name and date of birth alone (postcode differs) is only shown to staff.
 */
export function chooseAutomaticMatch<C extends CandidateRow>(
  input: PersonFacts,
  rows: C[],
): RankedCandidate<C> | undefined {
  const [best] = rankCandidates(input, rows);
  return best && best.reason !== 'name_dob' ? best : undefined;
}
