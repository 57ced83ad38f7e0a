import { getEngine } from '../engine/browser';
import { preloadCharts } from './components/charts/BarChart';
import { capacityProblem } from '../loader/browser-capacity';
import type { FileLoadReport } from '../loader/load-file';
import type { InputFile } from '../loader/file-kinds';
import { decodeParquetBrowser } from '../loader/parquet-browser';
import { replaceData, type BatchFile, type ReplaceProgress, type ReplaceResult } from '../loader/replace-data';
import { deferredEngine } from '../engine/deferred';
import { bundledQuerySources } from '../runner/query-files-browser';
import { snapshotFromJson, type DemoSnapshot } from '../loader/seed-json';
import { Runner } from '../runner/runner';
import { demoFileUrls, fetchDemoDatabase, fetchDemoFile, loadDemoFiles, openDemoDatabase } from './demo-files';
import type { PrebuiltFiles } from '../loader/prebuilt-database';
import { sourceLabelFor } from './loading/source-label';
import { keepProblem } from './storage/keep-problem';
import { getStorageState, setStorageState } from './storage/storage-state';
import { keepLoaded, keptFirstScreen, readKept } from './storage/kept-data-set';
import { forgetStored, holdLoadLock, markLoadEnded, markLoadStarted, openStoredData, renameStored, setCurrentStored, type StoredEntry } from './storage/stored-data';
import { parseDataSetRef } from './view/view-url';
import { answeredAhead } from './view/answered-ahead';

/** A runner with data loaded: what every page of the app queries. */
export interface Session {
  runner: Runner;
  /** Where the data came from, shown in the header. */
  sourceLabel: string;
  reports: FileLoadReport[];
  /** The kept data set shown (null: the demo, or loaded data not kept yet). */
  dataSet: StoredEntry | null;
}

export type ProgressListener = (step: string) => void;

let shared: { early: Promise<Session>; full: Promise<Session> } | null = null;
const listeners = new Set<ProgressListener>();
let lastStep = 'Starting…';

/** Subscribes to the start-up steps (for the loading screen); returns the unsubscribe. */
export function onSessionProgress(listener: ProgressListener): () => void {
  listeners.add(listener);
  listener(lastStep);
  return () => listeners.delete(listener);
}

function progress(step: string): void {
  lastStep = step;
  for (const l of listeners) l(step);
}

/**
 * The one session of the page, created on first use and shared by every component:
 * start DuckDB, create the schema and macros, load the embedded demo data, derive.
 * A failed start is not cached, so "Try again" starts over.
 */
export function getSession(): Promise<Session> {
  return startOnce().full;
}

/**
 * The same session as soon as the dashboard can show: at once with the build's answers for
 * the demo's first screen (its runner answers those, and waits for the data for anything
 * else), otherwise when getSession() resolves. For rendering only: whatever reads or writes
 * tables itself (loading files, previews, assumptions) goes through the runner's one lock (Runner.exclusive).
 */
export function getFirstScreenSession(): Promise<Session> {
  return startOnce().early;
}

function startOnce(): { early: Promise<Session>; full: Promise<Session> } {
  if (!shared) {
    const started = startSession();
    started.full.catch(() => {
      if (shared === started) shared = null;
    });
    shared = started;
  }
  return shared;
}

/**
 * Starts with the data kept in this browser when there is some (src/app/storage/stored-data.ts:
 * read back, derived, no import), otherwise with the demo data (answered from the build first).
 */
