// One error type with a closed set of codes, and one wire format: RFC 9457 problem+json.
// Domain code throws AppError; the HTTP layer (installErrorHandler) turns anything thrown into a
// problem document. Unknown errors are logged with the request id and answered as a generic 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export const problemCodes = {
  validation_failed: { status: 400, title: 'Your request has errors' },
  malformed_request: { status: 400, title: 'The request could not be read' },
  unauthenticated: { status: 401, title: 'You need to sign in' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  csrf_failed: { status: 403, title: 'The form has expired or did not come from Linkwell' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  version_conflict: { status: 409, title: 'Someone else changed this record first' },
  conflict: { status: 409, title: 'This conflicts with an existing record' },
  invalid_transition: { status: 409, title: 'This step is not possible from the record’s current state' },
  request_timeout: { status: 408, title: 'The request took too long' },
  gone: { status: 410, title: 'This link can no longer be used' },
  idempotency_key_reused: { status: 422, title: 'The Idempotency-Key was used for a different request' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  uri_too_long: { status: 414, title: 'The address is too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  account_locked: { status: 423, title: 'The account is temporarily locked' },
  precondition_required: { status: 428, title: 'A version is required to change this record' },
  rate_limited: { status: 429, title: 'Too many requests' },
  header_fields_too_large: { status: 431, title: 'The request headers are too large' },
  internal_error: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ProblemCode = keyof typeof problemCodes;

/** One invalid field: `field` is the dotted path, `pointer` the JSON pointer (RFC 9457 §3). */
export type FieldError = {
  field: string;
  pointer: string;
  in: 'body' | 'querystring' | 'params' | 'headers';
  detail: string;
};

export class AppError extends Error {
  readonly code: ProblemCode;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ProblemCode,
    detail?: string,
    options: { errors?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(detail ?? problemCodes[code].title);
    this.code = code;
    this.errors = options.errors;
    this.extra = options.extra;
  }

  get status(): number {
    return problemCodes[this.code].status;
  }
}

export const notFound = (what = 'The record'): AppError =>
  new AppError('not_found', `${what} was not found.`);
export const forbidden = (detail: string): AppError => new AppError('forbidden', detail);

/** A 400 naming one field: for checks that zod cannot express (e.g. uniqueness, cross-field rules). */
export function invalidField(field: string, detail: string, location: FieldError['in'] = 'body'): AppError {
  return new AppError('validation_failed', detail, {
    errors: [{ field, pointer: toPointer(field), in: location, detail }],
  });
}

/** A 400 naming several fields at once, so a form shows every problem in one go. */
export function invalidFields(errors: { field: string; detail: string }[]): AppError {
  return new AppError('validation_failed', errors[0]?.detail, {
    errors: errors.map(({ field, detail }) => ({
      field,
      pointer: toPointer(field),
      in: 'body' as const,
      detail,
    })),
  });
}

function toPointer(field: string): string {
  return field === '' ? '#' : `#/${field.split('.').join('/')}`;
}

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  requestId: string;
  errors?: FieldError[];
  [extra: string]: unknown;
};

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const status = error.status;
  const body: ProblemDocument = {
    // Extensions first: RFC 9457 reserves type/title/status/detail/instance, so an extension can
    // never overwrite them (a record's state once went out as "status": "completed" on a 409).
    ...error.extra,
    type: `/problems/${error.code.replaceAll('_', '-')}`,
    title: problemCodes[error.code].title,
    status,
    detail: error.message,
    instance: request.url,
    code: error.code,
    requestId: request.id,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
}

const fastifyCodeMap: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_request',
};

function fromValidation(error: FastifyError): AppError {
  const location = error.validationContext ?? 'body';
  const errors: FieldError[] = (error.validation ?? []).map((issue) => {
    const segments = issue.instancePath.split('/').filter(Boolean);
    const missing = (issue.params as { missingProperty?: string } | undefined)?.missingProperty;
    if (missing) segments.push(missing);
    const field = segments.join('.');
    return { field, pointer: toPointer(field), in: location, detail: issue.message ?? 'is invalid' };
  });
  const named = errors.map((e) => (e.field === '' ? location : e.field)).join(', ');
  return new AppError('validation_failed', `Check these fields: ${named}.`, { errors });
}

/** PostgreSQL constraint errors (possibly wrapped by the query builder) that callers caused. */
function fromDatabaseConstraint(error: unknown): AppError | undefined {
  const candidate = error as {
    code?: string;
    constraint?: string;
    cause?: { code?: string; constraint?: string };
  };
  const code = candidate.cause?.code ?? candidate.code;
  const constraint = candidate.cause?.constraint ?? candidate.constraint;
  if (code === '23505') {
    return new AppError('conflict', 'A record with these details already exists.', { extra: { constraint } });
  }
  if (code === '23503') {
    return new AppError('validation_failed', 'The request refers to a record that does not exist.', {
      extra: { constraint },
    });
  }
  return undefined;
}

/** Turns anything thrown into a problem document; only truly unknown errors become a 500. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const constraintError = fromDatabaseConstraint(error);
  if (constraintError) return constraintError;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error) || fastifyError.validation)
    return fromValidation(fastifyError);
  if (fastifyError.code && fastifyCodeMap[fastifyError.code]) {
    return new AppError(fastifyCodeMap[fastifyError.code]!, fastifyError.message);
  }
  if (fastifyError.statusCode === 429) return new AppError('rate_limited', fastifyError.message);
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError(
      fastifyError.statusCode === 404 ? 'not_found' : 'malformed_request',
      fastifyError.message,
    );
  }
  return undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const known = toAppError(error);
    if (known) return sendProblem(request, reply, known);
    request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    return sendProblem(
      request,
      reply,
      new AppError(
        'internal_error',
        `An unexpected error occurred. Quote reference ${request.id} if you report it.`,
      ),
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new AppError('not_found', `Nothing is at ${request.method} ${request.url}.`)),
  );
}
