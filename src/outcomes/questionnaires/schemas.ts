// Request and response shapes for programme-built questionnaires. The definition itself is checked
// by the instruments' own schema (../instruments/definition.ts) inside the operation, so that its
// plain-words messages reach the coordinator as field errors ("definition.items.2.response.options").
import { z } from 'zod';
import { versionField } from '../../http/schemas';

export const programmeParams = z.object({ id: z.uuid('must be a valid id') });
export const questionnaireParams = z.object({
  id: z.uuid('must be a valid id'),
  qid: z.uuid('must be a valid id'),
});

const definitionInput = z
  .record(z.string(), z.unknown(), { message: 'Send the questionnaire definition as an object' })
  .describe(
    'An instrument definition (key, name, items, scoring, missingItems, direction, optional meaningfulChange). ' +
      'Linkwell sets `version` (bumped on every change) and fills `licence` when it is left out.',
  );

export const createQuestionnaireBody = z.object({ definition: definitionInput });
export const updateQuestionnaireBody = z.object({ definition: definitionInput, version: versionField });
export const archiveQuestionnaireBody = z.object({ version: versionField });

export const questionnaireResponse = z.object({
  id: z.string(),
  programmeId: z.string(),
  key: z.string(),
  name: z.string(),
  definition: z.record(z.string(), z.unknown()),
  isArchived: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const questionnaireListResponse = z.object({ items: z.array(questionnaireResponse) });
