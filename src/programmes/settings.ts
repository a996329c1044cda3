// A programme's settings: stored as JSON on the programme, read through this schema so a missing
// or old value falls back to the default here (rows written before a setting existed keep working).
import { z } from 'zod';

export const programmeSettingsSchema = z.object({
  /** Providers' directory edits wait for a curator's approval. */
  directoryEditsNeedApproval: z.boolean().default(true),
  /** First contact with a referred person is due within this many working days of acceptance. */
  firstContactWorkingDays: z.number().int().min(1).max(30).default(5),
  /** The follow-up call after the plan is made, in weeks. */
  followUpWeeks: z.number().int().min(1).max(52).default(8),
  /** Review measures are due this many weeks after assessment. */
  reviewWeeks: z.number().int().min(1).max(52).default(12),
  /** Optional follow-up measures, this many months after a completed case closed (6, 12 or both). */
  followUpMeasureMonths: z
    .array(z.union([z.literal(6), z.literal(12)]))
    .max(2)
    .refine((months) => new Set(months).size === months.length, 'List each follow-up once')
    .default([]),
  /** A provider should answer an onward referral within this many working days; then it is nudged. */
  providerResponseWorkingDays: z.number().int().min(1).max(60).default(10),
  /** An onward referral still unanswered this many working days after the nudge expires. */
  expireAfterNudgeWorkingDays: z.number().int().min(1).max(30).default(5),
  /** After this many failed contact attempts in a row the case may be closed as unable to contact. */
  maxFailedContactAttempts: z.number().int().min(1).max(10).default(3),
  /** Directory entries not confirmed for this many days are flagged as unverified. */
  staleAfterDays: z.number().int().min(30).max(730).default(182),
});

export type ProgrammeSettings = z.infer<typeof programmeSettingsSchema>;

/** Reads stored settings leniently: a value that no longer validates falls back to its default. */
export function readProgrammeSettings(stored: unknown): ProgrammeSettings {
  const source = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const defaults = programmeSettingsSchema.parse({});
  const settings: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(programmeSettingsSchema.shape) as (keyof ProgrammeSettings)[]) {
    const parsed = programmeSettingsSchema.shape[key].safeParse(source[key]);
    if (parsed.success && source[key] !== undefined) settings[key] = parsed.data;
  }
  return settings as ProgrammeSettings;
}
