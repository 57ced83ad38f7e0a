import { PAGES_ANSWERED_AHEAD } from '../../runner/first-screen';

/**
 * Whether the build's answers cover the view a link opens on the demo data: a page whose
 * default view the build answered, with no filter, date, selection or drill-down in the link
 * (a `data=` reference names the data, not the view). Anything else needs DuckDB, so the page
 * starts it at once instead of after the first screen (src/app/session.ts).
 */
export function answeredAhead(search: string): boolean {
  const q = new URLSearchParams(search);
  for (const key of q.keys()) if (key !== 'page' && key !== 'data') return false;
  return PAGES_ANSWERED_AHEAD.includes(q.get('page') ?? 'overview');
}
