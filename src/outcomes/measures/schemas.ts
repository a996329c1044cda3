// Zod schemas for recording measures and self-completion links: they validate input and generate
// the OpenAPI document (tag "outcomes").
import { z } from 'zod';
import { versionField } from '../../http/schemas';
import { measureLinkChannels } from '../../vocabulary/outcomes';
import { timepoints } from '../timepoints';

const instrumentKey = z.string().trim().min(1, 'Choose a questionnaire').max(100);
const answerValue = z
  .number({ message: 'Give the answer as a number, or null when not answered' })
  .nullable();
/** itemId → the value chosen; null means the question was not answered. */
const answers = z.record(z.string().max(100), answerValue);
const calendarDate = z.iso.date({ message: 'Give the date as YYYY-MM-DD' });

export const measureParams = z.object({
  id: z.uuid('must be a valid id'),
  measureId: z.uuid('must be a valid id'),
});
export const linkParams = z.object({
  id: z.uuid('must be a valid id'),
  linkId: z.uuid('must be a valid id'),
});
// Any string: an unknown and a malformed token get the same 404, so neither is told apart.
export const tokenParams = z.object({ token: z.string().max(200) });

export const recordMeasureBody = z.object({
  instrumentKey,
  timepoint: z.enum(timepoints),
  completedOn: calendarDate,
  answers,
});

export const correctMeasureBody = z.object({
  completedOn: calendarDate.optional(),
  answers,
  version: versionField,
});

const band = z.object({ key: z.string(), label: z.string() }).nullable();

export const measureResponse = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  personId: z.uuid(),
  instrument: z.object({
    key: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    version: z.string(),
  }),
  timepoint: z.enum(timepoints),
  timepointLabel: z.string(),
  completedOn: z.string(),
  source: z.string(),
  answers: z.record(z.string(), z.number().nullable()),
  score: z.object({
    items: z.array(z.object({ itemId: z.string(), label: z.string(), value: z.number().nullable(), band })),
    rawTotal: z.number().nullable(),
    metricScore: z.number().nullable(),
    band,
    isComplete: z.boolean(),
    prorated: z.boolean(),
    notScoredBecause: z.string().nullable(),
  }),
  meaning: z.array(z.string()),
  changeSinceBaseline: z
    .array(
      z.object({
        itemId: z.string().nullable(),
        label: z.string(),
        before: z.number().nullable(),
        after: z.number().nullable(),
        difference: z.number().nullable(),
        kind: z.enum(['improved', 'declined', 'no_meaningful_change', 'not_comparable']),
        text: z.string(),
      }),
    )
    .nullable(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

export const measureListResponse = z.object({ items: z.array(measureResponse) });

const answerOption = z.object({ value: z.number(), label: z.string() });

export const instrumentResponse = z.object({
  key: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  version: z.string(),
  description: z.string().nullable(),
  recallPeriod: z.string().nullable(),
  source: z.enum(['built_in', 'programme']),
  licence: z.object({
    note: z.string(),
    copyright: z.string().nullable(),
    attribution: z.string().nullable(),
    wordingSuppliedByProgramme: z.boolean(),
  }),
  scoringMethod: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      number: z.number().nullable(),
      label: z.string(),
      question: z.string().nullable(),
      response: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('options'), options: z.array(answerOption) }),
        z.object({
          kind: z.literal('scale'),
          min: z.number(),
          max: z.number(),
          anchors: z.array(answerOption),
        }),
      ]),
    }),
  ),
});

export const instrumentListResponse = z.object({ items: z.array(instrumentResponse) });

export const createLinkBody = z.object({
  instrumentKeys: z.array(instrumentKey).min(1, 'Choose at least one questionnaire').max(6),
  timepoint: z.enum(timepoints),
  channel: z.enum(measureLinkChannels),
});

export const linkResponse = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  instrumentKeys: z.array(z.string()),
  timepoint: z.enum(timepoints),
  channel: z.enum(measureLinkChannels),
  status: z.enum(['active', 'used', 'expired', 'revoked']),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const linkListResponse = z.object({ items: z.array(linkResponse) });

export const publicLinkResponse = z.object({
  programmeName: z.string(),
  firstName: z.string(),
  timepoint: z.enum(timepoints),
  expiresAt: z.string(),
  instruments: z.array(instrumentResponse),
});

export const publicSubmitBody = z.object({
  /** instrumentKey → { itemId → value | null } for every questionnaire the link asks for. */
  answers: z.record(z.string().max(100), answers),
});

export const publicSubmitResponse = z.object({
  recorded: z.array(z.object({ instrumentKey: z.string(), name: z.string() })),
  message: z.string(),
});
