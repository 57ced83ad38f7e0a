import type { Engine } from '../../engine/types';
import { deferredEngine } from '../../engine/deferred';
import type { InputFile } from '../../loader/file-kinds';
import type { PrebuiltFiles } from '../../loader/prebuilt-database';
import { bundledQuerySources } from '../../runner/query-files-browser';
import { Runner } from '../../runner/runner';
import { preloadCharts } from '../components/charts/BarChart';
import { demoFileUrls, fetchDemoDatabase, fetchDemoFile } from '../demo-files';
import type { Session } from '../session';
import { applyKeptSettings } from '../storage/kept-settings';
import { setStorageState } from '../storage/storage-state';
import { keptFirstScreen, openStoredData, setCurrentStored, type StoredEntry } from '../storage/stored-index';
import { answeredAhead, answeredByKeptFirstScreen } from '../view/answered-ahead';
import { parseDataSetRef } from '../view/view-url';
import { announce, showing, DEMO_LABEL } from './data-change';
import { loadDemoSnapshot } from './demo-answers';
import { recordDefaultsDerivedBy } from './demo-defaults';

export type ProgressListener = (step: string) => void;
export interface Started {
  early: Promise<Session>;
  full: Promise<Session>;
}

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
 * Starts with the data kept in this browser when there is some (src/app/storage/stored-index.ts:
 * read back, derived, no import), otherwise with the demo data (answered from the build first).
 * The engine (DuckDB, Arrow), the loader and the code reading kept tables are imported here
 * when they are wanted: the first screen's JavaScript does not carry them.
 */
