// Wording of the directory curation messages (GOV.UK style: plain words, say what to do). Each
// builder returns { template, subject, body }, which spreads into queueNotification.
type Rendered = { template: string; subject: string; body: string };

const paragraphs = (...lines: (string | false | null | undefined)[]): string =>
  lines.filter(Boolean).join('\n\n');
const hello = (name: string | undefined) => (name?.trim() ? `Hello ${name.trim()},` : undefined);

export function revisionReviewedMessage(params: {
  recipientName?: string;
  serviceName: string;
  isApproved: boolean;
  note: string | null;
  serviceUrl: string;
}): Rendered {
  return {
    template: params.isApproved ? 'directory_change_approved' : 'directory_change_rejected',
    subject: params.isApproved
      ? `Your change to ${params.serviceName} is now live`
      : `Your change to ${params.serviceName} was not approved`,
    body: paragraphs(
      hello(params.recipientName),
      params.isApproved
        ? `Your change to ${params.serviceName} has been approved and is now in the directory.`
        : `Your change to ${params.serviceName} was not approved, so the directory still shows the earlier version.`,
      params.note && `The curator’s note: ${params.note}`,
      `See the service:\n${params.serviceUrl}`,
    ),
  };
}

export function changeAwaitingReviewMessage(params: {
  recipientName?: string;
  serviceName: string;
  authorName: string;
  reviewUrl: string;
}): Rendered {
  return {
    template: 'directory_change_pending',
    subject: `A change to ${params.serviceName} needs your review`,
    body: paragraphs(
      hello(params.recipientName),
      `${params.authorName} changed ${params.serviceName}. The change will not appear in the directory until you approve it.`,
      `Review it here:\n${params.reviewUrl}`,
    ),
  };
}

export function serviceReportedMessage(params: {
  recipientName?: string;
  serviceName: string;
  message: string;
  reporter: string;
  serviceUrl: string;
}): Rendered {
  return {
    template: 'directory_service_reported',
    subject: `Someone reported a problem with ${params.serviceName}`,
    body: paragraphs(
      hello(params.recipientName),
      `${params.reporter} says the directory entry for ${params.serviceName} is wrong:`,
      params.message,
      `Check the entry and correct it, or confirm it is still right:\n${params.serviceUrl}`,
    ),
  };
}

export function confirmServicesMessage(params: {
  recipientName?: string;
  services: { name: string; url: string; lastVerifiedAt: Date | null }[];
  staleAfterDays: number;
}): Rendered {
  const count = params.services.length;
  const list = params.services
    .map(
      (s) =>
        `- ${s.name} (${s.lastVerifiedAt ? `last confirmed ${s.lastVerifiedAt.toISOString().slice(0, 10)}` : 'never confirmed'})\n  ${s.url}`,
    )
    .join('\n');
  return {
    template: 'directory_confirm_services',
    subject:
      count === 1 ? 'Please confirm your directory entry' : `Please confirm ${count} directory entries`,
    body: paragraphs(
      hello(params.recipientName),
      `Nobody has confirmed ${count === 1 ? 'this entry' : 'these entries'} in the last ${Math.round(params.staleAfterDays / 30)} months. Until someone does, search shows ${count === 1 ? 'it' : 'them'} lower and marks ${count === 1 ? 'it' : 'them'} as unverified.`,
      list,
      'Open each link, check the details, correct anything that has changed and select “Confirm this is up to date”.',
    ),
  };
}
