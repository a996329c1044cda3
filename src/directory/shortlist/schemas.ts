// The wire shapes of sending a shortlist: what the link worker sends, and what they get back.
import { z } from 'zod';
import { normaliseUkMobile } from './recipient';

export const shortlistChannels = ['email', 'sms'] as const;
export type ShortlistChannel = (typeof shortlistChannels)[number];

export const maxShortlistServices = 10;

export const sendShortlistBody = z
  .object({
    serviceIds: z
      .array(z.uuid('must be a service id'))
      .min(1, 'Add at least one service to the shortlist')
      .max(maxShortlistServices, `Send at most ${maxShortlistServices} services at a time`),
    channel: z.enum(shortlistChannels, { message: 'Choose email or text message' }),
    /** Someone with a record in the programme: their email address or mobile number is used. */
    personId: z.uuid('must be a person id').optional(),
    /** An email address or UK mobile number typed in, for someone without a record. */
    recipient: z.string().trim().max(320).optional(),
    /** Why a link worker sends to someone not on their caseload (audited). */
    reason: z.string().trim().min(5, 'Give a reason of at least 5 characters').max(500).optional(),
    note: z.string().trim().max(500, 'Keep the note to 500 characters or fewer').optional(),
  })
  .superRefine((body, context) => {
    // A text message stays short (see message.ts); the personal note goes in emails only.
    if (body.channel === 'sms' && body.note) {
      context.addIssue({ code: 'custom', path: ['note'], message: 'A note can only be added to an email' });
    }
    const hasPerson = body.personId !== undefined;
    const hasRecipient = body.recipient !== undefined && body.recipient !== '';
    if (hasPerson === hasRecipient) {
      context.addIssue({
        code: 'custom',
        path: ['recipient'],
        message: hasPerson
          ? 'Choose a person or type an address, not both'
          : 'Choose a person or type an email address or mobile number',
      });
      return;
    }
    if (!hasRecipient) return;
    if (body.channel === 'email' && !z.email().safeParse(body.recipient).success) {
      context.addIssue({
        code: 'custom',
        path: ['recipient'],
        message: 'Enter an email address in the correct format, like name@example.com',
      });
    }
    if (body.channel === 'sms' && !normaliseUkMobile(body.recipient!)) {
      context.addIssue({
        code: 'custom',
        path: ['recipient'],
        message: 'Enter a UK mobile number, like 07700 900 123',
      });
    }
  });

export type SendShortlistBody = z.infer<typeof sendShortlistBody>;

export const sendShortlistResponse = z.object({
  notificationId: z.uuid(),
  channel: z.enum(shortlistChannels),
  /** Masked: "a•••@example.com" or "07••• •••123". */
  recipient: z.string(),
  serviceCount: z.number().int(),
});

export type SendShortlistResponse = z.infer<typeof sendShortlistResponse>;