function startSession(): { early: Promise<Session>; full: Promise<Session> } {
  const files = demoFileUrls();
  const stored = openStoredData()
    .then(async (st) => {
      // A link names the data set it was made on: that one opens (and next time too) if it is kept here.
      const wanted = parseDataSetRef(new URLSearchParams(window.location.search).get('data'));
      if (wanted?.fingerprint === 'demo') return { ...st, entry: null };
      const linked = wanted && st.sets.find((e) => e.fingerprint === wanted.fingerprint);
      return linked && linked !== st.entry ? { ...st, ...(await setCurrentStored(linked.slot)) } : st;
    })
    .catch(() => ({ entry: null, sets: [], unfinishedSince: null }));
  void stored.then(({ entry, sets, unfinishedSince }) => setStorageState({ status: entry ? 'stored' : 'none', entry, sets, unfinishedSince }));
  // The build's answers describe the demo data; kept data has its own, kept with it.
  const snapshot = Promise.all([loadDemoSnapshot(), stored]).then(async ([snap, st]) => (st.entry ? await keptFirstScreen(st.entry) : snap));
  // With the build's answers the first screen needs only them and the charts' code. The
  // database (34 MB of wasm to fetch and compile) and the demo data start once that screen is
  // drawn, so they do not compete with it for the connection and the two cores of a laptop.
  // A link the build did not answer (another page, a filter, a drill-down; told by its URL)
  // starts them at once, in parallel with the page's own code; and any query the build did
  // not answer starts them too (runner.onWaitForTables).
  let tablesWanted!: () => void;
  const firstQueryWaits = new Promise<void>((resolve) => (tablesWanted = resolve));
  const firstScreenDrawn = Promise.race([
    snapshot.then((snap) => (snap ? Promise.all([preloadCharts(), whenIdle(500)]) : undefined)),
    firstQueryWaits,
    answeredAhead(window.location.search) ? firstQueryWaits : Promise.resolve(),
  ]).then(
    () => undefined,
    () => undefined,
  );
  let fetched: Promise<InputFile[]> | null = null;
  const demoInputs = () => {
    if (files.length === 0) return Promise.reject(new Error('This build contains no demo data (data/demo/*.csv was empty at build time).'));
    return (fetched ??= Promise.all(files.map(fetchDemoFile)));
  };
  // The demo data as the build loaded and derived it; the CSV files only without it (dev server).
  let prebuilt: Promise<PrebuiltFiles | null> | null = null;
  const demoDatabase = () => (prebuilt ??= fetchDemoDatabase().catch(() => null));
  // Fetched while the database starts, not after (unless stored data opens instead).
  void Promise.all([firstScreenDrawn, stored]).then(([, st]) => {
    if (!st.entry) void demoDatabase().then((db) => (db ? undefined : demoInputs().catch(() => undefined)));
  });
  progress('Starting the database…');
  const engine = firstScreenDrawn.then(() => (mark('engine-wanted'), getEngine())).then((e) => (mark('engine-started'), e));
  const runner = new Runner(deferredEngine(engine), bundledQuerySources());
  runner.computeAhead = true;
  runner.onWaitForTables = () => {
    // The first query the build's answers did not cover (the benchmark and e2e read this mark).
    if (performance.getEntriesByName('ri:query-not-answered-ahead').length === 0) mark('query-not-answered-ahead');
    tablesWanted();
  };
  // How many filter-index queries are still to run ahead (the benchmark reads it).
  runner.onIdleWork = (n) => (document.documentElement.dataset.workAhead = String(n));
  const session: Session = { runner, sourceLabel: 'Demo data', reports: [], dataSet: null };
  // Held like a data replacement: nothing else writes tables until the data is in.
  const full = runner.exclusive(async () => {
    await engine;
    progress('Preparing the models…');
    await runner.init();
    mark('schema-ready');
    const { entry } = await stored;
    const opened = entry ? await openStored(runner, entry) : 'failed';
    // A kept data set comes back derived (its derived tables kept, or derived by readKept).
    let derived = entry !== null && opened !== 'failed';
    if (entry && opened !== 'failed') {
      showing(session, entry);
      // The first screen may have shown answers kept under other SQL or settings: ask again.
      if (opened === 'derived') {
        dataVersion += 1;
        queueMicrotask(() => announce(session));
      }
    } else {
      if (entry) runner.dropSeed(); // answers for the kept data set, which could not be read
      // Loaded and derived at build time; the demo files are read only when that cannot be used.
      const prebuiltReports = await openDemoDatabase(runner, await demoDatabase(), progress);
      derived = prebuiltReports !== null;
      session.reports = prebuiltReports ?? (await loadDemoFiles(runner, await demoInputs(), progress));
    }
    if (!derived) {
      progress('Deriving the analysis tables…');
      await runner.refresh();
    }
    progress('Ready');
    mark('data-ready');
    return session;
  });
  const early = Promise.all([snapshot, stored]).then(([snap, { entry }]) => {
    if (!snap) return full;
    runner.seed(snap.seed, full.then(() => undefined));
    if (entry) showing(session, entry);
    else session.reports = snap.reports;
    return session;
  });
  return { early, full };
}

