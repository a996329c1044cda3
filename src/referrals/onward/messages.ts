// Messages about onward referrals. Like the referrer's flowback they carry no personal or clinical
// detail (email is not the place for it): the reference, what happened, and a link into Linkwell,
// where the reader signs in and sees only what they may.
// (Kept here until the notify catalogue in src/notify/templates.ts takes them.)
import type { QueuedMessage } from '../../notify/outbox';

type Rendered = Pick<QueuedMessage, 'template' | 'subject' | 'body'>;

const paragraphs = (...lines: (string | undefined)[]): string => lines.filter(Boolean).join('\n\n');
const hello = (name: string | undefined) => (name?.trim() ? `Hello ${name.trim()},` : undefined);

export function providerInboxUrl(publicUrl: string, onwardReferralId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/provider/referrals/${onwardReferralId}`;
}

export function caseUrl(publicUrl: string, referralId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/casework/referrals/${referralId}`;
}

export function newOnwardReferralMessage(params: {
  recipientName?: string;
  serviceName: string;
  inboxUrl: string;
  /** The end of the programme's response window, in words. */
  replyBy: string;
}): Rendered {
  return {
    template: 'onward_referral_received',
    subject: 'A new referral is waiting in your Linkwell inbox',
    body: paragraphs(
      hello(params.recipientName),
      `A link worker has referred someone to ${params.serviceName}. The referral is waiting in your Linkwell inbox.`,
      `Sign in to see it and reply:\n${params.inboxUrl}`,
      `Please accept, waitlist or decline it by ${params.replyBy} so the person is not left waiting.`,
    ),
  };
}

export function onwardReferralReminderMessage(params: {
  recipientName?: string;
  serviceName: string;
  inboxUrl: string;
  sentOn: string;
  expiresOn: string;
}): Rendered {
  return {
    template: 'onward_referral_reminder',
    subject: 'Reminder: a referral is waiting for your reply in Linkwell',
    body: paragraphs(
      hello(params.recipientName),
      `A referral to ${params.serviceName} sent on ${params.sentOn} has not had a reply.`,
      `Please accept, waitlist or decline it by ${params.expiresOn}. After that it expires and goes back to the link worker, who will look for another service.`,
      `Sign in to reply:\n${params.inboxUrl}`,
    ),
  };
}

export function onwardReferralExpiredMessage(params: {
  recipientName?: string;
  reference: string;
  serviceName: string;
  caseUrl: string;
}): Rendered {
  return {
    template: 'onward_referral_expired',
    subject: `Referral ${params.reference}: ${params.serviceName} did not reply`,
    body: paragraphs(
      hello(params.recipientName),
      `${params.serviceName} did not reply to the referral you made for case ${params.reference}, even after a reminder, so the referral has expired.`,
      'A task to choose another service is on your list.',
      `See the case:\n${params.caseUrl}`,
    ),
  };
}

export function onwardReferralDeclinedMessage(params: {
  recipientName?: string;
  reference: string;
  serviceName: string;
  reasonLabel: string;
  caseUrl: string;
}): Rendered {
  return {
    template: 'onward_referral_declined',
    subject: `Referral ${params.reference}: ${params.serviceName} declined`,
    body: paragraphs(
      hello(params.recipientName),
      `${params.serviceName} declined the referral you made for case ${params.reference}.`,
      `Reason: ${params.reasonLabel}.`,
      'We have recorded this as an unmet need. You may want to look for another service.',
      `See the case:\n${params.caseUrl}`,
    ),
  };
}
