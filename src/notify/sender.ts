// The delivery adapter interface. The outbox worker hands each queued message to one sender:
// GOV.UK Notify when NOTIFY_API_KEY is configured, otherwise the development mailbox, which
// keeps messages in the outbox table to be read at /dev/mail.
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
  /** Delivers one message or throws; a thrown error is retried with backoff by the worker. */
  send(message: OutgoingMessage): Promise<{ providerReference: string | null }>;
};

/** Keeps messages for the development mail page: "delivery" is recording that it was sent. */
export const developmentSender: NotificationSender = {
  name: 'development',
  send: (message) => Promise.resolve({ providerReference: `dev-${message.id}` }),
};
