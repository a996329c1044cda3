// Small zod building blocks shared by routes: ids, paging, versions.
import { z } from 'zod';
import { controlCharacterProblem } from './control-characters';
import { AppError } from './errors';

export const idParams = z.object({ id: z.uuid('must be a valid id') });

/**
 * A string without control characters: the rule the validator compiler applies to every request
 * (src/http/control-characters.ts), for schemas parsed outside a request (imports, feeds).
 */
export const plainText = z.string().superRefine((text, context) => {
  const problem = controlCharacterProblem(text);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

/** Every update names the version it was based on, so a stale edit is refused rather than merged. */
export const versionField = z
  .number({ message: 'Send the version of the record you are changing' })
  .int()
  .positive();

export const problemResponse = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
  })
  .passthrough();

export function versionConflict(what: string, currentVersion: number): AppError {
  return new AppError(
    'version_conflict',
    `This ${what} was changed by someone else since you opened it (it is now at version ${currentVersion}). ` +
      'Reload it and make your change again.',
    { extra: { currentVersion } },
  );
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
