import { describe, expect, it } from 'vitest';
import { isLocalDevelopmentRequest, isLoopbackHost } from './policies';

describe('development mailbox access', () => {
  it('recognises loopback hosts', () => {
    for (const host of [
      '127.0.0.1',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
      '127.1.2.3',
      '::ffff:127.0.0.1',
      'app.localhost',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('treats every-interface and real addresses as not loopback', () => {
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.5',
      'linkwell.example.org',
      '128.0.0.1',
      'localhost.example.org',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('does not count a request relayed by a reverse proxy as local development', () => {
    expect(isLocalDevelopmentRequest('127.0.0.1', {})).toBe(true);
    expect(isLocalDevelopmentRequest('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(false);
    expect(isLocalDevelopmentRequest('127.0.0.1', { forwarded: 'for=203.0.113.9' })).toBe(false);
    expect(isLocalDevelopmentRequest('0.0.0.0', {})).toBe(false);
  });
});
