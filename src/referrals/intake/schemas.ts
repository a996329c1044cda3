// Validation for referrals in: what a referrer, provider or programme worker sends, what a citizen
// sends from the public form, and what comes back. The schemas also generate the OpenAPI document.
import { z } from 'zod';
import { demographicFields, refineGenderIdentity } from '../../people/demographics';
import { contactChannels } from '../../people/schemas';
import {
  dateOfBirth,
  email,
  familyName,
  givenName,
  nhsNumber,
  phone,
  postcode,
} from '../../people/validators';
import { needDomainCodes } from '../needs';
import { referralStatuses } from '../referral-state';
import {
  consentMethods,
  referrerNotifyChoices,
  sharedFieldNames,
  sourceTypes,
  urgencies,
  type SourceType,
} from '../../vocabulary/referral';

export { sharedFieldNames, sourceTypes };
export type { SourceType };

const needs = z
  .array(z.enum(needDomainCodes))
  .min(1, 'Choose at least one thing the person would like help with')
  .max(needDomainCodes.length)
  .transform((list) => [...new Set(list)]);
const language = z.string().trim().max(60);

export const referralPersonInput = z
  .object({
    givenName,
    familyName,
    dateOfBirth,
    nhsNumber: nhsNumber.optional(),
    postcode,
    addressLine: z.string().trim().max(300).optional(),
    email: email.optional(),
    phone: phone.optional(),
    preferredChannel: z.enum(contactChannels).optional(),
    language: language.optional(),
    needsInterpreter: z.boolean().optional(),
    // Equality monitoring (src/people/demographics.ts): each optional, never needed to refer.
    ...demographicFields,
  })
  .superRefine(refineGenderIdentity);
export type ReferralPersonInput = z.infer<typeof referralPersonInput>;

const contactPreferences = z.object({
  bestTimes: z.string().trim().max(300).optional(),
  doNotContact: z.string().trim().max(300).optional(),
  safeToLeaveMessage: z.boolean().optional(),
});

const consent = z
  .object({
    toReferral: z.boolean({ message: 'Say whether the person agrees to the referral' }),
    toShare: z.boolean({ message: 'Say whether the person agrees to share details with services' }),
    sharedFields: z.array(z.enum(sharedFieldNames)).default([]),
    method: z.enum(consentMethods),
    recordedBy: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((value, context) => {
    if (value.toReferral !== true)
      context.addIssue({
        code: 'custom',
        path: ['toReferral'],
        message: 'The person must agree to the referral',
      });
    if (!value.toShare && value.sharedFields.length > 0)
      context.addIssue({
        code: 'custom',
        path: ['sharedFields'],
        message: 'Leave shared fields empty when the person has not agreed to share',
      });
  });

export const createReferralBody = z
  .object({
    person: referralPersonInput.optional(),
    /** Programme staff may refer someone already in the programme. */
    personId: z.uuid('must be a valid id').optional(),
    /** A link worker opening a person not on their caseload gives a reason (audited). */
    accessReason: z.string().trim().min(5).max(500).optional(),
    needs,
    reasonText: z.string().trim().min(1, 'Say briefly why you are referring').max(2000),
    urgency: z.enum(urgencies).default('routine'),
    contactPreferences: contactPreferences.default({}),
    consent,
    referrer: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        email: email.optional(),
        phone: phone.optional(),
        notifyBy: z.enum(referrerNotifyChoices).optional(),
      })
      .default({}),
    sourceType: z.enum(sourceTypes).optional(),
  })
  .superRefine((value, context) => {
    if (!value.person === !value.personId)
      context.addIssue({
        code: 'custom',
        path: value.person ? ['personId'] : ['person'],
        message: 'Send either the person’s details or the id of a person already in the programme, not both',
      });
  });
export type CreateReferralBody = z.infer<typeof createReferralBody>;

const matchedOn = z.enum(['nhs_number', 'name_dob_postcode']).nullable();

