import { useEffect, useState, useSyncExternalStore } from 'react';
import { storageAvailable, storedBytes, type DataSetSettings, type StoredEntry } from './stored-index';

/**
 * What the Data page says about the copy kept in this browser, outside React (the session
 * updates it while it opens, loads and keeps data).
 */
export interface StorageState {
  available: boolean;
  /** none: nothing kept (the demo); saving: a copy is being written; stored: `entry` opens next time; failed: see `problem`. */
  status: 'none' | 'saving' | 'stored' | 'failed';
  /** What opens next time (after a failed keep: the earlier data set, or null: the demo). */
  entry: StoredEntry | null;
  /** Every kept data set, oldest first. */
  sets: StoredEntry[];
  problem: string | null;
  /** When a load was going on as the page went away last time (it was not kept). */
  unfinishedSince: string | null;
  /** The settings the demo data was last viewed with (null: the defaults). */
  demoSettings: DataSetSettings | null;
}

let state: StorageState = { available: storageAvailable(), status: 'none', entry: null, sets: [], problem: null, unfinishedSince: null, demoSettings: null };
const listeners = new Set<() => void>();

export function setStorageState(patch: Partial<StorageState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function getStorageState(): StorageState {
  return state;
}

export function useStorageState(): StorageState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** The figures the Data page shows: bytes kept, the browser's usage and quota, the persistence answer. */
export interface StorageFigures {
  storedBytes: number;
  /** Bytes of each kept data set, by slot. */
  bySlot: Record<string, number>;
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

let persistAnswer: Promise<boolean> | null = null;

/**
 * Asks the browser once per page to keep this origin's storage under storage pressure
 * (navigator.storage.persist()); the answer (Chromium decides without a prompt).
 */
export function askPersistentStorage(): Promise<boolean | null> {
  if (typeof navigator.storage?.persist !== 'function') return Promise.resolve(null);
  persistAnswer ??= navigator.storage.persist().catch(() => false);
  return persistAnswer;
}

/** The figures, read again whenever the storage state changes. */
export function useStorageFigures(current: StorageState): StorageFigures | null {
  const [figures, setFigures] = useState<StorageFigures | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const estimate = await navigator.storage?.estimate?.().catch(() => null);
      const bytes = await storedBytes().catch(() => ({ total: 0, bySlot: {} }));
      const next: StorageFigures = {
        storedBytes: bytes.total,
        bySlot: bytes.bySlot,
        usage: estimate?.usage ?? null,
        quota: estimate?.quota ?? null,
        persisted: await askPersistentStorage(),
      };
      if (live) setFigures(next);
    })();
    return () => {
      live = false;
    };
  }, [current]);
  return figures;
}
