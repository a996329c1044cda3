// Where a webhook may connect, by IP address. The endpoint rule checks the URL a subscriber gives;
// a public-looking host name can still resolve to an address inside our network (or be re-pointed
// there after the check: DNS rebinding), so the address is checked again when connecting.
import dns from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

const rangeWords: Record<string, string> = {
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  multicast: 'a multicast',
  linkLocal: 'a link-local',
  loopback: 'a loopback',
  carrierGradeNat: 'a carrier-grade NAT',
  private: 'a private',
  uniqueLocal: 'a private (unique local)',
  reserved: 'a reserved',
};

/** An IP address literal (IPv6 without brackets), or undefined for a host name. */
export function parseIpAddress(host: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(bare)) return undefined;
  const parsed = ipaddr.parse(bare);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address inside.
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

/**
 * Why webhooks may not be sent to `address`, or undefined when they may: public unicast only,
 * plus loopback where the deployment allows it (a developer's or a test's own receiver).
 */
export function addressRefusal(address: string, options: { allowLoopback: boolean }): string | undefined {
  const parsed = parseIpAddress(address);
  if (!parsed) return `${address} is not an IP address`;
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  if (range === 'loopback' && options.allowLoopback) return undefined;
  return `${address} is ${rangeWords[range] ?? `a ${range}`} address`;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
type LookupAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net/tls connections that resolves as usual, then refuses the connection when any
 * address the name resolves to may not receive webhooks. Node asks for one address or for all
 * (happy eyeballs); both are answered.
 */
export function guardedLookup(options: { allowLoopback: boolean; resolve?: LookupAll }) {
  const resolve: LookupAll =
    options.resolve ?? ((hostname, lookupOptions, callback) => dns.lookup(hostname, lookupOptions, callback));
  return (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses
        .map((entry) => addressRefusal(entry.address, options))
        .find((reason) => reason !== undefined);
      if (refused || addresses.length === 0) {
        const refusal: NodeJS.ErrnoException = new Error(
          `Not sent: ${hostname} resolves to ${refused ?? 'no address'}; webhooks go to public addresses only.`,
        );
        refusal.code = 'EWEBHOOKADDRESS';
        return callback(refusal, []);
      }
      if (lookupOptions.all) return callback(null, addresses);
      const [first] = addresses;
      callback(null, first!.address, first!.family);
    });
  };
}
