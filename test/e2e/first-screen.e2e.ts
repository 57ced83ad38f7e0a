/**
 * Links the build answers ahead (a plain Node script, not vitest):
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/first-screen.e2e.ts
 *
 * The shared Chromium and preview server of dist/ (harness.ts); every link is opened cold, in a fresh browser
 * context (no cache, no stored data, no service worker). For every page's default view
 * (`?page=<id>`, src/runner/first-screen.ts FIRST_SCREEN_BY_PAGE) and for the Overview filtered
 * to one value of each indexed dimension (`?channel=web`, read from the build's filter indexes):
 * the page shows with no panel busy before DuckDB has the data (ri:data-ready), and the mark
 * src/app/session.ts sets on the first query the build did not answer
 * (ri:query-not-answered-ahead) is never set, not even once DuckDB has the data; no panel shows
 * an error. Links the build does not answer (another page filtered, two values) do set the mark:
 * the check can fail. The Overview on a date preset (`?preset=last_90`) is answered from the
 * presets' own chunk, which no other link fetches; another page filtered to one value
 * (`?page=products&category=shoes`) from that page's own chunk. No request may leave localhost; no page or
 * console error.
 */
import type { Page } from 'playwright-core';
import { answeredAhead } from '../../src/app/view/answered-ahead';
import { PAGES } from '../../src/app/view/types';
import { PAGES_ANSWERED_AHEAD } from '../../src/runner/first-screen';
import { Checks, isExpectedAbort, isLocal, sharedBrowser, startPreview } from './harness';

const TIMEOUT_MS = 60_000;
const NOT_ANSWERED = 'ri:query-not-answered-ahead';
const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

/** One value of each dimension the build indexes, as the demo data (data/demo) holds them. */
const FILTER_LINKS = ['?channel=web', '?region=FR', '?category=shoes', '?supplier=Pacific+Footwear', '?page=overview&carrier=SwiftPost'];
/** The Overview on a date preset: answered from the presets' own chunk, fetched only by such a link. */
const PRESET_LINKS = ['?preset=last_90', '?page=overview&preset=last_year'];
/** Other pages filtered to one value: answered from that page's own chunk, fetched only by such a link. */
const FILTERED_PAGE_LINKS = ['?page=products&category=shoes', '?page=customers&region=FR', '?page=suppliers&supplier=Pacific+Footwear', '?page=signals&carrier=SwiftPost'];
/** Links the build does not answer: their first query waits for DuckDB. */
const NOT_AHEAD = ['?page=cost&channel=web&region=FR', '?channel=web&channel=app'];

interface Opened {
  /** ms since navigation when the page showed with no panel busy. */
  shownAt: number;
  marks: Record<string, number>;
  errorNotes: number;
  /** The build's chunks of more answers the page fetched ('presets', 'filters-<page>'). */
  chunks: string[];
}

async function settled(page: Page, testId: string): Promise<void> {
  await page.waitForFunction(
    (id) =>
      document.querySelector(`[data-testid="${id}"]`) !== null &&
      document.querySelector('[data-testid="app-loading"]') === null &&
      document.querySelectorAll('[aria-busy="true"]').length === 0,
    testId,
    { timeout: TIMEOUT_MS, polling: 20 },
  );
}

async function marks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
}

const browser = await sharedBrowser();
const preview = await startPreview('dist');
const foreign: string[] = [];
const errors: string[] = [];

/** Opens `link` cold; with `waitForData`, also waits until DuckDB has the data. */
async function open(link: string, waitForData: boolean): Promise<Opened> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 1000 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const chunks: string[] = [];
    context.on('request', (r) => void (isLocal(r.url()) || foreign.push(r.url())));
    context.on('request', (r) => void chunks.push(...(/demo-(presets|filters-[a-z]+)-[^/]*\.js$/.exec(r.url())?.slice(1) ?? [])));
    page.on('pageerror', (e) => errors.push(`${link} pageerror: ${e.message}`));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(`${link} console: ${m.text()}`)));
    page.on('requestfailed', (r) => void (isExpectedAbort(r) || errors.push(`${link} request failed: ${r.url()} (${r.failure()?.errorText})`)));
    page.on('response', (r) => void (r.status() >= 400 && errors.push(`${link} HTTP ${r.status()}: ${r.url()}`)));
    await page.goto(preview.url + link);
    const id = new URLSearchParams(link).get('page') ?? 'overview';
    await settled(page, `page-${id}`);
    const shownAt = Math.round(await page.evaluate(() => performance.now()));
    if (waitForData) {
      await page.waitForFunction(() => performance.getEntriesByName('ri:data-ready').length > 0, undefined, { timeout: TIMEOUT_MS });
      await settled(page, `page-${id}`);
    }
    return { shownAt, marks: await marks(page), errorNotes: await page.getByTestId('error').count(), chunks };
  } finally {
    await context.close();
  }
}

const started = Date.now();
try {
  check(
    PAGES.every((p) => PAGES_ANSWERED_AHEAD.includes(p)),
    `every page's default view is answered ahead (${PAGES_ANSWERED_AHEAD.length} of ${PAGES.length} pages)`,
  );
  // Pages are followed until DuckDB has the data (no later query may miss either); filter links
  // only until they show, which keeps the file near a minute and a half on a busy machine.
  const links = [
    ...PAGES.map((p) => [p === 'overview' ? '' : `?page=${p}`, true] as const),
    ...FILTER_LINKS.map((l) => [l, false] as const),
    // One of each followed until DuckDB has the data: no query of the view may miss the chunk.
    ...PRESET_LINKS.map((l, i) => [l, i === 0] as const),
    ...FILTERED_PAGE_LINKS.map((l, i) => [l, i === 0] as const),
  ];
  for (const [link, waitForData] of links) {
    const o = await open(link, waitForData);
    const dataReady = o.marks['ri:data-ready'];
    const name = link || '/';
    check(answeredAhead(link), `${name}: the URL says the build answered it (DuckDB starts after the first screen)`);
    check(
      !(NOT_ANSWERED in o.marks) && o.errorNotes === 0 && (waitForData ? dataReady !== undefined : true) && !(dataReady !== undefined && dataReady <= o.shownAt),
      `${name}: shown with no panel busy at ${o.shownAt} ms, before DuckDB had the data (${dataReady === undefined ? 'not yet' : `${dataReady} ms`}); ` +
        `no query the build did not answer${NOT_ANSWERED in o.marks ? ` (marked at ${o.marks[NOT_ANSWERED]} ms)` : ''}; ${o.errorNotes} errors shown`,
    );
    const want = PRESET_LINKS.includes(link) ? ['presets'] : FILTERED_PAGE_LINKS.includes(link) ? [`filters-${new URLSearchParams(link).get('page')}`] : [];
    check(o.chunks.join() === want.join(), `${name}: fetched ${want.length ? `only the chunk ${want[0]}` : 'no chunk of more answers'} (${o.chunks.join(', ') || 'none'})`);
  }
  for (const link of NOT_AHEAD) {
    const o = await open(link, false);
    check(!answeredAhead(link) && NOT_ANSWERED in o.marks, `${link}: not answered ahead, and marked so (${o.marks[NOT_ANSWERED]} ms)`);
  }
  check(foreign.length === 0, `no request left localhost${foreign.length ? `: ${foreign.join(', ')}` : ''}`);
  check(errors.length === 0, `no page or console errors${errors.length ? `:\n  ${errors.join('\n  ')}` : ''}`);
} finally {
  preview.stop();
}
console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
checks.finish('first-screen e2e');
