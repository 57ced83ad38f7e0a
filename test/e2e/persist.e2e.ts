/**
 * Loaded data stays in the browser (a plain Node script, not vitest):
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/persist.e2e.ts [--dist dist]
 *
 * One Chromium profile folder throughout, one preview server (one origin). Generated canonical
 * CSVs are dropped on the Data page: the Overview shows their orders (counted here from
 * order_lines.csv by hand); the Data page says the copy is kept and shows its bytes, the
 * browser's quota and the answer to navigator.storage.persist(). A reload shows the same KPIs,
 * the source label and the load report (every file's rows read, as at the load), without
 * importing again; so does closing Chromium and opening it again on the same profile. A reload
 * in the middle of a second load: the next open says the previous load did not finish and shows
 * the data kept before it. With the storage full (a quota set through the DevTools protocol) a
 * new load is shown but not kept, the page says so, and a reload brings back the data kept
 * before, intact. "Forget this data" brings the demo's orders back, also after a
 * reload. No request may leave localhost; no page or console error. Screenshot of the Data
 * page: test-artifacts/persist-data-page.png.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { generate, KPIS, ordersIn } from './generated-data';
import { ARTIFACTS, Checks, launch, ROOT, startPreview, type Browser } from './harness';
import { dropFiles, dropTexts, kpiValue } from './import-steps';

const TIMEOUT_MS = 180_000;
const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

/** The Overview's KPI values (raw data-value attributes) once computed, opening the page at `url`. */
async function overview(page: Page, url: string): Promise<Record<string, string>> {
  await page.goto(url, { waitUntil: 'load' });
  return kpis(page);
}

/** The same without reopening the page: its tab, in the data the page holds now. */
async function overviewInApp(page: Page): Promise<Record<string, string>> {
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('kpi-cards').waitFor({ timeout: TIMEOUT_MS });
  return kpis(page);
}

async function kpis(page: Page): Promise<Record<string, string>> {
  await kpiValue(page, 'orders', TIMEOUT_MS);
  const out: Record<string, string> = {};
  for (const k of KPIS) out[k] = (await page.locator(`[data-testid="kpi-${k}"] [data-value]`).getAttribute('data-value').catch(() => null)) ?? '';
  out.source = (await page.getByTestId('data-source').textContent()) ?? '';
  return out;
}

async function dataPage(page: Page, url: string): Promise<void> {
  await page.goto(`${url}?page=data`, { waitUntil: 'load' });
  await page.getByTestId('stored-data').waitFor({ timeout: TIMEOUT_MS });
}

async function storageStatus(page: Page, want: string): Promise<boolean> {
  return page
    .waitForFunction((w) => document.querySelector('[data-testid="storage-status"]')?.getAttribute('data-status') === w, want, { timeout: TIMEOUT_MS })
    .then(() => true, () => false);
}

/** Rows read per file, from the load report shown on the Data page. */
async function reportedReads(page: Page): Promise<string> {
  const items = page.locator('[data-testid="file-results"] li[data-file]');
  await items.first().waitFor({ state: 'attached', timeout: TIMEOUT_MS });
  const pairs = await items.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-file')}=${e.getAttribute('data-read')}`));
  return pairs.sort().join(' ');
}

