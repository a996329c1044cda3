// Validation for a person's details; the checks on each detail are in validators.ts, shared with
// referrals in.
import { z } from 'zod';
import { contactChannels } from '../vocabulary/contact';
import { demographicFields, demographicsResponse, refineGenderIdentity } from './demographics';
import { dateOfBirth, email, familyName, givenName, nhsNumber, phone, postcode } from './validators';

export { contactChannels };

export const personFields = {
  givenName,
  familyName,
  dateOfBirth: dateOfBirth.nullable().optional(),
  nhsNumber: nhsNumber.nullable().optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  preferredChannel: z.enum(contactChannels).nullable().optional(),
  addressLine: z.string().trim().max(300).nullable().optional(),
  postcode: postcode.nullable().optional(),
  language: z.string().trim().max(60).nullable().optional(),
  needsInterpreter: z.boolean().optional(),
  ...demographicFields,
};

export const createPersonBody = z
  .object({
    ...personFields,
    assignedLinkWorkerId: z.uuid().nullable().optional(),
  })
  .superRefine(refineGenderIdentity);

export const updatePersonBody = z
  .object({
    version: z.number({ message: 'Send the version of the record you are changing' }).int().positive(),
    ...personFields,
    assignedLinkWorkerId: z.uuid().nullable().optional(),
  })
  .partial({ givenName: true, familyName: true })
  // Only when both arrive together; a gender identity sent alone is checked against the record.
  .superRefine((value, context) => {
    if (value.genderIdentitySame !== undefined) refineGenderIdentity(value, context);
  });

/** The area derived from the postcode (src/geo/person-area.ts), with the LSOA's IMD 2019 deciles. */
export const personAreaResponse = z
  .object({
    lsoaCode: z.string().nullable(),
    lsoaName: z.string().nullable(),
    boroughCode: z.string(),
    boroughName: z.string().nullable(),
    /** 1 = the most deprived tenth of England's LSOAs. */
    imdDecile: z.number().int().min(1).max(10).nullable(),
    imdRank: z.number().int().nullable(),
    domainDeciles: z
      .object({
        income: z.number(),
        employment: z.number(),
        educationSkills: z.number(),
        healthDisability: z.number(),
        crime: z.number(),
        barriersHousingServices: z.number(),
        livingEnvironment: z.number(),
      })
      .nullable(),
  })
  .nullable();

export const personResponse = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  preferredChannel: z.enum(contactChannels).nullable(),
  addressLine: z.string().nullable(),
  postcode: z.string().nullable(),
  language: z.string().nullable(),
  needsInterpreter: z.boolean(),
  ...demographicsResponse,
  area: personAreaResponse,
  assignedLinkWorkerId: z.uuid().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.record(z.string(), z.boolean()),
});

export const personSummaryResponse = personResponse.pick({
  id: true,
  givenName: true,
  familyName: true,
  dateOfBirth: true,
  postcode: true,
  assignedLinkWorkerId: true,
});
