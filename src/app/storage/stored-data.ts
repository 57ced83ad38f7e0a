import { AUDIT_DDL, canonicalDDL } from '../../data-model/schema-ddl';
import { opfsDatabaseFiles, restoreTablesFromOpfs, saveTablesToOpfs } from '../../engine/opfs-database';
import type { Engine } from '../../engine/types';
import type { FileLoadReport } from '../../loader/load-file';
import { DATA_SET_TABLES } from '../../loader/replace-data';

/*
 * The loaded data kept in this browser (origin-private storage), so it comes back on the next
 * open without importing again. Nothing half-written is ever used: every load writes a new slot
 * (its own database file), and the index file names the slot to open only once that slot is
 * complete. The index also records a load in progress ("pending"): still there on the next
 * open, it means the page went away before that load was kept.
 */

/** The data set the index names: what opens next time. */
export interface StoredEntry {
  slot: string;
  sourceLabel: string;
  reports: FileLoadReport[];
  savedAt: string;
}

interface StoredIndex {
  current: StoredEntry | null;
  pending: { slot: string; startedAt: string } | null;
}

const INDEX_FILE = 'stored-data.json';
const SLOT_PREFIX = 'stored-data-';
const slotFile = (slot: string) => `${SLOT_PREFIX}${slot}.duckdb`;
const EMPTY: StoredIndex = { current: null, pending: null };

/** Whether this browser has origin-private storage (not in every private window). */
export function storageAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

/** The root directory's files (TypeScript's DOM library here lacks the async iteration Chromium has). */
async function listFiles(): Promise<{ root: FileSystemDirectoryHandle; files: [string, FileSystemFileHandle][] }> {
  const root = await navigator.storage.getDirectory();
  const files: [string, FileSystemFileHandle][] = [];
  for await (const [name, handle] of (root as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
    if (handle.kind === 'file') files.push([name, handle as FileSystemFileHandle]);
  }
  return { root, files };
}

async function readIndex(): Promise<StoredIndex> {
  try {
    const file = await (await (await navigator.storage.getDirectory()).getFileHandle(INDEX_FILE)).getFile();
    const parsed = JSON.parse(await file.text()) as Partial<StoredIndex>;
    return { current: parsed.current ?? null, pending: parsed.pending ?? null };
  } catch {
    return EMPTY; // none yet, or unreadable: nothing stored
  }
}

/** Replaces the index as a whole: the browser swaps in a writable file's content on close. */
async function writeIndex(index: StoredIndex): Promise<void> {
  const handle = await (await navigator.storage.getDirectory()).getFileHandle(INDEX_FILE, { create: true });
  const w = await handle.createWritable();
  await w.write(JSON.stringify(index));
  await w.close();
}

/** Removes the slots' files except `keep`'s (left over from a load that did not finish, or replaced). */
async function removeSlots(keep: string | null): Promise<void> {
  const { root, files } = await listFiles();
  const keepFiles = new Set(keep ? opfsDatabaseFiles(slotFile(keep)) : []);
  for (const [name] of files) {
    if (name.startsWith(SLOT_PREFIX) && !keepFiles.has(name)) await root.removeEntry(name).catch(() => undefined);
  }
}

/** Held by the tab whose load is being kept, from its start until its copy is written (or given up). */
const LOAD_LOCK = 'returns-insight:keeping-data';

/**
 * Waits for the browser's lock on loading (another tab's load finishes first) and holds it until
 * the returned function is called; the browser lets go by itself when the tab closes or reloads.
 */
export async function holdLoadLock(): Promise<() => void> {
  if (typeof navigator.locks?.request !== 'function') return () => undefined;
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  await new Promise<void>((granted) => {
    void navigator.locks.request(LOAD_LOCK, () => {
      granted();
      return done;
    });
  });
  return release;
}

/** Whether another tab is loading right now (its pending entry is not a leftover). */
async function loadingElsewhere(): Promise<boolean> {
  if (typeof navigator.locks?.query !== 'function') return false;
  return ((await navigator.locks.query()).held ?? []).some((l) => l.name === LOAD_LOCK);
}

/**
 * What the page opens with: the stored entry (null: none), and when an earlier load never
 * finished, when it started (its leftovers are removed here).
 */
export async function openStoredData(): Promise<{ entry: StoredEntry | null; unfinishedSince: string | null }> {
  if (!storageAvailable()) return { entry: null, unfinishedSince: null };
  const index = await readIndex();
  const unfinished = index.pending && !(await loadingElsewhere()) ? index.pending : null;
  if (unfinished) {
    await writeIndex({ ...index, pending: null }).catch(() => undefined);
    await removeSlots(index.current?.slot ?? null).catch(() => undefined);
  }
  return { entry: index.current, unfinishedSince: unfinished?.startedAt ?? null };
}

/** Records that a load starts (a reload before keepData finishes is reported next time); its slot. */
export async function markLoadStarted(): Promise<string | null> {
  if (!storageAvailable()) return null;
  const slot = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const index = await readIndex();
  await writeIndex({ ...index, pending: { slot, startedAt: new Date().toISOString() } });
  return slot;
}

/** The load was refused or failed: nothing to keep, the stored data stays as it was. */
export async function markLoadEnded(): Promise<void> {
  const index = await readIndex();
  if (index.pending) await writeIndex({ ...index, pending: null });
  await removeSlots(index.current?.slot ?? null);
}

/**
 * Writes the engine's data set into `slot`, then points the index at it and removes the previous
 * slot. If writing fails (storage full), the slot's files are removed and the previous stored
 * data stays what opens next time; the error is thrown on.
 */
export async function keepData(engine: Engine, slot: string, entry: Omit<StoredEntry, 'slot' | 'savedAt'>): Promise<StoredEntry> {
  try {
    await saveTablesToOpfs(engine, slotFile(slot), `${canonicalDDL()}\n${AUDIT_DDL}`, DATA_SET_TABLES);
  } catch (e) {
    await markLoadEnded().catch(() => undefined);
    throw e;
  }
  const stored: StoredEntry = { ...entry, slot, savedAt: new Date().toISOString() };
  await writeIndex({ current: stored, pending: null });
  await removeSlots(slot).catch(() => undefined);
  return stored;
}

/** Reads the stored data set into the engine's tables (the caller derives). */
export function restoreData(engine: Engine, entry: StoredEntry): Promise<void> {
  return restoreTablesFromOpfs(engine, slotFile(entry.slot), DATA_SET_TABLES);
}

/** Removes the stored data and the index: the next open shows the demo. */
export async function forgetStoredData(): Promise<void> {
  if (!storageAvailable()) return;
  await removeSlots(null);
  await (await navigator.storage.getDirectory()).removeEntry(INDEX_FILE).catch(() => undefined);
}

/** Bytes the stored data takes (its slot files and the index). */
export async function storedBytes(): Promise<number> {
  if (!storageAvailable()) return 0;
  let bytes = 0;
  for (const [name, handle] of (await listFiles()).files) {
    if (name.startsWith(SLOT_PREFIX) || name === INDEX_FILE) bytes += (await handle.getFile()).size;
  }
  return bytes;
}
