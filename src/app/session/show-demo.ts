import type { BatchFile, BatchFileReport, ReplaceProgress, ReplaceResult } from '../../loader/replace-data';
import { demoFileUrls, fetchDemoDatabase, fetchDemoFile } from '../demo-files';
import { getSession } from '../session';
import { getStorageState, setStorageState } from '../storage/storage-state';
import { forgetStored, setCurrentStored } from '../storage/stored-index';
import { announce, changingData, DEMO_LABEL, whenCopyWritten } from './data-change';
import { derivedUnderDefaults } from './demo-defaults';
import { applyViewSettings } from './switch-data-set';

/*
 * Back to the demo data (the header's switch, "Reset to demo data"): the build's demo database
 * is copied in, loaded and derived as at start, instead of importing the demo CSV files again.
 * Only a build without that database (the dev server) loads the CSV files, all or nothing
 * through the loader.
 */

/** Shows the demo data; the previous data stays when it cannot be opened (the result says why). */
export function showDemo(onProgress?: (p: ReplaceProgress) => void): Promise<ReplaceResult> {
  return changingData(openDemo(onProgress));
}

async function openDemo(onProgress?: (p: ReplaceProgress) => void): Promise<ReplaceResult> {
  const session = await getSession();
  const { runner } = session;
  await whenCopyWritten(); // a copy being written reads the tables this replaces
  const files = await fetchDemoDatabase().catch(() => null);
  const { openDemoDatabase } = await import('./open-demo');
  const { joinCoverage } = await import('../../loader/load-answers');
  const opened = await runner.exclusive(async (runHere) => {
    const opened = await openDemoDatabase(runner, files, () => undefined);
    if (opened === null) return null;
    runner.dropSeed();
    // The view's settings (those kept with the demo, after a switch) derive the tables again if
    // they are not those in effect; otherwise the build's tables, derived under the default
    // settings, are derived again only under other settings.
    if (!(await applyViewSettings(runner)) && !(await derivedUnderDefaults(runner))) await runner.refresh();
    // How the files join, as a load of the demo files would report it.
    return { reports: opened as BatchFileReport[], coverage: await joinCoverage(runner, runHere) }; // the build's batch reports (src/build/demo-database.ts)
  });
  if (!opened) return loadDemoFiles(onProgress);
  const { reports, coverage } = opened;
  session.sourceLabel = DEMO_LABEL;
  session.reports = reports;
  session.dataSet = null;
  announce(session, true);
  const loadedFiles = reports.filter((r) => !r.error).map((r) => r.file);
  return { replaced: true, reports, problem: null, loadedFiles, refusedFiles: [], coverage, issues: [] };
}

/** Without the build's database: the demo CSV files through the loader, not kept in the browser. */
async function loadDemoFiles(onProgress?: (p: ReplaceProgress) => void): Promise<ReplaceResult> {
  const files: BatchFile[] = demoFileUrls().map((f) => ({ name: f.name, bytes: async () => (await fetchDemoFile(f)).bytes }));
  const { replaceSessionData } = await import('./replace-session-data');
  return replaceSessionData(files, onProgress, DEMO_LABEL, { keep: false });
}

/**
 * Replaces whatever was loaded by the demo data and forgets the data set kept in this browser
 * that was to open next time: the next open shows the demo too (other kept data sets stay).
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
