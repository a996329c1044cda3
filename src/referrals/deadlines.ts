// Deadlines in working days. Weekends and bank holidays (England and Wales) are not working days;
// the list is GOV.UK's (https://www.gov.uk/bank-holidays.json, "england-and-wales"), years 2025–2028.
// Extend it each year; a date past the list counts weekdays only, which errs on the early side.
import { addDays, addWeeks } from 'date-fns';

export const bankHolidays: ReadonlySet<string> = new Set([
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
  '2028-01-03',
  '2028-04-14',
  '2028-04-17',
  '2028-05-01',
  '2028-05-29',
  '2028-08-28',
  '2028-12-25',
  '2028-12-26',
]);

// Working days are London calendar days, whatever the server's time zone: 23:30 UTC on a summer
// Friday is already Saturday in London.
const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function isWorkingDay(date: Date): boolean {
  const day = londonDay.format(date); // YYYY-MM-DD
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !bankHolidays.has(day);
}

/** The instant `days` working days after `from` (same time of day), skipping weekends and bank holidays. */
export function addWorkingDays(from: Date, days: number): Date {
  let date = from;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

export { addWeeks };
