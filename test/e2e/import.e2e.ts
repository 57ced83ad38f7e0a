/**
 * End-to-end test of importing real exports in the built app (a plain Node script, not vitest):
 *
 *   npx vite build && npx tsx test/e2e/import.e2e.ts [--dist dist] [--url http://127.0.0.1:4173/]
 *
 * The build is done by the caller. Without --url it serves the build (--dist, default dist/)
 * with `vite preview` on a free port. In headless Chromium it drops three files on the Data
 * page's loader at once: a Shopify orders export (79 columns, order fields on an order's first
 * row only, a quoted multi-line cell) and an Amazon FBA customer returns report (tab-separated,
 * DD-MM-YYYY dates whose days are all ≤ 12), both under test/fixtures/import/, plus a canonical
 * products.csv. It then finishes the mapping step: the Shopify file becomes a custom mapping
 * into order_lines with order_id ← "Name"; the FBA file keeps its detected preset and the
 * ambiguous date question is answered day-first (Load stays disabled until then). It checks
 * the preview, downloads the mapping and uses it again, refuses a broken saved mapping with a
 * clear error, loads all, and checks the accounting on the Data page (per file: read = loaded +
 * rejected + excluded, the join coverage, the "What was loaded" table) and the Overview numbers
 * against counts computed here from the fixture files without any app code. No request may
 * leave localhost. Screenshots go to test-artifacts/import-*.png.
 *
 * Expected, by hand from the fixtures:
 *   Shopify: 12 line rows (13 physical lines after the header: one note spans two), 8 distinct
 *     orders (Name), 14 units; all load (12 read = 12 loaded + 0 rejected + 0 excluded).
 *   FBA: 5 rows. Read day-first, 05-02-2024 is 5 February, before its order 111-4452211-0000003
 *     of 10 February → rejected; the other 4 load (5 read = 4 loaded + 1 rejected + 0 excluded).
 *     Of the 4 loaded returns, 3 find their order; 111-9999999-0000009 is not in the export.
 *   products.csv: 4 rows, all load; every SKU sold or returned is among them.
 *
 * Last, a flat export mapped by hand in the page with no preset (test/e2e/import-by-hand.ts):
 * two tables from one file, unit price = Sales ÷ Quantity, an exclusion with its reason, the
 * JSON editor round trip; the Overview then shows the figures worked out by hand.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { parseCsv } from '../helpers/csv';
import { Checks, launch, startPreview } from './harness';
import { batchEntry, dropFiles, dropTexts, mappingStep, openStep, previewCounts } from './import-steps';
import { mapFlatExportByHand } from './import-by-hand';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/import');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const TIMEOUT_MS = 180_000;
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

const SHOPIFY = 'shopify_orders_export.csv';
const FBA = 'amazon_fba_returns.tsv';
const PRODUCTS = 'products.csv';

/** What the app must show, computed from the fixture files with a plain CSV reader. */
function expected(): { orders: number; units: number; shopifyRows: number; fbaRows: number; productRows: number } {
  const shop = parseCsv(readFileSync(path.join(FIXTURES, SHOPIFY), 'utf8')).filter((r) => r.some((c) => c !== ''));
  const header = shop.shift()!;
  const name = header.indexOf('Name');
  const qty = header.indexOf('Lineitem quantity');
  const fba = readFileSync(path.join(FIXTURES, FBA), 'utf8').trim().split('\n').slice(1);
  const products = readFileSync(path.join(FIXTURES, PRODUCTS), 'utf8').trim().split('\n').slice(1);
  return {
    orders: new Set(shop.map((r) => r[name])).size,
    units: shop.reduce((n, r) => n + Number(r[qty]), 0),
    shopifyRows: shop.length,
    fbaRows: fba.length,
    productRows: products.length,
  };
}




