// What one referral said about its person, kept on the referral (referrals.referred_person) apart
// from the person record. Two rules rest on it: a referrer is shown only what it sent, never what
// Linkwell holds from other organisations (the record may be another person's if the match was
// wrong); and a referral's details reach the person record only when a link worker accepts the
// referral, filling blanks and never overwriting (src/referrals/casework/act-on-referral.ts).
import { z } from 'zod';
import type { people } from '../../db/schema';
import { demographicColumns } from '../../people/demographics';
import {
  carerAnswers,
  disabilityAnswers,
  ethnicities,
  genderIdentitySameAnswers,
  sexes,
} from '../../vocabulary/demographics';
import type { ReferralPersonInput } from './schemas';

type PersonRow = typeof people.$inferSelect;

const referredPersonShape = z.object({
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  email: z.string().nullable().default(null),
  phone: z.string().nullable().default(null),
  preferredChannel: z.string().nullable().default(null),
  addressLine: z.string().nullable().default(null),
  postcode: z.string().nullable().default(null),
  language: z.string().nullable().default(null),
  needsInterpreter: z.boolean().default(false),
  // Equality monitoring answers the referral carried (absent from referrals before them).
  sex: z.enum(sexes).nullable().default(null),
  genderIdentitySame: z.enum(genderIdentitySameAnswers).nullable().default(null),
  genderIdentity: z.string().nullable().default(null),
  ethnicity: z.enum(ethnicities).nullable().default(null),
  disability: z.enum(disabilityAnswers).nullable().default(null),
  carer: z.enum(carerAnswers).nullable().default(null),
});
export type ReferredPerson = z.infer<typeof referredPersonShape>;

/** The details of the person record a referral may propose, in the order a link worker reads them. */
export const proposableFields = [
  'nhsNumber',
  'email',
  'phone',
  'preferredChannel',
  'addressLine',
  'postcode',
  'language',
  'sex',
  'genderIdentitySame',
  'genderIdentity',
  'ethnicity',
  'disability',
  'carer',
] as const;
export type ProposableField = (typeof proposableFields)[number];

export function referredPersonFromInput(input: ReferralPersonInput): ReferredPerson {
  return {
    givenName: input.givenName,
    familyName: input.familyName,
    dateOfBirth: input.dateOfBirth,
    nhsNumber: input.nhsNumber ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    preferredChannel: input.preferredChannel ?? null,
    addressLine: input.addressLine ?? null,
    postcode: input.postcode,
    language: input.language ?? null,
    needsInterpreter: input.needsInterpreter ?? false,
    ...demographicColumns(input),
  };
}

/**
 * The identity of a person record, for referrals that carried no details of their own: staff
 * referring a known person by id, and referrals made before migration 0016. Contact details are
 * left out: those views never showed them.
 */
export function referredPersonFromRecord(person: PersonRow): ReferredPerson {
  return {
    givenName: person.givenName,
    familyName: person.familyName,
    dateOfBirth: person.dateOfBirth,
    nhsNumber: person.nhsNumber,
    email: null,
    phone: null,
    preferredChannel: null,
    addressLine: null,
    postcode: person.postcode,
    language: null,
    needsInterpreter: false,
    sex: null,
    genderIdentitySame: null,
    genderIdentity: null,
    ethnicity: null,
    disability: null,
    carer: null,
  };
}

/** The stored column, or the person record's identity when the referral predates it. */
export function readReferredPerson(stored: unknown, person: PersonRow): ReferredPerson {
  if (stored === null || stored === undefined) return referredPersonFromRecord(person);
  return referredPersonShape.parse(stored);
}

/** The blanks on a person record that a referral's details can fill; never overwrites. */
export function blanksToFill(existing: PersonRow, referred: ReferredPerson): Partial<PersonRow> {
  const fill: Partial<PersonRow> = {};
  for (const field of proposableFields) {
    const value = referred[field];
    // Same field on both sides, so the value has its column's type (TypeScript cannot pair them in a loop).
    if (value && !existing[field]) Object.assign(fill, { [field]: value });
  }
  // A gender identity goes in only beside the "no" it answers, filled now or already on the record.
  if ((fill.genderIdentitySame ?? existing.genderIdentitySame) !== 'no') delete fill.genderIdentity;
  if (referred.needsInterpreter && !existing.needsInterpreter) fill.needsInterpreter = true;
  return fill;
}

export type ProposedDetail = {
  field: ProposableField | 'needsInterpreter';
  onRecord: string | boolean | null;
  proposed: string | boolean;
  /** True when accepting fills a blank with it; false when it differs from what the record holds (never overwritten). */
  fillsBlank: boolean;
};

const comparable = (field: ProposableField, value: string) =>
  field === 'postcode' || field === 'nhsNumber'
    ? value.replace(/\s/g, '').toUpperCase()
    : value.trim().toLowerCase();

/** What the referral says that the record does not: blanks it would fill, and differences for a person to judge. */
export function proposedDetails(existing: PersonRow, referred: ReferredPerson): ProposedDetail[] {
  const proposals: ProposedDetail[] = [];
  for (const field of proposableFields) {
    const proposed = referred[field];
    const onRecord = existing[field];
    if (!proposed) continue;
    if (!onRecord)
      proposals.push({
        field,
        onRecord: null,
        proposed,
        // A gender identity fills in only beside a "no" (the record's, or the one this referral fills).
        fillsBlank:
          field !== 'genderIdentity' || (existing.genderIdentitySame ?? referred.genderIdentitySame) === 'no',
      });
    else if (comparable(field, onRecord) !== comparable(field, proposed))
      proposals.push({ field, onRecord, proposed, fillsBlank: false });
  }
  if (referred.needsInterpreter && !existing.needsInterpreter)
    proposals.push({ field: 'needsInterpreter', onRecord: false, proposed: true, fillsBlank: true });
  return proposals;
}
