import { parseView, serializeView } from './view-url';

/**
 * Named views kept in this browser (localStorage): a saved view is its URL query string, so
 * opening one is the same as opening its link, and it keeps everything the URL keeps
 * (page, filters, selection, page parameters, edited assumptions).
 */
export const SAVED_VIEWS_KEY = 'returns-insight:views';

export interface SavedView {
  name: string;
  /** The canonical query string ('' for the default view). */
  search: string;
  /** ISO timestamp of the last save. */
  savedAt: string;
}

const MAX_NAME = 80;

export function cleanViewName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
}

/** The stored list; anything unreadable is skipped (a damaged entry never breaks the app). */
export function parseSavedViews(raw: string | null): SavedView[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const out: SavedView[] = [];
  const seen = new Set<string>();
  for (const item of data) {
    if (!item || typeof item !== 'object') continue;
    const { name, search, savedAt } = item as Record<string, unknown>;
    if (typeof name !== 'string' || typeof search !== 'string') continue;
    const n = cleanViewName(name);
    if (n === '' || seen.has(n.toLowerCase())) continue;
    seen.add(n.toLowerCase());
    out.push({ name: n, search: serializeView(parseView(search)), savedAt: typeof savedAt === 'string' ? savedAt : '' });
  }
  return out;
}

/** Saves a view under a name (replacing one of the same name, any case); newest first. */
export function addSavedView(list: SavedView[], name: string, search: string, now: Date = new Date()): SavedView[] {
  const n = cleanViewName(name);
  if (n === '') return list;
  const rest = list.filter((v) => v.name.toLowerCase() !== n.toLowerCase());
  return [{ name: n, search: serializeView(parseView(search)), savedAt: now.toISOString() }, ...rest];
}

export function removeSavedView(list: SavedView[], name: string): SavedView[] {
  return list.filter((v) => v.name !== name);
}

export function readSavedViews(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): SavedView[] {
  try {
    return parseSavedViews(storage?.getItem(SAVED_VIEWS_KEY) ?? null);
  } catch {
    return []; // storage disabled by privacy settings
  }
}

/** Stores the list; false when the browser refuses (storage disabled or full). */
export function writeSavedViews(list: SavedView[], storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): boolean {
  try {
    if (!storage) return false;
    storage.setItem(SAVED_VIEWS_KEY, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}
