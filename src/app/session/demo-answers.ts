import { snapshotFromJson, type DemoSnapshot } from '../../loader/seed-json';
import { filteredPageWanted, presetsWanted } from '../view/answered-ahead';

type Chunk = () => Promise<{ default: string | null }>;

/**
 * The build's answers for one page filtered to one value (virtual:demo-filters-<page>, one chunk
 * per page of PAGES_FILTERED_AHEAD in src/runner/first-screen.ts; vite.config.ts makes them).
 * Named one by one: a bundler resolves only an import it can read.
 */
const FILTERED_PAGES: Readonly<Record<string, Chunk>> = {
  products: () => import('virtual:demo-filters-products'),
  reasons: () => import('virtual:demo-filters-reasons'),
  suppliers: () => import('virtual:demo-filters-suppliers'),
  carriers: () => import('virtual:demo-filters-carriers'),
  turnaround: () => import('virtual:demo-filters-turnaround'),
  cost: () => import('virtual:demo-filters-cost'),
  leakage: () => import('virtual:demo-filters-leakage'),
  policy: () => import('virtual:demo-filters-policy'),
  customers: () => import('virtual:demo-filters-customers'),
  signals: () => import('virtual:demo-filters-signals'),
};

/** The chunk of more answers a link needs besides the first screens: its page's filtered views, or the date presets. */
function moreFor(search: string): Chunk | null {
  const page = filteredPageWanted(search);
  if (page) return FILTERED_PAGES[page] ?? null;
  return presetsWanted(search) ? () => import('virtual:demo-presets') : null;
}

/**
 * The build's demo snapshot (virtual:demo-snapshot), with the answers of the chunk the link
 * needs besides (moreFor), fetched at the same time once `demoShown` says the demo data is what
 * opens (kept data has answers of its own: the demo's would be downloaded for nothing); null
 * without a snapshot or if it cannot be read.
 */
export async function loadDemoSnapshot(search: string, demoShown: Promise<boolean>): Promise<DemoSnapshot | null> {
  try {
    const chunk = moreFor(search);
    const more = chunk ? demoShown.then((demo) => (demo ? chunk().then((m) => m.default) : null)).catch(() => null) : null;
    const json = (await import('virtual:demo-snapshot')).default;
    if (!json) return null;
    const snap = snapshotFromJson(json);
    const extra = await more;
    // Without them the link's panels wait for DuckDB, like any view the build did not answer.
    if (extra) snap.seed.answers.push(...snapshotFromJson(extra).seed.answers);
    return snap;
  } catch {
    return null; // the page still works: it waits for DuckDB
  }
}
