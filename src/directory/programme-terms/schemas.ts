// zod schemas for a programme's own taxonomy terms; they also generate the OpenAPI document.
import { z } from 'zod';

export const programmeParams = z.object({ programmeId: z.uuid('must be a valid id') });
export const programmeTermParams = programmeParams.extend({ termId: z.uuid('must be a valid id') });

const name = z
  .string()
  .trim()
  .min(2, 'Give a name of at least 2 characters')
  .max(80, 'Give a name of at most 80 characters');
const description = z.string().trim().max(300, 'Give a description of at most 300 characters');

export const createProgrammeTermBody = z.object({
  parentId: z.uuid('Choose the term this one sits under'),
  name,
  description: description.optional(),
});

// taxonomy_terms has no version column: the term's `updatedAt`, echoed back exactly as it was read,
// is the concurrency token. A term changed since then is refused with 409 version_conflict.
export const updateProgrammeTermBody = z
  .object({
    name: name.optional(),
    description: description.optional(),
    updatedAt: z.iso.datetime({
      offset: true,
      message: 'Send the updatedAt of the term you are changing, as you read it',
    }),
  })
  .refine((body) => body.name !== undefined || body.description !== undefined, {
    message: 'Send a new name or description',
    path: ['name'],
  });

export const programmeTermResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: z.uuid(),
  programmeId: z.uuid(),
  taxonomyId: z.uuid(),
  /** The concurrency token to echo in a PATCH. */
  updatedAt: z.string(),
});

export const programmeTermListItem = programmeTermResponse.extend({
  parentName: z.string(),
  taxonomyName: z.string(),
  /** How many directory services are tagged with it (a used term cannot be deleted). */
  serviceCount: z.number().int(),
});
