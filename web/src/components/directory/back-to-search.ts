// Service pages link back to the search that led to them, with its filters, rather than an empty
// search form. The search passes its own address in the link's state.
import { useLocation } from 'react-router';

export type FromSearch = { from: string };

/** The state to put on links to a service page from the current search. */
export function useFromHere(): FromSearch {
  const location = useLocation();
  return { from: location.pathname + location.search };
}

/** Where "Back to search" goes: the search that linked here, or the given page. */
export function useBackTo(fallback: string): string {
  const state = useLocation().state as Partial<FromSearch> | null;
  return typeof state?.from === 'string' && state.from.startsWith('/') ? state.from : fallback;
}
