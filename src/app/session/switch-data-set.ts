import { getSession } from '../session';
import { setStorageState, getStorageState } from '../storage/storage-state';
import { renameStored, setCurrentStored } from '../storage/stored-index';
import { parseView } from '../view/view-url';
import { applySettings } from '../view/use-applied-assumptions';
import type { Runner } from '../../runner/runner';
import { announce, changingData, DEMO_LABEL, showing, whenCopyWritten } from './data-change';

/*
 * Which kept data set the session shows (the header's switch, a link naming one) and its name.
 * The code reading kept tables or the demo database is imported when a switch needs it.
 */

/**
 * Shows another kept data set (by slot), or the demo (null), and makes it the one that opens
 * next time. Throws when it cannot be read (the data shown stays).
 */
export function switchDataSet(slot: string | null): Promise<void> {
  return changingData(switchTo(slot));
}

async function switchTo(slot: string | null): Promise<void> {
  const session = await getSession();
  await whenCopyWritten(); // a copy being written reads the tables this replaces
  const entry = getStorageState().sets.find((e) => e.slot === slot) ?? null;
  if (entry?.slot === session.dataSet?.slot && (entry || session.sourceLabel === DEMO_LABEL)) return;
  if (!entry) {
    const { showDemo } = await import('./show-demo');
    const result = await showDemo();
    if (!result.replaced) throw new Error(result.problem ?? 'The demo data could not be loaded.');
  } else {
    const { readKept } = await import('../storage/kept-data-set');
    session.runner.dropSeed();
    await session.runner.exclusive(async () => {
      await readKept(session.runner, entry);
      await applyViewSettings(session.runner);
    });
    showing(session, entry);
    announce(session, true);
  }
  const after = await setCurrentStored(entry?.slot ?? null);
  setStorageState({ status: after.entry ? 'stored' : 'none', ...after, problem: null });
}

/**
 * The settings of the view (the URL: the header's switch put those kept with the data set there)
 * applied with the data set's tables, so its figures never show under the previous one's;
 * whether that derived the tables again.
 */
export function applyViewSettings(runner: Runner): Promise<boolean> {
  const view = parseView(window.location.search);
  return applySettings(runner, view.assumptions, view.currency);
}

/** Renames a kept data set; if it is the one shown, the header and the links follow. */
export async function renameDataSet(slot: string, name: string): Promise<void> {
  const after = await renameStored(slot, name);
  setStorageState(after);
  const session = await getSession();
  const entry = after.sets.find((e) => e.slot === slot);
  if (entry && session.dataSet?.slot === slot) {
    showing(session, entry);
    announce(session, false);
  }
}
