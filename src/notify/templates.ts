// The wording of Linkwell's own messages, kept in one catalogue keyed by message so another
// language is one more catalogue. GOV.UK style: short sentences, plain words, say what to do and
// by when, no exclamation marks. Bodies are plain text (Notify turns bare URLs into links).
//
// Each builder returns { template, subject, body }, which spreads straight into queueNotification:
//   await queueNotification(tx, { channel: 'email', recipient, ...passwordResetMessage({ resetUrl, expiresInMinutes: 60 }) });

/** Every message may greet its recipient by name. */
type Greeting = { recipientName?: string | undefined };

export type MessageParams = {
  password_reset: Greeting & { resetUrl: string; expiresInMinutes: number };
  account_invitation: Greeting & {
    setPasswordUrl: string;
    expiresInMinutes: number;
    invitedBy?: string | undefined;
    organisationName?: string | undefined;
  };
  account_locked: Greeting & { unlockInMinutes: number; resetUrl: string };
  /** Flowback to a referrer. Carries no personal or clinical detail: the reference and what happened. */
  referral_update: Greeting & {
    reference: string;
    /** e.g. "was accepted by the link worker team" */
    headline: string;
    /** Plain-language lines: the reason, the kinds of service, the outcome. Email only. */
    details: string[];
    viewUrl: string;
  };
  /** SMS flowback: the shortest form, never clinical detail. */
  referral_update_sms: { reference: string; headline: string; viewUrl: string };
  /** Directory services a link worker suggests to a person. Only their first name is personal. */
  directory_shortlist: Greeting & {
    services: ShortlistServiceWords[];
    /** A personal line from the link worker. */
    note?: string | undefined;
    /** The public directory, for finding more. */
    directoryUrl: string;
  };
  /** The same shortlist as a text message: each service's name and a phone number or its page. */
  directory_shortlist_sms: { services: { name: string; phone?: string | undefined; pageUrl: string }[] };
};

/** One service of a shortlist, already in words (see src/directory/shortlist/message.ts). */
export type ShortlistServiceWords = {
  name: string;
  organisationName: string;
  summary: string;
  /** "Monday to Friday: 9am to 5pm", one line per run of days. */
  openingTimes: string[];
  /** "24 December 2026 to 1 January 2027 (Christmas)". */
  closures: string[];
  /** Full addresses with postcode; none when the service has no fixed place. */
  addresses: string[];
  /** How it is delivered when it has no address: "by phone", "online". */
  deliveredBy: string[];
  phones: string[];
  email?: string | undefined;
  website?: string | undefined;
  isFree: boolean;
  /** What it costs, in the provider's words, when it is not free. */
  fees?: string | undefined;
  pageUrl: string;
};
export type MessageKey = keyof MessageParams;
export type Locale = 'en-GB';
export type RenderedMessage<K extends MessageKey = MessageKey> = {
  template: K;
  subject: string;
  body: string;
};

type Catalogue = { [K in MessageKey]: (params: MessageParams[K]) => { subject: string; body: string } };

const paragraphs = (...lines: (string | false | undefined)[]): string => lines.filter(Boolean).join('\n\n');
const hello = (name: string | undefined) => (name?.trim() ? `Hello ${name.trim()},` : undefined);

/** "1 hour", "30 minutes", "2 days": whole units only, the way people say them. */
export function formatDuration(minutes: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  const whole = Math.max(1, Math.round(minutes));
  if (whole % (24 * 60) === 0) return plural(whole / (24 * 60), 'day');
  if (whole % 60 === 0) return plural(whole / 60, 'hour');
  return plural(whole, 'minute');
}

