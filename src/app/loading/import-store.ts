import { useSyncExternalStore } from 'react';
import { arrowIPCToCsv } from '../../loader/arrow-to-csv';
import { readWorkbook } from '../../loader/excel';
import { blobSource, formatOf, isWorkbook } from '../../loader/file-kinds';
import { routeByContent, routeOf } from '../../loader/file-route';
import { headerNames, readRecords } from '../../loader/import/decode';
import { fileMatches, type MappingSpec } from '../../loader/import';
import { jsonToCsv } from '../../loader/json-to-arrow';
import { decodeParquetBrowser, parquetColumnsBrowser } from '../../loader/parquet-browser';
import type { BatchFile, ReplaceResult } from '../../loader/replace-data';
import { loadBatchFiles } from './load-store';
import { canLoad, draftFromBytes, draftFromCsvText, withChoice, withLookupRule, withRefundsRule, type BatchItem, type FileRoute, type MappingDraft } from './mapping-step';

/**
 * The files dropped for the next load, outside React (like load-store) so the mapping step's
 * work survives leaving the Data page: each file with its route (canonical, mapping step, or
 * unreadable) and, for a mapped file, its draft. "Load all" hands the batch to replace-data.
 */
export interface BatchEntry extends BatchItem {
  id: number;
  size: number;
  /** The picked file (read again at load time for canonical files). */
  file: File;
  /** Why the file cannot be used at all (one message); it loads nothing. */
  error: string | null;
  /** The mapping step is shown. */
  open: boolean;
}

let entries: BatchEntry[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function set(next: BatchEntry[]): void {
  entries = withLookupRule(withRefundsRule(next));
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useImportBatch(): BatchEntry[] {
  return useSyncExternalStore(subscribe, () => entries);
}

export function getImportBatch(): BatchEntry[] {
  return entries;
}

function patch(id: number, fn: (e: BatchEntry) => BatchEntry): void {
  set(entries.map((e) => (e.id === id ? fn(e) : e)));
}

/**
 * The route of each dropped file, by its content where its name alone does not decide it: a
 * file named after a canonical table whose header does not fit that table goes to the mapping step.
 */
export function routeFiles(files: readonly File[]): Promise<FileRoute[]> {
  return Promise.all(files.map((f) => (isWorkbook(f.name) ? Promise.resolve(routeOf(f.name)) : routeByContent(f.name, blobSource(f), parquetColumnsBrowser).catch(() => routeOf(f.name)))));
}

/**
 * Adds dropped or picked files with their routes (routeFiles); files that need a mapping are
 * read and sampled. A workbook is read first (its entry says so meanwhile) and becomes one
 * entry per sheet (`book.xlsx › Sheet`, CSV text), routed like any file by its name and header:
 * a sheet named after a table whose header fits loads directly, any other goes to the mapping step.
 */
export function addFiles(files: readonly File[], routes: readonly FileRoute[] = files.map((f) => routeOf(f.name))): void {
  addEntries(files.map((file, i) => ({ file, route: routes[i] ?? routeOf(file.name) })).filter((x) => !isWorkbook(x.file.name)));
  for (const book of files.filter((f) => isWorkbook(f.name))) {
    const [entry] = addEntries([{ file: book, route: { kind: 'mapping' } }], false);
    void book.arrayBuffer().then((b) => readWorkbook(book.name, new Uint8Array(b))).then(
      (sheets) => {
        set(entries.filter((e) => e.id !== entry!.id));
        addEntries(sheets.map((sh) => ({
          file: new File([sh.text], sh.name, { type: 'text/csv' }),
          route: routeOf(sh.name, headerNames(readRecords(sh.text.slice(0, 64 << 10), ',', '"', 1)[0]?.cells ?? [])),
        })));
      },
      (err: unknown) => patch(entry!.id, (x) => ({ ...x, status: 'error', error: `${(err instanceof Error ? err.message : String(err)).replace(`${book.name}: `, '')}. Nothing from it will be loaded.` })),
    );
  }
}

function addEntries(files: readonly { file: File; route: FileRoute }[], prepareNow = true): BatchEntry[] {
  const added: BatchEntry[] = files.map(({ file, route }) => ({
    id: nextId++, name: file.name, size: file.size, file, route, draft: null, open: false,
    status: route.kind === 'mapping' ? 'preparing' : route.kind === 'unsupported' ? 'error' : 'ready',
    error: route.kind === 'unsupported' ? route.message : null,
  }));
  // The first file that needs the user opens, and so does a file whose name said a table its content is not.
  let opened = entries.some((e) => e.open);
  set([...entries, ...added]);
  for (const e of added) {
    if (e.route.kind !== 'mapping' || !prepareNow) continue;
    const namedLike = e.route.namedLike;
    void prepare(e.file).then(
      (prepared) => {
        // No preset fits: the name is still the best hint of the table meant (its missing columns then show).
        const hinted = namedLike && prepared.choice.kind === 'custom' && prepared.choice.table !== namedLike.table
          ? withChoice(prepared, { kind: 'custom', table: namedLike.table })
          : prepared;
        const draft = namedLike
          ? { ...hinted, origin: `${hinted.origin}; named like the ${namedLike.table} table, but ${namedLike.missing}: read by its content` }
          : hinted;
        const open = !opened && (!canLoad(draft) || namedLike !== undefined);
        opened ||= open;
        patch(e.id, (x) => ({ ...x, status: 'ready', draft, open }));
      },
      (err: unknown) => patch(e.id, (x) => ({ ...x, status: 'error', error: err instanceof Error ? err.message : String(err) })),
    );
  }
  return added;
}

/** Reads a file for the mapping step: CSV/TSV sampled as they are, Parquet and JSON converted to CSV text first. */
async function prepare(file: File): Promise<MappingDraft> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw new Error(`The file could not be read (${e instanceof Error ? e.message : String(e)}). Nothing from it will be loaded.`);
  }
  if (bytes.length === 0) throw new Error('The file is empty. Nothing from it will be loaded.');
  const format = formatOf(file.name);
  let draft: MappingDraft;
  if (format === 'parquet' || format === 'json') {
    let text: string;
    try {
      text = format === 'parquet' ? arrowIPCToCsv(await decodeParquetBrowser(bytes)) : jsonToCsv(bytes);
    } catch (e) {
      throw new Error(`The file could not be read as ${format === 'json' ? 'JSON' : 'Parquet'}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}. Nothing from it will be loaded.`);
    }
    draft = draftFromCsvText(file.name, text, format);
  } else {
    draft = draftFromBytes(file.name, bytes);
  }
  if (draft.sniff.header.length === 0) throw new Error('The file holds no header row. Nothing from it will be loaded.');
  return draft;
}

