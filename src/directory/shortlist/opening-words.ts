// Opening times in plain words for messages, in the same wording as the web pages
// (web/src/components/directory/describe.ts): "Monday to Friday: 9am to 5pm". The web version
// words through i18next in the browser; a message is composed on the server, so this is its twin.

type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export type WeeklySession = { byday: string; opensAt: string; closesAt: string };

const weekDays: readonly Day[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const dayNames: Record<Day, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/** "09:00" → "9am", "17:30" → "5:30pm", "12:00" → "midday": the NHS style for times. */
export function formatTime(value: string): string {
  const [hoursText = '0', minutesText = '00'] = value.split(':');
  const hours = Number.parseInt(hoursText, 10);
  const minutes = minutesText.slice(0, 2);
  if (hours === 12 && minutes === '00') return 'midday';
  if (hours === 0 && minutes === '00') return 'midnight';
  const suffix = hours >= 12 ? 'pm' : 'am';
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === '00' ? `${twelve}${suffix}` : `${twelve}:${minutes}${suffix}`;
}

/** One line per run of days with the same hours: "Monday to Friday: 9am to 5pm", "Saturday: 10am to midday". */
export function openingTimesInWords(schedules: readonly WeeklySession[]): string[] {
  const hoursByDay = weekDays.map((day) =>
    schedules
      .filter((schedule) => schedule.byday === day)
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
      .map((schedule) => `${formatTime(schedule.opensAt)} to ${formatTime(schedule.closesAt)}`)
      .join(' and '),
  );
  const lines: string[] = [];
  let start = 0;
  while (start < weekDays.length) {
    let end = start;
    while (end + 1 < weekDays.length && hoursByDay[end + 1] === hoursByDay[start]) end++;
    const hours = hoursByDay[start];
    if (hours) {
      const first = dayNames[weekDays[start]!];
      const last = dayNames[weekDays[end]!];
      const days = start === end ? first : end === start + 1 ? `${first} and ${last}` : `${first} to ${last}`;
      lines.push(`${days}: ${hours}`);
    }
    start = end + 1;
  }
  return lines;
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "24 December 2026" for a YYYY-MM-DD date. */
export function formatLongDate(date: string): string {
  return longDate.format(new Date(`${date}T12:00:00Z`));
}
