import { isDatePreset } from '../../runner/date-presets';
import { INDEXED_FILTER_DIMS, PAGES_ANSWERED_AHEAD, PAGES_FILTERED_AHEAD } from '../../runner/first-screen';

/**
 * Whether the build's answers cover the view a link opens on the demo data: a page whose
 * default view the build answered, with no filter, date, selection or drill-down in the link
 * (a `data=` reference names the data, not the view); or the Overview with one value of one
 * filter dimension whose indexes the build answered (`?channel=web`); or another page with one
 * such value (`?page=products&category=shoes`, answered in a chunk per page: filteredPageWanted);
 * or the Overview with one date preset (`?preset=last_90`, a chunk of its own: presetsWanted).
 * Anything else needs
 * DuckDB, so the page starts it at once instead of after the first screen (src/app/session.ts).
 * (A value the demo data does not hold is not in the index: its first query starts DuckDB.)
 */
export function answeredAhead(search: string): boolean {
  const q = new URLSearchParams(search);
  const page = q.get('page') ?? 'overview';
  if (q.getAll('page').length > 1 || !PAGES_ANSWERED_AHEAD.includes(page)) return false;
  const view = [...new Set(q.keys())].filter((key) => key !== 'page' && key !== 'data');
  if (view.length === 0) return true;
  if (view.length > 1) return false;
  if (page !== 'overview') return filteredPageWanted(search) !== null;
  if (view[0] === 'preset') return presetsWanted(search);
  return oneFilterValue(q, view[0]!);
}

/** The one key of the view is an indexed filter dimension with exactly one value. */
function oneFilterValue(q: URLSearchParams, key: string): boolean {
  const values = q.getAll(key);
  return INDEXED_FILTER_DIMS.includes(key) && values.length === 1 && values[0] !== '';
}

/**
 * The page a link opens filtered to one value of one indexed dimension and nothing else, when
 * the build answered that page so (PAGES_FILTERED_AHEAD; the chunk of its answers is then
 * fetched); otherwise null.
 */
export function filteredPageWanted(search: string): string | null {
  const q = new URLSearchParams(search);
  const page = q.get('page');
  if (!page || q.getAll('page').length > 1 || !PAGES_FILTERED_AHEAD.includes(page)) return null;
  const view = [...new Set(q.keys())].filter((key) => key !== 'page' && key !== 'data');
  return view.length === 1 && oneFilterValue(q, view[0]!) ? page : null;
}

/** Whether a link opens the Overview on one date preset: the build's preset answers are then fetched too. */
export function presetsWanted(search: string): boolean {
  const q = new URLSearchParams(search);
  const presets = q.getAll('preset');
  return (q.get('page') ?? 'overview') === 'overview' && presets.length === 1 && isDatePreset(presets[0]);
}

/**
 * Whether the answers kept with a data set in this browser cover the view a link opens: only
 * the Overview's default view (src/app/storage/kept-data-set.ts keeps OVERVIEW_FIRST_SCREEN).
 * The build's other answers are the demo's: with kept data such a link needs DuckDB at once.
 */
export function answeredByKeptFirstScreen(search: string): boolean {
  const q = new URLSearchParams(search);
  const view = [...new Set(q.keys())].filter((key) => key !== 'page' && key !== 'data');
  return q.getAll('page').length <= 1 && (q.get('page') ?? 'overview') === 'overview' && view.length === 0;
}
