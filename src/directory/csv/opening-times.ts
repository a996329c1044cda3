// The compact opening-times syntax of the CSV template:
//   MO-FR 09:00-17:00; SA 10:00-12:00
//   MO,WE 09:00-12:00,13:00-16:30
// Groups are separated by ";". Each names days (two-letter iCal codes, a range "MO-FR" or a list
// "MO,WE") and one or more sessions "HH:MM-HH:MM" separated by ",". Days run MO TU WE TH FR SA SU.
import type { ScheduleInput } from '../save-service';

type Day = ScheduleInput['byday'];
const days: readonly Day[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const sessionPattern = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$/;

export type OpeningTimesResult = { schedules: ScheduleInput[] } | { error: string };

function parseDays(text: string): Day[] | string {
  const result: Day[] = [];
  for (const part of text.split(',')) {
    const [from, to, ...rest] = part.trim().toUpperCase().split('-');
    const start = days.indexOf(from as Day);
    if (start < 0 || rest.length > 0) return `"${part.trim()}" is not a day: use MO TU WE TH FR SA SU`;
    if (to === undefined) {
      result.push(days[start]!);
      continue;
    }
    const end = days.indexOf(to as Day);
    if (end < start) return `"${part.trim()}" is not a day range such as MO-FR`;
    result.push(...days.slice(start, end + 1));
  }
  return result;
}

export function parseOpeningTimes(text: string): OpeningTimesResult {
  const schedules: ScheduleInput[] = [];
  for (const group of text
    .split(';')
    .map((g) => g.trim())
    .filter(Boolean)) {
    const match = /^(\S+)\s+(\S+)$/.exec(group);
    if (!match) return { error: `"${group}" should be days then times, for example MO-FR 09:00-17:00` };
    const parsedDays = parseDays(match[1]!);
    if (typeof parsedDays === 'string') return { error: parsedDays };
    for (const session of match[2]!.split(',')) {
      const time = sessionPattern.exec(session.trim());
      if (!time) return { error: `"${session}" is not a time range such as 09:00-17:00` };
      const opensAt = `${time[1]}:${time[2]}`;
      const closesAt = `${time[3]}:${time[4]}`;
      if (closesAt <= opensAt) return { error: `"${session}" closes before it opens` };
      for (const byday of parsedDays) schedules.push({ byday, opensAt, closesAt });
    }
  }
  return { schedules };
}

/** The shortest text in the same syntax: days with the same sessions are grouped, runs as ranges. */
export function formatOpeningTimes(schedules: ScheduleInput[]): string {
  const sessionsByDay = new Map<Day, string[]>();
  for (const s of schedules) {
    const list = sessionsByDay.get(s.byday) ?? [];
    list.push(`${s.opensAt.slice(0, 5)}-${s.closesAt.slice(0, 5)}`);
    sessionsByDay.set(s.byday, list);
  }
  const groups: { days: Day[]; sessions: string }[] = [];
  for (const day of days) {
    const sessions = sessionsByDay.get(day);
    if (!sessions) continue;
    const key = [...sessions].sort().join(',');
    const last = groups.at(-1);
    const lastDay = last?.days.at(-1);
    if (last && last.sessions === key && lastDay && days.indexOf(lastDay) === days.indexOf(day) - 1)
      last.days.push(day);
    else groups.push({ days: [day], sessions: key });
  }
  return groups
    .map((g) => `${g.days.length > 1 ? `${g.days[0]}-${g.days.at(-1)}` : g.days[0]} ${g.sessions}`)
    .join('; ');
}
