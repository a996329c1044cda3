import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { createSender, readNotifySettings } from './create-sender';
import { developmentSender } from './sender';

const apiKey = `linkwell_live-${randomUUID()}-${randomUUID()}`;
const templateId = randomUUID();

describe('choosing the sender', () => {
  it('uses the development mailbox without a Notify key', () => {
    expect(createSender(loadConfig({}), {})).toBe(developmentSender);
  });

  it('uses GOV.UK Notify when a key and an email template are configured', () => {
    const sender = createSender(loadConfig({ NOTIFY_API_KEY: apiKey }), {
      NOTIFY_EMAIL_TEMPLATE_ID: templateId,
    });
    expect(sender.name).toBe('govuk-notify');
  });

  it('reads the template ids and base URL', () => {
    const smsTemplateId = randomUUID();
    expect(
      readNotifySettings(apiKey, {
        NOTIFY_EMAIL_TEMPLATE_ID: ` ${templateId} `,
        NOTIFY_SMS_TEMPLATE_ID: smsTemplateId,
        NOTIFY_BASE_URL: 'http://127.0.0.1:9999/',
      }),
    ).toEqual({ apiKey, emailTemplateId: templateId, smsTemplateId, baseUrl: 'http://127.0.0.1:9999' });
  });

  it('refuses to start with a missing email template, naming the variable and what it must hold', () => {
    expect(() => createSender(loadConfig({ NOTIFY_API_KEY: apiKey }), {})).toThrow(ConfigError);
    expect(() => readNotifySettings(apiKey, { NOTIFY_EMAIL_TEMPLATE_ID: '' })).toThrow(
      /NOTIFY_EMAIL_TEMPLATE_ID="": must be set when NOTIFY_API_KEY is set.*\(\(subject\)\).*\(\(body\)\)/,
    );
  });

  it('names every bad value at once and never echoes the key', () => {
    let message = '';
    try {
      readNotifySettings('not-a-notify-key-secret123', {
        NOTIFY_EMAIL_TEMPLATE_ID: 'welcome',
        NOTIFY_SMS_TEMPLATE_ID: '123',
        NOTIFY_BASE_URL: 'api.notifications.service.gov.uk',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('NOTIFY_API_KEY: does not look like a GOV.UK Notify API key');
    expect(message).toContain('NOTIFY_EMAIL_TEMPLATE_ID="welcome": must be a template id');
    expect(message).toContain('NOTIFY_SMS_TEMPLATE_ID="123": must be a template id');
    expect(message).toContain(
      'NOTIFY_BASE_URL="api.notifications.service.gov.uk": must be an absolute http(s) URL',
    );
    expect(message).not.toContain('secret123');
  });
});