async function kpi(page: Page, key: string, not?: string): Promise<string> {
  await page.waitForFunction(
    ([k, old]) => {
      const el = document.querySelector(`[data-testid="kpi-${k}"] [data-value]`);
      const cards = document.querySelector('[data-testid="kpi-cards"]');
      const v = el?.getAttribute('data-value') ?? '';
      return v !== '' && v !== old && cards?.getAttribute('aria-busy') === 'false';
    },
    [key, not ?? '\u0000'] as const,
    { timeout: TIMEOUT_MS },
  );
  return (await page.locator(`[data-testid="kpi-${key}"] [data-value]`).getAttribute('data-value')) ?? '';
}

const dropFixtures = (page: Page, names: string[]) => dropFiles(page, names.map((n) => path.join(FIXTURES, n)));
const entry = batchEntry;
const step = mappingStep;

async function main(): Promise<void> {
  const want = expected();
  console.log(`expected from the fixtures: ${want.orders} orders, ${want.units} units, ${want.shopifyRows} Shopify rows, ${want.fbaRows} FBA rows, ${want.productRows} products`);
  const outDir = path.resolve(ROOT, arg('--dist') ?? process.env.IMPORT_E2E_DIST ?? 'dist');
  const given = arg('--url') ?? process.env.IMPORT_E2E_URL;
  if (!given && !existsSync(path.join(outDir, 'index.html'))) throw new Error(`No build in ${outDir}: run npx vite build first (or pass --dist / --url).`);
  const preview = given ? null : await startPreview(outDir);
  const url = given ?? preview!.url;
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await launch();
  const { page, foreign, errors } = browser;
  // Downloads and hand-made files of this run.
  const profile = mkdtempSync(path.join(tmpdir(), 'ri-import-'));
  try {
    await page.emulateMedia({ colorScheme: 'light' });

    // The demo data first.
    await page.goto(url, { waitUntil: 'load' });
    const demoOrders = await kpi(page, 'orders');
    console.log(`demo data: ${demoOrders} orders`);

    // Data page: drop the three files at once.
    await page.getByTestId('nav-data').click();
    await page.getByTestId('file-loader').waitFor({ timeout: TIMEOUT_MS });
    await dropFixtures(page, [SHOPIFY, FBA, PRODUCTS]);
    await page.getByTestId('import-batch').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="batch-entry"]').length === 3, undefined, { timeout: 30_000 });
    check((await entry(page, PRODUCTS).getAttribute('data-route')) === 'canonical', 'products.csv is recognised as a canonical file');
    check((await entry(page, SHOPIFY).getAttribute('data-route')) === 'mapping', 'the Shopify export goes to the mapping step');
    check((await entry(page, FBA).getAttribute('data-route')) === 'mapping', 'the FBA report goes to the mapping step');

    // FBA: preset detected; the ambiguous date is asked and blocks the load.
    await openStep(page, FBA);
    const fba = step(page, FBA);
    const choice = await fba.getByTestId('mapping-choice').inputValue();
    check(choice === 'preset:amazon_fba_returns', `FBA preset detected (${choice})`);
    const presetText = (await fba.getByTestId('mapping-choice').locator('option:checked').textContent()) ?? '';
    check(/100% match/.test(presetText), `the preset shows its confidence ("${presetText}")`);
    const question = fba.getByTestId('question');
    check((await question.count()) === 1, 'one question is asked for the FBA file');
    const options = await question.getByTestId('question-option').evaluateAll((els) => els.map((e) => e.getAttribute('data-option')));
    check(JSON.stringify(options) === JSON.stringify(['%d-%m-%Y', '%m-%d-%Y']), `it offers day-first and month-first (${options.join(', ')})`);
    check(await question.getByTestId('question-option').evaluateAll((els) => els.every((e) => !(e as HTMLInputElement).checked)), 'no answer is preselected');
    check(await page.getByTestId('load-all').isDisabled(), 'Load all is disabled while the question is open');
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-question.png'), fullPage: true });
    await fba.screenshot({ path: path.join(ARTIFACTS, 'import-question-step.png') });
    await question.locator('[data-option="%d-%m-%Y"]').click();
    await fba.getByTestId('mapping-questions').waitFor({ state: 'detached', timeout: 10_000 });
    const fbaFormat = await fba.locator('tr[data-column="received_at"] [data-testid="column-date-format"]').inputValue();
    check(fbaFormat === '%d-%m-%Y', `the answer is the format of received_at (${fbaFormat})`);
    const fp = await previewCounts(page, FBA);
    check(fp.read === want.fbaRows && fp.loaded === want.fbaRows && fp.rejected === 0, `FBA preview on its own: ${JSON.stringify(fp)}`);
    const previewDate = (await fba.locator('[data-testid="preview-rows-returns"] tbody tr').first().textContent()) ?? '';
    check(previewDate.includes('2024-02-09'), `the preview shows 09-02-2024 as 2024-02-09 ("${previewDate.slice(0, 80)}…")`);

    // The mapping as JSON: download it, use it again; a broken one is refused with a clear error.
    const [download] = await Promise.all([page.waitForEvent('download'), fba.getByTestId('mapping-download').click()]);
    const saved = path.join(profile, download.suggestedFilename());
    await download.saveAs(saved);
    const mapping = JSON.parse(readFileSync(saved, 'utf8')) as { preset?: string; targets: { columns: Record<string, { transform?: { format?: string } }> }[] };
    check(download.suggestedFilename() === 'amazon_fba_returns.mapping.json', `mapping downloaded as ${download.suggestedFilename()}`);
    check(mapping.preset === 'amazon_fba_returns' && mapping.targets[0]?.columns.received_at?.transform?.format === '%d-%m-%Y', 'the saved mapping holds the preset and the answered date format');
    const broken = path.join(profile, 'broken.mapping.json');
    writeFileSync(broken, JSON.stringify({ version: 1, name: 'x', source: { encoding: 'utf-8', delimiter: '\t', quote: '', skipLines: 0, header: true, nullValues: [] }, targets: [{ table: 'returns', columns: { quantity: { column: 'quantity' } } }] }));
    await fba.getByTestId('mapping-file-input').setInputFiles(broken);
    const errs = fba.getByTestId('mapping-file-errors');
    await errs.waitFor({ timeout: 10_000 });
    const errText = (await errs.textContent()) ?? '';
    check(/returns\.return_id is required and not mapped/.test(errText), `a broken saved mapping is refused clearly ("${errText.slice(0, 120)}")`);
    await fba.getByTestId('mapping-file-input').setInputFiles(saved);
    await errs.waitFor({ state: 'detached', timeout: 10_000 });
    const origin = (await fba.getByTestId('mapping-origin').textContent()) ?? '';
    check(/saved mapping “Amazon FBA customer returns” \(amazon_fba_returns\.mapping\.json\)/.test(origin), `the saved mapping is in use ("${origin}")`);

    // Shopify: no preset; switch the custom mapping to order_lines and give order_id a source.
    await openStep(page, SHOPIFY);
    const shop = step(page, SHOPIFY);
    await shop.getByTestId('mapping-choice').selectOption('custom:order_lines');
    await shop.getByTestId('mapping-columns-order_lines').waitFor({ timeout: 10_000 });
    const problems = (await shop.getByTestId('mapping-problems').textContent()) ?? '';
    check(/order_lines\.order_id/.test(problems), `the missing order_id is named ("${problems.slice(0, 100)}")`);
    check(await page.getByTestId('load-all').isDisabled(), 'Load all is disabled while order_id has no source');
    await shop.locator('tr[data-column="order_id"] [data-testid="column-source"]').selectOption('col:Name');
    await shop.getByTestId('mapping-problems').waitFor({ state: 'detached', timeout: 10_000 });
    const sp = await previewCounts(page, SHOPIFY);
    check(sp.read === want.shopifyRows && sp.loaded === want.shopifyRows && sp.rejected === 0, `Shopify preview: ${JSON.stringify(sp)} (${want.shopifyRows} line rows)`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-mapping-light.png'), fullPage: true });
    await shop.screenshot({ path: path.join(ARTIFACTS, 'import-mapping-shopify.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'), undefined, { timeout: 5_000 }).catch(() => undefined);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-mapping-dark.png'), fullPage: true });
    await fba.screenshot({ path: path.join(ARTIFACTS, 'import-mapping-fba-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Keyboard: the Load all button is reachable with Tab.
    const loadAll = page.getByTestId('load-all');
    check(await loadAll.isEnabled(), 'Load all is enabled once every file is ready');
    await loadAll.focus();
    check(await loadAll.evaluate((el) => el === document.activeElement), 'Load all takes the keyboard focus');
    await page.keyboard.press('Enter');

    // The result: per file accounting, join coverage.
    const result = page.getByTestId('load-result');
    await result.waitFor({ timeout: TIMEOUT_MS });
    check((await result.getAttribute('data-replaced')) === 'true', 'the batch replaced the data');
    const row = async (file: string) => {
      const li = page.locator(`[data-testid="file-results"] li[data-file="${file}"]`);
      const g = async (a: string) => Number(await li.getAttribute(`data-${a}`));
      return { read: await g('read'), loaded: await g('loaded'), rejected: await g('rejected'), excluded: await g('excluded'), text: (await li.getByTestId('file-accounting').textContent()) ?? '' };
    };
    const rf = await row(FBA);
    check(rf.read === 5 && rf.loaded === 4 && rf.rejected === 1 && rf.excluded === 0, `FBA: ${rf.text}`);
    check(rf.read === rf.loaded + rf.rejected + rf.excluded, 'FBA: read = loaded + rejected + excluded');
    const rs = await row(SHOPIFY);
    check(rs.read === want.shopifyRows && rs.loaded === want.shopifyRows && rs.rejected === 0 && rs.excluded === 0, `Shopify: ${rs.text}`);
    const rp = await row(PRODUCTS);
    check(rp.read === want.productRows && rp.loaded === want.productRows, `products: ${rp.text}`);
    const fbaNotes = (await page.locator(`[data-testid="file-results"] li[data-file="${FBA}"]`).textContent()) ?? '';
    check(/Rejected: return dated before its order \(1\)/.test(fbaNotes), 'the FBA rejection reason is shown');
    const coverage = (await page.getByTestId('join-coverage').textContent()) ?? '';
    check(/3 of 4 returns found their order \(75%\); 1 did not \(e\.g\. 111-9999999-0000009\)/.test(coverage), `join coverage of returns: "${coverage}"`);
    check(/4 of 4 SKUs found their product \(100%\)/.test(coverage), 'join coverage of SKUs');
    const [rejects] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-rejects-download').click()]);
    const rejPath = path.join(profile, 'rejects.csv');
    await rejects.saveAs(rejPath);
    const rej = parseCsv(readFileSync(rejPath, 'utf8')).filter((r) => r.length > 1);
    check(rej.length === 2 && rej[1]![1] === FBA && rej[1]![2] === '4' && /^return dated before its order/.test(rej[1]![4] ?? ''), `rejects CSV: ${JSON.stringify(rej[1])}`);

    // The Data page's accounting (data_quality).
    const loaded = page.locator('[data-testid="loaded-tables"] tr[data-table="returns"]');
    await loaded.waitFor({ timeout: 60_000 });
    const cells = await loaded.locator('td').allTextContents();
    check(cells[1] === '5' && cells[2] === '4' && cells[3] === '1' && cells[4] === '0', `What was loaded, returns: read ${cells[1]}, loaded ${cells[2]}, rejected ${cells[3]}, excluded ${cells[4]}`);
    const lineCells = await page.locator('[data-testid="loaded-tables"] tr[data-table="order_lines"] td').allTextContents();
    check(lineCells[1] === String(want.shopifyRows) && lineCells[2] === String(want.shopifyRows), `What was loaded, order_lines: read ${lineCells[1]}, loaded ${lineCells[2]}`);
    const panel = page.locator('[data-testid="panel-coverage"] [data-testid="coverage-lines"]');
    await panel.waitFor({ timeout: 60_000 });
    const panelText = (await panel.textContent()) ?? '';
    check(/3 of 4 returns found their order/.test(panelText), `the Data page's join coverage panel agrees ("${panelText}")`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-result-light.png'), fullPage: true });
    await page.getByTestId('file-loader').screenshot({ path: path.join(ARTIFACTS, 'import-result-loader.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-result-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    // The dashboard follows: the header names the files, the Overview counts the fixture's orders.
    const label = (await page.getByTestId('data-source').textContent()) ?? '';
    check(label.includes(SHOPIFY) || label.includes(FBA) || label.includes(PRODUCTS), `header names the loaded files ("${label}")`);
    await page.getByTestId('nav-overview').click();
    const orders = await kpi(page, 'orders');
    check(Number(orders) === want.orders, `Overview orders ${orders} = ${want.orders} distinct orders in the Shopify export (demo had ${demoOrders})`);
    const units = await kpi(page, 'units_sold');
    check(Number(units) === want.units, `Overview units sold ${units} = ${want.units}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-overview.png'), fullPage: true });

    // A batch with good order lines and a returns file that cannot be used: the data is kept, the
    // page says why and offers to load the rest; accepting loads the 3 orders. The returns file is
    // a truncated JSON export: its first records name the returns columns (so it is routed as the
    // returns table by its content), and the cut-off record makes it unreadable when it loads.
    await page.getByTestId('nav-data').click();
    const record = (id: string, order: string) => `{"return_id": "${id}", "order_id": "${order}", "sku": "A", "quantity": 1, "requested_at": "2025-01-06"}`;
    const truncated = `[${record('R1', 'P1')}, ${record('R2', 'P2')}, {"return_id": "R3", "order_id": "P3", "sk`;
    await dropTexts(page, [
      { name: 'order_lines.csv', text: 'order_id,line_id,order_date,sku,quantity,unit_price\nP1,1,2025-01-02,A,1,10\nP2,1,2025-01-03,A,2,10\nP3,1,2025-01-04,B,1,5\n', type: 'text/csv' },
      { name: 'returns.json', text: truncated, type: 'application/json' },
    ]);
    const refused = page.locator('[data-testid="load-result"][data-replaced="false"]');
    await refused.waitFor({ timeout: TIMEOUT_MS });
    const why = (await page.getByTestId('load-problem').textContent()) ?? '';
    check(/returns\.json: cannot be read as json/.test(why), `a batch with an unusable file keeps the data and says why ("${why.slice(0, 160)}")`);
    const accept = page.getByTestId('accept-partial');
    check((await accept.textContent())?.includes('returns.json') === true, 'the page offers to load the rest without returns.json');
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-partial-refused.png'), fullPage: true });
    await accept.click();
    await page.locator('[data-testid="load-result"][data-replaced="true"]').waitFor({ timeout: TIMEOUT_MS });
    const refusedRow = page.locator('[data-testid="file-results"] li[data-file="returns.json"]');
    const [read, rejected] = [await refusedRow.getAttribute('data-read'), await refusedRow.getAttribute('data-rejected')];
    check(read !== null && read === rejected, `accepted: the refused file is listed, whatever of it was read counted as rejected (${read} read, ${rejected} rejected)`);
    await page.getByTestId('nav-overview').click();
    check(Number(await kpi(page, 'orders', orders)) === 3, 'accepted: the Overview counts the batch\'s 3 orders');

    // A flat export mapped by hand in the page, no preset: two tables, a calculation, an exclusion, the JSON editor.
    await mapFlatExportByHand(page, profile, checks, ARTIFACTS, TIMEOUT_MS);

    check(foreign.length === 0, `no request left localhost${foreign.length ? `: ${foreign.join(', ')}` : ''}`);
    check(errors.length === 0, `no page or console errors${errors.length ? `:\n  ${errors.join('\n  ')}` : ''}`);
  } finally {
    await browser.close();
    preview?.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`screenshots: ${ARTIFACTS}/import-*.png`);
  checks.finish('import-e2e');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  checks.failures.push(String(e));
  checks.finish('import-e2e');
});
