// The one way the web app talks to the server. Same-origin fetch with the session cookie, the
// session's CSRF token on every write, and problem+json errors turned into ApiError so forms can
// show each message next to its field.

/** One invalid field, as the server reports it (RFC 9457 problem `errors`). */
export type FieldProblem = { field: string; pointer?: string; in?: string; detail: string };

export type Problem = {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: FieldProblem[];
  /** On a 409 invalid_transition: the state the record is in now. */
  currentStatus?: string;
  [extra: string]: unknown;
};

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** Field errors keyed by the top-level field name (`areas.2` counts as `areas`); first message wins. */
  get fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const field = error.field.split('.')[0] ?? '';
      if (field && !(field in result)) result[field] = error.detail;
    }
    return result;
  }
}

/** Thrown when the server cannot be reached at all (offline, server down). */
export const networkProblem = (): Problem => ({
  title: 'network',
  status: 0,
  code: 'network_error',
});

type Listener = () => void;

let csrfToken: string | undefined;
const unauthenticatedListeners = new Set<Listener>();

/** The session's CSRF token, learned from sign-in and GET /api/session. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session ended (expired, signed out elsewhere). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type QueryValue = string | number | boolean | undefined | null;

export type RequestOptions = {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Extra request headers, e.g. an `Idempotency-Key` that makes a create safe to retry. */
  headers?: Record<string, string>;
  /** Do not tell listeners about a 401 (the session probe and sign-in steps expect one). */
  isUnauthenticatedExpected?: boolean;
};

export function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...options.headers,
  };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(networkProblem());
  }
}

async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    if (parsed && typeof parsed === 'object') {
      return {
        ...parsed,
        title: parsed.title ?? response.statusText,
        // The HTTP status is the truth; a body's `status` once carried a record's state instead.
        status: response.status,
      };
    }
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall through to a plain problem.
  }
  return { title: response.statusText || 'Error', status: response.status };
}

async function refreshCsrfToken(): Promise<void> {
  const response = await fetch('/api/session', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) return;
  const body = (await response.json()) as { csrfToken?: string };
  csrfToken = body.csrfToken;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  // A write with a session cookie but no token yet (e.g. after a reload) needs the token first.
  if (method !== 'GET' && !csrfToken) await refreshCsrfToken().catch(() => undefined);
  let response = await send(method, path, options);
  if (response.status === 403 && method !== 'GET') {
    // The token may be stale (a new session started in another tab): fetch it again and retry once.
    const problem = await readProblem(response.clone());
    if (problem.code === 'csrf_failed') {
      await refreshCsrfToken().catch(() => undefined);
      response = await send(method, path, options);
    }
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !options.isUnauthenticatedExpected) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
