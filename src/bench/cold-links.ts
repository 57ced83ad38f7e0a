import type { Page } from 'playwright-core';
import { launch } from './chromium';
import type { ColdLinkResult } from './types';

/**
 * Cold opens of links on the demo data: the default Overview and 8 other views (other pages,
 * filters, a date preset, an open drill-down), each in a browser with a fresh profile (empty
 * HTTP cache, nothing stored), from navigation until that view shows its numbers. The links
 * take turns within each run, so a busy machine slows them alike and they compare side by
 * side. After each cold open the same link opens again in a new tab of that browser: a repeat
 * visit (the wasm and the demo database come from the HTTP cache, the wasm compiled once).
 */
export const COLD_LINKS: readonly { label: string; search: string; ready: string }[] = [
  { label: 'default Overview', search: '', ready: 'page-overview' },
  { label: 'Overview, channel=web', search: '?channel=web', ready: 'page-overview' },
  { label: 'Overview, last 90 days', search: '?preset=last_90', ready: 'page-overview' },
  { label: 'Overview, region=DE, shoes selected', search: '?region=DE&sel=category:shoes', ready: 'page-overview' },
  { label: 'Cost & recovery', search: '?page=cost', ready: 'page-cost' },
  { label: 'Products, category=shoes', search: '?page=products&category=shoes', ready: 'page-products' },
  { label: 'Carriers', search: '?page=carriers', ready: 'page-carriers' },
  { label: 'Leakage', search: '?page=leakage', ready: 'page-leakage' },
  { label: 'drill-down: supplier-fault returns', search: '?drill=returns&dw.fault=supplier&dt=Supplier%20returns', ready: 'drill-count' },
];

/**
 * Records in the page (window.__riReadyAt) the last moment the view became ready: its element
 * shown, no loading screen, no panel aria-busy. Plain script text, run before the app's code.
 */
const readyAtScript = (testId: string) => `(() => {
  let ready = false;
  const check = () => {
    const now = document.querySelector('[data-testid="${testId}"]') !== null
      && document.querySelector('[data-testid="app-loading"]') === null
      && document.querySelectorAll('[aria-busy="true"]').length === 0;
    if (now && !ready) window.__riReadyAt = performance.now();
    ready = now;
    window.__riReady = now;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

/** Opens `url` in `page` and returns ms from navigation start until the view last became ready. */
export async function openUntilReady(page: Page, url: string, ready: string): Promise<number> {
  await page.addInitScript(readyAtScript(ready));
  await page.goto(url);
  const settled = async () => {
    // A function, not a string: the page's policy forbids eval.
    await page.waitForFunction(() => (window as unknown as { __riReady?: boolean }).__riReady === true, undefined, { timeout: 120_000, polling: 50 });
  };
  await settled();
  // A panel may start its query only after another finished: ready means it stayed so.
  for (;;) {
    const at = (await page.evaluate('window.__riReadyAt')) as number;
    await page.waitForTimeout(1000);
    await settled();
    if ((await page.evaluate('window.__riReadyAt')) === at) return at;
  }
}

export async function measureColdLinks(base: string, runs: number, log: (s: string) => void): Promise<ColdLinkResult[]> {
  const out: ColdLinkResult[] = COLD_LINKS.map((l) => ({ label: l.label, search: l.search, coldMs: [], repeatMs: [] }));
  for (let run = 0; run < runs; run++) {
    log(`  cold links: run ${run + 1}/${runs}`);
    // Rotated each run: no link always goes first (right after a browser start) or last.
    for (let k = 0; k < COLD_LINKS.length; k++) {
      const i = (k + run) % COLD_LINKS.length;
      const link = COLD_LINKS[i]!;
      const b = await launch();
      try {
        out[i]!.coldMs.push(await openUntilReady(b.page, `${base}${link.search}`, link.ready));
        const again = await b.context.newPage();
        out[i]!.repeatMs.push(await openUntilReady(again, `${base}${link.search}`, link.ready));
      } catch (e) {
        out[i]!.error = String(e).split('\n')[0];
      } finally {
        await b.close();
      }
    }
  }
  return out;
}
