import { capacityProblem } from '../../loader/browser-capacity';
import { decodeParquetBrowser } from '../../loader/parquet-browser';
import { replaceData, type BatchFile, type ReplaceProgress, type ReplaceResult } from '../../loader/replace-data';
import { OVERVIEW_FIRST_SCREEN } from '../../runner/first-screen';
import { sourceLabelFor } from '../loading/source-label';
import { getSession, type Session } from '../session';
import { keepLoaded } from '../storage/kept-data-set';
import { keepProblem } from '../storage/keep-problem';
import { getStorageState, setStorageState } from '../storage/storage-state';
import { holdLoadLock, markLoadEnded, markLoadStarted } from '../storage/stored-index';
import { announce, changingData, showing, whenCopyWritten, writingCopy } from './data-change';

/*
 * Replacing the data by a loaded batch (the Data page's file loader), then keeping it in the
 * browser. Imported by the Data page's code, not by the first screen: it carries the loader.
 */

/**
 * Loads a batch of canonical files as the new data set (see src/loader/replace-data.ts): only a
 * batch with usable order lines replaces the data; otherwise the last good data stays, and the
 * result says what failed. `label` names the source (default: the loaded files' names).
 * A file that cannot be used keeps the data too, unless `allowPartial` (the user accepted the
 * batch without it). `keep: false` does not keep it in the browser.
 */
export function replaceSessionData(
  files: BatchFile[],
  onProgress?: (p: ReplaceProgress) => void,
  label?: string,
  options: { allowPartial?: boolean; keep?: boolean } = {},
): Promise<ReplaceResult> {
  return changingData(replace(files, onProgress, label, options));
}

async function replace(files: BatchFile[], onProgress: ((p: ReplaceProgress) => void) | undefined, label: string | undefined, options: { allowPartial?: boolean; keep?: boolean }): Promise<ReplaceResult> {
  // Refused before anything is read: past the wasm memory limit a load crashes the worker.
  const session = await getSession();
  // From here on the answers computed for the demo data may no longer describe the data.
  session.runner.dropSeed();
  const sizeOf = (f: BatchFile) => f.size ?? (f.bytes instanceof Blob ? f.bytes.size : f.bytes instanceof Uint8Array ? f.bytes.length : 0);
  const [held] = await session.runner.engine.query('SELECT coalesce(sum(memory_usage_bytes), 0) AS b FROM duckdb_memory()');
  const tooLarge = capacityProblem(files.map((f) => ({ name: f.name, size: sizeOf(f) })), undefined, Number(held?.b ?? 0));
  if (tooLarge) return { replaced: false, reports: [], problem: tooLarge, loadedFiles: [], refusedFiles: [], coverage: null, issues: [] };
  // A copy still being written reads the tables this batch replaces: it finishes first.
  await whenCopyWritten();
  // One tab loads at a time; a reload in the middle is reported next time (markLoadStarted).
  const release = options.keep === false ? () => undefined : await holdLoadLock();
  let notKept: unknown = null;
  const slot = options.keep === false ? null : await markLoadStarted().catch((e: unknown) => ((notKept = e), null));
  let result: ReplaceResult | null = null;
  try {
    // The Overview's first screen is counted by the load: keepLoaded asks for it right after, and
    // the page opened next would share the worker with it. The rule macros too: the first
    // Customers, Signals or Leakage view after a load would wait for them.
    const ahead = { answerAhead: OVERVIEW_FIRST_SCREEN, macrosAhead: true };
    result = await replaceData(session.runner, files, decodeParquetBrowser, onProgress, { ...options, ...ahead });
  } finally {
    if (slot && !result?.replaced) await markLoadEnded().catch(() => undefined);
    if (!slot || !result?.replaced) release();
  }
  // A load has finished here since the one cut short: the notice about that one is old news.
  if (getStorageState().unfinishedSince) setStorageState({ unfinishedSince: null });
  if (result.replaced) {
    session.sourceLabel = label ?? sourceLabelFor(result.loadedFiles);
    session.reports = result.reports;
    session.dataSet = null;
    announce(session, true);
    // Kept in the background: the pages show the new data meanwhile.
    if (slot) writingCopy(keepInBrowser(session, slot).finally(release));
    else if (notKept) setStorageState({ status: 'failed', problem: keepProblem(notKept) });
  }
  return result;
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
      announce(session, false);
    }
  } catch (e) {
    setStorageState({ status: 'failed', problem: keepProblem(e) });
  }
}
