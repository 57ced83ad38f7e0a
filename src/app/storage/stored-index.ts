import type { CurrencySettings } from '../../data-model/currency';
import type { FileLoadReport } from '../../loader/load-file';
import { snapshotFromJson, type DemoSnapshot } from '../../loader/seed-json';
import { holdLock, removeWhenUnread } from '../../engine/file-reading-lock';

/*
 * The index of the data sets kept in this browser (origin-private storage), so they come back
 * on the next open without importing again. This module reads and writes the index and removes
 * files only: it needs no database, so the first screen can use it; writing and reading a data
 * set's tables is src/app/storage/stored-data.ts (loaded when needed). Nothing half-written is ever used: every load writes a new slot
 * (its own database file), and the index file lists a slot only once that slot is complete. The
 * index also records a load in progress ("pending"): still there on the next open, it means the
 * page went away before that load was kept. `current` names the data set that opens next time
 * (null: the demo). Each data set keeps the settings last used on it (assumptions, currency),
 * the demo's beside the sets.
 */

/** The settings a data set was last viewed with: the URL's assumptions and currency settings. */
export interface DataSetSettings {
  assumptions: Record<string, number>;
  currency?: CurrencySettings;
}

/** The settings of a data set never changed: the defaults. */
export const DEFAULT_SETTINGS: DataSetSettings = { assumptions: {} };

/** One kept data set. */
export interface StoredEntry {
  slot: string;
  /** The user's name for it (default: the source label). */
  name: string;
  sourceLabel: string;
  reports: FileLoadReport[];
  savedAt: string;
  /** A short fingerprint of its content (its load_log): links name the data set by it. */
  fingerprint: string;
  /** Runner.deriveFingerprint() of the derived tables stored with it (absent: none stored, derive on open). */
  derivedBy?: string;
  /** The settings it was last viewed with (absent: never changed from the defaults). */
  settings?: DataSetSettings;
}

interface StoredIndex {
  sets: StoredEntry[];
  current: string | null;
  pending: { slot: string; startedAt: string } | null;
  /** The settings the demo data was last viewed with. */
  demoSettings?: DataSetSettings;
}

const INDEX_FILE = 'stored-data.json';
const SLOT_PREFIX = 'stored-data-';
export const slotFile = (slot: string) => `${SLOT_PREFIX}${slot}.duckdb`;
/** The first screen's answers on a slot's data (seed-json.ts), so it shows before the tables are read. */
const seedFile = (slot: string) => `${SLOT_PREFIX}${slot}.seed.json`;
const EMPTY: StoredIndex = { sets: [], current: null, pending: null };

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
    const parsed = JSON.parse(await file.text()) as Partial<StoredIndex> & { current?: unknown };
    // An index from before several data sets were kept: its one entry, named by its source label.
    if (parsed.current && typeof parsed.current === 'object') {
      const one = parsed.current as StoredEntry;
      return { sets: [{ ...one, name: one.name ?? one.sourceLabel, fingerprint: one.fingerprint ?? slotFingerprint(one.slot) }], current: one.slot, pending: parsed.pending ?? null };
    }
    return { ...parsed, sets: parsed.sets ?? [], current: typeof parsed.current === 'string' ? parsed.current : null, pending: parsed.pending ?? null };
  } catch {
    return EMPTY; // none yet, or unreadable: nothing stored
  }
}

/** Six hex digits for a data set kept before fingerprints were (FNV-1a of its slot name: unique like the slot). */
function slotFingerprint(slot: string): string {
  let h = 0x811c9dc5;
  for (const c of slot) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').slice(0, 6);
}

/** The index's reads and writes of this page, one after another: two at once would lose one's change. */
let indexTurn: Promise<unknown> = Promise.resolve();

function changeIndex<T>(change: () => Promise<T>): Promise<T> {
  const turn = indexTurn.then(change, change);
  indexTurn = turn.catch(() => undefined);
  return turn;
}

