// The shortlist a link worker builds while searching: kept in sessionStorage so it survives
// moving between pages and reloads, but ends with the browser tab (it may hint at a person's needs).
import { useCallback, useSyncExternalStore } from 'react';

export type ShortlistEntry = { id: string; name: string; organisationName: string };

const storageKey = 'linkwell.directory.shortlist';
const listeners = new Set<() => void>();
let cachedText: string | null | undefined;
let cachedEntries: ShortlistEntry[] = [];

function read(): ShortlistEntry[] {
  const text = window.sessionStorage.getItem(storageKey);
  if (text === cachedText) return cachedEntries;
  cachedText = text;
  try {
    const parsed = text ? (JSON.parse(text) as unknown) : [];
    cachedEntries = Array.isArray(parsed) ? (parsed as ShortlistEntry[]) : [];
  } catch {
    cachedEntries = [];
  }
  return cachedEntries;
}

function write(entries: ShortlistEntry[]): void {
  window.sessionStorage.setItem(storageKey, JSON.stringify(entries));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useShortlist() {
  const entries = useSyncExternalStore(subscribe, read);
  const has = useCallback((id: string) => entries.some((entry) => entry.id === id), [entries]);
  const add = useCallback((entry: ShortlistEntry) => {
    const current = read();
    if (!current.some((existing) => existing.id === entry.id)) write([...current, entry]);
  }, []);
  const remove = useCallback((id: string) => write(read().filter((entry) => entry.id !== id)), []);
  const clear = useCallback(() => write([]), []);
  return { entries, has, add, remove, clear };
}
