// Working-day deadlines: weekends and England and Wales bank holidays do not count.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, bankHolidays, isWorkingDay } from './deadlines';

const at = (iso: string) => new Date(`${iso}T10:30:00Z`);
const day = (date: Date) => date.toISOString().slice(0, 10);

describe('addWorkingDays', () => {
  it('counts weekdays and keeps the time of day', () => {
    // Monday 2 March 2026 + 5 working days = Monday 9 March.
    const due = addWorkingDays(at('2026-03-02'), 5);
    expect(due.toISOString()).toBe('2026-03-09T10:30:00.000Z');
    expect(day(addWorkingDays(at('2026-03-02'), 1))).toBe('2026-03-03');
    expect(day(addWorkingDays(at('2026-03-02'), 0))).toBe('2026-03-02');
  });

  it('skips weekends, starting from a Friday or a weekend', () => {
    expect(day(addWorkingDays(at('2026-03-06'), 1))).toBe('2026-03-09'); // Friday → Monday
    expect(day(addWorkingDays(at('2026-03-07'), 1))).toBe('2026-03-09'); // Saturday → Monday
    expect(day(addWorkingDays(at('2026-03-08'), 5))).toBe('2026-03-13'); // Sunday → Friday
  });

  it('skips bank holidays: Easter, Christmas and a substitute day', () => {
    // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are holidays.
    expect(day(addWorkingDays(at('2026-04-02'), 1))).toBe('2026-04-07');
    expect(day(addWorkingDays(at('2026-04-02'), 5))).toBe('2026-04-13');
    // Christmas 2026 is a Friday; Boxing Day falls on Saturday, so Monday 28th is the substitute.
    expect(day(addWorkingDays(at('2026-12-24'), 1))).toBe('2026-12-29');
    // Over the new year: 31 Dec 2026 (Thu) → Fri 1 Jan is a holiday → Mon 4 Jan 2027.
    expect(day(addWorkingDays(at('2026-12-31'), 1))).toBe('2027-01-04');
  });

  it('knows which days are working days', () => {
    expect(isWorkingDay(at('2026-05-25'))).toBe(false); // spring bank holiday
    expect(isWorkingDay(at('2026-05-23'))).toBe(false); // Saturday
    expect(isWorkingDay(at('2026-05-26'))).toBe(true);
    for (const holiday of bankHolidays) expect(isWorkingDay(at(holiday))).toBe(false);
  });
});

describe('London days', () => {
  it('decides the day in London, not on the server clock: 23:30 UTC on a summer Friday is Saturday', () => {
    expect(isWorkingDay(new Date('2026-07-10T23:30:00Z'))).toBe(false); // Saturday 00:30 BST
    expect(isWorkingDay(new Date('2026-07-10T22:30:00Z'))).toBe(true); // Friday 23:30 BST
  });
});
