// Signing secrets for webhooks, in the Standard Webhooks format ("whsec_" + base64 of 32 random
// bytes), so receivers can verify with any Standard Webhooks library.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The three Standard Webhooks headers for one message. `messageId` stays the same across retries
 * of one delivery, so a receiver can drop a duplicate; the timestamp is the time of this attempt,
 * which receivers compare with their own clock (5 minutes' tolerance) to refuse replayed requests.
 */
export function signatureHeaders(options: {
  secret: string;
  messageId: string;
  timestamp: Date;
  body: string;
}): { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string } {
  return {
    'webhook-id': options.messageId,
    'webhook-timestamp': String(Math.floor(options.timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(options.secret).sign(options.messageId, options.timestamp, options.body),
  };
}
