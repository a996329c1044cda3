// Platform hardening ("Trust" issue, defects 9–12): the development mailbox refuses foreign Host
// names (DNS rebinding), the password policy, locked accounts that look like wrong passwords, and
// the https-only security headers. The database role and lockfile tests live beside them.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { HttpClient } from './support/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** fetch() will not send a Host header of our choosing, so this asks with node:http. */
function getWithHost(
  baseUrl: string,
  path: string,
  host: string,
): Promise<{ status: number; contentType: string; body: Record<string, unknown> }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? '',
            body: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('development mailbox and DNS rebinding', () => {
  it('refuses a request whose Host is not this server, even on loopback', async () => {
    for (const path of ['/api/dev/notifications', '/api/dev/mailbox']) {
      for (const host of ['attacker.example', `attacker.example:${new URL(t.baseUrl).port}`, '127.0.0.1:1']) {
        const response = await getWithHost(t.baseUrl, path, host);
        expect(response.status, `${path} with Host ${host}`).toBe(403);
        expect(response.contentType).toContain('application/problem+json');
        expect(response.body.code).toBe('forbidden');
      }
    }
  });

  it('still answers at localhost, 127.0.0.1, [::1] with its port and at the public URL', async () => {
    const port = new URL(t.baseUrl).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'linkwell.test']) {
      const response = await getWithHost(t.baseUrl, '/api/dev/notifications', host);
      expect(response.status, host).toBe(200);
      expect(await getWithHost(t.baseUrl, '/api/dev/mailbox', host)).toMatchObject({ body: { open: true } });
    }
    expect((await new HttpClient(t.baseUrl).get('/api/dev/mailbox')).body).toEqual({ open: true });
  });
});
