import type { Page } from 'playwright-core';

/** Timing a view change in the app as a user makes it: the URL changes, the panels re-query. */

/** In-app navigation, as the app's own links do it (a URL change plus popstate; no reload). */
export async function navigate(page: Page, search: string): Promise<void> {
  await page.evaluate((s) => {
    history.pushState(history.state, '', `${location.pathname}${s}`);
    dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
  }, search);
}

/**
 * One filter change, timed in the page: from the URL change to the moment the last panel stops
 * being aria-busy (every ModelPanel sets it while its query runs). If no panel goes busy (a
 * cached answer), the time of the last DOM change is taken instead. (Plain script text: tsx
 * would wrap named functions in a helper the page does not have.)
 */
const MEASURE_CHANGE = `(search) => new Promise((resolve) => {
  const SETTLE_MS = 300;
  const busy = () => document.querySelectorAll('[aria-busy="true"]').length;
  let seen = false, last = 0, end = 0, quiet = 0, settle = 0, t0 = 0, obs = null;
  const finish = (ms, noBusy) => { obs.disconnect(); clearTimeout(quiet); clearTimeout(settle); resolve({ ms, noBusy }); };
  const armQuiet = () => { clearTimeout(quiet); quiet = setTimeout(() => { if (!seen) finish(last - t0, true); }, 1500); };
  obs = new MutationObserver(() => {
    last = performance.now();
    if (busy() > 0) {
      seen = true;
      clearTimeout(settle);
    } else if (seen) {
      // Idle now; but a panel may start its query only after another finished: the change is
      // done when nothing went busy again for SETTLE_MS (not counted in the time).
      end = last;
      clearTimeout(settle);
      settle = setTimeout(() => finish(end - t0, false), SETTLE_MS);
    } else armQuiet();
  });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  t0 = performance.now();
  last = t0;
  armQuiet();
  history.pushState(history.state, '', location.pathname + search);
  dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
})`;

export async function measureChange(page: Page, search: string): Promise<{ ms: number; noBusy: boolean }> {
  return (await page.evaluate(`(${MEASURE_CHANGE})(${JSON.stringify(search)})`)) as { ms: number; noBusy: boolean };
}