/** Reads a kept data set at start; 'failed' (and the Data page says why) when it cannot be read. */
async function openStored(runner: Runner, entry: StoredEntry): Promise<'kept' | 'derived' | 'failed'> {
  progress(`Opening ${entry.name}…`);
  try {
    return await readKept(runner, entry, () => progress('Deriving the analysis tables…'));
  } catch (e) {
    setStorageState({ status: 'failed', problem: `The data kept in this browser (${entry.name}) could not be read: ${e instanceof Error ? e.message : String(e)}. The demo data is shown instead.` });
    return 'failed';
  }
}

function showing(session: Session, entry: StoredEntry): void {
  session.sourceLabel = entry.name;
  session.reports = entry.reports;
  session.dataSet = entry;
}

/** A named moment of the start in the page's performance timeline (read by the benchmark). */
function mark(name: string): void {
  performance.mark(`ri:${name}`);
}

/** Resolves when the page has nothing else to do (after the render in progress), or after `timeoutMs`. */
function whenIdle(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 50);
  });
}

/** The build's demo snapshot (virtual:demo-snapshot), or null without one or if it cannot be read. */
async function loadDemoSnapshot(): Promise<DemoSnapshot | null> {
  try {
    const json = (await import('virtual:demo-snapshot')).default;
    return json ? snapshotFromJson(json) : null;
  } catch {
    return null; // the page still works: it waits for DuckDB
  }
}

// ---------------------------------------------------------------------------------------------
// Replacing the data (Data page: file loader, "Reset to demo data").

/** What changed when a batch replaced the data: pages re-query when `version` moves. */
export interface DataChange {
  version: number;
  sourceLabel: string;
  reports: FileLoadReport[];
  /** The kept data set shown (null: the demo, or data not kept yet); it changes without `version` once a load is kept. */
  dataSet: StoredEntry | null;
}

const dataListeners = new Set<(change: DataChange) => void>();
let dataVersion = 0;

/**
 * Subscribes to data replacements (a loaded batch, a reset to the demo data); returns the
 * unsubscribe. The shell bumps the pages' `dataVersion` and shows the new source label.
 */
export function onDataChanged(listener: (change: DataChange) => void): () => void {
  dataListeners.add(listener);
  return () => dataListeners.delete(listener);
}

/**
 * Loads a batch of canonical files as the new data set (see src/loader/replace-data.ts): only a
 * batch with usable order lines replaces the data; otherwise the last good data stays, and the
 * result says what failed. `label` names the source (default: the loaded files' names).
 * A file that cannot be used keeps the data too, unless `allowPartial` (the user accepted the
 * batch without it).
 */
export async function replaceSessionData(
  files: BatchFile[],
  onProgress?: (p: ReplaceProgress) => void,
  label?: string,
  options: { allowPartial?: boolean; keep?: boolean } = {},
): Promise<ReplaceResult> {
  // Refused before anything is read: past the wasm memory limit a load crashes the worker.
  const session = await getSession();
  // From here on the answers computed for the demo data may no longer describe the data.
  session.runner.dropSeed();
  const sizeOf = (f: BatchFile) => f.size ?? (f.bytes instanceof Blob ? f.bytes.size : f.bytes instanceof Uint8Array ? f.bytes.length : 0);
  const [held] = await session.runner.engine.query('SELECT coalesce(sum(memory_usage_bytes), 0) AS b FROM duckdb_memory()');
  const tooLarge = capacityProblem(files.map((f) => ({ name: f.name, size: sizeOf(f) })), undefined, Number(held?.b ?? 0));
  if (tooLarge) return { replaced: false, reports: [], problem: tooLarge, loadedFiles: [], refusedFiles: [], coverage: null, issues: [] };
  // A copy still being written reads the tables this batch replaces: it finishes first.
  await keeping;
  // One tab loads at a time; a reload in the middle is reported next time (markLoadStarted).
  const release = options.keep === false ? () => undefined : await holdLoadLock();
  let notKept: unknown = null;
  const slot = options.keep === false ? null : await markLoadStarted().catch((e: unknown) => ((notKept = e), null));
  let result: ReplaceResult | null = null;
  try {
    result = await replaceData(session.runner, files, decodeParquetBrowser, onProgress, options);
  } finally {
    if (slot && !result?.replaced) await markLoadEnded().catch(() => undefined);
    if (!slot || !result?.replaced) release();
  }
  if (result.replaced) {
    session.sourceLabel = label ?? sourceLabelFor(result.loadedFiles);
    session.reports = result.reports;
    session.dataSet = null;
    dataVersion += 1;
    announce(session);
    // Kept in the background: the pages show the new data meanwhile.
    if (slot) keeping = keepInBrowser(session, slot).finally(release);
    else if (notKept) setStorageState({ status: 'failed', problem: keepProblem(notKept) });
  }
  return result;
}

