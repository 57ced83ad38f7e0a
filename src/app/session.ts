import type { FileLoadReport } from '../loader/load-file';
import type { Runner } from '../runner/runner';
import type { StoredEntry } from './storage/stored-index';
import { startSession, type Started } from './session/start';

/*
 * The page's one session: a runner with data loaded, what every page of the app queries. This
 * module is what the first screen imports; what it does lives beside it in src/app/session/:
 * start.ts (the start: the build's answers first, DuckDB and the data meanwhile),
 * data-change.ts (who is told when the data is replaced), replace-data.ts (a loaded batch,
 * kept in the browser), switch-data-set.ts (another kept data set, rename), show-demo.ts
 * (back to the demo). The engine, the loader and the code writing kept data are loaded when
 * first needed, not with the first screen.
 */

export interface Session {
  runner: Runner;
  /** Where the data came from, shown in the header. */
  sourceLabel: string;
  reports: FileLoadReport[];
  /** The kept data set shown (null: the demo, or loaded data not kept yet). */
  dataSet: StoredEntry | null;
}

export { onSessionProgress, type ProgressListener } from './session/start';
export { onDataChanged, type DataChange } from './session/data-change';

let shared: Started | null = null;

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

function startOnce(): Started {
  if (!shared) {
    const started = startSession();
    started.full.catch(() => {
      if (shared === started) shared = null;
    });
    shared = started;
  }
  return shared;
}
