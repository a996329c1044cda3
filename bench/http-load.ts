// Load over real HTTP for the bench groups: sign in as a real user (session cookie + CSRF token)
// and drive one route with autocannon, keeping every response time (autocannon has no p95).
import autocannon from 'autocannon';
import { percentile } from './report';

export type Session = { cookie: string; csrfToken: string };

export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const text = await response.text();
  const cookie = /lw_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (response.status !== 200 || !cookie)
    throw new Error(`Signing in failed: ${response.status} ${text.slice(0, 300)}`);
  return { cookie: `lw_session=${cookie}`, csrfToken: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  responses: number;
  /** Non-2xx answers, connection errors and timeouts: any of them makes the figures invalid. */
  failed: number;
  /** The first failed answer's status and body, to say why. */
  firstFailure?: string;
};

/**
 * `request(i)` gives the i-th request (path, and for writes method/body/headers); the session's
 * cookie and CSRF token are added to each.
 */
export async function runHttpLoad(options: {
  baseUrl: string;
  session: Session;
  connections: number;
  seconds: number;
  request: (index: number) => {
    path: string;
    method?: 'GET' | 'POST';
    body?: unknown;
    headers?: Record<string, string>;
  };
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let firstFailure: string | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        duration: options.seconds,
        headers: {
          cookie: options.session.cookie,
          'x-csrf-token': options.session.csrfToken,
          'content-type': 'application/json',
        },
        requests: [
          {
            setupRequest: (request) => {
              const spec = options.request(next++);
              return {
                ...request,
                path: spec.path,
                method: spec.method ?? 'GET',
                headers: { ...request.headers, ...spec.headers },
                ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
              };
            },
            onResponse: (status, body) => {
              if (status >= 300 && !firstFailure) firstFailure = `${status} ${String(body).slice(0, 300)}`;
            },
          },
        ],
      },
      (error, finished) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    responses: latencies.length,
    // autocannon counts a timeout in `errors` as well as in `timeouts`.
    failed: result.non2xx + result.errors,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

/** Sequential requests, one at a time: what one user waits for a page's data. */
export async function timeSequentialGets(options: {
  baseUrl: string;
  session: Session;
  paths: string[];
}): Promise<{ p50: number; p95: number; failed: number }> {
  const times: number[] = [];
  let failed = 0;
  for (const path of options.paths) {
    const started = performance.now();
    const response = await fetch(options.baseUrl + path, { headers: { cookie: options.session.cookie } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) failed++;
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), failed };
}
