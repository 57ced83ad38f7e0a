import { isDatePreset } from '../../runner/date-presets';
import { INDEXED_FILTER_DIMS, PAGES_ANSWERED_AHEAD } from '../../runner/first-screen';

/**
 * Whether the build's answers cover the view a link opens on the demo data: a page whose
 * default view the build answered, with no filter, date, selection or drill-down in the link
 * (a `data=` reference names the data, not the view); or the Overview with one value of one
 * filter dimension whose indexes the build answered (`?channel=web`), or with one date preset
 * (`?preset=last_90`, answered in a chunk of its own: presetsWanted). Anything else needs
 * DuckDB, so the page starts it at once instead of after the first screen (src/app/session.ts).
 * (A value the demo data does not hold is not in the index: its first query starts DuckDB.)
 */
export function answeredAhead(search: string): boolean {
  const q = new URLSearchParams(search);
  const page = q.get('page') ?? 'overview';
  if (q.getAll('page').length > 1 || !PAGES_ANSWERED_AHEAD.includes(page)) return false;
  const view = [...new Set(q.keys())].filter((key) => key !== 'page' && key !== 'data');
  if (view.length === 0) return true;
  if (page !== 'overview' || view.length > 1) return false;
  if (view[0] === 'preset') return presetsWanted(search);
  if (!INDEXED_FILTER_DIMS.includes(view[0]!)) return false;
  const values = q.getAll(view[0]!);
  return values.length === 1 && values[0] !== '';
}

/** Whether a link opens the Overview on one date preset: the build's preset answers are then fetched too. */
export function presetsWanted(search: string): boolean {
  const q = new URLSearchParams(search);
  const presets = q.getAll('preset');
  return (q.get('page') ?? 'overview') === 'overview' && presets.length === 1 && isDatePreset(presets[0]);
}
