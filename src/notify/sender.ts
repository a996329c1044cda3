// The delivery adapter interface. The outbox worker hands each queued message to one sender:
// GOV.UK Notify when NOTIFY_API_KEY is configured, otherwise the development mailbox, which
// keeps messages in the outbox table to be read at /dev/mail (API: GET /api/dev/notifications).
export type OutgoingMessage = {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  subject: string;
  body: string;
  personalisation: Record<string, unknown>;
};

export type NotificationSender = {
  name: 'govuk-notify' | 'development';
  /**
   * Delivers one message or throws. A thrown DeliveryError with `isPermanent` marks the message
   * failed at once (retrying cannot help, e.g. an invalid recipient); anything else thrown is
   * treated as transient and retried with backoff by the worker.
   */
  send(message: OutgoingMessage): Promise<{ providerReference: string | null }>;
};

/** A delivery that did not happen, and whether trying again later could help. */
export class DeliveryError extends Error {
  readonly isPermanent: boolean;
  /** The provider's HTTP status, when it answered. */
  readonly status: number | undefined;

  constructor(message: string, options: { isPermanent: boolean; status?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
    this.isPermanent = options.isPermanent;
    this.status = options.status;
  }
}

/** Only an explicit permanent DeliveryError stops retries: unknown errors get the benefit of the doubt. */
export function isPermanentDeliveryError(error: unknown): boolean {
  return error instanceof DeliveryError && error.isPermanent;
}

/** Keeps messages for the development mail page: "delivery" is recording that it was sent. */
export const developmentSender: NotificationSender = {
  name: 'development',
  send: (message) => Promise.resolve({ providerReference: `dev-${message.id}` }),
};
