// Where Linkwell may send webhooks. A subscriber chooses the URL, so without a rule a subscription
// could make Linkwell call into its own network (SSRF). Only https:// is allowed, plus plain http
// to the loopback names a developer or a test receiver uses on their own machine. Addresses inside
// a network are refused here when written in the URL, and when a name resolves to one at connect
// time (address-guard.ts).
import { addressRefusal, parseIpAddress } from './address-guard';

const loopbackHosts: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Longest endpoint accepted: a URL, not a place to smuggle data. */
export const maxEndpointLength = 2000;

/**
 * Why `url` may not receive webhooks, or undefined when it may. Shared by the provider webhook API
 * and FHIR Subscriptions (channel.endpoint), and checked again by the worker before each send.
 */
export function checkWebhookEndpoint(
  url: string,
  options: { allowLoopback: boolean } = { allowLoopback: true },
): string | undefined {
  if (url.length > maxEndpointLength) return `The URL must be at most ${maxEndpointLength} characters.`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Give a full URL, e.g. https://example.org/linkwell/webhooks.';
  }
  // Credentials in the URL would be stored and shown in clear; headers are the place for them.
  if (parsed.username || parsed.password)
    return 'The URL must not contain a user name or password; send credentials in a header instead.';
  if (parsed.hash) return 'The URL must not contain a #fragment.';
  const isLoopback = loopbackHosts.includes(parsed.hostname);
  if (isLoopback && !options.allowLoopback)
    return 'This Linkwell does not send webhooks to its own machine (localhost); give a public https:// URL.';
  // An address written in the URL is never looked up, so the connect-time guard would not see it.
  const literal = isLoopback ? undefined : parseIpAddress(parsed.hostname);
  const refusal = literal && addressRefusal(literal.toString(), options);
  if (refusal) return `The URL points at ${refusal}; give a public https:// address.`;
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopback) return undefined;
  if (parsed.protocol === 'http:')
    return 'The URL must use https:// (plain http:// is allowed only for localhost, 127.0.0.1 and [::1]).';
  return 'The URL must use https://.';
}
