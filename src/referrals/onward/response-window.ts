// The provider's response window (docs/DESIGN.md §3 rule 6): an onward referral should be answered within the
// programme's number of working days. When that passes the provider is reminded once; if it is
// still unanswered some working days after the reminder it expires and goes back to the link
// worker. Pure, so the dates are unit-tested (response-window.test.ts).
import type { ProgrammeSettings } from '../../programmes/settings';
import { addWorkingDays } from '../deadlines';

type WindowSettings = Pick<ProgrammeSettings, 'providerResponseWorkingDays' | 'expireAfterNudgeWorkingDays'>;

/** The reply is due by this instant; the reminder goes then. */
export function replyDueAt(sentAt: Date, settings: WindowSettings): Date {
  return addWorkingDays(sentAt, settings.providerResponseWorkingDays);
}

export type ResponseWindowStep = { kind: 'wait' } | { kind: 'nudge'; expiresAt: Date } | { kind: 'expire' };

/** What the job should do now with one unanswered onward referral. */
export function nextResponseWindowStep(
  onward: { sentAt: Date; nudgedAt: Date | null },
  settings: WindowSettings,
  now: Date,
): ResponseWindowStep {
  if (!onward.nudgedAt) {
    if (now < replyDueAt(onward.sentAt, settings)) return { kind: 'wait' };
    return { kind: 'nudge', expiresAt: addWorkingDays(now, settings.expireAfterNudgeWorkingDays) };
  }
  // Counted from the reminder, not from the due date: a job that ran late must still give the
  // provider the full grace period it was promised in the reminder.
  if (now < addWorkingDays(onward.nudgedAt, settings.expireAfterNudgeWorkingDays)) return { kind: 'wait' };
  return { kind: 'expire' };
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "Friday 4 December 2026", in London time, for messages. */
export function formatLongDate(date: Date): string {
  // en-GB puts a comma after the weekday; GOV.UK style writes dates without it.
  return longDate.format(date).replace(',', '');
}
