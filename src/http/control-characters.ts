// Control characters are refused at the door, for every route, in one place. PostgreSQL cannot
// store U+0000 in text or jsonb (the insert fails, which used to be a 500, sometimes for anonymous
// callers), and no field Linkwell keeps means anything with the other C0 controls, DEL or a lone
// UTF-16 surrogate in it. Tab, line feed and carriage return stay: notes and CSV files have them.
//
// Two doors, one rule: the validator compiler checks every request part a route has a schema for
// (so the refusal names the field like any other validation error), and a preValidation hook
// checks the parts a route parses without a schema (FHIR bodies, untyped routes).
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { AppError, type FieldError } from './errors';

// C0 controls except tab (U+0009), line feed (U+000A) and carriage return (U+000D); and DEL.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be stored, or undefined when it can. */
export function controlCharacterProblem(text: string): string | undefined {
  const control = controlCharacter.exec(text);
  if (control) {
    const codePoint = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    // A CSV file or a long note: say where, so the sender can find it.
    const line = text.slice(0, control.index).split('\n').length;
    const where = text.includes('\n') ? ` on line ${line}` : '';
    return `Contains a control character (U+${codePoint})${where}; only tab and line breaks are allowed.`;
  }
  if (loneSurrogate.test(text)) return 'Contains an invalid character (a lone UTF-16 surrogate).';
  return undefined;
}

export type ControlCharacterFinding = { path: string[]; detail: string };

/**
 * The first string (or object key) in `value` that cannot be stored, with its path. Walks with
 * an explicit stack: a deeply nested JSON body must not overflow the call stack (a 500).
 */
export function findControlCharacter(value: unknown): ControlCharacterFinding | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const detail = controlCharacterProblem(current);
      if (detail) return { path, detail };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1)
        stack.push({ value: current[index], path: [...path, String(index)] });
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      const entries = Object.entries(current as Record<string, unknown>);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, child] = entries[index]!;
        const keyProblem = controlCharacterProblem(key);
        if (keyProblem) return { path: [...path, visibleKey(key)], detail: `Its name: ${keyProblem}` };
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return undefined;
}

/** A key that itself holds control characters is named with them replaced, so logs stay readable. */
function visibleKey(key: string): string {
  return key
    .replace(new RegExp(controlCharacter, 'g'), '\uFFFD')
    .replace(new RegExp(loneSurrogate, 'g'), '\uFFFD');
}

type RequestPart = FieldError['in'];

/** Thrown by the hook; FHIR turns it into an OperationOutcome naming the element. */
export class ControlCharacterError extends AppError {
  readonly finding: ControlCharacterFinding;
  readonly part: RequestPart;
  constructor(finding: ControlCharacterFinding, part: RequestPart) {
    const field = finding.path.join('.');
    super('validation_failed', `Check these fields: ${field === '' ? part : field}.`, {
      errors: [
        {
          field,
          pointer: field === '' ? '#' : `#/${finding.path.join('/')}`,
          in: part,
          detail: finding.detail,
        },
      ],
    });
    this.finding = finding;
    this.part = part;
  }
}

/**
 * fastify-type-provider-zod's validator compiler with the control-character rule in front: the
 * refusal comes out as an ordinary validation error (400 problem+json naming the field).
 */
export const validatorCompiler: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data: unknown) => {
    const finding = findControlCharacter(data);
    if (!finding) return validate(data);
    return {
      error: [
        {
          keyword: 'control_character',
          instancePath: finding.path.map((segment) => `/${segment}`).join(''),
          schemaPath: '#',
          params: {},
          message: finding.detail,
        },
      ],
    };
  };
};

const partsWithoutSchema: { part: RequestPart; schemaKey: string; read: (r: FastifyRequest) => unknown }[] = [
  { part: 'params', schemaKey: 'params', read: (request) => request.params },
  { part: 'querystring', schemaKey: 'querystring', read: (request) => request.query },
  { part: 'body', schemaKey: 'body', read: (request) => request.body },
];

/**
 * The same rule for request parts a route has no schema for. Headers are left to Node's HTTP
 * parser, which already refuses control characters in them (answered by the client-error handler).
 */
export function refuseControlCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const schema = (request.routeOptions.schema ?? {}) as Record<string, unknown>;
    for (const { part, schemaKey, read } of partsWithoutSchema) {
      if (schema[schemaKey]) continue;
      const finding = findControlCharacter(read(request));
      if (finding) return done(new ControlCharacterError(finding, part));
    }
    done();
  });
}
