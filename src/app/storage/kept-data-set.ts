import { snapshotToJson } from '../../loader/seed-json';
import type { FileLoadReport } from '../../loader/load-file';
import { OVERVIEW_FIRST_SCREEN } from '../../runner/first-screen';
import type { Runner } from '../../runner/runner';
import { keepData, restoreData, type KeptTables } from './stored-data';
import { keepFirstScreen, recordKept, type StoredEntry } from './stored-index';

/*
 * What the session does with a kept data set, runner side: read it back (its derived tables
 * too, when they were derived by the same SQL and settings), and write one (with the first
 * screen's answers, so it opens like the demo does: answers first, tables meanwhile).
 */

/** The derived tables and what derives them now: stored with a data set, restored when equal. */
export async function derivedTables(runner: Runner): Promise<KeptTables> {
  return { derived: runner.derivedTables, derivedBy: await runner.deriveFingerprint() };
}

/**
 * Reads a kept data set into the runner's tables (call inside Runner.exclusive): 'kept' when its
 * derived tables were used as they are, 'derived' when they were made by other SQL or settings
 * and were derived again (answers kept with them are dropped: they may differ too). Throws
 * when the data set cannot be read.
 */
export async function readKept(runner: Runner, entry: StoredEntry, onDerive: () => void = () => undefined): Promise<'kept' | 'derived'> {
  // Marked for the benchmark: how long reading the kept tables takes.
  performance.mark('ri:stored-read-start');
  if (await restoreData(runner.engine, entry, await derivedTables(runner))) {
    await runner.adoptDerived();
    performance.mark('ri:stored-read-end');
    return 'kept';
  }
  runner.dropSeed();
  onDerive();
  await runner.refresh();
  return 'derived';
}

/**
 * Writes the runner's data set into `slot` with its derived tables and the first screen's
 * answers (those only when no settings changed while they were computed), named by its source label.
 */
export async function keepLoaded(runner: Runner, slot: string, sourceLabel: string, reports: FileLoadReport[]): Promise<StoredEntry> {
  const tables = await derivedTables(runner);
  // The Overview only: the other pages (and filter indexes) would cost seconds more at 1M order lines.
  const firstScreen = await runner.snapshot(OVERVIEW_FIRST_SCREEN);
  if ((await runner.deriveFingerprint()) === tables.derivedBy) await keepFirstScreen(slot, snapshotToJson({ seed: firstScreen, reports }));
  // Its reads wait for moments the user's clicks leave free (Runner.backgroundReads).
  const stored = await keepData(runner.backgroundReads(), slot, { name: sourceLabel, sourceLabel, reports }, tables);
  if ((await runner.deriveFingerprint()) === tables.derivedBy) return stored;
  // A settings change derived the tables again while their slices were copied: the copy may mix
  // both, so it is kept as derived by no known SQL and derived again when opened.
  const underived: StoredEntry = { ...stored, derivedBy: undefined };
  await recordKept(underived);
  return underived;
}