/** The copy of the loaded data being written to the browser's storage (resolves, never rejects). */
let keeping: Promise<void> = Promise.resolve();

function announce(session: Session): void {
  const change: DataChange = { version: dataVersion, sourceLabel: session.sourceLabel, reports: session.reports, dataSet: session.dataSet };
  for (const l of dataListeners) l(change);
}

async function keepInBrowser(session: Session, slot: string): Promise<void> {
  setStorageState({ status: 'saving', problem: null });
  try {
    const { reports } = session;
    const entry = await keepLoaded(session.runner, slot, session.sourceLabel, reports);
    setStorageState({ status: 'stored', entry, sets: [...getStorageState().sets.filter((e) => e.slot !== slot), entry], problem: null });
    // Still the data shown (nothing replaced it meanwhile: a load waits for this copy): links now name it.
    if (session.reports === reports) {
      showing(session, entry);
      announce(session);
    }
  } catch (e) {
    setStorageState({ status: 'failed', problem: keepProblem(e) });
  }
}

/**
 * Replaces whatever was loaded by the bundled demo data (the same all-or-nothing path) and
 * forgets the data set kept in this browser that was to open next time: the next open shows the
 * demo too (other kept data sets stay).
 */
export async function resetToDemoData(onProgress?: (p: ReplaceProgress) => void): Promise<ReplaceResult> {
  const current = getStorageState().entry;
  const result = await showDemo(onProgress);
  if (result.replaced) {
    const after = current ? await forgetStored(current.slot) : await setCurrentStored(null);
    setStorageState({ status: 'none', ...after, problem: null });
  }
  return result;
}

function showDemo(onProgress?: (p: ReplaceProgress) => void): Promise<ReplaceResult> {
  const files: BatchFile[] = demoFileUrls().map((f) => ({ name: f.name, bytes: async () => (await fetchDemoFile(f)).bytes }));
  return replaceSessionData(files, onProgress, 'Demo data', { keep: false });
}

/**
 * Shows another kept data set (by slot), or the demo (null), and makes it the one that opens
 * next time. Throws when it cannot be read (the data shown stays).
 */
export async function switchDataSet(slot: string | null): Promise<void> {
  const session = await getSession();
  await keeping; // a copy being written reads the tables this replaces
  const entry = getStorageState().sets.find((e) => e.slot === slot) ?? null;
  if (entry?.slot === session.dataSet?.slot && (entry || session.sourceLabel === 'Demo data')) return;
  if (!entry) {
    const result = await showDemo();
    if (!result.replaced) throw new Error(result.problem ?? 'The demo data could not be loaded.');
  } else {
    session.runner.dropSeed();
    await session.runner.exclusive(() => readKept(session.runner, entry));
    showing(session, entry);
    dataVersion += 1;
    announce(session);
  }
  const after = await setCurrentStored(entry?.slot ?? null);
  setStorageState({ status: after.entry ? 'stored' : 'none', ...after, problem: null });
}

/** Renames a kept data set; if it is the one shown, the header and the links follow. */
export async function renameDataSet(slot: string, name: string): Promise<void> {
  const after = await renameStored(slot, name);
  setStorageState(after);
  const session = await getSession();
  const entry = after.sets.find((e) => e.slot === slot);
  if (entry && session.dataSet?.slot === slot) {
    showing(session, entry);
    announce(session);
  }
}
