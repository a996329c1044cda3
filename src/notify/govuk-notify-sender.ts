// GOV.UK Notify adapter, through the official client. Linkwell composes its own wording
// (templates.ts), so each channel uses one generic Notify template that just places our text:
//   email template: subject "((subject))", body "((body))"
//   SMS template:   body "((body))"
// Their ids come from NOTIFY_EMAIL_TEMPLATE_ID / NOTIFY_SMS_TEMPLATE_ID (see create-sender.ts).
import axios from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { DeliveryError, type NotificationSender, type OutgoingMessage } from './sender';

export type GovukNotifySettings = {
  apiKey: string;
  emailTemplateId: string;
  /** Without it, SMS messages fail permanently with a message saying so. */
  smsTemplateId?: string | undefined;
  /** Notify's API by default; a stand-in (tests, a local fake) otherwise. */
  baseUrl?: string | undefined;
  /** Per request. The client has no timeout of its own, and a hung request would hold a claim. */
  timeoutMs?: number | undefined;
};

export const defaultNotifyTimeoutMs = 10_000;

type NotifyErrorBody = { status_code?: number; errors?: { error?: string; message?: string }[] };

function describeNotifyErrors(data: unknown): string | undefined {
  const errors = (data as NotifyErrorBody | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors.map((e) => [e.error, e.message].filter(Boolean).join(': ')).join('; ');
}

/**
 * Sorts a failure from the Notify client into "retrying may help" and "retrying cannot help".
 * - no answer (timeout, connection refused or reset, DNS): transient;
 * - 429 (rate or daily limit) and 5xx: transient;
 * - 403 (AuthError: bad API key, or our clock more than 30 s out): transient although it is a 4xx,
 *   because it says nothing about the message — once an operator fixes the key or the clock, the
 *   queued messages should go out rather than all have been failed;
 * - other 4xx (400 BadRequestError/ValidationError: invalid recipient, team-only key, unknown
 *   template, missing personalisation): permanent.
 */
export function classifyNotifyError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (!axios.isAxiosError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new DeliveryError(`GOV.UK Notify client error: ${message}`, { isPermanent: false, cause: error });
  }
  const status = error.response?.status;
  if (status === undefined) {
    const code = error.code ? ` (${error.code})` : '';
    return new DeliveryError(`GOV.UK Notify did not answer${code}: ${error.message}`, {
      isPermanent: false,
      cause: error,
    });
  }
  const detail = describeNotifyErrors(error.response?.data) ?? error.message;
  const message = `GOV.UK Notify answered ${status}: ${detail}`;
  if (status === 403) {
    return new DeliveryError(`${message} (check NOTIFY_API_KEY and the server clock)`, {
      isPermanent: false,
      status,
      cause: error,
    });
  }
  const isPermanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return new DeliveryError(message, { isPermanent, status, cause: error });
}

export function createGovukNotifySender(settings: GovukNotifySettings): NotificationSender {
  const client = settings.baseUrl
    ? new NotifyClient(settings.baseUrl, settings.apiKey)
    : new NotifyClient(settings.apiKey);
  client.setClient(axios.create({ timeout: settings.timeoutMs ?? defaultNotifyTimeoutMs }));

  const post = async (message: OutgoingMessage) => {
    // Our id as Notify's reference ties the two records together when tracing a delivery.
    switch (message.channel) {
      case 'email':
        return client.sendEmail(settings.emailTemplateId, message.recipient, {
          personalisation: { subject: message.subject, body: message.body },
          reference: message.id,
        });
      case 'sms':
        if (!settings.smsTemplateId) {
          throw new DeliveryError('SMS is not set up: NOTIFY_SMS_TEMPLATE_ID is not configured.', {
            isPermanent: true,
          });
        }
        return client.sendSms(settings.smsTemplateId, message.recipient, {
          personalisation: { body: message.body },
          reference: message.id,
        });
      default:
        throw new DeliveryError(`Unknown channel "${String(message.channel)}".`, { isPermanent: true });
    }
  };

  return {
    name: 'govuk-notify',
    send: async (message) => {
      try {
        const response = await post(message);
        return { providerReference: response.data.id ?? null };
      } catch (error) {
        throw classifyNotifyError(error);
      }
    },
  };
}
