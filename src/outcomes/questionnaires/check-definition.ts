// Turns what a coordinator built into a checked instrument definition. The instruments' schema does
// the checking (the same one the built-ins pass), and each of its problems becomes a field error
// under `definition.` so the builder can show it beside the question it is about.
import { isDeepStrictEqual } from 'node:util';
import { AppError, type FieldError } from '../../http/errors';
import { findBuiltInInstrument, parseInstrumentDefinition, type InstrumentDefinition } from '../instruments';

/** Programme-built questionnaires are the programme's own words, so no outside licence applies. */
const programmeLicence = {
  note: 'Written by the programme for its own use.',
  wordingSuppliedByProgramme: false,
};

function definitionFieldError(path: string, detail: string): FieldError {
  const field = path === '' ? 'definition' : `definition.${path}`;
  return { field, pointer: `#/${field.split('.').join('/')}`, in: 'body', detail };
}

/** Checks a submitted definition; `version` is Linkwell's to set, never the sender's. */
export function checkDefinition(input: Record<string, unknown>, version: string): InstrumentDefinition {
  const parsed = parseInstrumentDefinition({ licence: programmeLicence, ...input, version });
  if (parsed.ok) return parsed.definition;
  const errors = parsed.problems.map((problem) => definitionFieldError(problem.path, problem.message));
  throw new AppError(
    'validation_failed',
    `The questionnaire has ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors[0]!.detail}`,
    { errors },
  );
}

/** A built-in instrument's key would make stored measures ambiguous, so it is refused. */
export function assertNotBuiltInKey(key: string): void {
  if (findBuiltInInstrument(key))
    throw keyConflict(`“${key}” is the key of a built-in questionnaire. Choose another key.`);
}

export function keyConflict(detail: string): AppError {
  return new AppError('conflict', detail, { errors: [definitionFieldError('key', detail)] });
}

/** Whether two definitions differ in anything but their version (JSON round trip drops undefined). */
export function hasDefinitionChanged(stored: unknown, next: InstrumentDefinition): boolean {
  const comparable = (definition: unknown) => {
    const { version: _version, ...rest } = JSON.parse(JSON.stringify(definition)) as Record<string, unknown>;
    return rest;
  };
  return !isDeepStrictEqual(comparable(stored), comparable(next));
}

/** "1" → "2". Definitions built here always carry a whole-number version. */
export function nextDefinitionVersion(current: unknown): string {
  const number = Number.parseInt(String(current), 10);
  return String(Number.isFinite(number) ? number + 1 : 1);
}