const enGB: Catalogue = {
  password_reset: ({ recipientName, resetUrl, expiresInMinutes }) => ({
    subject: 'Reset your Linkwell password',
    body: paragraphs(
      hello(recipientName),
      'We received a request to reset the password for your Linkwell account.',
      `Use this link to choose a new password:\n${resetUrl}`,
      `The link works once and expires in ${formatDuration(expiresInMinutes)}.`,
      'If you did not ask to reset your password, you can ignore this email. Your password has not changed.',
    ),
  }),
  account_invitation: ({ recipientName, setPasswordUrl, expiresInMinutes, invitedBy, organisationName }) => ({
    subject: 'Your Linkwell account is ready',
    body: paragraphs(
      hello(recipientName),
      `${invitedBy ?? 'Your administrator'} has created a Linkwell account for you${organisationName ? ` at ${organisationName}` : ''}.`,
      `To start using it, set your password:\n${setPasswordUrl}`,
      `The link works once and expires in ${formatDuration(expiresInMinutes)}. If it expires, ask ${invitedBy ?? 'your administrator'} to send a new one.`,
    ),
  }),
  account_locked: ({ recipientName, unlockInMinutes, resetUrl }) => ({
    subject: 'Your Linkwell account has been locked',
    body: paragraphs(
      hello(recipientName),
      'Someone tried to sign in to your Linkwell account with the wrong password too many times, so we have locked it.',
      `You can try again in ${formatDuration(unlockInMinutes)}.`,
      `If this was not you, reset your password now:\n${resetUrl}`,
      'Tell your administrator if you think someone else is trying to use your account.',
    ),
  }),
  referral_update: ({ recipientName, reference, headline, details, viewUrl }) => ({
    subject: `Linkwell referral ${reference} ${headline}`,
    body: paragraphs(
      hello(recipientName),
      `Your social prescribing referral ${reference} ${headline}.`,
      ...details,
      `See the referral and its history:\n${viewUrl}`,
      'You are getting this because you asked to hear what happens to referrals you make. The person’s details are only in Linkwell.',
    ),
  }),
  referral_update_sms: ({ reference, headline, viewUrl }) => ({
    subject: '',
    body: `Linkwell: referral ${reference} ${headline}. Details: ${viewUrl}`,
  }),
  directory_shortlist: ({ recipientName, services, note, directoryUrl }) => ({
    subject:
      services.length === 1 ? 'A service your link worker suggested' : 'Services your link worker suggested',
    body: paragraphs(
      hello(recipientName),
      services.length === 1
        ? 'Your link worker suggested this service for you. It says what it is, when it is open, where it is and how to get in touch.'
        : `Your link worker suggested these ${services.length} services for you. Each one says what it is, when it is open, where it is and how to get in touch.`,
      note?.trim() && `A note from your link worker:\n${note.trim()}`,
      ...services.map((service, index) => shortlistServiceText(service, index + 1)),
      `You can find other services near you at:\n${directoryUrl}`,
      'If you have questions about these services, contact them directly or speak to your link worker.',
    ),
  }),
  directory_shortlist_sms: ({ services }) => ({
    subject: '',
    body: [
      services.length === 1
        ? 'A service your link worker suggested:'
        : 'Services your link worker suggested:',
      ...services.map(
        (service, index) => `${index + 1}. ${service.name}: ${service.phone ?? service.pageUrl}`,
      ),
    ].join('\n'),
  }),
};

/** One service as a numbered block of "Label: value" lines; empty facts are left out. */
function shortlistServiceText(service: ShortlistServiceWords, number: number): string {
  const block = (label: string, lines: string[]) =>
    lines.length === 0
      ? undefined
      : lines.length === 1
        ? `${label}: ${lines[0]}`
        : `${label}:\n${lines.map((line) => `- ${line}`).join('\n')}`;
  const contact = [
    ...service.phones.map((phone) => `phone ${phone}`),
    service.email && `email ${service.email}`,
    service.website && `website ${service.website}`,
  ].filter((line): line is string => Boolean(line));
  const where =
    service.addresses.length > 0
      ? service.addresses
      : [
          `no fixed address${service.deliveredBy.length ? `, it works ${service.deliveredBy.join(' or ')}` : ''}`,
        ];
  return [
    `${number}. ${service.name}`,
    `Run by ${service.organisationName}`,
    service.summary && `What it is: ${service.summary}`,
    block(
      'When',
      service.openingTimes.length ? service.openingTimes : ['contact the service to ask when it is open'],
    ),
    block('Closed', service.closures),
    block('Where', where),
    block('How to get in touch', contact),
    `Cost: ${service.isFree ? 'free' : (service.fees ?? 'there is a charge, ask the service how much')}`,
    `More about this service:\n${service.pageUrl}`,
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}

const catalogues: Record<Locale, Catalogue> = { 'en-GB': enGB };

export function renderMessage<K extends MessageKey>(
  key: K,
  params: MessageParams[K],
  locale: Locale = 'en-GB',
): RenderedMessage<K> {
  const build = catalogues[locale][key] as (params: MessageParams[K]) => { subject: string; body: string };
  return { template: key, ...build(params) };
}

export const passwordResetMessage = (params: MessageParams['password_reset'], locale?: Locale) =>
  renderMessage('password_reset', params, locale);
export const accountInvitationMessage = (params: MessageParams['account_invitation'], locale?: Locale) =>
  renderMessage('account_invitation', params, locale);
export const accountLockedMessage = (params: MessageParams['account_locked'], locale?: Locale) =>
  renderMessage('account_locked', params, locale);
export const referralUpdateMessage = (params: MessageParams['referral_update'], locale?: Locale) =>
  renderMessage('referral_update', params, locale);
export const referralUpdateSmsMessage = (params: MessageParams['referral_update_sms'], locale?: Locale) =>
  renderMessage('referral_update_sms', params, locale);
export const directoryShortlistMessage = (params: MessageParams['directory_shortlist'], locale?: Locale) =>
  renderMessage('directory_shortlist', params, locale);
export const directoryShortlistSmsMessage = (
  params: MessageParams['directory_shortlist_sms'],
  locale?: Locale,
) => renderMessage('directory_shortlist_sms', params, locale);
