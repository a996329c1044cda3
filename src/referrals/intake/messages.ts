// The coordinators' "a referral has arrived" email. It goes to a work inbox but still carries no
// name or clinical detail: the reference, where it came from, whether it is urgent, and a link.
// (Candidate for the shared catalogue in src/notify/templates.ts.)
export function referralArrivedMessage(params: {
  recipientName: string;
  programmeName: string;
  reference: string;
  isUrgent: boolean;
  sourceLabel: string;
  viewUrl: string;
}): { template: string; subject: string; body: string } {
  const kind = params.isUrgent ? 'An urgent referral' : 'A new referral';
  return {
    template: 'referral_received',
    subject: `${params.isUrgent ? 'Urgent: ' : ''}new referral ${params.reference} for ${params.programmeName}`,
    body: [
      `Hello ${params.recipientName},`,
      `${kind} (${params.reference}) has arrived in the ${params.programmeName} triage queue. It came from ${params.sourceLabel}.`,
      params.isUrgent ? 'The referrer marked it as urgent. Please make sure someone looks at it today.' : '',
      `Open the referral:\n${params.viewUrl}`,
      'The person’s details are only in Linkwell.',
    ]
      .filter(Boolean)
      .join('\n\n'),
  };
}

export const sourceTypeLabels: Record<string, string> = {
  gp_practice: 'a GP practice',
  hospital: 'a hospital',
  community_health: 'a community health service',
  adult_social_care: 'adult social care',
  housing: 'a housing provider',
  vcse: 'a voluntary or community organisation',
  self: 'the person themselves',
  provider: 'a service provider (referred back)',
  other: 'another source',
};

/** Plain words for the citizen's status page: what is happening, not the internal state name. */
export const plainStatus: Record<string, string> = {
  received: 'We have your referral. A link worker will look at it soon.',
  accepted: 'Your referral has been accepted. A link worker will contact you.',
  contacting: 'A link worker is trying to contact you.',
  in_progress: 'You are working with a link worker.',
  on_hold: 'Your support is paused for now.',
  completed: 'Your referral is complete.',
  rejected: 'We could not take your referral. We will have contacted you to explain why.',
  cancelled: 'Your referral was cancelled.',
};
