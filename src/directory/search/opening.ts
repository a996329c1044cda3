// Is a service open at a moment, and when does it next open? Pure: schedules and closures in,
// answers out. Opening times are London wall-clock times, so every instant is first turned into
// its Europe/London date, weekday and time of day (this is what makes BST and GMT both right).

export type DayCode = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

export type OpeningSchedule = {
  byday: string;
  /** HH:MM or HH:MM:SS, London time. */
  opensAt: string;
  closesAt: string;
  validFrom?: string | null;
  validTo?: string | null;
};

export type OpeningClosure = { startsOn: string; endsOn: string; reason?: string | null };

export type LondonMoment = {
  /** YYYY-MM-DD in London. */
  date: string;
  day: DayCode;
  /** HH:MM:SS in London. */
  time: string;
};

const dayCodes: DayCode[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const dayNames: Record<DayCode, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The London calendar date, weekday and wall-clock time of an instant. */
export function toLondonMoment(at: Date): LondonMoment {
  const parts = Object.fromEntries(londonParts.formatToParts(at).map((part) => [part.type, part.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  // The weekday of a calendar date does not depend on the zone: compute it at UTC noon.
  const day = dayCodes[new Date(`${date}T12:00:00Z`).getUTCDay()]!;
  return { date, day, time: `${parts.hour}:${parts.minute}:${parts.second}` };
}

const normaliseTime = (time: string) => (time.length === 5 ? `${time}:00` : time.slice(0, 8));

function isScheduleValidOn(schedule: OpeningSchedule, date: string): boolean {
  return (
    (!schedule.validFrom || schedule.validFrom <= date) && (!schedule.validTo || schedule.validTo >= date)
  );
}

export function closureOn(closures: OpeningClosure[], date: string): OpeningClosure | undefined {
  return closures.find((closure) => closure.startsOn <= date && closure.endsOn >= date);
}

/** Open when a session of that London weekday has opensAt <= t < closesAt and no closure covers the date. */
export function isOpenAt(schedules: OpeningSchedule[], closures: OpeningClosure[], at: Date): boolean {
  const moment = toLondonMoment(at);
  if (closureOn(closures, moment.date)) return false;
  return schedules.some(
    (schedule) =>
      schedule.byday === moment.day &&
      isScheduleValidOn(schedule, moment.date) &&
      normaliseTime(schedule.opensAt) <= moment.time &&
      moment.time < normaliseTime(schedule.closesAt),
  );
}

function addDays(date: string, days: number): string {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

export type NextOpening = { date: string; day: DayCode; opensAt: string; closesAt: string };

/** The next session that starts after `at` (within two weeks), skipping closed dates. */
export function nextOpening(
  schedules: OpeningSchedule[],
  closures: OpeningClosure[],
  at: Date,
): NextOpening | undefined {
  const moment = toLondonMoment(at);
  for (let offset = 0; offset <= 14; offset++) {
    const date = addDays(moment.date, offset);
    const day = dayCodes[new Date(`${date}T12:00:00Z`).getUTCDay()]!;
    if (closureOn(closures, date)) continue;
    const sessions = schedules
      .filter((schedule) => schedule.byday === day && isScheduleValidOn(schedule, date))
      .map((schedule) => ({
        opensAt: normaliseTime(schedule.opensAt),
        closesAt: normaliseTime(schedule.closesAt),
      }))
      .filter((session) => offset > 0 || session.opensAt > moment.time)
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    const first = sessions[0];
    if (first) return { date, day, ...first };
  }
  return undefined;
}

/** The session open at `at`, if any (for "open until 17:00"). */
function currentSession(schedules: OpeningSchedule[], closures: OpeningClosure[], at: Date) {
  const moment = toLondonMoment(at);
  if (closureOn(closures, moment.date)) return undefined;
  return schedules
    .filter(
      (schedule) =>
        schedule.byday === moment.day &&
        isScheduleValidOn(schedule, moment.date) &&
        normaliseTime(schedule.opensAt) <= moment.time &&
        moment.time < normaliseTime(schedule.closesAt),
    )
    .map((schedule) => normaliseTime(schedule.closesAt))
    .sort()
    .at(-1);
}

export type OpeningStatus = { isOpen: boolean; text: string; nextOpening: NextOpening | null };

/** Plain-English opening status at `at`: "Open until 17:00", "Closed today (Bank holiday). Opens Tuesday 09:00". */
export function describeOpening(
  schedules: OpeningSchedule[],
  closures: OpeningClosure[],
  at: Date,
): OpeningStatus {
  if (schedules.length === 0) return { isOpen: false, text: 'No opening times listed', nextOpening: null };
  const closesAt = currentSession(schedules, closures, at);
  const next = nextOpening(schedules, closures, at) ?? null;
  if (closesAt) return { isOpen: true, text: `Open until ${closesAt.slice(0, 5)}`, nextOpening: next };
  const moment = toLondonMoment(at);
  const closure = closureOn(closures, moment.date);
  const prefix = closure ? `Closed${closure.reason ? ` (${closure.reason})` : ''}. ` : 'Closed. ';
  if (!next) return { isOpen: false, text: `${prefix}Not open in the next two weeks`, nextOpening: null };
  const when =
    next.date === moment.date
      ? 'today'
      : next.date === addDays(moment.date, 1)
        ? 'tomorrow'
        : `${dayNames[next.day]} ${Number(next.date.slice(8))} ${monthName(next.date)}`;
  return { isOpen: false, text: `${prefix}Opens ${when} at ${next.opensAt.slice(0, 5)}`, nextOpening: next };
}

function monthName(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
}

export const dayName = (day: DayCode) => dayNames[day];