export const createdReferralResponse = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(referralStatuses),
  receivedAt: z.string(),
  programme: z.object({ id: z.uuid(), name: z.string() }),
  person: z.object({
    id: z.uuid(),
    /** Programme staff only: referrers never learn whether someone is already known. */
    isExisting: z.boolean().optional(),
    matchedOn: matchedOn.optional(),
  }),
  /** Programme staff only: the person's other open referrals in the programme. */
  openReferrals: z.array(z.object({ reference: z.string(), status: z.string() })).optional(),
  version: z.number(),
});
export type CreatedReferralResponse = z.infer<typeof createdReferralResponse>;

export const duplicateCheckBody = z.object({
  givenName,
  familyName,
  dateOfBirth,
  nhsNumber: nhsNumber.optional(),
  postcode: postcode.optional(),
});

export const duplicateCheckResponse = z.object({
  candidates: z.array(
    z.object({
      id: z.uuid(),
      givenName: z.string(),
      familyName: z.string(),
      dateOfBirth: z.string().nullable(),
      postcode: z.string().nullable(),
      openReferrals: z.number(),
      matchReason: z.enum(['nhs_number', 'nhs_number_conflict', 'name_dob_postcode', 'name_dob']),
    }),
  ),
});

// ─── The public self-referral form ──────────────────────────────────────────────────────────────

export const selfReferralBody = z
  .object({
    givenName: z.string().trim().min(1, 'Enter your first name').max(100),
    familyName: z.string().trim().min(1, 'Enter your last name').max(100),
    dateOfBirth,
    postcode,
    phone: phone.optional(),
    email: email.optional(),
    preferredChannel: z.enum(contactChannels).optional(),
    bestTimes: z.string().trim().max(300).optional(),
    safeToLeaveMessage: z.boolean().optional(),
    language: language.optional(),
    needsInterpreter: z.boolean().optional(),
    // "About you" (equality monitoring): each optional, never needed to be referred.
    ...demographicFields,
    needs,
    helpWith: z.string().trim().min(1, 'Tell us what you would like help with').max(1000),
    consentToReferral: z.boolean({ message: 'Say whether you agree to be referred' }),
    consentToShare: z.boolean({ message: 'Say whether we may share your details with services' }),
    formToken: z.string().max(200),
    /** Honeypot: hidden from people, so anything in it was typed by a bot. */
    website: z.string().max(500).optional(),
  })
  .superRefine((value, context) => {
    refineGenderIdentity(value, context);
    if (value.consentToReferral !== true)
      context.addIssue({
        code: 'custom',
        path: ['consentToReferral'],
        message: 'You need to agree to the referral so that a link worker can contact you',
      });
    if (!value.phone && !value.email)
      context.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Give a phone number or an email address so that we can contact you',
      });
    if (value.preferredChannel === 'email' && !value.email)
      context.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Give your email address to be contacted by email',
      });
    if ((value.preferredChannel === 'phone' || value.preferredChannel === 'sms') && !value.phone)
      context.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Give your phone number to be contacted by phone or text',
      });
  });
export type SelfReferralBody = z.infer<typeof selfReferralBody>;

export const formTokenResponse = z.object({
  formToken: z.string(),
  /** The form may be sent this many seconds after the token was issued, and no later than expiresIn. */
  minimumSeconds: z.number(),
  expiresInSeconds: z.number(),
});

export const selfReferralResponse = z.object({
  reference: z.string(),
  /** Shown once; only its SHA-256 is kept, so a retried submission gets null here. */
  statusSecret: z.string().nullable(),
  checkStatusUrl: z.string(),
});

export const statusCheckBody = z.object({
  reference: z.string().trim().min(1, 'Enter your reference').max(20),
  secret: z.string().trim().min(1, 'Enter the secret code you were given').max(100),
});

export const statusCheckResponse = z.object({
  reference: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  lastUpdate: z.string(),
});
