// Clock helpers for the demo history: steps happen in office hours on working days (a link worker
// does not ring people at 3 a.m. on Christmas Day), and each step comes after the one before it.
import { addDays, addMinutes, subDays } from 'date-fns';
import { isWorkingDay } from '../../referrals/deadlines';
import type { Random } from '../random';

const dayMs = 24 * 60 * 60 * 1000;

function atUtc(date: Date, hours: number, minutes: number): Date {
  const copy = new Date(date);
  copy.setUTCHours(hours, minutes, 0, 0);
  return copy;
}

/** The first office-hours moment (08:30–17:00 UTC on a working day) at or a little after `after`. */
export function nextWorkingTime(random: Random, after: Date): Date {
  const hour = after.getUTCHours() + after.getUTCMinutes() / 60;
  if (isWorkingDay(after) && hour >= 8.5 && hour < 16.5) return addMinutes(after, random.integer(5, 30));
  let day = hour < 8.5 && isWorkingDay(after) ? after : addDays(after, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return atUtc(day, 8, 30 + random.integer(0, 150));
}

/** `days` working days before `from`, at an office-hours time that day (not after `from`). */
export function workingDaysBefore(random: Random, from: Date, days: number): Date {
  let date = from;
  let left = days;
  while (left > 0 || !isWorkingDay(date)) {
    date = subDays(date, 1);
    if (isWorkingDay(date)) left--;
  }
  const time = atUtc(date, 9, random.integer(0, 420));
  return time > from ? new Date(from.getTime() - random.integer(10, 120) * 60_000) : time;
}

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / dayMs;
}

/** Whole years between a date of birth (YYYY-MM-DD) and a moment. */
export function ageAt(dateOfBirth: string, at: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = at.getUTCFullYear() - year;
  if (at.getUTCMonth() + 1 < month || (at.getUTCMonth() + 1 === month && at.getUTCDate() < day)) age--;
  return age;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
