import { describe, expect, it } from 'vitest';
import { checkWebhookEndpoint } from './endpoint-rule';

describe('checkWebhookEndpoint', () => {
  it.each([
    'https://example.org/hooks',
    'https://example.org:8443/hooks?tenant=1',
    'http://localhost:3000/hooks',
    'http://127.0.0.1:54321/',
    'http://[::1]:8080/hooks',
  ])('accepts %s', (url) => {
    expect(checkWebhookEndpoint(url)).toBeUndefined();
  });

  it.each([
    ['http://example.org/hooks', /https:\/\//],
    ['http://10.0.0.5/hooks', /https:\/\//],
    ['http://localhost.example.org/hooks', /https:\/\//],
    ['ftp://example.org/hooks', /https:\/\//],
    ['file:///etc/passwd', /https:\/\//],
    ['not a url', /full URL/],
    ['https://user:secret@example.org/hooks', /user name or password/],
    ['https://example.org/hooks#part', /fragment/],
    [`https://example.org/${'a'.repeat(2000)}`, /at most/],
    ['https://10.0.0.5/hooks', /private address/],
    ['https://169.254.169.254/latest/meta-data', /link-local address/],
    ['https://[fd00::1]/hooks', /unique local/],
    ['https://[::ffff:192.168.0.1]/hooks', /private address/],
    ['https://0.0.0.0/hooks', /unspecified address/],
  ])('refuses %s', (url, reason) => {
    expect(checkWebhookEndpoint(url)).toMatch(reason);
  });

  it('refuses loopback addresses, even over https, where the deployment turns them off', () => {
    for (const url of ['http://localhost:4000/hooks', 'https://127.0.0.1/hooks', 'http://[::1]/hooks'])
      expect(checkWebhookEndpoint(url, { allowLoopback: false })).toMatch(/own machine/);
    expect(checkWebhookEndpoint('https://example.org/hooks', { allowLoopback: false })).toBeUndefined();
  });
});
