// What a person may tell us for equity reporting (the Insight issue): Census 2021 sex, gender
// identity, ethnicity, disability and unpaid care. Every answer is optional, each set has "prefer
// not to say", and NULL means never asked: nobody has to answer to be referred or supported. One
// set of fields for the person record, referrals in (staff, GP, FHIR) and the self-referral form.
import { z } from 'zod';
import {
  carerAnswers,
  demographicFieldNames,
  disabilityAnswers,
  ethnicities,
  genderIdentitySameAnswers,
  sexes,
  type CarerAnswer,
  type DemographicField,
  type DisabilityAnswer,
  type Ethnicity,
  type GenderIdentitySame,
  type Sex,
} from '../vocabulary/demographics';

export { demographicFieldNames, type DemographicField };

/** The answers as they are accepted: each optional, null clears it (back to "not asked"). */
export const demographicFields = {
  sex: z.enum(sexes).nullable().optional(),
  genderIdentitySame: z.enum(genderIdentitySameAnswers).nullable().optional(),
  /** The person's own words, only with genderIdentitySame = 'no' (the Census asks it that way). */
  genderIdentity: z.string().trim().max(100).nullable().optional(),
  ethnicity: z.enum(ethnicities).nullable().optional(),
  disability: z.enum(disabilityAnswers).nullable().optional(),
  carer: z.enum(carerAnswers).nullable().optional(),
};

export type DemographicAnswers = {
  sex: Sex | null;
  genderIdentitySame: GenderIdentitySame | null;
  genderIdentity: string | null;
  ethnicity: Ethnicity | null;
  disability: DisabilityAnswer | null;
  carer: CarerAnswer | null;
};

export const genderIdentityOnlyWithNo =
  'Give a gender identity only when the answer to “Is the gender you identify with the same as your sex registered at birth?” is No';

/**
 * Pure: the refusal for a gender identity given without "no" to the question before it, or
 * undefined. `same` is the answer in force (sent, or already on the record).
 */
export function genderIdentityProblem(
  same: GenderIdentitySame | null | undefined,
  genderIdentity: string | null | undefined,
): string | undefined {
  return genderIdentity && same !== 'no' ? genderIdentityOnlyWithNo : undefined;
}

/** For a zod object holding the fields: the same check, naming genderIdentity under `path`. */
export function refineGenderIdentity(
  value: { genderIdentitySame?: GenderIdentitySame | null; genderIdentity?: string | null },
  context: z.RefinementCtx,
): void {
  const problem = genderIdentityProblem(value.genderIdentitySame, value.genderIdentity);
  if (problem) context.addIssue({ code: 'custom', path: ['genderIdentity'], message: problem });
}

/** The answers to store: empty text is no answer, and an identity never outlives its "no". */
export function demographicColumns(input: {
  [field in DemographicField]?: DemographicAnswers[field] | undefined;
}): DemographicAnswers {
  const genderIdentitySame = input.genderIdentitySame ?? null;
  return {
    sex: input.sex ?? null,
    genderIdentitySame,
    genderIdentity: genderIdentitySame === 'no' ? input.genderIdentity || null : null,
    ethnicity: input.ethnicity ?? null,
    disability: input.disability ?? null,
    carer: input.carer ?? null,
  };
}

/** The answers as the API gives them back (null = never asked). */
export const demographicsResponse = {
  sex: z.enum(sexes).nullable(),
  genderIdentitySame: z.enum(genderIdentitySameAnswers).nullable(),
  genderIdentity: z.string().nullable(),
  ethnicity: z.enum(ethnicities).nullable(),
  disability: z.enum(disabilityAnswers).nullable(),
  carer: z.enum(carerAnswers).nullable(),
};
