// The checks on a person's details, in one place for every way a person reaches Linkwell (a person
// record, a referral, the public self-referral form): postcodes for format (the `postcode` library,
// normalised to "N17 6HB"), NHS numbers for their Modulus 11 check digit, dates of birth as real past
// days after 1900, names present and at most 100 characters.
import { isValid as isValidPostcode, toNormalised } from 'postcode';
import { z } from 'zod';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number';

export const nhsNumber = z
  .string()
  .trim()
  .transform(normaliseNhsNumber)
  .refine(isValidNhsNumber, 'Enter a valid 10-digit NHS number (the check digit does not match)');

export const postcode = z
  .string()
  .trim()
  .refine(isValidPostcode, 'Enter a real UK postcode, such as N17 6HB')
  .transform((value) => toNormalised(value) ?? value);

export const dateOfBirth = z.iso
  .date('Enter the date of birth as YYYY-MM-DD')
  .refine((value) => value <= new Date().toISOString().slice(0, 10), 'The date of birth must be in the past')
  .refine((value) => value >= '1900-01-01', 'The date of birth must be after 1900');

export const givenName = z.string().trim().min(1, 'Enter the person’s first name').max(100);
export const familyName = z.string().trim().min(1, 'Enter the person’s last name').max(100);

export const email = z.string().trim().max(320).email('Enter a valid email address');
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{10,20}$/, 'Enter a UK phone number, such as 020 7946 0000 or 07700 900123');
