import type { BatchFile, ReplaceProgress, ReplaceResult } from '../../loader/replace-data';
import { replaceSessionData } from '../session/replace-session-data';
import { resetToDemoData } from '../session/show-demo';
import { getLoadState, setLoadState as set } from './load-state';

async function run(kind: 'files' | 'demo', go: (onProgress: (p: ReplaceProgress) => void) => Promise<ReplaceResult>): Promise<ReplaceResult | null> {
  if (getLoadState().running) return null;
  set({ running: true, kind, progress: null });
  let result: ReplaceResult;
  try {
    result = await go((progress) => set({ progress }));
  } catch (e) {
    result = {
      replaced: false,
      reports: [],
      problem: `Loading failed: ${e instanceof Error ? e.message : String(e)}. The previous data was kept.`,
      loadedFiles: [],
      refusedFiles: [],
      coverage: null,
      issues: [],
    };
  }
  set({ running: false, kind: null, progress: null, last: { kind, result, at: new Date() } });
  return result;
}

/** The last batch of files loaded, so a batch refused for one unusable file can be accepted without it. */
let lastBatch: BatchFile[] | null = null;

/** Loads picked or dropped files (browser File objects) as the new data set. */
export function loadFiles(files: readonly File[]): Promise<ReplaceResult | null> {
  // The Files themselves: the loader reads them in pieces, never whole.
  return loadBatchFiles(files.map((f) => ({ name: f.name, bytes: f })));
}

/** Loads a prepared batch (canonical files and mapped exports) as the new data set. */
export function loadBatchFiles(batch: BatchFile[]): Promise<ReplaceResult | null> {
  lastBatch = batch;
  return run('files', (onProgress) => replaceSessionData(batch, onProgress));
}

/**
 * Whether a refused batch can be taken without its unusable files: some file could not be used,
 * and the order lines that could are there.
 */
export function partialAcceptable(result: ReplaceResult): boolean {
  return !result.replaced && result.refusedFiles.length > 0
    && result.reports.some((r) => !r.error && r.tables.some((t) => t.table === 'order_lines' && t.rowsLoaded > 0));
}

/** Loads the last batch again, accepting that the files that cannot be used are left out (listed, their rows rejected). */
export function acceptPartialBatch(): Promise<ReplaceResult | null> {
  const batch = lastBatch;
  if (!batch) return Promise.resolve(null);
  return run('files', (onProgress) => replaceSessionData(batch, onProgress, undefined, { allowPartial: true }));
}

/** Goes back to the bundled demo data. */
export function resetDemo(): Promise<ReplaceResult | null> {
  return run('demo', (onProgress) => resetToDemoData(onProgress));
}
