// Sending a form: the button is busy while the request runs (so a slow request cannot be sent
// twice), a refusal is shown where the form shows its errors (usually useFormErrors' showApiError,
// which maps problem+json field errors onto the fields and the NHS error summary), and the success
// callback runs only when the request succeeded. Every form sends through this one path, so a fix
// to it reaches every form.
import { useCallback, useState } from 'react';

/**
 * Shows a refusal. It may be asynchronous (ask for a new form token, refresh the session): the
 * button stays busy until it has finished, so the form is not sent again half-way through.
 */
export type ShowError = (error: unknown) => unknown;

export type SubmitOptions = {
  /**
   * The success step leaves the page (it navigates away): the button stays busy after success, so
   * it cannot be pressed again between the answer and the next page showing.
   */
  isLeavingOnSuccess?: boolean;
};

export type Submit = {
  isBusy: boolean;
  /**
   * Runs `send`, then `onSuccess` with its result. Anything either throws goes to `onError` when
   * given (a refusal this one call explains in its own way, knowing what it sent), otherwise to the
   * hook's error handler (an error in the success step, such as a failed navigation, is shown
   * rather than lost). Resolves to whether it all succeeded.
   */
  run: <T>(
    send: () => Promise<T>,
    onSuccess?: (result: T) => unknown,
    onError?: ShowError,
  ) => Promise<boolean>;
};

export function useSubmit(showError: ShowError, { isLeavingOnSuccess = false }: SubmitOptions = {}): Submit {
  const [isBusy, setIsBusy] = useState(false);
  const run = useCallback(
    async <T>(
      send: () => Promise<T>,
      onSuccess?: (result: T) => unknown,
      onError?: ShowError,
    ): Promise<boolean> => {
      setIsBusy(true);
      let isDone = false;
      try {
        const result = await send();
        await onSuccess?.(result);
        isDone = true;
        return true;
      } catch (error) {
        await (onError ?? showError)(error);
        return false;
      } finally {
        if (!isDone || !isLeavingOnSuccess) setIsBusy(false);
      }
    },
    [showError, isLeavingOnSuccess],
  );
  return { isBusy, run };
}
