// Flowback: what the referrer learns, automatically. The in-app view reads referral events marked
// visible to the referrer; this module also queues the message (email or SMS, as the referrer chose)
// in the same transaction as the change. Messages carry the reference and what happened, never the
// person's name or clinical detail (the channel does not allow it); the detail is in the app.
import type { Executor } from '../db/client';
import { queueNotification } from '../notify/outbox';
import { referralUpdateMessage, referralUpdateSmsMessage } from '../notify/templates';
import type { ReferrerFlowback } from './referral-state';
import { closureReasonLabels, rejectionReasonLabels } from './labels';
import type { ClosureReason, RejectionReason } from './referral-state';

export type FlowbackReferral = {
  id: string;
  programmeId: string;
  reference: string;
  referrerName: string | null;
  referrerEmail: string | null;
  referrerPhone: string | null;
  referrerNotifyBy: string;
  sourceType: string;
};

export type FlowbackFacts = ReferrerFlowback & {
  rejectionReason?: RejectionReason | null;
  closureReason?: ClosureReason | null;
  /** Kinds of service the person was connected to (taxonomy or need labels), for "connected". */
  serviceKinds?: string[];
  /** The link worker's short outcome summary at closure, written for the referrer. */
  outcomeSummary?: string | null;
};

/** Extended by 'connected' (onward referral started), which is not a referral state change. */
export type FlowbackKind = FlowbackFacts['kind'] | 'connected';

export function flowbackHeadline(kind: FlowbackKind): string {
  switch (kind) {
    case 'accepted':
      return 'was accepted by the link worker team';
    case 'rejected':
      return 'was not accepted';
    case 'first_contact':
      return 'has had its first contact with a link worker';
    case 'connected':
      return 'has been connected to a service';
    case 'completed':
      return 'is complete';
    case 'cancelled':
      return 'was cancelled';
  }
}

export function flowbackDetails(facts: Omit<FlowbackFacts, 'kind'> & { kind: FlowbackKind }): string[] {
  const lines: string[] = [];
  if (facts.kind === 'rejected' && facts.rejectionReason)
    lines.push(`Reason: ${rejectionReasonLabels[facts.rejectionReason]}.`);
  if (facts.serviceKinds?.length) lines.push(`Kind of support: ${facts.serviceKinds.join(', ')}.`);
  if (facts.kind === 'completed' && facts.closureReason)
    lines.push(`Outcome: ${closureReasonLabels[facts.closureReason]}.`);
  if (facts.kind === 'completed' && facts.outcomeSummary?.trim())
    lines.push(`Summary: ${facts.outcomeSummary.trim()}`);
  return lines;
}

/** Queues the referrer's message for one flowback event. Self-referrals and "none" get no message. */
export async function queueReferrerMessage(
  tx: Executor,
  referral: FlowbackReferral,
  facts: Omit<FlowbackFacts, 'kind'> & { kind: FlowbackKind },
  publicUrl: string,
): Promise<void> {
  if (referral.sourceType === 'self') return;
  const viewUrl = `${publicUrl.replace(/\/$/, '')}/referrals/sent/${referral.id}`;
  const headline = flowbackHeadline(facts.kind);
  if (referral.referrerNotifyBy === 'sms' && referral.referrerPhone) {
    await queueNotification(tx, {
      channel: 'sms',
      recipient: referral.referrerPhone,
      programmeId: referral.programmeId,
      ...referralUpdateSmsMessage({ reference: referral.reference, headline, viewUrl }),
    });
    return;
  }
  if (referral.referrerNotifyBy === 'email' && referral.referrerEmail) {
    await queueNotification(tx, {
      channel: 'email',
      recipient: referral.referrerEmail,
      programmeId: referral.programmeId,
      ...referralUpdateMessage({
        recipientName: referral.referrerName ?? undefined,
        reference: referral.reference,
        headline,
        details: flowbackDetails(facts),
        viewUrl,
      }),
    });
  }
}
