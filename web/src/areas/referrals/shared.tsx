// Pieces shared by the referral pages: the design system's radios and date input, status tags in
// plain words, and server field errors (dotted paths such as `person.postcode`) mapped onto the
// form's fields.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { ReferralStatus } from '../../api/referrals';
import { Tag, type TagColour } from '../../components/display';
import { ErrorMessage } from '../../components/fields';

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length ? present.join(' ') : undefined;
}

// The design system's radios live with the other fields, and need labels with the casework vocabularies;
// referral pages import them from here too.
export { needLabel } from '../casework/shared';
export { ErrorMessage, Radios, type RadioOption } from '../../components/fields';

export type DateParts = { day: string; month: string; year: string };
export const emptyDate: DateParts = { day: '', month: '', year: '' };

/**
 * The design system's date input: day, month and year as three boxes. The day box has the id
 * `${id}-day`, which error summaries link to.
 */
export function DateInput({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  autoCompletePrefix,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
  /** "bday" for a person's own date of birth; staff entering someone else's leave it off. */
  autoCompletePrefix?: 'bday';
}) {
  const { t } = useTranslation();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const parts: { key: keyof DateParts; width: 2 | 4; label: string; autoComplete: string }[] = [
    { key: 'day', width: 2, label: t('referrals.date.day'), autoComplete: 'bday-day' },
    { key: 'month', width: 2, label: t('referrals.date.month'), autoComplete: 'bday-month' },
    { key: 'year', width: 4, label: t('referrals.date.year'), autoComplete: 'bday-year' },
  ];
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset
        className="nhsuk-fieldset"
        role="group"
        aria-describedby={describedBy(hint ? hintId : undefined, error ? errorId : undefined)}
      >
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={hintId}>
            {hint}
          </div>
        )}
        {error && <ErrorMessage id={errorId} message={error} />}
        <div className="nhsuk-date-input" id={id}>
          {parts.map((part) => (
            <div className="nhsuk-date-input__item" key={part.key}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`${id}-${part.key}`}>
                  {part.label}
                </label>
                <input
                  className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part.width}${error ? ' nhsuk-input--error' : ''}`}
                  id={`${id}-${part.key}`}
                  name={`${id}-${part.key}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete={autoCompletePrefix ? part.autoComplete : 'off'}
                  value={value[part.key]}
                  onChange={(event) => onChange({ ...value, [part.key]: event.target.value })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * The date as YYYY-MM-DD, or why it is not a date: 'missing' (nothing entered), 'incomplete',
 * 'invalid' (no such day) or 'future'.
 */
export function readDate(
  parts: DateParts,
  today = new Date(),
): { date: string } | { problem: 'missing' | 'incomplete' | 'invalid' | 'future' } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { problem: 'missing' };
  if (!day || !month || !year) return { problem: 'incomplete' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year))
    return { problem: 'invalid' };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900)
    return { problem: 'invalid' };
  const text = date.toISOString().slice(0, 10);
  if (text > today.toISOString().slice(0, 10)) return { problem: 'future' };
  return { date: text };
}

/** `person.postcode` → `person_postcode`; list positions (`needs.0`) count as the list. */
export function flatField(field: string): string {
  return field
    .split('.')
    .filter((segment) => segment && !/^\d+$/.test(segment))
    .join('_');
}

/** The same problem with its field paths flattened, for useFormErrors (which keys on the first segment). */
export function withFlatFields(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  return new ApiError({
    ...error.problem,
    errors: error.problem.errors.map((item) => ({ ...item, field: flatField(item.field) })),
  });
}

/** Leaves out empty text, so optional fields are absent rather than "". */
export function optionalText(value: string): string | undefined {
  const text = value.trim();
  return text ? text : undefined;
}

const referralColours: Record<ReferralStatus, TagColour> = {
  received: 'blue',
  accepted: 'aqua-green',
  contacting: 'aqua-green',
  in_progress: 'green',
  on_hold: 'yellow',
  completed: 'grey',
  rejected: 'red',
  cancelled: 'grey',
};

/** A referral's status as a tag in plain words (colour is never the only signal). */
export function ReferralStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = status in referralColours ? (status as ReferralStatus) : undefined;
  return (
    <Tag colour={known ? referralColours[known] : 'grey'}>
      {known ? t(`referrals.status.${known}`) : status}
    </Tag>
  );
}
