/**
 * Several data sets kept in one browser, switched from the header, named in links (a plain Node
 * script, not vitest):
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/datasets.e2e.ts [--dist dist]
 *
 * One Chromium profile, one preview server. Two generated data sets are loaded on the Data page
 * and named there ("Amazon DE 2025", "Shop Q3"); the header then switches between them and the
 * demo, and the Overview shows each one's orders (counted here from its order_lines.csv by hand).
 * The URL names the data set shown (data=name~fingerprint): opening the link made on the other
 * one opens that one; a link naming a data set this browser does not keep says which data it
 * needs and what it shows instead. The Data page lists both with their bytes and forgets one.
 * Switching back to the demo opens the build's demo database (no import): every KPI equals the
 * first open's, and the switch's time is printed. The settings (assumptions) are kept with each
 * data set: a link's own settings are used and kept; a header switch leaves them behind and
 * brings back those of the data set chosen, with the same Cost page figures; a bare reopen gets
 * them back too.
 * No request may leave localhost; no page or console error.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { generate, KPIS, ordersIn } from './generated-data';
import { Checks, launch, ROOT, startPreview, type Browser } from './harness';
import { dropFiles, kpiValue } from './import-steps';

const TIMEOUT_MS = 180_000;
const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

/** The Overview's orders and the header's label once `label` is shown and the KPIs are computed. */
async function shown(page: Page, label: string): Promise<{ orders: number; kpis: string; source: string }> {
  await page.waitForFunction((l) => document.querySelector('[data-testid="data-source"]')?.textContent === l, label, { timeout: TIMEOUT_MS }).catch(() => undefined);
  if (!(await page.getByTestId('page-overview').isVisible())) await page.getByTestId('nav-overview').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="data-set-opening"]') === null, undefined, { timeout: TIMEOUT_MS });
  const orders = await kpiValue(page, 'orders', TIMEOUT_MS);
  const kpis: string[] = [];
  for (const k of KPIS) kpis.push((await page.locator(`[data-testid="kpi-${k}"] [data-value]`).getAttribute('data-value').catch(() => null)) ?? '');
  return { orders, kpis: kpis.join(' '), source: (await page.getByTestId('data-source').textContent()) ?? '' };
}

/** Loads `files` on the Data page, waits until kept, names the kept data set; its fingerprint. */
async function loadAndName(page: Page, url: string, files: string[], name: string): Promise<string> {
  await page.goto(`${url}?page=data`, { waitUntil: 'load' });
  await page.getByTestId('stored-data').waitFor({ timeout: TIMEOUT_MS });
  await dropFiles(page, files);
  await page.getByTestId('load-result').waitFor({ timeout: TIMEOUT_MS });
  await page.waitForFunction(() => document.querySelector('[data-testid="storage-status"]')?.getAttribute('data-status') === 'stored', undefined, { timeout: TIMEOUT_MS });
  const row = page.locator('[data-testid="data-set-row"]', { hasText: 'shown now' });
  await row.waitFor({ timeout: TIMEOUT_MS });
  const fingerprint = (await row.getAttribute('data-fingerprint')) ?? '';
  await row.getByTestId('data-set-name').fill(name);
  await row.getByTestId('data-set-rename').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="data-source"]')?.textContent === n, name, { timeout: TIMEOUT_MS });
  return fingerprint;
}

/** The Cost page's total row (handling cost per return is part of it) once its summary tiles and panels are computed, with the URL's assumption. */
async function costFigures(page: Page): Promise<{ total: string; handling: string | null }> {
  await page.getByTestId('page-cost').waitFor({ timeout: TIMEOUT_MS });
  await page.waitForFunction(() => document.querySelector('[data-testid="data-set-opening"]') === null
    && document.querySelectorAll('[data-testid^="cost-tile-value-"]').length > 0 && document.querySelectorAll('[aria-busy="true"]').length === 0,
  undefined, { timeout: TIMEOUT_MS });
  const total = ((await page.getByTestId('cost-total').textContent({ timeout: TIMEOUT_MS })) ?? '').replace(/\s+/g, ' ');
  return { total, handling: new URL(page.url()).searchParams.get('a.handling_cost_per_return') };
}

