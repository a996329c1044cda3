// Chooses the delivery adapter from configuration: GOV.UK Notify when NOTIFY_API_KEY is set,
// otherwise the development mailbox. The Notify template ids are read here from the environment
// until config.ts carries them (NOTIFY_EMAIL_TEMPLATE_ID, NOTIFY_SMS_TEMPLATE_ID, NOTIFY_BASE_URL).
import { ConfigError, type Config } from '../config';
import { createGovukNotifySender, type GovukNotifySettings } from './govuk-notify-sender';
import { developmentSender, type NotificationSender } from './sender';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Notify keys end "<service id>-<secret>", two UUIDs; the client cuts them out by position. */
const notifyKeyPattern =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates the Notify settings; every problem is named at once, and the key itself is never echoed. */
export function readNotifySettings(
  apiKey: string,
  env: NodeJS.ProcessEnv = process.env,
): GovukNotifySettings {
  const problems: string[] = [];
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;

  if (!notifyKeyPattern.test(apiKey.trim())) {
    problems.push(
      '  NOTIFY_API_KEY: does not look like a GOV.UK Notify API key (expected <key name>-<service id>-<secret id>, copied whole from Notify)',
    );
  }
  const emailTemplateId = value('NOTIFY_EMAIL_TEMPLATE_ID');
  if (!emailTemplateId) {
    problems.push(
      '  NOTIFY_EMAIL_TEMPLATE_ID="": must be set when NOTIFY_API_KEY is set: the id of a Notify email template ' +
        'whose subject is ((subject)) and whose message is ((body))',
    );
  } else if (!uuidPattern.test(emailTemplateId)) {
    problems.push(
      `  NOTIFY_EMAIL_TEMPLATE_ID=${JSON.stringify(emailTemplateId)}: must be a template id (a UUID)`,
    );
  }
  const smsTemplateId = value('NOTIFY_SMS_TEMPLATE_ID');
  if (smsTemplateId && !uuidPattern.test(smsTemplateId)) {
    problems.push(
      `  NOTIFY_SMS_TEMPLATE_ID=${JSON.stringify(smsTemplateId)}: must be a template id (a UUID)`,
    );
  }
  const baseUrl = value('NOTIFY_BASE_URL');
  if (baseUrl && !/^https?:\/\/[^/\s]+/.test(baseUrl)) {
    problems.push(`  NOTIFY_BASE_URL=${JSON.stringify(baseUrl)}: must be an absolute http(s) URL`);
  }
  if (problems.length > 0) {
    throw new ConfigError(
      `Linkwell cannot start: invalid GOV.UK Notify configuration\n${problems.join('\n')}`,
    );
  }
  return {
    apiKey: apiKey.trim(),
    emailTemplateId: emailTemplateId!,
    smsTemplateId,
    baseUrl: baseUrl?.replace(/\/$/, ''),
  };
}

export function createSender(config: Config, env: NodeJS.ProcessEnv = process.env): NotificationSender {
  if (!config.notifyApiKey) return developmentSender;
  return createGovukNotifySender(readNotifySettings(config.notifyApiKey, env));
}
