import { describe, expect, it } from 'vitest';
import { ethnicities, nhsEthnicCategoryCodes } from '../../../vocabulary/demographics';
import { ethnicityOfNhsCode, patientDemographics, sexOfPatientGender } from './demographics';

describe('the NHS ethnic category, read back', () => {
  it('gives every category with a code of its own back unchanged', () => {
    const codeCounts = new Map<string, number>();
    for (const ethnicity of ethnicities) {
      const code = nhsEthnicCategoryCodes[ethnicity];
      codeCounts.set(code, (codeCounts.get(code) ?? 0) + 1);
    }
    for (const ethnicity of ethnicities)
      if (codeCounts.get(nhsEthnicCategoryCodes[ethnicity]) === 1)
        expect(ethnicityOfNhsCode[nhsEthnicCategoryCodes[ethnicity]]).toBe(ethnicity);
  });

  it('takes a shared code as the group’s "any other" category', () => {
    expect(ethnicityOfNhsCode.C).toBe('white_other');
    expect(ethnicityOfNhsCode.S).toBe('other_any');
    expect(ethnicityOfNhsCode.Z).toBe('prefer_not_to_say');
    expect(ethnicityOfNhsCode['99']).toBeUndefined();
  });
});

describe('Patient.gender', () => {
  it('maps female and male only', () => {
    expect(sexOfPatientGender('female')).toBe('female');
    expect(sexOfPatientGender('male')).toBe('male');
    expect(sexOfPatientGender('other')).toBeUndefined();
    expect(sexOfPatientGender('unknown')).toBeUndefined();
    expect(sexOfPatientGender(undefined)).toBeUndefined();
  });

  it('is written only for female or male, and "prefer not to say" as Not stated', () => {
    expect(patientDemographics({ sex: 'prefer_not_to_say', ethnicity: null })).toEqual({});
    expect(patientDemographics({ sex: 'male', ethnicity: 'prefer_not_to_say' })).toMatchObject({
      gender: 'male',
      extension: [{ valueCodeableConcept: { coding: [{ code: 'Z', display: 'Not stated' }] } }],
    });
  });
});
