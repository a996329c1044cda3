// What a person may tell us about themselves for equity reporting (the Insight issue), declared
// once for the zod schemas, the database's CHECK constraints (migration 0020), the FHIR adapter and
// the web forms. Every answer is optional and each set has "prefer not to say": nobody has to
// answer to be referred. Wording follows the Census 2021 questions (ONS), so rates can be set
// against Census denominators. Imports nothing.

/** Census 2021: "What is your sex?" */
export const sexes = ['female', 'male', 'prefer_not_to_say'] as const;
export type Sex = (typeof sexes)[number];

/** Census 2021: "Is the gender you identify with the same as your sex registered at birth?" */
export const genderIdentitySameAnswers = ['yes', 'no', 'prefer_not_to_say'] as const;
export type GenderIdentitySame = (typeof genderIdentitySameAnswers)[number];

/** Census 2021 ethnic group, the 19 categories (England), grouped under the five high-level groups. */
export const ethnicGroups = ['asian', 'black', 'mixed', 'white', 'other'] as const;
export type EthnicGroup = (typeof ethnicGroups)[number];

export const ethnicities = [
  'asian_indian',
  'asian_pakistani',
  'asian_bangladeshi',
  'asian_chinese',
  'asian_other',
  'black_caribbean',
  'black_african',
  'black_other',
  'mixed_white_black_caribbean',
  'mixed_white_black_african',
  'mixed_white_asian',
  'mixed_other',
  'white_british',
  'white_irish',
  'white_gypsy_irish_traveller',
  'white_roma',
  'white_other',
  'other_arab',
  'other_any',
  'prefer_not_to_say',
] as const;
export type Ethnicity = (typeof ethnicities)[number];

/** The high-level group of each category (null for "prefer not to say"). */
export function ethnicGroupOf(ethnicity: Ethnicity): EthnicGroup | null {
  if (ethnicity === 'prefer_not_to_say') return null;
  return ethnicity.slice(0, ethnicity.indexOf('_')) as EthnicGroup;
}

/**
 * NHS Data Dictionary ethnic category (the 2001 Census codes A–Z that UK Core's
 * Extension-UKCore-EthnicCategory binds to). The 2021 categories with no 2001 code of their own go
 * to the nearest "any other" code: Gypsy or Irish Traveller and Roma → C, Arab → S.
 */
export const nhsEthnicCategoryCodes: Readonly<Record<Ethnicity, string>> = {
  white_british: 'A',
  white_irish: 'B',
  white_gypsy_irish_traveller: 'C',
  white_roma: 'C',
  white_other: 'C',
  mixed_white_black_caribbean: 'D',
  mixed_white_black_african: 'E',
  mixed_white_asian: 'F',
  mixed_other: 'G',
  asian_indian: 'H',
  asian_pakistani: 'J',
  asian_bangladeshi: 'K',
  asian_other: 'L',
  black_caribbean: 'M',
  black_african: 'N',
  black_other: 'P',
  asian_chinese: 'R',
  other_arab: 'S',
  other_any: 'S',
  prefer_not_to_say: 'Z',
};

/** Census 2021 (Equality Act definition): day-to-day activities limited by a long-term condition. */
export const disabilityAnswers = [
  'limited_a_lot',
  'limited_a_little',
  'not_limited',
  'prefer_not_to_say',
] as const;
export type DisabilityAnswer = (typeof disabilityAnswers)[number];

/** Census 2021: unpaid care for someone because of long-term illness, disability or old age. */
export const carerAnswers = [
  'no',
  'yes_under_20_hours',
  'yes_20_to_49_hours',
  'yes_50_hours_or_more',
  'prefer_not_to_say',
] as const;
export type CarerAnswer = (typeof carerAnswers)[number];

/**
 * Age bands for equity rates, built from Census 2021 single years of age (so 0–17 is possible,
 * which the 5-year bands cannot give). The age is at the referral's receipt.
 */
export const ageBands = [
  '0-17',
  '18-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65-74',
  '75-84',
  '85+',
] as const;
export type AgeBand = (typeof ageBands)[number];

/** The band an age in whole years falls in. */
export function ageBandOf(age: number): AgeBand {
  if (age < 18) return '0-17';
  if (age < 25) return '18-24';
  if (age >= 85) return '85+';
  const start = Math.floor((age - 5) / 10) * 10 + 5; // 25, 35, … 75
  return `${start}-${start + 9}` as AgeBand;
}

/** The fields of a person's answers, as the API and the forms name them. */
export const demographicFieldNames = [
  'sex',
  'genderIdentitySame',
  'genderIdentity',
  'ethnicity',
  'disability',
  'carer',
] as const;
export type DemographicField = (typeof demographicFieldNames)[number];

/** The seven IMD 2019 domains, in the order of the indices' own files. */
export const deprivationDomains = [
  'income',
  'employment',
  'educationSkills',
  'healthDisability',
  'crime',
  'barriersHousingServices',
  'livingEnvironment',
] as const;
export type DeprivationDomain = (typeof deprivationDomains)[number];

/** IMD 2019 deciles: 1 is the most deprived tenth of England's LSOAs. */
export const imdDeciles = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
