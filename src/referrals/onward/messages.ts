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
}): Rendered {
  return {
    template: 'onward_referral_received',
    subject: 'A new referral is waiting in your Linkwell inbox',
    body: paragraphs(
      hello(params.recipientName),
      `A link worker has referred someone to ${params.serviceName}. The referral is waiting in your Linkwell inbox.`,
      `Sign in to see it and reply:\n${params.inboxUrl}`,
      'Please accept, waitlist or decline it within 10 working days so the person is not left waiting.',
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
