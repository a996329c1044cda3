// Who may read the development mailbox. It holds password-reset and invitation links, so reading
// it is as good as taking over the accounts in it. Open to anyone only in local development: the
// server listens on loopback only and the request did not come through a reverse proxy (a proxy on
// the same machine would otherwise expose a loopback-only server to the world). Otherwise only a
// platform admin, as for the outbox itself.
import type { IncomingHttpHeaders } from 'node:http';
import type { Actor } from '../access/actor';
import { authorise, decide } from '../access/policy';

export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const ipv4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4);
}

const proxyHeaders = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'] as const;

export function isLocalDevelopmentRequest(serverHost: string, headers: IncomingHttpHeaders): boolean {
  return isLoopbackHost(serverHost) && !proxyHeaders.some((name) => headers[name] !== undefined);
}

/** The names a browser uses for this server on this machine; any port is checked separately. */
const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether the Host header names this server: the public URL's host, or localhost, 127.0.0.1 or
 * [::1] with the port the request arrived on. A loopback-only server is still reachable from a web
 * page through DNS rebinding (attacker.example resolving to 127.0.0.1), but the browser then sends
 * `Host: attacker.example`, which this refuses.
 */
export function isExpectedHost(
  hostHeader: string | undefined,
  server: { publicUrl: string; localPort: number },
): boolean {
  if (!hostHeader) return false;
  let requested: URL;
  try {
    requested = new URL(`http://${hostHeader.trim()}`);
  } catch {
    return false;
  }
  // Anything after the host (user info, a path) means the header is not a plain host[:port].
  if (requested.username || requested.password || requested.pathname !== '/') return false;
  const name = requested.hostname.toLowerCase();
  const port = requested.port === '' ? 80 : Number(requested.port);
  const publicUrl = new URL(server.publicUrl);
  const publicPort =
    publicUrl.port === '' ? (publicUrl.protocol === 'https:' ? 443 : 80) : Number(publicUrl.port);
  if (name === publicUrl.hostname.toLowerCase() && (port === publicPort || requested.port === ''))
    return true;
  return loopbackNames.has(name) && port === server.localPort;
}

/** Throws 401/403 unless the actor may read the development mailbox. */
export function authoriseMailboxRead(actor: Actor, serverHost: string, headers: IncomingHttpHeaders): void {
  if (isLocalDevelopmentRequest(serverHost, headers)) return;
  authorise(actor, 'read', { kind: 'notification_outbox' });
}

/** The same rule as a yes/no, for the web app's footer link. */
export function mayReadMailbox(actor: Actor, serverHost: string, headers: IncomingHttpHeaders): boolean {
  return (
    isLocalDevelopmentRequest(serverHost, headers) ||
    decide(actor, 'read', { kind: 'notification_outbox' }).allowed
  );
}
