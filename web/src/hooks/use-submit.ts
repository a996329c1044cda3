// Sending a form: the button is busy while the request runs (so a slow request cannot be sent
// twice), a refusal is shown where the form shows its errors (usually useFormErrors' showApiError,
// which maps problem+json field errors onto the fields and the NHS error summary), and the success
// callback runs only when the request succeeded. Every form sends through this one path, so a fix
// to it reaches every form.
import { useCallback, useState } from 'react';

export type Submit = {
  isBusy: boolean;
  /**
   * Runs `send`, then `onSuccess` with its result. Anything either throws goes to the error handler
   * (an error in the success step, such as a failed navigation, is shown rather than lost).
   * Resolves to whether it all succeeded.
   */
  run: <T>(send: () => Promise<T>, onSuccess?: (result: T) => unknown) => Promise<boolean>;
};

export function useSubmit(showError: (error: unknown) => void): Submit {
  const [isBusy, setIsBusy] = useState(false);
  const run = useCallback(
    async <T>(send: () => Promise<T>, onSuccess?: (result: T) => unknown): Promise<boolean> => {
      setIsBusy(true);
      try {
        const result = await send();
        await onSuccess?.(result);
        return true;
      } catch (error) {
        showError(error);
        return false;
      } finally {
        setIsBusy(false);
      }
    },
    [showError],
  );
  return { isBusy, run };
}
