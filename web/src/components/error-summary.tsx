// The design system's error summary: a list of what is wrong, each item linking to its field.
// It receives focus when it appears so the problem is announced and the user can jump to the field.
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export type ErrorItem = { text: string; fieldId?: string | undefined };

export function ErrorSummary({ errors, title }: { errors: ErrorItem[]; title?: string | undefined }) {
  const { t } = useTranslation();
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors.length > 0) summary.current?.focus();
  }, [errors]);

  if (errors.length === 0) return null;

  const focusField = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    // Scroll the field's label (or legend) into view, not just the input, then focus the input.
    const label =
      document.querySelector(`label[for="${CSS.escape(fieldId)}"]`) ??
      field.closest('fieldset')?.querySelector('legend');
    (label ?? field).scrollIntoView();
    field.focus({ preventScroll: true });
  };

  return (
    <div className="nhsuk-error-summary" ref={summary} tabIndex={-1}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">{title ?? t('errors.summaryTitle')}</h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((error, index) => (
              <li key={`${error.fieldId ?? ''}-${index}`}>
                {error.fieldId ? (
                  <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId!)}>
                    {error.text}
                  </a>
                ) : (
                  error.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
