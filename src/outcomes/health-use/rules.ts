// Health-service use: GP appointments and A&E attendances counted over fixed windows of 3 or 6
// months before and after the referral was received. Pure rules shared by manual entry and CSV
// import, so both refuse the same things in the same words.
import { addMonths } from 'date-fns';
import { healthUsePeriods, type HealthUsePeriod } from '../../vocabulary/outcomes';

export const periods = healthUsePeriods;
export const windowLengths = [3, 6] as const;
export type Period = HealthUsePeriod;
export type WindowMonths = (typeof windowLengths)[number];

export type HealthUseCounts = {
  period: Period;
  windowMonths: WindowMonths;
  gpAppointments: number | null;
  aeAttendances: number | null;
};

/**
 * The most either count may be: 200 in 6 months (100 in 3). That is more than one GP appointment
 * or A&E visit every working day; even the heaviest users of primary care (around 30–50 a year)
 * sit far below it, so a larger number is almost certainly a typing slip (an extra 0, a year's
 * total) and would distort the programme's before/after comparison.
 */
export function maximumCount(windowMonths: WindowMonths): number {
  return Math.round((200 / 6) * windowMonths);
}

/** A calendar date in London, "2026-05-01", so windows follow the day the referral arrived there. */
export function londonDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(instant);
}

function addMonthsToDate(date: string, months: number): string {
  return addMonths(new Date(`${date}T12:00:00Z`), months)
    .toISOString()
    .slice(0, 10);
}

/** The window's first and last day; "after" starts on the day of referral, "before" ends the day before. */
export function windowDates(receivedAt: Date, period: Period, windowMonths: WindowMonths) {
  const received = londonDate(receivedAt);
  if (period === 'after') return { from: received, to: addMonthsToDate(received, windowMonths) };
  return { from: addMonthsToDate(received, -windowMonths), to: received };
}

/** An "after" window can be counted only once it is over: received + window months ≤ today. */
export function isWindowOver(receivedAt: Date, period: Period, windowMonths: WindowMonths, now: Date) {
  return windowDates(receivedAt, period, windowMonths).to <= londonDate(now);
}

export type CountProblem = { field: 'windowMonths' | 'gpAppointments' | 'aeAttendances'; detail: string };

/** Everything wrong with one entry, in plain words (field names are the JSON ones). */
export function checkCounts(entry: HealthUseCounts, receivedAt: Date, now: Date): CountProblem[] {
  const problems: CountProblem[] = [];
  const maximum = maximumCount(entry.windowMonths);
  const label = { gpAppointments: 'GP appointments', aeAttendances: 'A&E attendances' } as const;
  for (const field of ['gpAppointments', 'aeAttendances'] as const) {
    const value = entry[field];
    if (value !== null && value > maximum)
      problems.push({
        field,
        detail: `${value} ${label[field]} in ${entry.windowMonths} months is more than is plausible (at most ${maximum}); check the number.`,
      });
  }
  if (entry.period === 'after' && !isWindowOver(receivedAt, entry.period, entry.windowMonths, now)) {
    const { to } = windowDates(receivedAt, entry.period, entry.windowMonths);
    problems.push({
      field: 'windowMonths',
      detail: `The ${entry.windowMonths} months after referral end on ${to}; the counts can be entered from then.`,
    });
  }
  return problems;
}

export const observationalCaveat =
  'These are observational counts for people referred, compared before and after their referral. ' +
  'There is no comparison group, so a change cannot be put down to social prescribing alone: ' +
  'people are often referred at a time of crisis, and use tends to fall afterwards anyway (regression to the mean).';
