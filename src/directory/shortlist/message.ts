// A shortlist as a message: directory entries turned into the words a person needs to use each
// service (what, when, where, how to get in touch, cost, a link to its public page). Pure.
// Nothing about the person goes in beyond their first name in an email's greeting: no date of
// birth, NHS number, address or reason for referral (the message may be read by anyone with the
// phone or mailbox).
import type { ServiceDetail } from '../search/schemas';
import { summarise } from '../search/present';
import {
  directoryShortlistMessage,
  directoryShortlistSmsMessage,
  type RenderedMessage,
  type ShortlistServiceWords,
} from '../../notify/templates';
import { formatLongDate, openingTimesInWords } from './opening-words';
import type { ShortlistChannel } from './schemas';

/** Where a person reads about a service without an account (web/src/app.tsx: /find/services/:id). */
export const publicServiceUrl = (publicUrl: string, serviceId: string) =>
  `${publicUrl}/find/services/${serviceId}`;

const deliveryModeWords: Record<string, string> = {
  telephone: 'by phone',
  online: 'online',
  home_visit: 'through home visits',
};
const maxAddresses = 3;
const maxClosures = 2;

const unique = (values: (string | null | undefined)[]) => [
  ...new Set(values.map((value) => value?.trim()).filter((value): value is string => Boolean(value))),
];

function addressOf(location: ServiceDetail['locations'][number]): string | undefined {
  return unique([location.name, location.address1, location.city, location.postcode]).join(', ') || undefined;
}

function feesOf(costs: ServiceDetail['costs']): string | undefined {
  if (costs.feesDescription?.trim()) return costs.feesDescription.trim();
  const options = costs.options
    .map((option) =>
      unique([
        option.amount ? `£${option.amount}` : undefined,
        option.amountDescription ?? option.option,
      ]).join(' '),
    )
    .filter(Boolean);
  return options.length ? options.join('; ') : undefined;
}

export function toShortlistWords(service: ServiceDetail, publicUrl: string): ShortlistServiceWords {
  return {
    name: service.name,
    organisationName: service.organisation.name,
    summary: summarise(service.description),
    openingTimes: openingTimesInWords(service.schedules),
    closures: service.closures
      .slice(0, maxClosures)
      .map(
        (closure) =>
          `${formatLongDate(closure.startsOn)}${closure.endsOn !== closure.startsOn ? ` to ${formatLongDate(closure.endsOn)}` : ''}` +
          (closure.reason ? ` (${closure.reason})` : ''),
      ),
    addresses: unique(service.locations.slice(0, maxAddresses).map(addressOf)),
    deliveredBy: service.deliveryModes.flatMap((mode) => deliveryModeWords[mode] ?? []),
    phones: unique(service.contacts.map((contact) => contact.phone)),
    email:
      service.email ??
      unique(service.contacts.map((c) => c.email))[0] ??
      service.organisation.email ??
      undefined,
    website: service.url ?? service.organisation.website ?? undefined,
    isFree: service.costs.isFree,
    fees: service.costs.isFree ? undefined : feesOf(service.costs),
    pageUrl: publicServiceUrl(publicUrl, service.id),
  };
}

// Curly quotes and dashes are outside the GSM 03.38 alphabet: one of them turns a whole text into
// UCS-2 (70 characters a fragment instead of 160), so they are replaced with their plain forms.
const gsmReplacements: [RegExp, string][] = [
  [/[‘’‚′]/g, "'"],
  [/[“”„″]/g, '"'],
  [/[–—−]/g, '-'],
  [/…/g, '...'],
  [/[\u00a0\u2007\u202f]/g, ' '],
];

export function toGsmFriendly(text: string): string {
  return gsmReplacements.reduce((result, [pattern, plain]) => result.replace(pattern, plain), text);
}

// GSM 03.38: the basic set, and the extension characters that take two septets.
const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtended = '^{}\\[~]|€';

/** How many SMS fragments a text takes (GSM 7-bit: 160, or 153 a fragment when split; UCS-2: 70 / 67). */
export function countSmsFragments(text: string): number {
  let septets = 0;
  for (const character of text) {
    if (gsmBasic.includes(character)) septets += 1;
    else if (gsmExtended.includes(character)) septets += 2;
    else {
      const units = text.length;
      return units <= 70 ? 1 : Math.ceil(units / 67);
    }
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

export type ComposeShortlistOptions = {
  channel: ShortlistChannel;
  services: ServiceDetail[];
  publicUrl: string;
  /** The person's first name, for an email's greeting (never used in a text). */
  firstName?: string | undefined;
  note?: string | undefined;
};

export function composeShortlistMessage(options: ComposeShortlistOptions): RenderedMessage {
  const { channel, services, publicUrl } = options;
  if (channel === 'email') {
    return directoryShortlistMessage({
      recipientName: options.firstName,
      services: services.map((service) => toShortlistWords(service, publicUrl)),
      note: options.note,
      directoryUrl: `${publicUrl}/find`,
    });
  }
  // A text stays short: a phone number is the quickest way in; the page link when there is none.
  const message = directoryShortlistSmsMessage({
    services: services.map((service) => ({
      name: service.name,
      phone: unique(service.contacts.map((contact) => contact.phone))[0],
      pageUrl: publicServiceUrl(publicUrl, service.id),
    })),
  });
  return { ...message, body: toGsmFriendly(message.body) };
}
