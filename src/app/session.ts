import { getEngine } from '../engine/browser';
import { loadCanonicalFiles, type FileLoadReport } from '../loader/load-canonical';
import { decodeParquetBrowser } from '../loader/parquet-browser';
import { bundledQuerySources } from '../runner/query-files-browser';
import { Runner } from '../runner/runner';
import { demoFileUrls, fetchDemoFile } from './demo-files';

/** A runner with data loaded: what every page of the app queries. */
export interface Session {
  runner: Runner;
  /** Where the data came from, shown in the header. */
  sourceLabel: string;
  reports: FileLoadReport[];
}

export type ProgressListener = (step: string) => void;

let shared: Promise<Session> | null = null;
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
  shared ??= startDemoSession().catch((e: unknown) => {
    shared = null;
    throw e;
  });
  return shared;
}

async function startDemoSession(): Promise<Session> {
  progress('Starting the database…');
  const runner = new Runner(await getEngine(), bundledQuerySources());
  progress('Preparing the models…');
  await runner.init();

  const files = demoFileUrls();
  if (files.length === 0) throw new Error('This build contains no demo data (data/demo/*.csv was empty at build time).');
  const inputs = await Promise.all(files.map(fetchDemoFile));
  const reports: FileLoadReport[] = [];
  for (const input of inputs) {
    progress(`Loading ${input.name}…`);
    reports.push(...(await loadCanonicalFiles(runner.engine, [input], decodeParquetBrowser)));
  }
  progress('Deriving the analysis tables…');
  await runner.refresh();
  progress('Ready');
  return { runner, sourceLabel: 'Demo data', reports };
}