/** Replaces the index as a whole: the browser swaps in a writable file's content on close. */
function writeIndex(index: StoredIndex): Promise<void> {
  return writeText(INDEX_FILE, JSON.stringify(index));
}

/** Removes the slots' files except those of `keep` (left over from a load that did not finish, or forgotten). */
async function removeSlots(keep: readonly StoredEntry[]): Promise<void> {
  const { root, files } = await listFiles();
  // A slot's database file and its write-ahead log (DuckDB's name for it), and its first screen's answers.
  const keepFiles = new Set(keep.flatMap((e) => [slotFile(e.slot), `${slotFile(e.slot)}.wal`, seedFile(e.slot)]));
  for (const [name] of files) {
    if (!name.startsWith(SLOT_PREFIX) || keepFiles.has(name)) continue;
    // A page may still read a database file in place (another tab showing that data set).
    await removeWhenUnread(name, () => root.removeEntry(name)).catch(() => undefined);
  }
}

/** Held by the tab whose load is being kept, from its start until its copy is written (or given up). */
const LOAD_LOCK = 'returns-insight:keeping-data';

/**
 * Waits for the browser's lock on loading (another tab's load finishes first) and holds it until
 * the returned function is called; the browser lets go by itself when the tab closes or reloads.
 */
export function holdLoadLock(): Promise<() => void> {
  return holdLock(LOAD_LOCK, 'exclusive');
}

/** Whether another tab is loading right now (its pending entry is not a leftover). */
async function loadingElsewhere(): Promise<boolean> {
  if (typeof navigator.locks?.query !== 'function') return false;
  return ((await navigator.locks.query()).held ?? []).some((l) => l.name === LOAD_LOCK);
}

/** The index as the page shows it: every kept data set, and the one that opens next time. */
export interface StoredSets {
  sets: StoredEntry[];
  entry: StoredEntry | null;
  /** The settings the demo data was last viewed with (null: the defaults). */
  demoSettings: DataSetSettings | null;
}

const setsOf = (index: StoredIndex): StoredSets => ({
  sets: index.sets,
  entry: index.sets.find((e) => e.slot === index.current) ?? null,
  demoSettings: index.demoSettings ?? null,
});

/**
 * What the page opens with: the kept data sets and the current one (null: the demo), and when
 * an earlier load never finished, when it started (its leftovers are removed here).
 */
export function openStoredData(): Promise<StoredSets & { unfinishedSince: string | null }> {
  return changeIndex(async () => {
    if (!storageAvailable()) return { ...setsOf(EMPTY), unfinishedSince: null };
    const index = await readIndex();
    const unfinished = index.pending && !(await loadingElsewhere()) ? index.pending : null;
    if (unfinished) {
      await writeIndex({ ...index, pending: null }).catch(() => undefined);
      await removeSlots(index.sets).catch(() => undefined);
    }
    return { ...setsOf(index), unfinishedSince: unfinished?.startedAt ?? null };
  });
}

/** Records that a load starts (a reload before keepData finishes is reported next time); its slot. */
export function markLoadStarted(): Promise<string | null> {
  return changeIndex(async () => {
    if (!storageAvailable()) return null;
    const slot = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const index = await readIndex();
    await writeIndex({ ...index, pending: { slot, startedAt: new Date().toISOString() } });
    return slot;
  });
}

/** The load was refused or failed: nothing to keep, the stored data stays as it was. */
export function markLoadEnded(): Promise<void> {
  return changeIndex(async () => {
    const index = await readIndex();
    if (index.pending) await writeIndex({ ...index, pending: null });
    await removeSlots(index.sets);
  });
}

/** A data set's tables are written (src/app/storage/stored-data.ts): it joins the index as the one that opens next time. */
export function recordKept(stored: StoredEntry): Promise<void> {
  return changeIndex(async () => {
    const index = await readIndex();
    await writeIndex({ ...index, sets: [...index.sets.filter((e) => e.slot !== stored.slot), stored], current: stored.slot, pending: null });
  });
}

