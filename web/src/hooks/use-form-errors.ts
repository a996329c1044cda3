// Errors a form shows: one message per field (next to the field) and the same messages, in the
// order of the fields on the page, in the error summary. Server problems (problem+json) map onto
// the same shape, so a server-side check reads exactly like a client-side one.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { ErrorItem } from '../components/error-summary';

export type FieldMessages = Record<string, string>;

export type FormErrors = {
  fields: FieldMessages;
  /** Messages not tied to a field on this form. */
  general: string[];
};

const empty: FormErrors = { fields: {}, general: [] };

/**
 * @param fieldOrder the form's fields in page order; a field's input id is its name unless
 *   `fieldIds` says otherwise.
 */
export function useFormErrors(fieldOrder: readonly string[], fieldIds: Record<string, string> = {}) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>(empty);

  const describeProblem = useCallback(
    (error: unknown): string => {
      if (!(error instanceof ApiError)) return t('errors.unexpected');
      if (error.status === 0) return t('errors.network');
      if (error.status >= 500) return t('errors.server', { reference: error.problem.requestId ?? '' });
      return error.problem.detail ?? error.problem.title;
    },
    [t],
  );

  const showFieldErrors = useCallback((fields: FieldMessages) => setErrors({ fields, general: [] }), []);

  /** Shows what went wrong with a request; returns true when there was something to show. */
  const showApiError = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const known: FieldMessages = {};
        const general: string[] = [];
        for (const [field, message] of Object.entries(error.fieldErrors)) {
          if (fieldOrder.includes(field)) known[field] = message;
          else general.push(message);
        }
        if (Object.keys(known).length === 0 && general.length === 0) general.push(describeProblem(error));
        setErrors({ fields: known, general });
        return;
      }
      setErrors({ fields: {}, general: [describeProblem(error)] });
    },
    [describeProblem, fieldOrder],
  );

  const clear = useCallback(() => setErrors(empty), []);

  const summary: ErrorItem[] = useMemo(
    () => [
      ...errors.general.map((text) => ({ text })),
      ...fieldOrder
        .filter((field) => errors.fields[field])
        .map((field) => ({ text: errors.fields[field]!, fieldId: fieldIds[field] ?? field })),
    ],
    [errors, fieldOrder, fieldIds],
  );

  return {
    errors,
    fieldError: (field: string) => errors.fields[field],
    summary,
    hasErrors: summary.length > 0,
    showFieldErrors,
    showApiError,
    clear,
  };
}
