// Duplicate-person decisions (pure). The query (find-or-create-person.ts) fetches people in the
// programme with the same NHS number or date of birth, with pg_trgm's similarity of the full names;
// this module decides which of them is the same person, and why. A wrong merge puts one person's
// referral on another's record, so the automatic rule is strict; staff see weaker candidates too.
// An NHS number alone is never enough: a mistyped number, or someone trying numbers, would land a
// referral on a stranger's record (and once showed the stranger's details to the referrer).

/** pg_trgm similarity of "given family" at or above this counts as the same name ("Jon" ~ "John"). */
export const nameSimilarityThreshold = 0.5;

/**
 * `nhs_number`: same number, date of birth and (a part of) the name. `nhs_number_conflict`: same
 * number, but the date of birth or name disagree: a link worker decides, never the machine.
 */
export type MatchReason = 'nhs_number' | 'nhs_number_conflict' | 'name_dob_postcode' | 'name_dob';

/** The reasons strong enough to reuse a person without asking anyone. */
export type AutomaticMatchReason = 'nhs_number' | 'name_dob_postcode';

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

/**
 * With the same NHS number and date of birth, one part of the name agreeing is enough: people
 * change family names on marriage and go by short given names.
 */
function isNameConsistent(input: PersonFacts, candidate: CandidateRow): boolean {
  return (
    candidate.nameSimilarity >= nameSimilarityThreshold ||
    isSameFamilyName(input.familyName, candidate.familyName) ||
    isCloseGivenName(input.givenName, candidate.givenName)
  );
}

/** Why `candidate` may be the person described by `input`, or undefined when it is not. */
export function matchReasonFor(input: PersonFacts, candidate: CandidateRow): MatchReason | undefined {
  if (input.nhsNumber && candidate.nhsNumber) {
    // Two different valid NHS numbers are two different people, however alike the names.
    if (input.nhsNumber !== candidate.nhsNumber) return undefined;
    const demographicsAgree =
      input.dateOfBirth !== null &&
      input.dateOfBirth === candidate.dateOfBirth &&
      isNameConsistent(input, candidate);
    return demographicsAgree ? 'nhs_number' : 'nhs_number_conflict';
  }
  if (!input.dateOfBirth || input.dateOfBirth !== candidate.dateOfBirth) return undefined;
  const isSameName =
    candidate.nameSimilarity >= nameSimilarityThreshold ||
    (isSameFamilyName(input.familyName, candidate.familyName) &&
      isCloseGivenName(input.givenName, candidate.givenName));
  if (!isSameName) return undefined;
  return samePostcode(input.postcode, candidate.postcode) ? 'name_dob_postcode' : 'name_dob';
}

const strength: Record<MatchReason, number> = {
  nhs_number: 0,
  nhs_number_conflict: 1,
  name_dob_postcode: 2,
  name_dob: 3,
};

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

const isAutomatic = (reason: MatchReason): reason is AutomaticMatchReason =>
  reason === 'nhs_number' || reason === 'name_dob_postcode';

export type MatchDecision<C extends CandidateRow> = {
  /** The person to reuse without asking anyone, when there is one. */
  match: (RankedCandidate<C> & { reason: AutomaticMatchReason }) | undefined;
  /** Otherwise, the people a link worker should look at before the referral is worked (strongest first). */
  possibleDuplicates: RankedCandidate<C>[];
};

/**
 * An NHS number with agreeing demographics, or name + date of birth + postcode, is reused. Anything
 * weaker (name and date of birth alone, or the NHS number of someone whose date of birth or name
 * disagree) makes a new person flagged for a link worker's duplicate review. A conflict on the NHS
 * number also stops a match on the name alone: one of the records is wrong, and a person decides.
 */
export function decidePersonMatch<C extends CandidateRow>(input: PersonFacts, rows: C[]): MatchDecision<C> {
  const ranked = rankCandidates(input, rows);
  const hasConflict = ranked.some((r) => r.reason === 'nhs_number_conflict');
  const [best] = ranked;
  const isReusable =
    best !== undefined && isAutomatic(best.reason) && (best.reason === 'nhs_number' || !hasConflict);
  if (isReusable)
    return { match: best as RankedCandidate<C> & { reason: AutomaticMatchReason }, possibleDuplicates: [] };
  return { match: undefined, possibleDuplicates: ranked };
}

/** The person to reuse without asking anyone (see decidePersonMatch). */
export function chooseAutomaticMatch<C extends CandidateRow>(
  input: PersonFacts,
  rows: C[],
): RankedCandidate<C> | undefined {
  return decidePersonMatch(input, rows).match;
}

type Identity = Pick<PersonFacts, 'givenName' | 'familyName' | 'dateOfBirth' | 'nhsNumber'>;

/**
 * Whether two sets of details name the same patient exactly: a sender's retry of one request, not
 * a duplicate-person match (an identifier reused for another patient must not find the first).
 */
export function isSamePatient(a: Identity, b: Identity): boolean {
  return (
    fold(a.givenName) === fold(b.givenName) &&
    fold(a.familyName) === fold(b.familyName) &&
    a.dateOfBirth === b.dateOfBirth &&
    (a.nhsNumber ?? null) === (b.nhsNumber ?? null)
  );
}