export function startSession(): Started {
  const files = demoFileUrls();
  const stored = openStoredData()
    .then(async (st) => {
      // A link names the data set it was made on: that one opens (and next time too) if it is kept here.
      const wanted = parseDataSetRef(new URLSearchParams(window.location.search).get('data'));
      if (wanted?.fingerprint === 'demo') return { ...st, entry: null };
      const linked = wanted && st.sets.find((e) => e.fingerprint === wanted.fingerprint);
      return linked && linked !== st.entry ? { ...st, ...(await setCurrentStored(linked.slot)) } : st;
    })
    .catch(() => ({ entry: null, sets: [], unfinishedSince: null, demoSettings: null }));
  void stored.then(({ entry, sets, unfinishedSince, demoSettings }) =>
    setStorageState({ status: entry ? 'stored' : 'none', entry, sets, unfinishedSince, demoSettings }),
  );
  // The settings the data set was last viewed with, unless the link carries its own (the URL's
  // win), before the dashboard first renders: its first query then uses them.
  const settingsApplied = stored.then(({ entry, demoSettings }) => applyKeptSettings(entry ? entry.settings : demoSettings));
  // The build's answers describe the demo data; kept data has its own, kept with it.
  const demoShown = stored.then((st) => st.entry === null);
  const snapshot = Promise.all([loadDemoSnapshot(window.location.search, demoShown), stored]).then(async ([snap, st]) => (st.entry ? await keptFirstScreen(st.entry) : snap));
  // With the build's answers the first screen needs only them and the charts' code. The
  // database (34 MB of wasm to fetch and compile) and the demo data start once that screen is
  // drawn, so they do not compete with it for the connection and the two cores of a laptop.
  // A link the build did not answer (another page, a filter, a drill-down; told by its URL,
  // or settings kept with the data set) starts them at once, in parallel with the page's own
  // code; and any query the build did not answer starts them too (runner.onWaitForTables).
  let tablesWanted!: () => void;
  const firstQueryWaits = new Promise<void>((resolve) => (tablesWanted = resolve));
  void settingsApplied.then((applied) => applied && tablesWanted());
  const firstScreenDrawn = Promise.race([
    snapshot.then((snap) => (snap ? Promise.all([preloadCharts(), whenIdle(500)]) : undefined)),
    firstQueryWaits,
    // With data kept here the build's answers are not used: only its own kept first screen waits.
    answeredAhead(window.location.search)
      ? stored.then((st) => (st.entry && !answeredByKeptFirstScreen(window.location.search) ? undefined : firstQueryWaits))
      : Promise.resolve(),
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
  const engine: Promise<Engine> = firstScreenDrawn
    .then(() => (mark('engine-wanted'), import('../../engine/browser')))
    .then((m) => m.getEngine())
    .then((e) => (mark('engine-started'), e));
  // What opens the data in the runner (the loader, the kept tables' reader): fetched with the engine.
  const openers = firstScreenDrawn.then(() => Promise.all([import('./open-demo'), import('../storage/kept-data-set')]));
  const runner = new Runner(deferredEngine(engine), bundledQuerySources());
  runner.computeAhead = true;
  // A click right after a view appears should not wait for a query computed ahead (it cannot be
  // interrupted): work ahead starts after 1.5 s without a query asked for.
  runner.workAheadAfterMs = 1500;
  runner.onWaitForTables = () => {
    // The first query the build's answers did not cover (the benchmark and e2e read this mark).
    if (performance.getEntriesByName('ri:query-not-answered-ahead').length === 0) mark('query-not-answered-ahead');
    tablesWanted();
  };
  // How many filter-index queries are still to run ahead (the benchmark reads it).
  runner.onIdleWork = (n) => (document.documentElement.dataset.workAhead = String(n));
  const session: Session = { runner, sourceLabel: DEMO_LABEL, reports: [], dataSet: null };
  // Held like a data replacement: nothing else writes tables until the data is in.
  const full = runner.exclusive(async () => {
    await engine;
    progress('Preparing the models…');
    const { entry } = await stored;
    // The demo's prebuilt database brings the derived tables: none are derived on the empty tables first.
    await runner.init({ deriveLater: entry === null });
    mark('schema-ready');
    const [demo, kept] = await openers;
    const opened = entry ? await openStored(runner, entry, kept.readKept) : 'failed';
    // A kept data set comes back derived (its derived tables kept, or derived by readKept).
    let derived = entry !== null && opened !== 'failed';
    if (entry && opened !== 'failed') {
      showing(session, entry);
      // The first screen may have shown answers kept under other SQL or settings: ask again.
      if (opened === 'derived') queueMicrotask(() => announce(session, true));
    } else {
      if (entry) runner.dropSeed(); // answers for the kept data set, which could not be read
      // Loaded and derived at build time; the demo files are read only when that cannot be used.
      const prebuiltReports = await demo.openDemoDatabase(runner, await demoDatabase(), progress);
      derived = prebuiltReports !== null;
      session.reports = prebuiltReports ?? (await demo.loadDemoFiles(runner, await demoInputs(), progress));
    }
    if (!derived) {
      progress('Deriving the analysis tables…');
      await runner.refresh();
    }
    progress('Ready');
    mark('data-ready');
    // What the demo database's derived tables were made under (the default settings): a later
    // switch back to the demo knows whether the settings in effect then need a derive.
    await recordDefaultsDerivedBy(runner);
    return session;
  });
  const early = Promise.all([snapshot, stored, settingsApplied]).then(([snap, { entry }]) => {
    if (!snap) return full;
    runner.seed(snap.seed, full.then(() => undefined));
    if (entry) showing(session, entry);
    else session.reports = snap.reports;
    return session;
  });
  return { early, full };
}

/** Reads a kept data set at start; 'failed' (and the Data page says why) when it cannot be read. */
async function openStored(
  runner: Runner,
  entry: StoredEntry,
  readKept: (runner: Runner, entry: StoredEntry, onDerive: () => void) => Promise<'kept' | 'derived'>,
): Promise<'kept' | 'derived' | 'failed'> {
  progress(`Opening ${entry.name}…`);
  try {
    return await readKept(runner, entry, () => progress('Deriving the analysis tables…'));
  } catch (e) {
    setStorageState({ status: 'failed', problem: `The data kept in this browser (${entry.name}) could not be read: ${e instanceof Error ? e.message : String(e)}. The demo data is shown instead.` });
    return 'failed';
  }
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
