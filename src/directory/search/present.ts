// Search rows → the API's JSON, with the reasons each service matched in plain English.
import type { z } from 'zod';
import { describeOpening, toLondonMoment, dayName } from './opening';
import type { searchResultItem } from './schemas';
import type { SearchQuery, SearchRow } from './search-services';

export type SearchResultItem = z.infer<typeof searchResultItem>;

const summaryLength = 240;
const deliveryModeNames: Record<string, string> = {
  in_person: 'in person',
  telephone: 'by telephone',
  online: 'online',
  home_visit: 'through home visits',
};

export function summarise(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= summaryLength) return text;
  const cut = text.slice(0, summaryLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), summaryLength - 40)).trimEnd()}…`;
}

export const formatKm = (km: number) => (km < 10 ? km.toFixed(1) : km.toFixed(0));

function matchReasons(row: SearchRow, query: SearchQuery, isOpenNowRequested: boolean): string[] {
  const reasons: string[] = [];
  const text = query.text?.trim();
  if (text) {
    if (row.text_in_name) reasons.push(`Matches '${text}' in the name`);
    else if ((row.name_similarity ?? 0) >= 0.6 && !row.text_in_description)
      reasons.push(`Name is close to '${text}'`);
    if (row.text_in_description) reasons.push(`Matches '${text}' in the description`);
    if (!row.text_in_name && !row.text_in_description && (row.name_similarity ?? 0) < 0.6)
      reasons.push(`Matches '${text}' in its organisation or type of support`);
  }
  for (const term of row.terms ?? []) if (term.isRequested) reasons.push(`Offers ${term.name}`);
  if (query.point && row.distance_km !== null)
    reasons.push(`${formatKm(row.distance_km)} km from ${query.point.label}`);
  if (query.openAt) {
    if (isOpenNowRequested) reasons.push('Open now');
    else {
      const moment = toLondonMoment(query.openAt);
      reasons.push(`Open ${dayName(moment.day)} ${moment.date} at ${moment.time.slice(0, 5)}`);
    }
  }
  for (const language of row.languages ?? []) {
    if (!query.languages?.includes(language.code)) continue;
    reasons.push(
      language.kind === 'interpretation'
        ? `${language.name} interpretation available`
        : `Speaks ${language.name}`,
    );
  }
  if (query.isFreeOnly) reasons.push('Free');
  if (query.age !== undefined) reasons.push(`Open to people aged ${query.age}`);
  for (const mode of row.delivery_modes) {
    if (query.deliveryModes?.includes(mode)) reasons.push(`Available ${deliveryModeNames[mode] ?? mode}`);
  }
  if (query.isAcceptingReferralsOnly) {
    reasons.push(
      row.is_accepting_referrals && row.places_available !== 0 ? 'Accepting referrals' : 'Waiting list open',
    );
  }
  if (query.servedArea) reasons.push(`Serves ${query.servedArea.label}`);
  return reasons;
}

export function presentSearchRow(
  row: SearchRow,
  query: SearchQuery,
  now: Date,
  isOpenNowRequested: boolean,
): SearchResultItem {
  const schedules = row.schedules ?? [];
  const closures = row.closures ?? [];
  const openNow = describeOpening(schedules, closures, now);
  const requested =
    query.openAt && !isOpenNowRequested ? describeOpening(schedules, closures, query.openAt) : null;
  // Full: not taking referrals directly (a waiting list may still be open), or no places left.
  const isFull = !row.is_accepting_referrals || row.places_available === 0;
  return {
    id: row.id!,
    name: row.name,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    summary: summarise(row.description),
    taxonomyTerms: (row.terms ?? []).map(({ id, code, name }) => ({ id, code, name })),
    location: row.location
      ? {
          id: row.location.id,
          name: row.location.name,
          address: [row.location.address1, row.location.city].filter(Boolean).join(', ') || null,
          postcode: row.location.postalCode,
          latitude: row.location.latitude,
          longitude: row.location.longitude,
        }
      : null,
    distanceKm: row.distance_km === null ? null : Math.round(row.distance_km * 100) / 100,
    opening: {
      isOpenNow: openNow.isOpen,
      openAtRequestedTime: requested ? requested.isOpen : query.openAt ? openNow.isOpen : null,
      text: (requested ?? openNow).text,
      nextOpening: openNow.nextOpening
        ? { date: openNow.nextOpening.date, opensAt: openNow.nextOpening.opensAt.slice(0, 5) }
        : null,
    },
    capacity: {
      isAcceptingReferrals: row.is_accepting_referrals,
      acceptsWaitingList: row.accepts_waiting_list,
      waitingTimeDays: row.waiting_time_days,
      placesAvailable: row.places_available,
      isFull,
      text: isFull
        ? row.accepts_waiting_list
          ? `Full: waiting list open${row.waiting_time_days ? ` (about ${row.waiting_time_days} days)` : ''}`
          : 'Full: not taking referrals'
        : row.waiting_time_days
          ? `Accepting referrals (about ${row.waiting_time_days} days' wait)`
          : 'Accepting referrals',
    },
    freshness: {
      lastVerifiedAt: row.last_verified_ms === null ? null : new Date(row.last_verified_ms).toISOString(),
      isStale: row.is_stale,
      text: row.is_stale
        ? row.last_verified_ms === null
          ? 'Unverified: never checked'
          : `Unverified since ${new Date(row.last_verified_ms).toISOString().slice(0, 10)}`
        : 'Recently verified',
    },
    languages: (row.languages ?? []).map(({ code, name, kind }) => ({ code, name, kind })),
    deliveryModes: row.delivery_modes,
    isFree: row.is_free,
    ageRange: { minimum: row.minimum_age, maximum: row.maximum_age },
    matchReasons: matchReasons(row, query, isOpenNowRequested),
  };
}
