// Errors raised before a request reaches a route: Node's HTTP parser (headers over the size limit,
// malformed request lines, control characters in headers) and Fastify's router (bad percent-encoding,
// an overlong path parameter). They are answered like every other error: problem+json with the
// security headers helmet gives every other answer. Parser errors also close the connection: the
// parser has stopped and the rest of what the client sent on that socket cannot be read, so a
// client that kept the socket alive must be told to open a new one (Connection: close).
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, problemCodes, sendProblem, type ProblemCode } from './errors';

// The response headers helmet sets (and only those); which of them are sent depends on its options.
const helmetHeaderNames = [
  'content-security-policy',
  'content-security-policy-report-only',
  'cross-origin-embedder-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

const probes = new WeakMap<FastifyInstance, Promise<Record<string, string>>>();

/**
 * The security headers of this app, read once from a real answer (GET /health/live, which touches
 * nothing) so they always match helmet's options as configured in app.ts, whatever they become.
 */
export function securityHeadersOf(app: FastifyInstance): Promise<Record<string, string>> {
  let probe = probes.get(app);
  if (!probe) {
    probe = app.inject({ method: 'GET', url: '/health/live' }).then((response) => {
      const headers: Record<string, string> = {};
      for (const name of helmetHeaderNames) {
        const value = response.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      return headers;
    });
    probes.set(app, probe);
  }
  return probe;
}

const parserErrors: Record<string, { code: ProblemCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    code: 'header_fields_too_large',
    detail: 'The request line and headers are over 16 KB. Send a shorter address or fewer cookies.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    code: 'request_timeout',
    detail: 'The request took too long to arrive.',
  },
};

/** Fastify's clientErrorHandler: a whole HTTP/1.1 response written on the socket, then closed. */
export function answerClientError(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  // The client went away: nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = parserErrors[error.code ?? ''] ?? {
    code: 'malformed_request' as const,
    detail: 'The request could not be read as HTTP (for example, a control character in a header).',
  };
  const { status, title } = problemCodes[known.code];
  const requestId = randomUUID();
  this.log.info({ err: error, requestId }, 'client error');
  const body = JSON.stringify({
    type: `/problems/${known.code.replaceAll('_', '-')}`,
    title,
    status,
    detail: known.detail,
    code: known.code,
    requestId,
  });
  const write = (security: Record<string, string>) => {
    if (!socket.writable) return socket.destroy();
    const headers = {
      ...security,
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      'x-request-id': requestId,
      connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${title}\r\n${head}\r\n${body}`, () => socket.destroy());
  };
  securityHeadersOf(this).then(write, () => write({}));
}

const routerErrors: Record<string, { code: ProblemCode; detail: (error: FastifyError) => string }> = {
  FST_ERR_BAD_URL: {
    code: 'malformed_request',
    detail: () => 'The address has invalid percent-encoding (a % must be followed by two hex digits).',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'uri_too_long',
    detail: () => 'A part of the address is too long to be an id or a name we know.',
  },
};

/** Fastify's frameworkErrors: router errors, answered before any hook (so helmet's) has run. */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = routerErrors[error.code];
  const appError = known
    ? new AppError(known.code, known.detail(error))
    : new AppError('internal_error', `An unexpected error occurred. Quote reference ${request.id}.`);
  if (!known) request.log.error({ err: error, requestId: request.id }, 'framework error');
  const send = (security: Record<string, string>) => {
    void reply.headers({ ...security, 'x-request-id': request.id, 'cache-control': 'no-store' });
    void sendProblem(request, reply, appError);
  };
  securityHeadersOf(request.server).then(send, () => send({}));
}
