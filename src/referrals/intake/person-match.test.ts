import { describe, expect, it } from 'vitest';
import {
  chooseAutomaticMatch,
  decidePersonMatch,
  isCloseGivenName,
  isSamePatient,
  matchReasonFor,
  rankCandidates,
  type CandidateRow,
  type PersonFacts,
} from './person-match';

const input: PersonFacts = {
  givenName: 'Jon',
  familyName: 'Smith',
  dateOfBirth: '1950-04-12',
  nhsNumber: null,
  postcode: 'N17 6HB',
};
const candidate = (overrides: Partial<CandidateRow>): CandidateRow => ({
  id: 'c1',
  givenName: 'John',
  familyName: 'Smith',
  dateOfBirth: '1950-04-12',
  nhsNumber: null,
  postcode: 'N17 6HB',
  nameSimilarity: 0.4,
  ...overrides,
});

describe('close given names', () => {
  it.each([
    ['Jon', 'John'],
    ['Mohamed', 'Mohammed'],
    ['Kath', 'Katherine'],
    ['Zoë', 'zoe'],
    ['Ann', 'Anne'],
  ])('%s ~ %s', (a, b) => expect(isCloseGivenName(a, b)).toBe(true));

  it.each([
    ['John', 'Jane'],
    ['Al', 'Alice'],
    ['Mary', 'Margaret'],
    ['', 'John'],
  ])('%s is not %s', (a, b) => expect(isCloseGivenName(a, b)).toBe(false));
});

describe('matching a person', () => {
  // Trust issue, defect 2: the same NHS number alone used to match whatever the name and date of
  // birth, so a mistyped (or guessed) number put the referral on a stranger's record.
  it('matches the same NHS number only when the date of birth and a part of the name agree', () => {
    const nhs = { ...input, nhsNumber: '9434765919' };
    expect(matchReasonFor(nhs, candidate({ nhsNumber: '9434765919', givenName: 'Jonathan' }))).toBe(
      'nhs_number',
    );
    expect(
      matchReasonFor(nhs, candidate({ nhsNumber: '9434765919', givenName: 'Jonathan', dateOfBirth: null })),
    ).toBe('nhs_number_conflict');
    expect(matchReasonFor(nhs, candidate({ nhsNumber: '9434765919', dateOfBirth: '1961-01-01' }))).toBe(
      'nhs_number_conflict',
    );
    expect(
      matchReasonFor(
        nhs,
        candidate({ nhsNumber: '9434765919', givenName: 'Mary', familyName: 'Jones', nameSimilarity: 0.1 }),
      ),
    ).toBe('nhs_number_conflict');
  });

  it('never reuses a person whose NHS number matches but whose details disagree: flags them instead', () => {
    const nhs = { ...input, nhsNumber: '9434765919' };
    const stranger = candidate({ id: 'stranger', nhsNumber: '9434765919', dateOfBirth: '1961-01-01' });
    const sameNameNoNumber = candidate({ id: 'alike', nhsNumber: null, nameSimilarity: 0.9 });
    const decision = decidePersonMatch(nhs, [stranger, sameNameNoNumber]);
    expect(decision.match).toBeUndefined();
    expect(decision.possibleDuplicates.map((d) => [d.candidate.id, d.reason])).toEqual([
      ['stranger', 'nhs_number_conflict'],
      ['alike', 'name_dob_postcode'],
    ]);
    // The person whose details agree is still found when a conflicting record shares the number.
    const real = candidate({ id: 'real', nhsNumber: '9434765919' });
    expect(decidePersonMatch(nhs, [stranger, real]).match?.candidate.id).toBe('real');
  });

  it('tells a retry of the same patient from another patient under the same identifier', () => {
    const sent = { givenName: 'Mabel', familyName: 'Fhirington', dateOfBirth: '1944-03-12', nhsNumber: null };
    expect(isSamePatient(sent, { ...sent, givenName: 'mabel' })).toBe(true);
    expect(isSamePatient(sent, { ...sent, familyName: 'Other' })).toBe(false);
    expect(isSamePatient(sent, { ...sent, dateOfBirth: '1944-03-13' })).toBe(false);
    expect(isSamePatient(sent, { ...sent, nhsNumber: '9434765919' })).toBe(false);
  });

  it('never matches two different NHS numbers, however alike the rest', () => {
    expect(
      matchReasonFor({ ...input, nhsNumber: '9434765919' }, candidate({ nhsNumber: '9434765870' })),
    ).toBeUndefined();
  });

  it('matches a close name with the same date of birth and postcode (or no postcode on record)', () => {
    expect(matchReasonFor(input, candidate({}))).toBe('name_dob_postcode');
    expect(matchReasonFor(input, candidate({ postcode: null }))).toBe('name_dob_postcode');
    expect(matchReasonFor(input, candidate({ familyName: 'Smyth', nameSimilarity: 0.55 }))).toBe(
      'name_dob_postcode',
    );
  });

  it('calls it only name and date of birth when the postcode differs', () => {
    expect(matchReasonFor(input, candidate({ postcode: 'E1 6AN' }))).toBe('name_dob');
  });

  it('does not match another date of birth or a different name', () => {
    expect(matchReasonFor(input, candidate({ dateOfBirth: '1950-04-13' }))).toBeUndefined();
    expect(matchReasonFor(input, candidate({ givenName: 'Mary', nameSimilarity: 0.3 }))).toBeUndefined();
  });

  it('ranks NHS number first, and reuses automatically only strong matches', () => {
    const rows = [
      candidate({ id: 'moved', postcode: 'E1 6AN', nameSimilarity: 0.9 }),
      candidate({ id: 'here', nameSimilarity: 0.6 }),
    ];
    expect(rankCandidates(input, rows).map((r) => r.candidate.id)).toEqual(['here', 'moved']);
    expect(chooseAutomaticMatch(input, rows)?.candidate.id).toBe('here');
    expect(chooseAutomaticMatch(input, [rows[0]!])).toBeUndefined();
  });
});
