// Request and response shapes for health-service use.
import { z } from 'zod';
import { periods } from './rules';

const count = z
  .number({ message: 'Enter a whole number, or leave it empty if not known' })
  .int('Enter a whole number')
  .min(0, 'A count cannot be below 0')
  .nullable();

export const healthUseEntry = z.object({
  period: z.enum(periods, { message: 'Choose before or after the referral' }),
  windowMonths: z.union([z.literal(3), z.literal(6)], { message: 'The window is 3 or 6 months' }),
  gpAppointments: count,
  aeAttendances: count,
});

export const saveHealthUseBody = z.object({
  entries: z.array(healthUseEntry).min(1, 'Enter at least one window').max(4),
  /** Who supplied the counts: the link worker asking the person, or the GP practice's records. */
  source: z.enum(['link_worker', 'practice']).default('link_worker'),
  /** The `version` from GET; required once any counts are stored. */
  version: z.number().int().min(0).optional(),
});

export const healthUseResponse = z.object({
  referralId: z.string(),
  reference: z.string(),
  receivedOn: z.string(),
  isObservational: z.literal(true),
  caveat: z.string(),
  version: z.number(),
  entries: z.array(
    z.object({
      period: z.enum(periods),
      windowMonths: z.number(),
      from: z.string(),
      to: z.string(),
      gpAppointments: z.number().nullable(),
      aeAttendances: z.number().nullable(),
      source: z.string(),
      updatedAt: z.string(),
    }),
  ),
});

export const importResponse = z.object({ created: z.number(), updated: z.number(), rows: z.number() });
