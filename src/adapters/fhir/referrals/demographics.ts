// A person's sex and ethnic category in FHIR: Patient.gender, and UK Core's
// Extension-UKCore-EthnicCategory coded in the NHS Data Dictionary ethnic category (England)
// (../shared/standards/fhir/uk-core). Both optional: a referral without them is never refused.
import type { Patient } from '../types';
import {
  ethnicities,
  nhsEthnicCategoryCodes,
  type Ethnicity,
  type Sex,
} from '../../../vocabulary/demographics';

export const ukCoreEthnicCategory =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory';
export const ethnicCategoryEngland = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland';

/** The code system's own displays (CodeSystem-UKCore-EthnicCategoryEngland). */
const ethnicCategoryDisplays: Readonly<Record<string, string>> = {
  A: 'White - British',
  B: 'White - Irish',
  C: 'White - Any other White background',
  D: 'Mixed - White and Black Caribbean',
  E: 'Mixed - White and Black African',
  F: 'Mixed - White and Asian',
  G: 'Mixed - Any other mixed background',
  H: 'Asian or Asian British - Indian',
  J: 'Asian or Asian British - Pakistani',
  K: 'Asian or Asian British - Bangladeshi',
  L: 'Asian or Asian British - Any other Asian background',
  M: 'Black or Black British - Caribbean',
  N: 'Black or Black British - African',
  P: 'Black or Black British - Any other Black background',
  R: 'Other Ethnic Groups - Chinese',
  S: 'Other Ethnic Groups - Any other ethnic group',
  Z: 'Not stated',
};

/**
 * NHS code → Census 2021 category. Several 2021 categories share one 2001 code (C: White other,
 * Gypsy or Irish Traveller, Roma; S: Arab, any other); a code read back is the group's "any other"
 * category, since the code cannot say which. "99" (not known) is no answer.
 */
export const ethnicityOfNhsCode: Readonly<Record<string, Ethnicity>> = (() => {
  const map: Record<string, Ethnicity> = {};
  for (const ethnicity of ethnicities) {
    const code = nhsEthnicCategoryCodes[ethnicity];
    const taken = map[code];
    // Prefer the "any other" category of the group (…_other, other_any) for a shared code.
    if (!taken || /_other$|^other_any$/.test(ethnicity)) map[code] = ethnicity;
  }
  return map;
})();

/** Patient.gender → sex: only female and male are Census sexes; "other" and "unknown" stay unanswered. */
export function sexOfPatientGender(gender: Patient['gender']): Sex | undefined {
  return gender === 'female' || gender === 'male' ? gender : undefined;
}

/** The ethnic category from Patient.extension, when coded in the England code system. */
export function ethnicityOfPatient(patient: Patient): { ethnicity: Ethnicity; index: number } | undefined {
  const index = (patient.extension ?? []).findIndex((extension) => extension.url === ukCoreEthnicCategory);
  if (index < 0) return undefined;
  const coding = patient.extension![index]!.valueCodeableConcept?.coding?.find(
    (item) => item.system === ethnicCategoryEngland && item.code,
  );
  const ethnicity = coding?.code ? ethnicityOfNhsCode[coding.code] : undefined;
  return ethnicity ? { ethnicity, index } : undefined;
}

/** Patient.gender and the ethnic category extension for what a referral said. */
export function patientDemographics(sent: {
  sex: Sex | null;
  ethnicity: Ethnicity | null;
}): Pick<Patient, 'gender' | 'extension'> {
  const code = sent.ethnicity ? nhsEthnicCategoryCodes[sent.ethnicity] : undefined;
  return {
    ...(sent.sex === 'female' || sent.sex === 'male' ? { gender: sent.sex } : {}),
    ...(code
      ? {
          extension: [
            {
              url: ukCoreEthnicCategory,
              valueCodeableConcept: {
                coding: [{ system: ethnicCategoryEngland, code, display: ethnicCategoryDisplays[code] }],
              },
            },
          ],
        }
      : {}),
  };
}
