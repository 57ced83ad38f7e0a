import path from 'node:path';
import type { Page } from 'playwright-core';
import { CARRIERS, CATEGORIES, CHANNELS, REGIONS } from '../generator/catalog';
import { waitIdle } from './chromium';
import type { DataSet } from './data';
import { measureChange } from './measure-change';
import { CAPTURE_QUERIES, type SentQuery } from './query-capture';
import type { ViewQueries } from './native-replay';
import type { AllPagesResult } from './types';

/**
 * Every analysis page at a data size, from the first click after the load (issue 17): the data
 * set's CSV files are loaded on the Data page, then at once, with nothing computed ahead yet,
 * each page is opened from the one before (an in-app link) and its view changed 8 times, each
 * timed from the URL change until the last panel stops being busy (measure-change.ts). The pages
 * are the app's own tabs (its navigation), the Data and SQL pages left out: they run no model.
 */
export async function measureAllPages(page: Page, base: string, ds: DataSet, log: (s: string) => void): Promise<{ result: AllPagesResult; views: ViewQueries[] }> {
  const out: AllPagesResult = { size: ds.size, pages: [] };
  const views: ViewQueries[] = [];
  // The SQL each view runs, for native DuckDB to run the same (src/bench/native-replay.ts).
  const timed = async (id: string, change: string) => {
    const start = (await page.evaluate('window.__riSent.length = 0, performance.now()')) as number;
    const r = await measureChange(page, change ? `?page=${id}&${change}` : `?page=${id}`);
    await waitIdle(page, 3_600_000);
    // Until the view settled: what the page computes ahead afterwards is not the view's work.
    const sent = (await page.evaluate('window.__riSent.slice()')) as SentQuery[];
    views.push({ page: id, change, queries: sent.filter((q) => q.at <= start + r.ms + 20) });
    return r;
  };
  try {
    await page.addInitScript(CAPTURE_QUERIES);
    await page.goto(`${base}?page=data`);
    await page.getByTestId('page-data').waitFor({ timeout: 120_000 });
    await waitIdle(page);
    log(`  all pages ${ds.size}: loading the CSV files on the Data page`);
    await page.getByTestId('file-input').setInputFiles(ds.tables.map((t) => path.join(ds.dir, `${t}.csv`)));
    await page.locator('[data-testid="load-result"]').waitFor({ timeout: 3_600_000 });
    const shown = await page.locator('[data-testid="load-result"]').innerText();
    if ((await page.locator('[data-testid="load-result"]').getAttribute('data-replaced')) !== 'true' && /too large for this page/i.test(shown)) {
      out.refused = shown.split('\n').find((l) => /too large/i.test(l)) ?? shown;
      log(`  all pages ${ds.size}: the Data page refused the files as too large`);
      return { result: out, views };
    }
    await page.locator('[data-testid="load-result"][data-replaced="true"]').waitFor({ timeout: 3_600_000 });
    const ids = (await page.locator('nav [data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)))).filter((id) => id !== 'data' && id !== 'sql');
    const sku = await firstSku(ds);
    for (const id of ids) {
      const opened = await timed(id, '');
      const row: AllPagesResult['pages'][number] = { page: id, openMs: opened.ms, changes: [] };
      for (const change of viewChanges(sku)) {
        const r = await timed(id, change);
        row.changes.push({ change, ms: r.ms, noBusy: r.noBusy });
      }
      out.pages.push(row);
      log(`  all pages ${ds.size}: ${id} open ${Math.round(opened.ms)} ms, changes ${row.changes.map((c) => Math.round(c.ms)).join(' ')} ms`);
    }
  } catch (e) {
    out.error = String(e).split('\n')[0];
    log(`  all pages ${ds.size}: FAILED ${out.error}`);
  }
  return { result: out, views };
}

/**
 * The changes timed on every page: one value of four dimensions, two values of one, a date
 * preset, a cross-filter selection of one SKU, a custom date range.
 */
export function viewChanges(sku: string): string[] {
  const q = encodeURIComponent;
  return [
    `channel=${q(CHANNELS[1]!.name)}`,
    `region=${q(REGIONS[1]!.name)}`,
    `category=${q(CATEGORIES[1]!.name)}`,
    `carrier=${q(CARRIERS[0]!.name)}`,
    `region=${q(REGIONS[0]!.name)}&region=${q(REGIONS[1]!.name)}`,
    'preset=last_90',
    `sel=sku:${q(sku)}`,
    'date_from=2024-03-01&date_to=2024-08-31',
  ];
}

/** The first SKU of the data set's products file (a SKU the data has, for the cross-filter). */
async function firstSku(ds: DataSet): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(path.join(ds.dir, 'products.csv'), 'utf8').split('\n', 3);
  const col = lines[0]!.split(',').indexOf('sku');
  return lines[1]!.split(',')[col]!.replace(/^"|"$/g, '');
}
