import type { Page } from 'playwright-core';

/*
 * The Overview's KPI cards as the e2e files read them: the orders card once the cards are no
 * longer busy, and every card's exact value.
 */

const TIMEOUT_MS = 180_000;

/** Waits until the KPI cards show their numbers; the orders card's text and exact value. */
export async function waitForKpis(page: Page): Promise<{ text: string; value: string }> {
  const metric = page.locator('[data-testid="kpi-orders"] [data-value]');
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="kpi-orders"] [data-value]');
      const cards = document.querySelector('[data-testid="kpi-cards"]');
      return !!el && el.getAttribute('data-value') !== '' && cards?.getAttribute('aria-busy') === 'false';
    },
    undefined,
    { timeout: TIMEOUT_MS },
  );
  return { text: (await metric.textContent()) ?? '', value: (await metric.getAttribute('data-value')) ?? '' };
}

/** Every KPI card's exact value (data-value) and its change against the previous period, by KPI key. */
export async function kpiValues(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const el of document.querySelectorAll('[data-testid^="kpi-"]')) {
      const id = el.getAttribute('data-testid')!;
      if (/^kpi-\w+-delta$/.test(id)) out[id.slice(4)] = el.textContent ?? '';
      else if (/^kpi-\w+$/.test(id) && id !== 'kpi-cards') out[id.slice(4)] = el.querySelector('[data-value]')?.getAttribute('data-value') ?? '';
    }
    return out;
  });
}
