import { describe, expect, it } from 'vitest';
import { demographicColumns, genderIdentityOnlyWithNo, genderIdentityProblem } from './demographics';

describe('genderIdentityProblem', () => {
  it('allows an identity only beside "no"', () => {
    expect(genderIdentityProblem('no', 'Non-binary')).toBeUndefined();
    expect(genderIdentityProblem('yes', 'Non-binary')).toBe(genderIdentityOnlyWithNo);
    expect(genderIdentityProblem('prefer_not_to_say', 'Non-binary')).toBe(genderIdentityOnlyWithNo);
    expect(genderIdentityProblem(null, 'Non-binary')).toBe(genderIdentityOnlyWithNo);
  });

  it('has nothing to say when no identity is given', () => {
    expect(genderIdentityProblem('yes', null)).toBeUndefined();
    expect(genderIdentityProblem(undefined, '')).toBeUndefined();
  });
});

describe('demographicColumns', () => {
  it('stores unanswered questions as null (never asked)', () => {
    expect(demographicColumns({})).toEqual({
      sex: null,
      genderIdentitySame: null,
      genderIdentity: null,
      ethnicity: null,
      disability: null,
      carer: null,
    });
  });

  it('keeps an identity only with "no", and empty text as no answer', () => {
    expect(demographicColumns({ genderIdentitySame: 'no', genderIdentity: 'Trans man' }).genderIdentity).toBe(
      'Trans man',
    );
    expect(
      demographicColumns({ genderIdentitySame: 'yes', genderIdentity: 'Man' }).genderIdentity,
    ).toBeNull();
    expect(demographicColumns({ genderIdentitySame: 'no', genderIdentity: '' }).genderIdentity).toBeNull();
  });
});
