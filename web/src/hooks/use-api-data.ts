// Loads data for a page and keeps track of loading and failure, ignoring answers that arrive
// after the page has moved on (a newer request or an unmount).
import { useCallback, useEffect, useRef, useState } from 'react';

export type ApiData<T> = {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
};

export function useApiData<T>(load: () => Promise<T>, dependencies: readonly unknown[]): ApiData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isLoading, setIsLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    setIsLoading(true);
    setError(undefined);
    load().then(
      (value) => {
        if (request !== latest.current) return;
        setData(value);
        setIsLoading(false);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        setError(failure);
        setIsLoading(false);
      },
    );
    // The caller lists what the loader depends on, as with useEffect.
  }, [...dependencies, generation]);

  useEffect(
    () => () => {
      latest.current = -1;
    },
    [],
  );

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, isLoading, reload };
}
