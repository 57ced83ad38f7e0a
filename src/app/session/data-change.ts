import type { FileLoadReport } from '../../loader/load-file';
import type { Session } from '../session';
import type { StoredEntry } from '../storage/stored-index';

/** What changed when the data was replaced: pages re-query when `version` moves. */
export interface DataChange {
  version: number;
  sourceLabel: string;
  reports: FileLoadReport[];
  /** The kept data set shown (null: the demo, or data not kept yet); it changes without `version` once a load is kept. */
  dataSet: StoredEntry | null;
}

const listeners = new Set<(change: DataChange) => void>();
let version = 0;

/**
 * Subscribes to data replacements (a loaded batch, a switch, a reset to the demo data); returns
 * the unsubscribe. The shell bumps the pages' `dataVersion` and shows the new source label.
 */
export function onDataChanged(listener: (change: DataChange) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Tells every listener what the session shows now: `replaced` when its tables changed (the
 * pages query again), not when only its name or kept state did.
 */
export function announce(session: Session, replaced: boolean): void {
  if (replaced) version += 1;
  const change: DataChange = { version, sourceLabel: session.sourceLabel, reports: session.reports, dataSet: session.dataSet };
  for (const l of listeners) l(change);
}

/** The session shows the kept data set `entry`: its name, load reports, and links name it. */
export function showing(session: Session, entry: StoredEntry): void {
  session.sourceLabel = entry.name;
  session.reports = entry.reports;
  session.dataSet = entry;
}

/** How the header names the demo data (links name it DEMO_REF, src/app/storage/use-linked-data-set.ts). */
export const DEMO_LABEL = 'Demo data';

/** The copy of loaded data being written to the browser's storage (resolves, never rejects). */
let copyWritten: Promise<void> = Promise.resolve();

/** Waits for the copy being written: it reads the tables a load or a switch would replace. */
export function whenCopyWritten(): Promise<void> {
  return copyWritten;
}

export function writingCopy(copy: Promise<void>): void {
  copyWritten = changingData(copy);
}

/** Replacements, switches and copies in progress: the page must not reload meanwhile (an update waits). */
let changing = 0;

/** Counts `work` as a change of the data in progress until it settles; returns it. */
export function changingData<T>(work: Promise<T>): Promise<T> {
  changing += 1;
  void work.then(
    () => (changing -= 1),
    () => (changing -= 1),
  );
  return work;
}

export function isDataChanging(): boolean {
  return changing > 0;
}