/**
 * Keeps the settings a data set is viewed with (`slot` null: the demo's), so they come back when
 * it is opened again; the index as it is now, or null when nothing changed (settings as kept, or
 * a data set no longer kept).
 */
export function keepSettings(slot: string | null, settings: DataSetSettings): Promise<StoredSets | null> {
  return changeIndex(async () => {
    const index = await readIndex();
    const same = (kept: DataSetSettings | undefined) => JSON.stringify(kept ?? DEFAULT_SETTINGS) === JSON.stringify(settings);
    if (slot === null ? same(index.demoSettings) : !index.sets.some((e) => e.slot === slot) || same(index.sets.find((e) => e.slot === slot)!.settings)) return null;
    const next = slot === null ? { ...index, demoSettings: settings } : { ...index, sets: index.sets.map((e) => (e.slot === slot ? { ...e, settings } : e)) };
    await writeIndex(next);
    return setsOf(next);
  });
}

/** Writes a text file of the origin-private storage as a whole. */
async function writeText(name: string, text: string): Promise<void> {
  const w = await (await (await navigator.storage.getDirectory()).getFileHandle(name, { create: true })).createWritable();
  await w.write(text);
  await w.close();
}

/**
 * Keeps the first screen's answers (snapshotToJson of seed-json.ts) with a kept data set; best
 * effort: without them the data set opens as before, waiting for its tables.
 */
export async function keepFirstScreen(slot: string, json: string): Promise<void> {
  await writeText(seedFile(slot), json).catch(() => undefined);
}

/** The first screen's answers kept with `entry` (src/app/storage/kept-data-set.ts writes them), or null. */
export async function keptFirstScreen(entry: StoredEntry): Promise<DemoSnapshot | null> {
  try {
    return snapshotFromJson(await (await (await (await navigator.storage.getDirectory()).getFileHandle(seedFile(entry.slot))).getFile()).text());
  } catch {
    return null;
  }
}

/** Changes a kept data set's name; the index as it is now. */
export function renameStored(slot: string, name: string): Promise<StoredSets> {
  return changeIndex(async () => {
    const index = await readIndex();
    const next = { ...index, sets: index.sets.map((e) => (e.slot === slot ? { ...e, name } : e)) };
    await writeIndex(next);
    return setsOf(next);
  });
}

/** Which data set opens next time (null: the demo); the index as it is now. */
export function setCurrentStored(slot: string | null): Promise<StoredSets> {
  return changeIndex(async () => {
    if (!storageAvailable()) return setsOf(EMPTY);
    const index = await readIndex();
    const next = { ...index, current: index.sets.some((e) => e.slot === slot) ? slot : null };
    await writeIndex(next);
    return setsOf(next);
  });
}

/** Removes one kept data set (the demo opens next time if it was the current one); the index as it is now. */
export function forgetStored(slot: string): Promise<StoredSets> {
  return changeIndex(async () => {
    const index = await readIndex();
    const next = { ...index, sets: index.sets.filter((e) => e.slot !== slot), current: index.current === slot ? null : index.current };
    await writeIndex(next);
    await removeSlots(next.sets).catch(() => undefined);
    return setsOf(next);
  });
}

/** Bytes each kept data set takes (its slot files), by slot; `total` adds the index. */
export async function storedBytes(): Promise<{ total: number; bySlot: Record<string, number> }> {
  const bySlot: Record<string, number> = {};
  let total = 0;
  if (!storageAvailable()) return { total, bySlot };
  for (const [name, handle] of (await listFiles()).files) {
    if (!name.startsWith(SLOT_PREFIX) && name !== INDEX_FILE) continue;
    const size = (await handle.getFile()).size;
    total += size;
    const slot = name.startsWith(SLOT_PREFIX) ? name.slice(SLOT_PREFIX.length).replace(/\.(duckdb(\.wal)?|seed\.json)$/, '') : null;
    if (slot) bySlot[slot] = (bySlot[slot] ?? 0) + size;
  }
  return { total, bySlot };
}