async function main(): Promise<void> {
  const dist = path.resolve(ROOT, process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1]! : 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`No build in ${dist}: run npx vite build first.`);
  const work = mkdtempSync(path.join(tmpdir(), 'ri-persist-'));
  const profile = path.join(work, 'profile');
  mkdirSync(profile);
  const files = generate(path.join(work, 'a'), 3000, 15);
  const bigger = generate(path.join(work, 'b'), 40000, 16);
  const orders = ordersIn(files[0]!);
  const demoOrders = ordersIn(path.join(ROOT, 'data/demo/order_lines.csv'));
  const preview = await startPreview(dist);
  let browser: Browser | null = null;
  const problems: string[] = [];
  const open = async () => {
    if (browser) {
      problems.push(...browser.foreign.map((u) => `request left localhost: ${u}`), ...browser.errors);
      await browser.close();
    }
    browser = await launch({ profile });
    return browser.page;
  };
  try {
    let page = await open();
    await dataPage(page, preview.url);
    check(await storageStatus(page, 'none'), 'a fresh profile keeps nothing: the Data page says the demo opens');
    await dropFiles(page, files);
    await page.getByTestId('load-result').waitFor({ timeout: TIMEOUT_MS });
    check((await page.getByTestId('load-result').getAttribute('data-replaced')) === 'true', 'the generated CSVs replaced the data');
    check(await storageStatus(page, 'stored'), 'the Data page says the loaded data is kept in this browser');
    const figures = page.getByTestId('storage-figures');
    // A DuckDB database file is at least a few blocks of 256 KB (the index alone is ~100 bytes).
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="storage-figures"]')?.getAttribute('data-stored-bytes')) > 100_000, undefined, { timeout: 30_000 })
      .catch(() => undefined);
    const bytes = Number(await figures.getAttribute('data-stored-bytes'));
    const quota = Number(await figures.getAttribute('data-quota'));
    check(bytes > 100_000 && quota > bytes, `bytes kept (${bytes}) and the browser's quota (${quota}) are shown`);
    const persisted = await page.getByTestId('storage-persist').getAttribute('data-persisted');
    check(persisted === 'true' || persisted === 'false', `the answer to navigator.storage.persist() is shown (${persisted})`);
    const report = await reportedReads(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.getByTestId('stored-data').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'persist-data-page.png'), fullPage: false });

    const loaded = await overviewInApp(page);
    check(Number(loaded.orders) === orders, `Overview orders ${loaded.orders} = ${orders} counted from the generated order_lines.csv`);

    const reloaded = await overview(page, preview.url);
    check(JSON.stringify(reloaded) === JSON.stringify(loaded), `after a reload the Overview shows the same KPIs and source (${JSON.stringify(reloaded)})`);
    await dataPage(page, preview.url);
    await page.locator('[data-testid="file-loader"] details summary').click();
    check((await reportedReads(page)) === report, `after a reload the load report is there (${report})`);

    // A link the build answers on the demo (a page filtered to one value), opened with data kept
    // here: the kept data opens, and the demo's answers for that link are not downloaded.
    const demoChunks: string[] = [];
    const onRequest = (r: Request) => void (/demo-(presets|filters-[a-z]+)-[^/]*\.js$/.test(r.url()) && demoChunks.push(r.url()));
    page.on('request', onRequest);
    await page.goto(`${preview.url}?page=products&channel=app`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('[data-testid="page-products"]') && document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: TIMEOUT_MS });
    page.off('request', onRequest);
    const shownSource = (await page.getByTestId('data-source').textContent()) ?? '';
    check(demoChunks.length === 0 && shownSource === loaded.source, `a filtered Products link opens the kept data ("${shownSource}") without fetching the demo's answers for it (${demoChunks.length} fetched)`);

    page = await open();
    const restarted = await overview(page, preview.url);
    check(JSON.stringify(restarted) === JSON.stringify(loaded), `after closing and reopening Chromium on the same profile: the same KPIs and source (${JSON.stringify(restarted)})`);

    // A reload in the middle of a load: nothing of it is kept, and the next open says so.
    await dataPage(page, preview.url);
    await dropFiles(page, bigger);
    await page.waitForFunction(() => /Reading|Loading|rows/i.test(document.querySelector('[data-testid="load-progress"]')?.textContent ?? ''), undefined, { timeout: TIMEOUT_MS });
    await page.reload({ waitUntil: 'load' });
    const noticed = await page.getByTestId('unfinished-load').waitFor({ timeout: TIMEOUT_MS }).then(() => true, () => false);
    check(noticed, 'after a reload during a load the Data page says the previous load did not finish');
    // The notice stays until a load finishes in this page, even one that is refused: a batch with
    // an unreadable file (a JSON export cut off mid-record) leaves the data as it was.
    const cutOff = '[{"return_id": "R1", "order_id": "P1", "sku": "A", "quantity": 1, "requested_at": "2025-01-06"}, {"return_id": "R2", "sk';
    await dropTexts(page, [
      { name: 'order_lines.csv', text: 'order_id,line_id,order_date,sku,quantity,unit_price\nP1,1,2025-01-02,A,1,10\n', type: 'text/csv' },
      { name: 'returns.json', text: cutOff, type: 'application/json' },
    ]);
    await page.locator('[data-testid="load-result"][data-replaced="false"]').waitFor({ timeout: TIMEOUT_MS });
    const notices = await page.getByTestId('unfinished-load').count();
    check(noticed && notices === 0, `once a later load has finished here (this one refused), the notice goes (${notices} shown)`);
    const afterCut = await overview(page, preview.url);
    check(JSON.stringify(afterCut) === JSON.stringify(loaded), `and the data kept before that load is shown (${afterCut.orders} orders)`);

    // Storage full: the new data is shown but not kept, and the data kept before still opens next time.
    const origin = new URL(preview.url).origin;
    const cdp = await page.context().newCDPSession(page);
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 300_000 });
    await dataPage(page, preview.url);
    await dropFiles(page, bigger);
    await page.getByTestId('load-result').waitFor({ timeout: TIMEOUT_MS });
    check(await storageStatus(page, 'failed'), 'with the storage full the Data page says the new data could not be kept');
    const said = (await page.getByTestId('storage-status').textContent()) ?? '';
    check(/full/.test(said) && said.includes(loaded.source ?? ''), `it says why and what opens next time: "${said}"`);
    const unkept = await overviewInApp(page);
    check(Number(unkept.orders) === ordersIn(bigger[0]!), `the new data is shown meanwhile (${unkept.orders} orders)`);
    await page.reload({ waitUntil: 'load' });
    const keptBefore = await overview(page, preview.url);
    check(JSON.stringify(keptBefore) === JSON.stringify(loaded), `after a reload the data kept before is back, intact (${keptBefore.orders} orders)`);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });

    await dataPage(page, preview.url);
    await page.getByTestId('forget-data').click();
    check(await storageStatus(page, 'none'), '"Forget this data": the Data page says nothing is kept');
    const demo = await overview(page, preview.url);
    check(Number(demo.orders) === demoOrders, `after forgetting, the Overview shows the demo's ${demoOrders} orders (${demo.orders})`);
    const demoAgain = await overview(page, preview.url);
    check(Number(demoAgain.orders) === demoOrders, `and so after a reload (${demoAgain.orders})`);
    checks.clean(browser as Browser | null, problems);
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    checks.failures.push(String(e));
  } finally {
    await (browser as Browser | null)?.close();
    preview.stop();
    rmSync(work, { recursive: true, force: true });
  }
  checks.finish('persist-e2e');
}

void main();
