// The Notify adapter against a local stand-in for the Notify API: the official client really
// signs and sends its HTTP requests; only Notify itself is replaced.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { AxiosError, AxiosHeaders } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeNotifyApi, type FakeNotifyApi } from './fake-notify-api';
import { classifyNotifyError, createGovukNotifySender } from './govuk-notify-sender';
import { DeliveryError, type OutgoingMessage } from './sender';

const emailTemplateId = randomUUID();
const smsTemplateId = randomUUID();

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    id: randomUUID(),
    channel: 'email',
    recipient: 'asha@example.org',
    template: 'password_reset',
    subject: 'Reset your Linkwell password',
    body: 'Use this link:\nhttps://linkwell.example/reset#abc',
    personalisation: {},
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected the send to fail');
}

function axiosError(status: number | undefined, data?: unknown, code?: string): AxiosError {
  const config = { headers: new AxiosHeaders() };
  const response =
    status === undefined ? undefined : { status, statusText: '', headers: {}, config, data: data ?? {} };
  return new AxiosError(`Request failed with status code ${status}`, code, config, {}, response);
}

describe('classifying Notify errors', () => {
  const notifyErrors = (error: string, text: string) => ({
    status_code: 400,
    errors: [{ error, message: text }],
  });

  it('treats a rejected message (400) as permanent and keeps Notify’s explanation', () => {
    const error = classifyNotifyError(
      axiosError(
        400,
        notifyErrors('BadRequestError', 'Can’t send to this recipient using a team-only API key'),
      ),
    );
    expect(error.isPermanent).toBe(true);
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'GOV.UK Notify answered 400: BadRequestError: Can’t send to this recipient using a team-only API key',
    );
    expect(
      classifyNotifyError(
        axiosError(400, notifyErrors('ValidationError', 'email_address Not a valid email address')),
      ).isPermanent,
    ).toBe(true);
    expect(classifyNotifyError(axiosError(404)).isPermanent).toBe(true);
  });

  it('treats rate limits, server errors and no answer as transient', () => {
    for (const status of [429, 500, 502, 503, 408])
      expect(classifyNotifyError(axiosError(status)).isPermanent, String(status)).toBe(false);
    const timeout = classifyNotifyError(axiosError(undefined, undefined, 'ECONNABORTED'));
    expect(timeout.isPermanent).toBe(false);
    expect(timeout.message).toContain('did not answer (ECONNABORTED)');
  });

  it('retries an authentication failure (403): the fault is our key or clock, not the message', () => {
    const error = classifyNotifyError(
      axiosError(403, notifyErrors('AuthError', 'Invalid token: API key not found')),
    );
    expect(error.isPermanent).toBe(false);
    expect(error.message).toContain('check NOTIFY_API_KEY and the server clock');
  });

  it('treats an unknown error as transient, and passes a DeliveryError through', () => {
    expect(classifyNotifyError(new Error('boom')).isPermanent).toBe(false);
    const permanent = new DeliveryError('no', { isPermanent: true });
    expect(classifyNotifyError(permanent)).toBe(permanent);
  });
});

describe('GOV.UK Notify sender', () => {
  let notify: FakeNotifyApi;
  beforeAll(async () => {
    notify = await startFakeNotifyApi();
  });
  afterAll(async () => {
    await notify.close();
  });

  const sender = () =>
    createGovukNotifySender({
      apiKey: notify.apiKey,
      emailTemplateId,
      smsTemplateId,
      baseUrl: notify.baseUrl,
      timeoutMs: 500,
    });

  it('sends an email through the generic template with subject and body as personalisation', async () => {
    const outgoing = message();
    const result = await sender().send(outgoing);

    const request = notify.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v2/notifications/email');
    expect(request.headers['content-type']).toContain('application/json');
    expect(request.headers['user-agent']).toMatch(/^NOTIFY-API-NODE-CLIENT\/8\./);
    // The fake accepted the token only if it was an HS256 JWT signed with the key's secret and issued by the service.
    expect(request.claims?.iss).toBe(notify.serviceId);
    expect(request.body).toEqual({
      template_id: emailTemplateId,
      email_address: 'asha@example.org',
      personalisation: { subject: outgoing.subject, body: outgoing.body },
      reference: outgoing.id,
    });
    expect(result.providerReference).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends an SMS through the SMS template', async () => {
    const outgoing = message({ channel: 'sms', recipient: '07700900123', subject: '' });
    await sender().send(outgoing);
    const request = notify.requests.at(-1)!;
    expect(request.path).toBe('/v2/notifications/sms');
    expect(request.body).toEqual({
      template_id: smsTemplateId,
      phone_number: '07700900123',
      personalisation: { body: outgoing.body },
      reference: outgoing.id,
    });
  });

  it('fails an SMS permanently when no SMS template is configured', async () => {
    const before = notify.requests.length;
    const withoutSms = createGovukNotifySender({
      apiKey: notify.apiKey,
      emailTemplateId,
      baseUrl: notify.baseUrl,
    });
    const error = await caught(withoutSms.send(message({ channel: 'sms', recipient: '07700900123' })));
    expect(error.isPermanent).toBe(true);
    expect(error.message).toContain('NOTIFY_SMS_TEMPLATE_ID');
    expect(notify.requests.length).toBe(before);
  });

  it('reports an invalid recipient as permanent', async () => {
    notify.answerNext({
      status: 400,
      body: {
        status_code: 400,
        errors: [{ error: 'ValidationError', message: 'email_address Not a valid email address' }],
      },
    });
    const error = await caught(sender().send(message({ recipient: 'not-an-email' })));
    expect(error).toMatchObject({ isPermanent: true, status: 400 });
    expect(error.message).toBe(
      'GOV.UK Notify answered 400: ValidationError: email_address Not a valid email address',
    );
  });

  it('reports a Notify outage as transient', async () => {
    notify.answerNext({
      status: 500,
      body: { status_code: 500, errors: [{ error: 'Exception', message: 'Internal server error' }] },
    });
    expect(await caught(sender().send(message()))).toMatchObject({ isPermanent: false, status: 500 });
  });

  it('gives up on a request Notify never answers after the timeout, as transient', async () => {
    notify.answerNext('hang');
    const started = Date.now();
    const error = await caught(sender().send(message()));
    expect(error.isPermanent).toBe(false);
    expect(error.message).toContain('did not answer');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports a wrong API key (403) as transient', async () => {
    const wrongKey = `linkwell_test-${notify.serviceId}-${randomUUID()}`;
    const badSender = createGovukNotifySender({ apiKey: wrongKey, emailTemplateId, baseUrl: notify.baseUrl });
    expect(await caught(badSender.send(message()))).toMatchObject({ isPermanent: false, status: 403 });
  });

  it('reports a refused connection as transient', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const offline = createGovukNotifySender({
      apiKey: notify.apiKey,
      emailTemplateId,
      baseUrl: `http://127.0.0.1:${closedPort}`,
    });
    const error = await caught(offline.send(message()));
    expect(error.isPermanent).toBe(false);
    expect(error.message).toContain('ECONNREFUSED');
  });
});
