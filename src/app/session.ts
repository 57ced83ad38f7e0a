import { getEngine } from '../engine/browser';
import { preloadCharts } from './components/charts/BarChart';
import { capacityProblem } from '../loader/browser-capacity';
import { importSqlFrom } from '../loader/import/apply';
import { loadFile, loadOrder, type FileLoadReport } from '../loader/load-file';
import { decodeParquetBrowser } from '../loader/parquet-browser';
import { replaceData, type BatchFile, type ReplaceProgress, type ReplaceResult } from '../loader/replace-data';
import { deferredEngine } from '../engine/deferred';
import { bundledQuerySources } from '../runner/query-files-browser';
import { snapshotFromJson, type DemoSnapshot } from '../loader/seed-json';
import { Runner } from '../runner/runner';
import { demoFileUrls, fetchDemoFile } from './demo-files';
import { sourceLabelFor } from './loading/source-label';

/** A runner with data loaded: what every page of the app queries. */
export interface Session {
  runner: Runner;
  /** Where the data came from, shown in the header. */
  sourceLabel: string;
  reports: FileLoadReport[];
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
    const started = startDemoSession();
    started.full.catch(() => {
      if (shared === started) shared = null;
    });
    shared = started;
  }
  return shared;
}

function startDemoSession(): { early: Promise<Session>; full: Promise<Session> } {
  const files = demoFileUrls();
  if (files.length === 0) {
    const none = Promise.reject(new Error('This build contains no demo data (data/demo/*.csv was empty at build time).'));
    return { early: none, full: none };
  }
  const snapshot = loadDemoSnapshot();
  // With the build's answers the first screen needs only them and the charts' code. The
  // database (34 MB of wasm to fetch and compile) and the demo files start once that screen is
  // drawn, so they do not compete with it for the connection and the two cores of a laptop.
  const firstScreenDrawn = snapshot
    .then((snap) => (snap ? Promise.all([preloadCharts(), whenIdle(500)]) : undefined))
    .then(
      () => undefined,
      () => undefined,
    );
  // Fetched while the database starts, not after.
  const fetched = firstScreenDrawn.then(() => Promise.all(files.map(fetchDemoFile)));
  fetched.catch(() => undefined);
  progress('Starting the database…');
  const engine = firstScreenDrawn.then(() => getEngine());
  const runner = new Runner(deferredEngine(engine), bundledQuerySources());
  runner.computeAhead = true;
  // How many filter-index queries are still to run ahead (the benchmark reads it).
  runner.onIdleWork = (n) => (document.documentElement.dataset.workAhead = String(n));
  const session: Session = { runner, sourceLabel: 'Demo data', reports: [] };
  // Held like a data replacement: nothing else writes tables until the demo data is in.
  const full = runner.exclusive(async () => {
    await engine;
    progress('Preparing the models…');
    await runner.init();
    const inputs = await fetched;
    const reports: FileLoadReport[] = [];
    const sql = importSqlFrom(runner.sources);
    for (const i of loadOrder(inputs)) {
      progress(`Loading ${inputs[i]!.name}…`);
      reports.push(await loadFile(runner.engine, sql, inputs[i]!, { decodeParquet: decodeParquetBrowser }));
    }
    progress('Deriving the analysis tables…');
    await runner.refresh();
    session.reports = reports;
    progress('Ready');
    return session;
  });
  const early = snapshot.then((snap) => {
    if (!snap) return full;
    runner.seed(snap.seed, full.then(() => undefined));
    session.reports = snap.reports;
    return session;
  });
  return { early, full };
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
  options: { allowPartial?: boolean } = {},
): Promise<ReplaceResult> {
  // Refused before anything is read: past the wasm memory limit a load crashes the worker.
  const session = await getSession();
  // From here on the answers computed for the demo data may no longer describe the data.
  session.runner.dropSeed();
  const sizeOf = (f: BatchFile) => f.size ?? (f.bytes instanceof Blob ? f.bytes.size : f.bytes instanceof Uint8Array ? f.bytes.length : 0);
  const [held] = await session.runner.engine.query('SELECT coalesce(sum(memory_usage_bytes), 0) AS b FROM duckdb_memory()');
  const tooLarge = capacityProblem(files.map((f) => ({ name: f.name, size: sizeOf(f) })), undefined, Number(held?.b ?? 0));
  if (tooLarge) return { replaced: false, reports: [], problem: tooLarge, loadedFiles: [], refusedFiles: [], coverage: null, issues: [] };
  const result = await replaceData(session.runner, files, decodeParquetBrowser, onProgress, options);
  if (result.replaced) {
    session.sourceLabel = label ?? sourceLabelFor(result.loadedFiles);
    session.reports = result.reports;
    dataVersion += 1;
    const change: DataChange = { version: dataVersion, sourceLabel: session.sourceLabel, reports: result.reports };
    for (const l of dataListeners) l(change);
  }
  return result;
}

/** Replaces whatever was loaded by the bundled demo data (the same all-or-nothing path). */
export async function resetToDemoData(onProgress?: (p: ReplaceProgress) => void): Promise<ReplaceResult> {
  const files: BatchFile[] = demoFileUrls().map((f) => ({ name: f.name, bytes: async () => (await fetchDemoFile(f)).bytes }));
  return replaceSessionData(files, onProgress, 'Demo data');
}

