// Pieces shared by the admin pages: lists for drop-downs, list parsing, and URL-held filters.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { admin } from '../../api/endpoints';
import type { Organisation, Programme } from '../../api/types';
import { useApiData, type ApiData } from '../../hooks/use-api-data';

/** The most the server lists in one page; drop-downs show this many, sorted by name. */
export const pickerLimit = 200;

export function useOrganisationChoices(): ApiData<Organisation[]> {
  return useApiData(async () => (await admin.listOrganisations({ limit: pickerLimit })).items, []);
}

export function useProgrammeChoices(isEnabled = true): ApiData<Programme[]> {
  return useApiData(
    async () => (isEnabled ? (await admin.listProgrammes({ limit: pickerLimit })).items : []),
    [isEnabled],
  );
}

/** "Haringey\nEnfield, Barnet" → ["Haringey", "Enfield", "Barnet"]. */
export function splitList(text: string, separators: RegExp = /[\n,]+/): string[] {
  return text
    .split(separators)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Filters kept in the query string, so results can be bookmarked and Back works as expected. */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((key) => [key, searchParams.get(key) ?? ''])) as Record<
    K,
    string
  >;
  const apply = useCallback(
    (next: Partial<Record<K, string>>) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(next) as [K, string | undefined][]) {
        if (value) params.set(key, value);
      }
      setSearchParams(params);
    },
    [setSearchParams],
  );
  const linkWith = useCallback(
    (changes: Partial<Record<K, string>>) => {
      const params = new URLSearchParams(searchParams);
      for (const [key, value] of Object.entries(changes) as [K, string | undefined][]) {
        if (value) params.set(key, value);
        else params.delete(key);
      }
      const text = params.toString();
      return text ? `?${text}` : '?';
    },
    [searchParams],
  );
  return { values, apply, linkWith, searchParams };
}