/** The other files of the batch a mapping's lookups name, for its preview (unreadable ones left out). */
export async function lookupFilesFor(id: number, mapping: MappingSpec): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const e of entries) {
    if (e.id === id || e.error || !(mapping.lookups ?? []).some((l) => fileMatches(e.name, l.file))) continue;
    try {
      const bytes = e.draft ? (e.draft.bytes ?? new TextEncoder().encode(e.draft.sniff.text)) : new Uint8Array(await e.file.arrayBuffer());
      out.push({ name: e.name, bytes });
    } catch {
      // unreadable: the preview then says the lookup file is missing
    }
  }
  return out;
}

export function removeEntry(id: number): void {
  set(entries.filter((e) => e.id !== id));
}

/** The user's choice for a file: lookup only (read by the other files' lookups, not loaded) or loaded. */
export function setLookupOnly(id: number, lookupOnly: boolean): void {
  patch(id, (e) => ({ ...e, lookupChoice: lookupOnly }));
}

export function toggleEntry(id: number, open?: boolean): void {
  patch(id, (e) => ({ ...e, open: open ?? !e.open }));
}

/** Changes a file's draft (the mapping step's edits). */
export function updateDraft(id: number, fn: (d: MappingDraft) => MappingDraft): void {
  patch(id, (e) => (e.draft ? { ...e, draft: fn(e.draft) } : e));
}

export function clearBatch(): void {
  set([]);
}

/** The batch as replace-data takes it: canonical files read lazily, mapped files with their mapping, lookup-only files flagged. */
export function batchFiles(list: readonly BatchEntry[]): BatchFile[] {
  return list.map((e): BatchFile => {
    if (e.error || e.route.kind === 'unsupported') {
      const why = e.error ?? 'the file cannot be read';
      return { name: e.name, bytes: () => Promise.reject(new Error(why.replace(/\. Nothing from it will be loaded\.$/, ''))) };
    }
    // Handed to the mappings' lookups, read from the File in pieces, not loaded.
    if (e.lookupOnly) return { name: e.name, bytes: e.file, size: e.file.size, lookupOnly: true };
    if (e.route.kind === 'mapping' && e.draft) {
      const d = e.draft;
      const bytes = d.bytes ?? new TextEncoder().encode(d.sniff.text);
      return { name: e.name, bytes, mapping: d.mapping, size: e.file.size };
    }
    // The File itself: the loader reads it in pieces, never whole.
    return { name: e.name, bytes: e.file };
  });
}

/** "Load all": replaces the data with the batch; a batch that replaced the data is cleared. */
export async function loadBatch(): Promise<ReplaceResult | null> {
  const result = await loadBatchFiles(batchFiles(entries));
  if (result?.replaced) clearBatch();
  return result;
}
