// The connect-time address check, through real sockets and undici on 127.0.0.1; only the name
// resolution is supplied, so that "hooks.example" can point wherever each case needs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, fetch } from 'undici';
import { addressRefusal, guardedLookup } from './address-guard';

describe('addressRefusal', () => {
  it.each(['93.184.215.14', '2a00:1450:4009:81f::200e', '8.8.8.8'])('allows public %s', (address) => {
    expect(addressRefusal(address, { allowLoopback: false })).toBeUndefined();
  });

  it.each([
    ['10.0.0.5', /private/],
    ['172.16.3.4', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['0.0.0.0', /unspecified/],
    ['fd12:3456::1', /unique local/],
    ['fe80::1', /link-local/],
    ['::ffff:10.0.0.1', /private/],
    ['224.0.0.1', /multicast/],
  ])('refuses %s', (address, reason) => {
    expect(addressRefusal(address, { allowLoopback: true })).toMatch(reason);
  });

  it('allows loopback only where the deployment does', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(addressRefusal(address, { allowLoopback: true })).toBeUndefined();
      expect(addressRefusal(address, { allowLoopback: false })).toMatch(/loopback/);
    }
  });
});

describe('guardedLookup', () => {
  let server: http.Server;
  let port: number;
  let requests = 0;
  beforeAll(async () => {
    server = http.createServer((_request, response) => {
      requests++;
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const resolvingTo =
    (...addresses: string[]) =>
    (_hostname: string, _options: unknown, callback: (error: null, addresses: LookupAddress[]) => void) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );

  const get = (lookup: ReturnType<typeof guardedLookup>) =>
    fetch(`http://hooks.example:${port}/`, { dispatcher: new Agent({ connect: { lookup } }) });

  it('connects when the name resolves to an allowed address', async () => {
    const before = requests;
    const response = await get(guardedLookup({ allowLoopback: true, resolve: resolvingTo('127.0.0.1') }));
    expect(await response.text()).toBe('ok');
    expect(requests).toBe(before + 1);
  });

  it('refuses before connecting when the name resolves inside the network', async () => {
    const before = requests;
    for (const lookup of [
      guardedLookup({ allowLoopback: false, resolve: resolvingTo('127.0.0.1') }),
      // One bad address among good ones is enough: the connection could use any of them.
      guardedLookup({ allowLoopback: true, resolve: resolvingTo('127.0.0.1', '10.1.2.3') }),
    ]) {
      const failure = await get(lookup).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      const cause = (failure as { cause?: NodeJS.ErrnoException }).cause;
      expect(cause?.code).toBe('EWEBHOOKADDRESS');
      expect(cause?.message).toMatch(/hooks\.example resolves to .*(loopback|private)/);
    }
    expect(requests).toBe(before);
  });

  it('passes on resolution errors unchanged', async () => {
    const lookup = guardedLookup({
      allowLoopback: true,
      resolve: (_hostname, _options, callback) =>
        callback(Object.assign(new Error('getaddrinfo ENOTFOUND hooks.example'), { code: 'ENOTFOUND' }), []),
    });
    const failure = await get(lookup).catch((error: unknown) => error);
    expect((failure as { cause?: NodeJS.ErrnoException }).cause?.code).toBe('ENOTFOUND');
  });
});
