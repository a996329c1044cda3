// The message carrying a self-completion link. It says who it is from and how long the link works,
// and nothing about the person's health: a phone's lock screen or a shared inbox may show it.
// (Candidate for the shared catalogue in src/notify/templates.ts.)
import { formatLongDate } from '../../referrals/onward/response-window';

export function measureLinkMessage(params: {
  channel: 'email' | 'sms';
  firstName: string;
  programmeName: string;
  linkUrl: string;
  expiresAt: Date;
}): { template: string; subject: string; body: string } {
  const until = formatLongDate(params.expiresAt);
  if (params.channel === 'sms')
    return {
      template: 'measure_link_sms',
      subject: '',
      body: `${params.programmeName}: please answer a few short questions for your link worker: ${params.linkUrl} (works once, until ${until})`,
    };
  return {
    template: 'measure_link',
    subject: `A few short questions from ${params.programmeName}`,
    body: [
      `Hello ${params.firstName},`,
      `Your link worker at ${params.programmeName} has asked you to answer a few short questions. It takes about 5 minutes and helps you both see how things are going.`,
      `Answer the questions:\n${params.linkUrl}`,
      `The link works once, until ${until}. You do not need an account.`,
      `If you were not expecting this, you can ignore it or contact ${params.programmeName}.`,
    ].join('\n\n'),
  };
}
