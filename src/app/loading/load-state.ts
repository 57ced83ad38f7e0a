import { useSyncExternalStore } from 'react';
import type { ReplaceProgress, ReplaceResult } from '../../loader/replace-data';

/**
 * The file loader's state, outside React so it survives leaving the Data page mid-load: whether
 * a batch is loading, its progress, and the outcome of the last batch. Apart from the loading
 * itself (load-store.ts): the app frame reads it on every page (AppUpdateNote), and importing
 * the loader there put the loader, DuckDB's bindings and Arrow in the first download.
 */
export interface LoadState {
  running: boolean;
  /** What is loading: picked files, or the demo data. */
  kind: 'files' | 'demo' | null;
  progress: ReplaceProgress | null;
  last: { kind: 'files' | 'demo'; result: ReplaceResult; at: Date } | null;
}

let state: LoadState = { running: false, kind: null, progress: null, last: null };
const listeners = new Set<() => void>();

/** Changes the state (load-store.ts only). */
export function setLoadState(patch: Partial<LoadState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLoadState(): LoadState {
  return useSyncExternalStore(subscribe, () => state);
}

export function getLoadState(): LoadState {
  return state;
}
