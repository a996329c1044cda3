// Plain-words descriptions of a service's state, shared by the staff and public pages: capacity,
// when it was last checked, opening times and languages.
import type { TFunction } from 'i18next';
import type {
  Freshness,
  NextOpening,
  ServiceCapacity,
  ServiceLanguage,
  WeeklyOpening,
} from '../../api/directory';
import { localeFor } from '../../i18n';
import type { TagColour } from '../display';

export function capacityTag(
  capacity: ServiceCapacity | undefined,
  t: TFunction,
): { text: string; colour: TagColour } | undefined {
  if (!capacity) return undefined;
  if (!capacity.isAcceptingReferrals) return { text: t('directory.capacity.notTaking'), colour: 'red' };
  if (capacity.isFull) {
    if (!capacity.acceptsWaitingList) return { text: t('directory.capacity.full'), colour: 'red' };
    if (capacity.waitingTimeDays === null || capacity.waitingTimeDays === undefined) {
      return { text: t('directory.capacity.waitingList'), colour: 'orange' };
    }
    const weeks = Math.max(1, Math.ceil(capacity.waitingTimeDays / 7));
    return { text: t('directory.capacity.waitingListWeeks', { count: weeks }), colour: 'orange' };
  }
  if (capacity.placesAvailable !== null && capacity.placesAvailable !== undefined) {
    return {
      text: t('directory.capacity.places', { count: capacity.placesAvailable }),
      colour: 'green',
    };
  }
  return { text: t('directory.capacity.taking'), colour: 'green' };
}

function language(): string {
  return localeFor(document.documentElement.lang.split('-')[0] || 'en');
}

export function formatMonthYear(value: string): string {
  return new Intl.DateTimeFormat(language(), { month: 'long', year: 'numeric' }).format(new Date(value));
}

export function formatDate(value: string): string {
  const date = new Date(value.length === 10 ? `${value}T12:00:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language(), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export function freshnessText(freshness: Freshness | undefined, t: TFunction): string {
  if (!freshness?.lastVerifiedAt) return t('directory.freshness.never');
  if (freshness.isStale) {
    return t('directory.freshness.stale', { month: formatMonthYear(freshness.lastVerifiedAt) });
  }
  return t('directory.freshness.checked', { date: formatDate(freshness.lastVerifiedAt) });
}

/** "09:00" → "9am", "17:30" → "5:30pm": the NHS style for times. */
export function formatTime(value: string, t: TFunction): string {
  const [hoursText = '0', minutesText = '00'] = value.split(':');
  const hours = Number.parseInt(hoursText, 10);
  const minutes = minutesText.slice(0, 2);
  if (hours === 12 && minutes === '00') return t('directory.time.midday');
  if (hours === 0 && minutes === '00') return t('directory.time.midnight');
  const suffix = hours >= 12 ? 'pm' : 'am';
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === '00' ? `${twelve}${suffix}` : `${twelve}:${minutes}${suffix}`;
}

const weekDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Opening times in plain words, consecutive days with the same hours together: "Monday to Friday: 9am to 5pm". */
export function openingTimesInWords(schedules: WeeklyOpening[] | undefined, t: TFunction): string[] {
  if (!schedules || schedules.length === 0) return [];
  const hoursByDay = weekDays.map((day) =>
    schedules
      .filter((schedule) => schedule.byday === day)
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
      .map((schedule) =>
        t('directory.time.range', {
          from: formatTime(schedule.opensAt, t),
          to: formatTime(schedule.closesAt, t),
        }),
      )
      .join(t('directory.time.andSeparator')),
  );
  const lines: string[] = [];
  let start = 0;
  while (start < weekDays.length) {
    let end = start;
    while (end + 1 < weekDays.length && hoursByDay[end + 1] === hoursByDay[start]) end++;
    const hours = hoursByDay[start];
    if (hours) {
      const first = t(`directory.days.${weekDays[start]!}`);
      const days =
        start === end
          ? first
          : end === start + 1
            ? t('directory.time.dayAndDay', { first, last: t(`directory.days.${weekDays[end]!}`) })
            : t('directory.time.dayToDay', { first, last: t(`directory.days.${weekDays[end]!}`) });
      lines.push(`${days}: ${hours}`);
    }
    start = end + 1;
  }
  return lines;
}

/** "Opens Thursday at 9am" (the server gives a London date and time). */
export function nextOpeningText(next: NextOpening | null | undefined, t: TFunction): string | undefined {
  if (!next) return undefined;
  const date = new Date(`${next.date}T12:00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  const day = new Intl.DateTimeFormat(language(), { weekday: 'long' }).format(date);
  return t('directory.open.opens', { day, time: formatTime(next.opensAt, t) });
}

/** A language's name as the directory holds it; a bare code is named by the browser. */
export function languageName(value: string | ServiceLanguage): string {
  if (typeof value !== 'string') return value.name;
  try {
    return new Intl.DisplayNames([language()], { type: 'language' }).of(value) ?? value;
  } catch {
    return value;
  }
}

export function formatDistance(distanceKm: number | null | undefined, t: TFunction): string | undefined {
  if (distanceKm === null || distanceKm === undefined) return undefined;
  // Rounded before choosing "mile" or "miles", so "1 mile" but "1.1 miles".
  const miles = Math.round(distanceKm * 0.621371 * 10) / 10;
  return t('directory.distance', {
    km: new Intl.NumberFormat(language(), { maximumFractionDigits: 1 }).format(distanceKm),
    count: miles,
  });
}

export function formatMoney(amount: string, currency: string): string {
  const value = Number(amount);
  if (Number.isNaN(value)) return amount;
  try {
    return new Intl.NumberFormat(language(), { style: 'currency', currency: currency || 'GBP' }).format(
      value,
    );
  } catch {
    return amount;
  }
}
