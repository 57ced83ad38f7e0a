import type { ViewState } from '../view/types';
import { parseView, patchView, serializeView } from '../view/view-url';
import type { DataSetSettings } from './stored-index';

/*
 * The settings kept with each data set (assumptions, currency; see stored-index.ts) and the URL,
 * which owns the view. Precedence:
 * - A link that carries settings of its own (a.*, cur, rate.*) shows them: the URL wins, and
 *   they become the settings kept with the data set it shows (the last ones used on it).
 * - A link without any (a bare open, a reload, a link naming only the data set) gets those kept
 *   with the data set it opens.
 * - Switching data sets from the header replaces the settings in the URL, which belonged to the
 *   data set shown before, by those kept with the one chosen (none: the defaults).
 */

/** The settings a view carries (its assumptions, its currency settings when set). */
export function settingsOf(view: Pick<ViewState, 'assumptions' | 'currency'>): DataSetSettings {
  return { assumptions: view.assumptions, ...(view.currency ? { currency: view.currency } : {}) };
}

/** Whether the URL's view carries settings of its own. */
export function carriesSettings(search: string): boolean {
  const view = parseView(search);
  return Object.keys(view.assumptions).length > 0 || view.currency !== undefined;
}

/** The URL with `kept` settings when it carries none of its own; null when it stays as it is. */
export function withKeptSettings(search: string, kept: DataSetSettings | null | undefined): string | null {
  if (!kept || carriesSettings(search)) return null;
  const next = serializeView(patchView(parseView(search), { assumptions: kept.assumptions, currency: kept.currency }));
  return next === serializeView(parseView(search)) ? null : next;
}

/**
 * Writes `kept` settings into the page's URL when it carries none of its own (without a new
 * history entry), and tells the view state to read it again; whether it did.
 */
export function applyKeptSettings(kept: DataSetSettings | null | undefined): boolean {
  const next = withKeptSettings(window.location.search, kept);
  if (next === null) return false;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${next}${window.location.hash}`);
  // use-view-state.ts reads the URL again on popstate, as after Back.
  window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  return true;
}
