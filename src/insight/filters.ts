// The query string of every Insight endpoint (insightQuery) turned into the filters a panel builder
// uses: the period with its defaults and its London-midnight bounds, and the programmes narrowed to
// the actor's scope. A programmeId outside the scope is 404 (as if it did not exist), so a
// commissioner cannot learn of programmes they do not commission by guessing ids.
import { invalidField, notFound } from '../http/errors';
import type { InsightFilters } from './panel';
import type { InsightPanelResponse, InsightQuery } from './schemas';
import type { InsightProgramme, InsightScope } from './scope';

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
});
const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** Today's date in London (YYYY-MM-DD). */
export const londonToday = (now: Date): string => londonDate.format(now);

/** The instant London's clocks show midnight at the start of `day` (YYYY-MM-DD): GMT or BST. */
export function londonMidnight(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  // Clocks change at 01:00 UTC, so the offset at UTC midnight is the offset at London midnight.
  const [hours, minutes] = londonClock.format(utcMidnight).split(':').map(Number) as [number, number];
  const offsetMinutes = hours >= 12 ? (hours - 24) * 60 + minutes : hours * 60 + minutes;
  return new Date(utcMidnight.getTime() - offsetMinutes * 60_000);
}

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The period: `to` defaults to today (London), `from` to a year before `to` (the day after, one year back). */
export function resolveInsightPeriod(
  query: Pick<InsightQuery, 'from' | 'to'>,
  now: Date,
): { from: string; to: string; start: Date; end: Date } {
  const to = query.to ?? londonToday(now);
  let from = query.from;
  if (from === undefined) {
    const start = new Date(`${to}T00:00:00Z`);
    start.setUTCFullYear(start.getUTCFullYear() - 1);
    start.setUTCDate(start.getUTCDate() + 1);
    from = start.toISOString().slice(0, 10);
  }
  if (from > to)
    throw invalidField('from', 'The start of the period must not be after its end', 'querystring');
  return { from, to, start: londonMidnight(from), end: londonMidnight(nextDay(to)) };
}

export type ResolvedInsightFilters = {
  filters: InsightFilters;
  /** The programmes the figures cover (one when programmeId was given). */
  programmes: InsightProgramme[];
  /** The filters as the response echoes them. */
  applied: InsightPanelResponse['filters'];
};

/** Throws 404 for a programmeId outside the scope, 400 for a period that ends before it starts. */
export function resolveInsightFilters(
  query: InsightQuery,
  scope: InsightScope,
  now: Date,
): ResolvedInsightFilters {
  const period = resolveInsightPeriod(query, now);
  let covered = scope.programmes;
  if (query.programmeId !== undefined) {
    covered = scope.programmes.filter((programme) => programme.id === query.programmeId);
    if (covered.length === 0) throw notFound('The programme');
  }
  const borough = query.borough ?? null;
  const source = query.source ?? null;
  return {
    filters: {
      ...period,
      programmeIds: covered.map((programme) => programme.id),
      borough,
      source,
      ...(query.withinKm === undefined ? {} : { withinKm: query.withinKm }),
    },
    programmes: covered,
    applied: { from: period.from, to: period.to, programmeId: query.programmeId ?? null, borough, source },
  };
}
