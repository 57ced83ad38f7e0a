import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launch } from './chromium';
import { openUntilReady } from './cold-links';
import type { DataSet } from './data';
import type { StoredReopenResult } from './types';

/**
 * Data kept in the browser, reopened (issue 15: "stored data of 1M order lines reopens to a
 * complete Overview in at most 3 s"). One browser profile: the data set's CSV files are loaded on
 * the Data page and kept (the Data page says "stored" once the copy, its derived tables and its
 * first screen's answers are written); then, each run, the browser is closed and started again on
 * that profile and the app opened at `/`, timed until the Overview shows every number (no panel
 * busy) and until the tables are read back (the page's `ri:data-ready` mark: any query can run).
 * Each reopen must show the loaded data's order count, not the demo's.
 */
export async function measureStoredReopen(base: string, ds: DataSet, runs: number, log: (s: string) => void): Promise<StoredReopenResult> {
  const out: StoredReopenResult = { size: ds.size, orderLines: ds.rows.order_lines ?? 0, overviewMs: [], dataReadyMs: [] };
  const profile = mkdtempSync(path.join(tmpdir(), 'ri-bench-kept-'));
  try {
    let b = await launch({ profile });
    try {
      await b.page.goto(`${base}?page=data`);
      await b.page.getByTestId('page-data').waitFor({ timeout: 120_000 });
      log(`  kept ${ds.size}: loading the CSV files on the Data page, then keeping them`);
      await b.page.getByTestId('file-input').setInputFiles(ds.tables.map((t) => path.join(ds.dir, `${t}.csv`)));
      await b.page.locator('[data-testid="load-result"][data-replaced="true"]').waitFor({ timeout: 3_600_000 });
      const t0 = Date.now();
      await storageStatus(b.page, 'stored');
      out.keepMs = Date.now() - t0;
      out.keptBytes = await b.page.evaluate(async () => (await navigator.storage.estimate()).usage ?? null);
      out.orders = await ordersShown(b.page, base);
    } finally {
      await b.close();
    }
    for (let run = 0; run < runs; run++) {
      log(`  kept ${ds.size}: reopen after a browser restart, run ${run + 1}/${runs}`);
      b = await launch({ profile });
      try {
        out.overviewMs.push(await openUntilReady(b.page, base, 'page-overview'));
        await b.page.waitForFunction(() => performance.getEntriesByName('ri:data-ready').length > 0, undefined, { timeout: 600_000 });
        out.dataReadyMs.push(Math.round((await b.page.evaluate(() => performance.getEntriesByName('ri:data-ready')[0]!.startTime)) as number));
        const orders = await ordersShown(b.page, null);
        if (orders !== out.orders) throw new Error(`the reopened Overview shows ${orders} orders, the load showed ${out.orders}`);
      } finally {
        await b.close();
      }
    }
  } catch (e) {
    out.error = String(e).split('\n')[0];
    log(`  kept ${ds.size}: FAILED ${out.error}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return out;
}

async function storageStatus(page: Page, want: string): Promise<void> {
  await page.waitForFunction((w) => document.querySelector('[data-testid="storage-status"]')?.getAttribute('data-status') === w, want, { timeout: 3_600_000, polling: 250 });
}

/** The Overview's order count (its KPI card's raw value), opening the Overview first when `base` is given. */
async function ordersShown(page: Page, base: string | null): Promise<string | null> {
  if (base !== null) await page.goto(base);
  const value = page.locator('[data-testid="kpi-orders"] [data-value]');
  await value.waitFor({ timeout: 600_000 });
  return value.getAttribute('data-value');
}
