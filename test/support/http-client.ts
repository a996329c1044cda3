// A tiny HTTP client for tests that behaves like the web app: keeps the session cookie and sends
// the CSRF token on writes. Responses are returned whole so tests can assert status and body.
export type TestResponse<T = any> = { status: number; headers: Headers; body: T };

export class HttpClient {
  cookie: string | undefined;
  csrfToken: string | undefined;
  bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; rawBody?: string; withCsrf?: boolean } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET' && options.withCsrf !== false)
      headers['x-csrf-token'] = this.csrfToken;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const match = /lw_session=([^;]*)/.exec(setCookie);
      if (match) this.cookie = match[1] ? `lw_session=${match[1]}` : undefined;
    }
    const text = await response.text();
    let parsed: unknown = text;
    const type = response.headers.get('content-type') ?? '';
    if (text && type.includes('json')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { headers });
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { body: body ?? {}, headers });
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, { body: body ?? {}, headers });
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, { body: body ?? {}, headers });
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, { headers });
  }

  /** Signs in with a password (and TOTP code when given) and remembers the CSRF token. */
  async signIn(email: string, password: string, totpCode?: string): Promise<TestResponse> {
    const login = await this.post('/api/auth/login', { email, password });
    if (login.status !== 200) return login;
    if (login.body.status === 'totp_required') {
      if (!totpCode) return login;
      const step = await this.post(
        '/api/auth/totp',
        { code: totpCode },
        { 'x-csrf-token': login.body.csrfToken },
      );
      if (step.status !== 200) return step;
    }
    const session = await this.get('/api/session');
    this.csrfToken = session.body.csrfToken;
    return session;
  }
}