/** The kept data sets' database files in the page's origin-private storage. */
async function slotFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names: string[] = [];
    for await (const name of (await navigator.storage.getDirectory() as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names.filter((n) => n.endsWith('.duckdb'));
  });
}

const link = (url: string, name: string, fingerprint: string) => `${url}?data=${encodeURIComponent(`${name}~${fingerprint}`)}`;

async function main(): Promise<void> {
  const dist = path.resolve(ROOT, process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1]! : 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`No build in ${dist}: run npx vite build first.`);
  const work = mkdtempSync(path.join(tmpdir(), 'ri-datasets-'));
  const profile = path.join(work, 'profile');
  mkdirSync(profile);
  const amazon = generate(path.join(work, 'a'), 3000, 15);
  const shop = generate(path.join(work, 'b'), 2000, 21);
  const ordersA = ordersIn(amazon[0]!);
  const ordersB = ordersIn(shop[0]!);
  const demoOrders = ordersIn(path.join(ROOT, 'data/demo/order_lines.csv'));
  const preview = await startPreview(dist);
  let browser: Browser | null = null;
  try {
    browser = await launch({ profile });
    const page = browser.page;
    const url = preview.url;

    await page.goto(url, { waitUntil: 'load' });
    const demoFirst = await shown(page, 'Demo data');
    const fpA = await loadAndName(page, url, amazon, 'Amazon DE 2025');
    // Derived in the page after the load: what its kept derived tables must give back.
    const loadedA = await shown(page, 'Amazon DE 2025');
    check(/^[0-9a-f]{6}$/.test(fpA), `the first data set is kept with a content fingerprint (${fpA})`);
    check(new URL(page.url()).searchParams.get('data') === `Amazon DE 2025~${fpA}`, `the URL names it: ${page.url()}`);
    await page.goto(`${url}?page=data`, { waitUntil: 'load' });
    const fpB = await loadAndName(page, url, shop, 'Shop Q3');
    check(/^[0-9a-f]{6}$/.test(fpB) && fpB !== fpA, `the second one too, another fingerprint (${fpB})`);
    const rows = page.getByTestId('data-set-row');
    const listed = await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-name'), Number(e.getAttribute('data-bytes'))] as const));
    check(listed.length === 2 && listed.every(([, bytes]) => bytes > 100_000), `the Data page lists both with their bytes: ${JSON.stringify(listed)}`);

    let now = await shown(page, 'Shop Q3');
    check(now.orders === ordersB, `Shop Q3 is shown after its load: ${now.orders} orders = ${ordersB} counted from its order_lines.csv`);
    const switcher = page.getByTestId('data-set-switch');
    await switcher.selectOption({ label: 'Amazon DE 2025' });
    now = await shown(page, 'Amazon DE 2025');
    check(now.orders === ordersA && now.source === 'Amazon DE 2025', `the header switches to Amazon DE 2025: ${now.orders} orders = ${ordersA}`);
    check(new URL(page.url()).searchParams.get('data') === `Amazon DE 2025~${fpA}`, 'and the URL names it');
    check(now.kpis === loadedA.kpis, `every KPI from its kept derived tables equals what the load derived (${now.kpis})`);
    await switcher.selectOption({ label: 'Shop Q3' });
    now = await shown(page, 'Shop Q3');
    check(now.orders === ordersB, `back to Shop Q3 from the header: ${now.orders} orders = ${ordersB}`);
    const switchStart = Date.now();
    await switcher.selectOption({ label: 'Demo data' });
    now = await shown(page, 'Demo data');
    const switchMs = Date.now() - switchStart;
    console.log(`switch to the demo from the header: ${switchMs} ms to its Overview`);
    check(now.orders === demoOrders, `and to the demo: ${now.orders} orders = ${demoOrders}`);
    check(now.kpis === demoFirst.kpis, `every KPI of the demo after the switch equals the first open's (${now.kpis})`);

    // Settings kept with each data set (src/app/storage/kept-settings.ts).
    await page.goto(`${link(url, 'Amazon DE 2025', fpA)}&page=cost&a.handling_cost_per_return=9`, { waitUntil: 'load' });
    const costA = await costFigures(page);
    check(costA.handling === '9', `a link with its own assumption opens Amazon DE 2025 with it (handling ${costA.handling})`);
    await page.getByTestId('data-set-switch').selectOption({ label: 'Shop Q3' });
    await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]')?.textContent === 'Shop Q3', undefined, { timeout: TIMEOUT_MS });
    const costB = await costFigures(page);
    check(costB.handling === null, `switching to Shop Q3 leaves Amazon's assumption behind (handling ${costB.handling})`);
    await page.getByTestId('data-set-switch').selectOption({ label: 'Amazon DE 2025' });
    await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]')?.textContent === 'Amazon DE 2025', undefined, { timeout: TIMEOUT_MS });
    const costBack = await costFigures(page);
    check(costBack.handling === '9' && costBack.total === costA.total, `switching back brings its assumption back, with the same Cost total (handling ${costBack.handling}: ${costBack.total})`);
    await page.goto(`${url}?page=cost`, { waitUntil: 'load' });
    const reopened = await costFigures(page);
    check(reopened.handling === '9' && reopened.total === costA.total, `reopened without settings in the link, it comes back with them (handling ${reopened.handling})`);
    await page.goto(`${link(url, 'Amazon DE 2025', fpA)}&page=cost&a.handling_cost_per_return=7`, { waitUntil: 'load' });
    const linked = await costFigures(page);
    check(linked.handling === '7' && linked.total !== costA.total, `a link with settings of its own wins over the kept ones (handling ${linked.handling}: ${linked.total}, was ${costA.total})`);
    await page.goto(`${url}?page=cost&data=${encodeURIComponent(`Amazon DE 2025~${fpA}`)}`, { waitUntil: 'load' });
    const keptNow = await costFigures(page);
    check(keptNow.handling === '7', `and they are the ones kept with it now (a bare link to it: handling ${keptNow.handling})`);

    await page.goto(link(url, 'Amazon DE 2025', fpA), { waitUntil: 'load' });
    now = await shown(page, 'Amazon DE 2025');
    check(now.orders === ordersA, `a link made on Amazon DE 2025 opens it (the demo was shown last): ${now.orders} orders`);
    await page.goto(`${link(url, 'Shop Q3', fpB)}&page=overview`, { waitUntil: 'load' });
    now = await shown(page, 'Shop Q3');
    check(now.orders === ordersB, `a link made on Shop Q3 opens it: ${now.orders} orders`);
    check((await page.getByTestId('data-set-missing').count()) === 0, 'neither link says its data is missing');

    await page.goto(link(url, 'Returns 2024', 'abcdef'), { waitUntil: 'load' });
    const missing = page.getByTestId('data-set-missing');
    await missing.waitFor({ timeout: TIMEOUT_MS }).catch(() => undefined);
    const said = (await missing.textContent().catch(() => '')) ?? '';
    check(said.includes("'Returns 2024' (abcdef), which is not kept in this browser") && said.includes("'Shop Q3' instead"), `a link made on data not kept here says so and what it shows: "${said}"`);
    now = await shown(page, 'Shop Q3');
    check(now.orders === ordersB, `and shows the data opened last (${now.orders} orders)`);

    await page.goto(`${url}?page=data`, { waitUntil: 'load' });
    const amazonRow = page.locator(`[data-testid="data-set-row"][data-fingerprint="${fpA}"]`);
    await amazonRow.getByTestId('data-set-forget').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="data-set-row"]').length === 1, undefined, { timeout: TIMEOUT_MS }).catch(() => undefined);
    const left = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    check(JSON.stringify(left) === JSON.stringify(['Shop Q3']), `forgetting Amazon DE 2025 leaves Shop Q3 (${JSON.stringify(left)})`);
    await page.getByTestId('data-set-switch').waitFor({ timeout: TIMEOUT_MS }).catch(() => undefined);
    const options = await page.getByTestId('data-set-switch').locator('option').allTextContents();
    check(JSON.stringify(options) === JSON.stringify(['Demo data', 'Shop Q3']), `the header offers the demo and Shop Q3 (${JSON.stringify(options)})`);
    await page.goto(link(url, 'Amazon DE 2025', fpA), { waitUntil: 'load' });
    await missing.waitFor({ timeout: TIMEOUT_MS }).catch(() => undefined);
    check((await missing.count()) === 1, 'its link now says its data is not kept here');

    await switcher.selectOption({ label: 'Shop Q3' });
    now = await shown(page, 'Shop Q3');
    // A kept data set is read in place: a second tab opens the same one beside the first, then
    // shows the demo and forgets Shop Q3 while the first still shows it. The first keeps working
    // on it (a page it has not computed yet), and the file stays until nothing reads it.
    const second = await page.context().newPage();
    await second.goto(url, { waitUntil: 'load' });
    const there = await shown(second, 'Shop Q3');
    check(there.orders === ordersB && there.kpis === now.kpis, `a second tab opens Shop Q3 too, beside the first, with the same KPIs (${there.orders} orders)`);
    await second.getByTestId('data-set-switch').selectOption({ label: 'Demo data' });
    await shown(second, 'Demo data');
    await second.goto(`${url}?page=data`, { waitUntil: 'load' });
    await second.locator(`[data-testid="data-set-row"][data-fingerprint="${fpB}"]`).getByTestId('data-set-forget').click();
    await second.waitForFunction(() => document.querySelectorAll('[data-testid="data-set-row"]').length === 0, undefined, { timeout: TIMEOUT_MS }).catch(() => undefined);
    check((await second.getByTestId('data-set-row').count()) === 0, 'the second tab forgets Shop Q3 while the first shows it');
    await page.getByTestId('nav-carriers').click();
    await page.getByTestId('page-carriers').waitFor({ timeout: TIMEOUT_MS });
    await page.waitForTimeout(500);
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: TIMEOUT_MS }).catch(() => undefined);
    const errors = await page.getByTestId('error').count();
    check(errors === 0 && (await page.getByTestId('data-source').textContent()) === 'Shop Q3', `the first tab still computes a new page on Shop Q3 (${errors} errors shown)`);
    check((await slotFiles(second)).length === 1, `its file stays while the first tab reads it (${JSON.stringify(await slotFiles(second))})`);
    await second.close();

    // "Reset to demo data" on the Data page (last) opens the same demo database and, like a load
    // of its files, says how they join (the result showed no join lines before).
    await page.getByTestId('nav-data').click();
    await page.getByTestId('reset-demo').click();
    await page.locator('[data-testid="load-result"]').waitFor({ timeout: TIMEOUT_MS });
    const joins = await page.locator('[data-testid="load-result"] [data-testid="join-coverage"] li').allInnerTexts();
    check(joins.length > 0 && joins.some((j) => /return/i.test(j)), `Reset to demo data: the result says how the demo files join (${joins.length} lines: "${joins[0] ?? ''}")`);
    now = await shown(page, 'Demo data');
    check(now.kpis === demoFirst.kpis, `and shows the demo with every KPI as at first (${now.orders} orders)`);
    await page.waitForFunction(async () => {
      const names: string[] = [];
      for await (const name of (await navigator.storage.getDirectory() as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
      return !names.some((n) => n.endsWith('.duckdb'));
    }, undefined, { timeout: 30_000, polling: 250 }).catch(() => undefined);
    check((await slotFiles(page)).length === 0, `once the first tab no longer reads it, the forgotten file is removed (${JSON.stringify(await slotFiles(page))})`);

    checks.clean(browser);
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    checks.failures.push(String(e));
  } finally {
    await browser?.close();
    preview.stop();
    rmSync(work, { recursive: true, force: true });
  }
  checks.finish('datasets-e2e');
}

void main();
