// Form fields in the design system's markup: label, hint and error message tied to the control
// with aria-describedby, and the error styling on the form group.
import { Fragment, type ChangeEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length ? present.join(' ') : undefined;
}

export function ErrorMessage({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation();
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">{t('errors.prefix')}</span> {message}
    </span>
  );
}

type Common = {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  /** Make the label the page heading (single-question pages). */
  isLabelHidden?: boolean | undefined;
};

/**
 * The form group around one control: label, hint and error message, and the ids the control must
 * name in aria-describedby (passed to `children`).
 */
function FieldGroup({
  id,
  label,
  hint,
  error,
  isLabelHidden,
  children,
}: Common & { children: (describedByIds: string | undefined) => ReactNode }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className={`nhsuk-label${isLabelHidden ? ' nhsuk-u-visually-hidden' : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && <ErrorMessage id={errorId} message={error} />}
      {children(describedBy(hint ? hintId : undefined, error ? errorId : undefined))}
    </div>
  );
}

type TextInputProps = Common & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'search' | 'date' | 'url' | 'tel' | 'number';
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30 | undefined;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
};

export function TextInput({
  id,
  label,
  hint,
  error,
  isLabelHidden,
  value,
  onChange,
  type = 'text',
  width,
  inputProps,
}: TextInputProps) {
  const classes = [
    'nhsuk-input',
    width ? `nhsuk-input--width-${width}` : '',
    error ? 'nhsuk-input--error' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error} isLabelHidden={isLabelHidden}>
      {(describedByIds) => (
        <input
          className={classes}
          id={id}
          name={id}
          type={type}
          value={value}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
          aria-describedby={describedByIds}
          aria-invalid={error ? true : undefined}
          {...inputProps}
        />
      )}
    </FieldGroup>
  );
}

type TextareaProps = Common & { value: string; onChange: (value: string) => void; rows?: number };

export function Textarea({ id, label, hint, error, value, onChange, rows = 5 }: TextareaProps) {
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      {(describedByIds) => (
        <textarea
          className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
          id={id}
          name={id}
          rows={rows}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedByIds}
          aria-invalid={error ? true : undefined}
        />
      )}
    </FieldGroup>
  );
}

export type Option = { value: string; text: string };

type SelectProps = Common & { value: string; onChange: (value: string) => void; options: Option[] };

export function Select({ id, label, hint, error, value, onChange, options }: SelectProps) {
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      {(describedByIds) => (
        <select
          className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
          id={id}
          name={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedByIds}
          aria-invalid={error ? true : undefined}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.text}
            </option>
          ))}
        </select>
      )}
    </FieldGroup>
  );
}

type CheckboxesProps = Omit<Common, 'isLabelHidden'> & {
  /** Legend of the group. */
  label: ReactNode;
  values: string[];
  onChange: (values: string[]) => void;
  options: (Option & { hint?: string | undefined })[];
  isSmall?: boolean;
};

/** A group of checkboxes; the first box gets the group's id so error summary links land on it. */
export function Checkboxes({ id, label, hint, error, values, onChange, options, isSmall }: CheckboxesProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const toggle = (value: string, isChecked: boolean) =>
    onChange(isChecked ? [...values, value] : values.filter((existing) => existing !== value));
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset
        className="nhsuk-fieldset"
        aria-describedby={describedBy(hint ? hintId : undefined, error ? errorId : undefined)}
      >
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{label}</legend>
        {hint && (
          <div className="nhsuk-hint" id={hintId}>
            {hint}
          </div>
        )}
        {error && <ErrorMessage id={errorId} message={error} />}
        <div className={`nhsuk-checkboxes${isSmall ? ' nhsuk-checkboxes--small' : ''}`}>
          {options.map((option, index) => {
            const itemId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div className="nhsuk-checkboxes__item" key={option.value}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={itemId}
                  name={id}
                  type="checkbox"
                  value={option.value}
                  checked={values.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                  aria-describedby={option.hint ? `${itemId}-item-hint` : undefined}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={itemId}>
                  {option.text}
                </label>
                {option.hint && (
                  <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${itemId}-item-hint`}>
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

type CheckboxProps = Omit<Common, 'isLabelHidden'> & {
  checked: boolean;
  onChange: (checked: boolean) => void;
};

/** One checkbox on its own (e.g. "Account disabled"). */
export function Checkbox({ id, label, hint, error, checked, onChange }: CheckboxProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      {error && <ErrorMessage id={errorId} message={error} />}
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            onChange={(event) => onChange(event.target.checked)}
            aria-describedby={describedBy(hint ? hintId : undefined, error ? errorId : undefined)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint && (
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id={hintId}>
              {hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

export type RadioOption = {
  value: string;
  text: ReactNode;
  hint?: ReactNode | undefined;
  /** Shown under the option while it is chosen (e.g. "which details?" after "yes"). */
  conditional?: ReactNode;
};

/** A group of radios with its legend; the first radio gets the group's id so error links land on it. */
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
  legendClass = 'nhsuk-fieldset__legend--s',
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
  legendClass?: string;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const classes = [
    'nhsuk-radios',
    isInline ? 'nhsuk-radios--inline' : '',
    isSmall ? 'nhsuk-radios--small' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset
        className="nhsuk-fieldset"
        aria-describedby={describedBy(hint ? hintId : undefined, error ? errorId : undefined)}
      >
        <legend className={`nhsuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={hintId}>
            {hint}
          </div>
        )}
        {error && <ErrorMessage id={errorId} message={error} />}
        <div className={classes}>
          {options.map((option, index) => {
            const itemId = index === 0 ? id : `${id}-${index + 1}`;
            const isChecked = value === option.value;
            return (
              <Fragment key={option.value}>
                <div className="nhsuk-radios__item">
                  <input
                    className="nhsuk-radios__input"
                    id={itemId}
                    name={id}
                    type="radio"
                    value={option.value}
                    checked={isChecked}
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
                {option.conditional && isChecked && (
                  <div className="nhsuk-radios__conditional">{option.conditional}</div>
                )}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
