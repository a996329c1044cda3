// Validation for a person's details. Postcodes are checked for format (the `postcode` library);
// NHS numbers for their check digit.
import { isValid as isValidPostcode, toNormalised } from 'postcode';
import { z } from 'zod';
import { contactChannels } from '../vocabulary/contact';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number';

export { contactChannels };

const nhsNumber = z
  .string()
  .trim()
  .transform(normaliseNhsNumber)
  .refine(isValidNhsNumber, 'Enter a valid 10-digit NHS number (the check digit does not match)');

const postcode = z
  .string()
  .trim()
  .refine(isValidPostcode, 'Enter a real UK postcode, such as N17 6HB')
  .transform((value) => toNormalised(value) ?? value);

const dateOfBirth = z.iso
  .date('Enter the date of birth as YYYY-MM-DD')
  .refine((value) => value <= new Date().toISOString().slice(0, 10), 'The date of birth must be in the past')
  .refine((value) => value >= '1900-01-01', 'The date of birth must be after 1900');

export const personFields = {
  givenName: z.string().trim().min(1, 'Enter the person’s first name').max(100),
  familyName: z.string().trim().min(1, 'Enter the person’s last name').max(100),
  dateOfBirth: dateOfBirth.nullable().optional(),
  nhsNumber: nhsNumber.nullable().optional(),
  email: z.string().trim().max(320).email('Enter a valid email address').nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{10,20}$/, 'Enter a UK phone number, such as 020 7946 0000 or 07700 900123')
    .nullable()
    .optional(),
  preferredChannel: z.enum(contactChannels).nullable().optional(),
  addressLine: z.string().trim().max(300).nullable().optional(),
  postcode: postcode.nullable().optional(),
  language: z.string().trim().max(60).nullable().optional(),
  needsInterpreter: z.boolean().optional(),
};

export const createPersonBody = z.object({
  ...personFields,
  assignedLinkWorkerId: z.uuid().nullable().optional(),
});

export const updatePersonBody = z
  .object({
    version: z.number({ message: 'Send the version of the record you are changing' }).int().positive(),
    ...personFields,
    assignedLinkWorkerId: z.uuid().nullable().optional(),
  })
  .partial({ givenName: true, familyName: true });

export const personResponse = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  preferredChannel: z.string().nullable(),
  addressLine: z.string().nullable(),
  postcode: z.string().nullable(),
  language: z.string().nullable(),
  needsInterpreter: z.boolean(),
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
