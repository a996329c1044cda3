// Radio buttons in a fieldset with a legend, in the design system's markup. The first radio gets
// the group's id so an error summary link lands on it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type RadioOption = { value: string; text: string; hint?: string | undefined };

export function Radios({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  options,
  isInline,
  isSmall,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  options: RadioOption[];
  isInline?: boolean;
  isSmall?: boolean;
}) {
  const { t } = useTranslation();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const classes = [
    'nhsuk-radios',
    isInline ? 'nhsuk-radios--inline' : '',
    isSmall ? 'nhsuk-radios--small' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={hintId}>
            {hint}
          </div>
        )}
        {error && (
          <span className="nhsuk-error-message" id={errorId}>
            <span className="nhsuk-u-visually-hidden">{t('errors.prefix')}</span> {error}
          </span>
        )}
        <div className={classes}>
          {options.map((option, index) => {
            const itemId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div className="nhsuk-radios__item" key={option.value}>
                <input
                  className="nhsuk-radios__input"
                  id={itemId}
                  name={id}
                  type="radio"
                  value={option.value}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                  aria-describedby={option.hint ? `${itemId}-item-hint` : undefined}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={itemId}>
                  {option.text}
                </label>
                {option.hint && (
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`${itemId}-item-hint`}>
                    {option.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
