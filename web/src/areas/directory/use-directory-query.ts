// The directory search as URL state: the filters are read from and written to the query string,
// then turned into the server's search parameters.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { SearchQuery } from '../../api/directory';
import { termIdsFor } from '../../components/directory/taxonomy';

export type DirectoryFilters = {
  q: string;
  postcode: string;
  radiusKm: string;
  support: string;
  language: string;
  deliveryMode: string;
  age: string;
  openNow: boolean;
  freeOnly: boolean;
  acceptingReferralsOnly: boolean;
};

const textKeys = ['q', 'postcode', 'radiusKm', 'support', 'language', 'deliveryMode', 'age'] as const;
const flagKeys = ['openNow', 'freeOnly', 'acceptingReferralsOnly'] as const;

export function useDirectoryQuery() {
  const [searchParams, setSearchParams] = useSearchParams();
  const text = searchParams.toString();
  const filters = useMemo<DirectoryFilters>(() => {
    const params = new URLSearchParams(text);
    const result = {} as DirectoryFilters;
    for (const key of textKeys) result[key] = params.get(key) ?? '';
    for (const key of flagKeys) result[key] = params.get(key) === 'true';
    return result;
  }, [text]);
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '', 10) || 1);
  const view = searchParams.get('view') === 'map' ? 'map' : 'list';
  const hasSearched = textKeys.some((key) => filters[key]) || flagKeys.some((key) => filters[key]);

  const search = useCallback(
    (next: DirectoryFilters) => {
      const params = new URLSearchParams();
      for (const key of textKeys) if (next[key]) params.set(key, next[key]);
      for (const key of flagKeys) if (next[key]) params.set(key, 'true');
      if (view === 'map') params.set('view', 'map');
      setSearchParams(params);
    },
    [setSearchParams, view],
  );

  const linkWith = useCallback(
    (changes: Record<string, string>) => {
      const params = new URLSearchParams(text);
      for (const [key, value] of Object.entries(changes)) {
        if (value) params.set(key, value);
        else params.delete(key);
      }
      return `?${params.toString()}`;
    },
    [text],
  );

  return { filters, page, view, hasSearched, search, linkWith, queryText: text };
}

/** The server's search parameters for the URL's filters. */
export async function searchQueryFor(
  filters: DirectoryFilters,
  limit: number,
  offset: number,
): Promise<SearchQuery> {
  const termIds = await termIdsFor(filters.support);
  return {
    q: filters.q || undefined,
    postcode: filters.postcode || undefined,
    radiusKm: filters.postcode ? filters.radiusKm || undefined : undefined,
    taxonomyTermIds: termIds.length > 0 ? termIds.join(',') : undefined,
    languages: filters.language || undefined,
    deliveryModes: filters.deliveryMode || undefined,
    age: filters.age || undefined,
    openNow: filters.openNow || undefined,
    freeOnly: filters.freeOnly || undefined,
    acceptingReferralsOnly: filters.acceptingReferralsOnly || undefined,
    limit,
    offset,
  };
}
