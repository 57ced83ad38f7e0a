/**
 * The dashboard end to end in a real headless Chromium on the production build and the
 * embedded demo data: every page renders numbers that match the CLI's output for the same
 * data, a click cross-filters the other charts, the URL reproduces the view after a reload, a
 * drill-down exports every row, a bad file shows its error and keeps the data, and no request
 * leaves this machine. Screenshots of every page go to test-artifacts/ (not committed).
 *
 * Run after `vite build`: `tsx test/e2e/dashboard.e2e.ts` (npm run test:e2e does both).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatCount, formatDays, formatMoney, formatMoneyHeadline, formatPercent, NOT_IN_DATA } from '../../src/app/format';
import { toCsv } from '../../src/export/csv';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import { readCsvObjects } from '../helpers/csv';
import { ARTIFACTS, Checks, ROOT, launch, startPreview, waitIdle } from './harness';
import { dropFiles } from './import-steps';

const t = new Checks();
const LOCALE = 'en-US';
const DEMO = path.join(ROOT, 'data/demo');

type Csv = Record<string, string>[];

/** The CLI's answer for the demo data: the reference every page is checked against. */
function cliOutputs(): (file: string) => Csv {
  const out = mkdtempSync(path.join(tmpdir(), 'ri-e2e-cli-'));
  const res = spawnSync(
    process.execPath,
    [path.join(ROOT, 'src/cli/bin.mjs'), 'analyze', DEMO, '--out', out, '--quiet', '--param', 'change_date=2025-01-01'],
    { encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`CLI failed: ${res.stderr}`);
  return (file) => readCsvObjects(readFileSync(path.join(out, file), 'utf8'));
}

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, ' ');
}

async function open(page: Page, base: string, search: string, pageId: string): Promise<void> {
  await page.goto(`${base}${search}`);
  await page.getByTestId(`page-${pageId}`).waitFor({ timeout: 120_000 });
  await waitIdle(page);
}

async function kpi(page: Page, key: string): Promise<number> {
  await waitIdle(page);
  return Number(await page.getByTestId(`kpi-${key}`).locator('[data-value]').first().getAttribute('data-value'));
}

/** A KPI card's change: the arrow's direction and the text shown. */
async function kpiChange(page: Page, key: string): Promise<{ direction: string | null; text: string }> {
  await waitIdle(page);
  const el = page.getByTestId(`kpi-${key}-delta`).first();
  return { direction: await el.getAttribute('data-direction'), text: (await el.innerText()).replace(/\s+/g, ' ') };
}

/** The change the kpi_change model gives, written by hand as the card shows it (one decimal). */
function expectedChange(row: Record<string, unknown>): { direction: string; text: string } {
  const change = Number(row.change);
  const shown = Math.abs(row.kind === 'days' ? change : change * 100).toFixed(1);
  const unit = row.kind === 'rate' ? ' pp' : row.kind === 'days' ? ' days' : '%';
  return { direction: shown === '0.0' ? 'flat' : change > 0 ? 'up' : 'down', text: `${shown}${unit}` };
}

async function checkChanges(page: Page, rows: Record<string, unknown>[], keys: string[], where: string): Promise<void> {
  for (const key of keys) {
    const row = rows.find((r) => r.kpi === key)!;
    const want = expectedChange(row);
    const got = await kpiChange(page, key);
    t.check(got.direction === want.direction && got.text.includes(want.text), `${where}: ${key} change ${want.direction} ${want.text} as kpi_change says (shown: ${got.direction} ${got.text})`);
  }
}

async function main(): Promise<void> {
  const cli = cliOutputs();
  // The cost, leakage and policy pages show money with cents (src/app/view/display-settings.ts).
  const money = (v: string) => formatMoney(Number(v), 'EUR', LOCALE, true);
  const pct = (v: string) => formatPercent(Number(v), LOCALE);
  const count = (v: string) => formatCount(Number(v), LOCALE);

  // Filtered answers come from the same runner and SQL files the CLI uses.
  const runner = await createNodeRunner();
  await loadFolder(runner, DEMO);

  const preview = await startPreview();
  const b = await launch();
  const { page } = b;
  const base = preview.url;
  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  try {
    // --- Every page, numbers against the CLI -------------------------------------------------
    const kpis = cli('kpis.csv')[0]!;
    await open(page, base, '', 'overview');
    t.check((await kpi(page, 'orders')) === Number(kpis.orders), `overview: orders ${kpis.orders} as the CLI`);
    t.check(Math.abs((await kpi(page, 'unit_return_rate')) - Number(kpis.unit_return_rate)) < 1e-9, `overview: unit return rate ${pct(kpis.unit_return_rate!)}`);
    t.check((await text(page, 'kpi-cards')).includes(pct(kpis.unit_return_rate!)), 'overview: the rate is shown formatted');
    const change = cli('kpi_change.csv');
    t.check(Math.abs((await kpi(page, 'returned_value')) - Number(kpis.returned_value)) < 1e-6, `overview: returned value ${kpis.returned_value} as the CLI`);
    // All dates have no period before them: the cards say so and show no change (issue 16: the
    // number covered all dates while its arrow compared the last 90 days).
    t.check((await page.locator('[data-testid^="kpi-"][data-testid$="-delta"]').count()) === 0, 'overview: all dates show no change');
    t.check((await text(page, 'kpi-comparison-note')).includes('All dates have no period before them'), 'overview: without a range the note says all dates have nothing to compare with');
    await shot('page-overview');
    // The last 90 days of data: the CLI's kpi_change (no range: the last 90 days vs the 90 before) is the same comparison.
    await open(page, base, '?preset=last_90', 'overview');
    await checkChanges(page, change, ['orders', 'gross_sales', 'unit_return_rate', 'returned_value', 'median_days_to_refund'], 'overview, last 90 days');
    t.check((await text(page, 'kpi-comparison-note')).includes('(90 days) and compares it with the 90 days before'), 'overview, last 90 days: the note says the cards cover 90 days, compared with the 90 before');

    const sku = cli('return_rate_by.sku.csv')[0]!;
    await open(page, base, '?page=products', 'products');
    const ranking = await text(page, 'rate-ranking');
    t.check(ranking.includes(sku.dim_value!) && ranking.includes(pct(sku.unit_return_rate!)), `products: top SKU ${sku.dim_value} at ${pct(sku.unit_return_rate!)}`);
    t.check(ranking.indexOf(sku.dim_value!) < ranking.indexOf(cli('return_rate_by.sku.csv')[1]!.dim_value!), 'products: ranked as the model ranks');
    await shot('page-products');

    const reason = cli('returns_by_reason.csv')[0]!;
    await open(page, base, '?page=reasons', 'reasons');
    const reasons = await text(page, 'reason-table');
    const refunded = formatMoneyHeadline(Number(reason.refund_amount), 'EUR', LOCALE);
    t.check(reasons.includes(count(reason.units_returned!)) && reasons.includes(refunded), `reasons: ${reason.reason} ${reason.units_returned} units, ${refunded}`);
    await shot('page-reasons');

    const supplier = cli('supplier_scorecard.csv')[0]!;
    await open(page, base, '?page=suppliers', 'suppliers');
    const scorecard = await text(page, 'supplier-scorecard');
    t.check(scorecard.includes(supplier.supplier!) && scorecard.includes(pct(supplier.defect_rate!)), `suppliers: ${supplier.supplier} defect rate ${pct(supplier.defect_rate!)}`);
    await shot('page-suppliers');

    const carriers = cli('carrier_performance.csv');
    const budget = carriers.find((c) => c.carrier === 'BudgetShip')!;
    await open(page, base, '?page=carriers', 'carriers');
    const carrierTable = await text(page, 'carrier-table');
    t.check(carrierTable.includes(pct(budget.late_rate!)), `carriers: BudgetShip late ${pct(budget.late_rate!)}`);
    t.check(carrierTable.includes(count(budget.shipments!)), `carriers: BudgetShip ${budget.shipments} shipments`);
    await shot('page-carriers');

    const e2e = cli('stage_times.csv').find((s) => s.stage === 'request_to_refund')!;
    await open(page, base, '?page=turnaround', 'turnaround');
    const stages = await text(page, 'stage-table');
    const days = formatDays(Number(e2e.median_days), LOCALE).replace(/ days?$/, '');
    t.check(stages.includes(days) && stages.includes(count(e2e.breaches!)), `turnaround: request→refund median ${days} days, ${e2e.breaches} breaches`);
    await shot('page-turnaround');

    const costAll = cli('cost_of_returns.all.csv')[0]!;
    await open(page, base, '?page=cost', 'cost');
    const costTotal = await text(page, 'cost-total');
    t.check(costTotal.includes(money(costAll.net_cost!)) && costTotal.includes(money(costAll.refund_amount!)), `cost: total net cost ${money(costAll.net_cost!)}`);
    // The page's key numbers on top (summary tiles, not the KPI cards): the same total row.
    const netTile = await text(page, 'cost-tile-value-net_cost');
    t.check(netTile.includes(money(costAll.net_cost!)), `cost: the net cost tile ${money(costAll.net_cost!)} as the CLI`);
    await shot('page-cost');

    await open(page, base, '?page=leakage', 'leakage');
    const leakage = await text(page, 'leakage-rules');
    t.check(cli('leakage.csv').length === 7, 'leakage: the CLI reports all 7 rules');
    for (const rule of cli('leakage.csv')) {
      t.check(leakage.includes(money(rule.amount!)), `leakage: ${rule.rule} ${rule.cases} cases, ${money(rule.amount!)}`);
    }
    await shot('page-leakage');

    const policy = cli('policy_impact.csv');
    const rate = policy.find((r) => r.metric === 'unit_return_rate')!;
    await open(page, base, '?page=policy&p.change_date=2025-01-01', 'policy');
    const beforeAfter = await text(page, 'policy-before-after');
    t.check(beforeAfter.includes(pct(rate.before!)) && beforeAfter.includes(pct(rate.after!)), `policy: unit return rate ${pct(rate.before!)} → ${pct(rate.after!)}`);
    const saved = policy.find((r) => r.metric === 'total_saved')!;
    t.check((await text(page, 'policy-what-if')).includes(money(saved.value!)), `policy: what-if total saved ${money(saved.value!)}`);
    await shot('page-policy');

    const quality = cli('data_quality.csv').find((r) => r.table_name === 'order_lines')!;
    await open(page, base, '?page=data', 'data');
    t.check((await text(page, 'loaded-tables')).includes(`Order lines ${count(quality.rows_read!)} ${count(quality.rows_loaded!)} 0`), `data: ${quality.rows_read} order lines read, ${quality.rows_loaded} loaded, 0 rejected`);
    const returnsQuality = cli('data_quality.csv').find((r) => r.table_name === 'returns')!;
    t.check((await text(page, 'quality-checks')).includes(`Returns ${returnsQuality.orphans}`), `data: ${returnsQuality.orphans} orphan returns as data_quality says`);
    // The column profile, far down the page, is worked out only once scrolled to.
    t.check(await page.getByTestId('panel-profile-waiting').isVisible(), 'data: the column profile waits below the screen until scrolled to');
    await page.getByTestId('panel-profile-waiting').scrollIntoViewIfNeeded();
    await page.getByTestId('column-profile').waitFor({ timeout: 60_000 });
    t.check((await text(page, 'panel-profile')).includes(`${count(quality.rows_loaded!)} rows in order_lines`), `data: scrolled to, the column profile shows ${quality.rows_loaded} rows in order_lines`);
    await shot('page-data');

    await open(page, base, '?page=sql&p.sql_model=kpis', 'sql');
    const sqlText = await text(page, 'sql-text');
    t.check(sqlText.includes('-- kpis:') && sqlText.includes('kpi_values_on_by($basis, $by, $date_from'), 'sql: the kpis SQL file is shown as it runs');
    await shot('page-sql');

    // Customers, signals and retention (issue 6): the planted serial returners and signals.
    const segments = (await runner.run('customer_return_distribution', { dim: 'segment' })).rows;
    const serial = segments.find((r) => r.bucket === 'serial returner');
    await open(page, base, '?page=customers', 'customers');
    t.check(await page.getByTestId('personal-data-note').isVisible(), 'customers: the personal-data note is shown');
    t.check(serial !== undefined && (await text(page, 'customer-segments')).includes(formatCount(serial.customers, LOCALE)), `customers: ${String(serial?.customers)} serial returners`);
    t.check((await page.locator('[data-testid="top-customers-table"] [data-customer]').count()) > 0, 'customers: top customers listed');
    await shot('page-customers');
    const summary = (await runner.run('abuse_signal_summary')).rows;
    await open(page, base, '?page=signals', 'signals');
    const signalText = await text(page, 'signal-summary-table');
    t.check(summary.filter((x) => x.status === 'ok').length >= 5, 'signals: at least 5 rules can run on the demo data');
    for (const r of summary.filter((x) => x.status === 'ok')) {
      t.check(signalText.includes(formatMoney(r.amount, 'EUR', LOCALE)), `signals: ${String(r.rule)} ${String(r.signals)} signals, ${formatMoney(r.amount, 'EUR', LOCALE)}`);
    }
    t.check(signalText.toLowerCase().includes('needs address'), 'signals: the address rule says what it needs');
    await shot('page-signals');
    const retained = (await runner.run('retained_revenue', { dim: 'all' })).rows[0]!;
    await open(page, base, '', 'overview');
    t.check((await text(page, 'retained-rate')).includes(formatPercent(retained.retained_rate, LOCALE)), `overview: retained rate ${formatPercent(retained.retained_rate, LOCALE)}`);

    // --- Cross-filter: click a SKU, every other chart follows ---------------------------------
    await open(page, base, '', 'overview');
    const target = sku.dim_value!;
    const filtered = (await runner.run('kpis', { sku: [target] })).rows[0]!;
    const reasonsBefore = await text(page, 'panel-reasons');
    await page.locator(`[data-testid="worst-skus"] tr[data-value="${target}"]`).click();
    await waitIdle(page);
    t.check((await kpi(page, 'orders')) === filtered.orders, `cross-filter: orders ${filtered.orders} for ${target} (runner)`);
    t.check((await kpi(page, 'refund_amount')) === filtered.refund_amount, `cross-filter: refunds ${filtered.refund_amount} for ${target}`);
    t.check((await text(page, 'panel-reasons')) !== reasonsBefore, 'cross-filter: the reasons chart changed');
    const rowsShown = await page.locator('[data-testid="worst-skus"] tr[data-value]').count();
    t.check(rowsShown >= 10, `cross-filter: the clicked table still lists all its SKUs (${rowsShown})`);
    t.check((await page.locator(`[data-testid="worst-skus"] tr[data-value="${target}"]`).getAttribute('data-selected')) === 'true', 'cross-filter: the clicked SKU is highlighted');
    t.check(await page.getByTestId('selection-chip').isVisible(), 'cross-filter: the selection chip is shown');
    const selectedUrl = page.url();
    t.check(selectedUrl.includes(`sel=sku%3A${target}`) || selectedUrl.includes(`sel=sku:${target}`), `cross-filter: the URL holds the selection (${new URL(selectedUrl).search})`);

    // --- The URL reproduces the view ----------------------------------------------------------
    await page.reload();
    await page.getByTestId('page-overview').waitFor();
    t.check((await kpi(page, 'orders')) === filtered.orders, 'reload: same orders for the selection');
    await page.locator(`[data-testid="worst-skus"] tr[data-value="${target}"]`).click();
    await waitIdle(page);
    t.check((await kpi(page, 'orders')) === Number(kpis.orders), 'cross-filter: one click clears it');

    const week = `?channel=app&date_from=2025-04-01&date_to=2025-06-30&p.grain=week`;
    const weekExpected = (await runner.run('kpis', { channel: ['app'], date_from: '2025-04-01', date_to: '2025-06-30' })).rows[0]!.orders as number;
    await open(page, base, week, 'overview');
    const weekOrders = await kpi(page, 'orders');
    const fresh = await b.context.newPage();
    await fresh.goto(page.url());
    await fresh.getByTestId('page-overview').waitFor();
    t.check(weekOrders === weekExpected && weekExpected > 0 && weekExpected < Number(kpis.orders), `filters from the URL: ${weekOrders} app orders in Q2 2025 = ${weekExpected} (runner)`);
    t.check((await kpi(fresh, 'orders')) === weekExpected, `a copied URL shows the same view in a new tab (${new URL(page.url()).search})`);
    const weekChange = (await runner.run('kpi_change', { channel: ['app'], date_from: '2025-04-01', date_to: '2025-06-30' })).rows;
    await checkChanges(page, weekChange, ['orders', 'refund_amount', 'order_return_rate'], 'filters from the URL');
    t.check(weekChange[0]!.current_value === weekExpected, 'kpi_change: with a range its current orders are the card\'s');
    t.check((await text(page, 'kpi-comparison-note')).includes('Every card covers Apr 1, 2025 – Jun 30, 2025 (91 days) and compares it with the 91 days before (Dec 31, 2024 – Mar 31, 2025)'), 'filters from the URL: the note names the previous 91 days');
    await fresh.close();

    // --- Drill-down and export: every row, no cap ---------------------------------------------
    await open(page, base, '', 'overview');
    await page.getByTestId('kpi-refund_amount-drill').click();
    await page.getByTestId('drill-drawer').waitFor();
    await waitIdle(page);
    const expectedRows = Number((await runner.run('drill_returns', { accepted_only: 'true', limit: 1 })).rows[0]!.total_rows);
    t.check((await text(page, 'drill-count')).includes(count(String(expectedRows))), `drill: ${expectedRows} accepted returns behind the refund total`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('drill-export-csv').click()]);
    const csvPath = path.join(mkdtempSync(path.join(tmpdir(), 'ri-dl-')), 'export.csv');
    await download.saveAs(csvPath);
    const exported = readCsvObjects(readFileSync(csvPath, 'utf8'));
    t.check(exported.length === expectedRows, `drill: CSV export has all ${expectedRows} rows (got ${exported.length})`);
    t.check(exported.every((r) => r.return_id !== undefined && r.return_id !== ''), 'drill: every exported row has its return_id');
    const refundSum = exported.reduce((s, r) => s + Number(r.refund_amount || 0), 0);
    t.check(Math.abs(refundSum - Number(kpis.refund_amount)) < 0.01, `drill: exported refunds add up to the KPI (${refundSum.toFixed(2)})`);
    await shot('drill-refunds');

    // The drill's order and page are in the URL: a reload shows the same rows.
    await page.getByTestId('drill-sort-refund_amount').click();
    await waitIdle(page);
    await page.getByTestId('drill-next').click();
    await waitIdle(page);
    const drillUrl = new URL(page.url()).searchParams;
    const order = drillUrl.get('ds') ?? '';
    t.check(order.replace(/^-/, '') === 'refund_amount' && drillUrl.get('dp') === '2', `drill: the URL holds the order and the page (ds=${order}, dp=${String(drillUrl.get('dp'))})`);
    const sortedPage = await text(page, 'drill-table');
    const countLine = await text(page, 'drill-count');
    await page.reload();
    await page.getByTestId('drill-drawer').waitFor({ timeout: 120_000 });
    await waitIdle(page);
    t.check((await text(page, 'drill-page')).includes('Page 2 of'), 'reload: the drill is still on page 2');
    t.check((await text(page, 'drill-count')) === countLine && countLine.includes('sorted by'), `reload: the drill keeps its order (${countLine})`);
    t.check((await text(page, 'drill-table')) === sortedPage, 'reload: the same rows as before the reload');
    const expectedFirst = (await runner.run('drill_returns', { accepted_only: 'true', sort: 'refund_amount', desc: order.startsWith('-'), limit: 50, offset: 50 })).rows[0]!;
    t.check(sortedPage.includes(String(expectedFirst.return_id)), `reload: page 2 starts with ${String(expectedFirst.return_id)} as drill_returns sorts it`);
    await page.keyboard.press('Escape');

    // --- A bad file: clear message, the data stays --------------------------------------------
    await open(page, base, '?page=data', 'data');
    const badDir = mkdtempSync(path.join(tmpdir(), 'ri-bad-'));
    const bad = path.join(badDir, 'order_lines.csv');
    writeFileSync(bad, 'order_id,sku\nX1,A\n');
    await page.getByTestId('file-input').setInputFiles(bad);
    const message = page.getByText(/missing required columns? line_id, order_date, quantity, unit_price/i).first();
    await message.waitFor({ timeout: 60_000 }).catch(() => undefined);
    t.check(await message.isVisible(), 'bad file: the page names the missing columns (line_id, order_date, quantity, unit_price)');
    await shot('data-bad-file');
    await open(page, base, '', 'overview');
    t.check((await kpi(page, 'orders')) === Number(kpis.orders), 'bad file: the demo data is still loaded');
    rmSync(badDir, { recursive: true, force: true });

    // --- Missing is not zero: the demo without refund amounts ------------------------------
    // Regression: refunds absent from the export read $0 on the Policy, Leakage and Signals
    // pages. The demo's files, returns.csv without its refund_amount column, dropped on the
    // Data page; the reference is the same SQL run in Node on the same files.
    const noRefunds = mkdtempSync(path.join(tmpdir(), 'ri-no-refunds-'));
    for (const table of ['order_lines', 'products', 'shipments', 'returns', 'reviews']) {
      const rows = readCsvObjects(readFileSync(path.join(DEMO, `${table}.csv`), 'utf8'));
      const columns = Object.keys(rows[0]!).filter((c) => !(table === 'returns' && c === 'refund_amount'));
      writeFileSync(path.join(noRefunds, `${table}.csv`), toCsv(rows, columns));
    }
    const bare = await createNodeRunner();
    try {
      await loadFolder(bare, noRefunds);
      await open(page, base, '?page=data', 'data');
      // canonical files load at once (no "Load all"); the data lives in this page, so every
      // page below is reached in the app (URL changes without a reload), never by page.goto
      await dropFiles(page, ['order_lines', 'products', 'shipments', 'returns', 'reviews'].map((f) => path.join(noRefunds, `${f}.csv`)));
      const go = async (search: string, pageId: string) => {
        await page.evaluate((q) => {
          history.pushState(null, '', q);
          dispatchEvent(new PopStateEvent('popstate'));
        }, search);
        await page.getByTestId(`page-${pageId}`).waitFor({ timeout: 60_000 });
        await waitIdle(page);
      };
      await go('?page=overview', 'overview');
      await page.waitForFunction(
        (absent) => document.querySelector('[data-testid="kpi-refund_amount"]')?.textContent?.includes(absent) ?? false,
        NOT_IN_DATA,
        { timeout: 180_000 },
      );
      t.check(true, 'no refunds: the demo without refund amounts is loaded (the Refunded card reads "not in the data")');

      const rules = Object.fromEntries((await bare.run('leakage')).rows.map((r) => [String(r.rule), r]));
      await go('?page=leakage', 'leakage');
      for (const rule of ['refund_before_receipt', 'refund_without_return', 'outside_window']) {
        const li = page.locator(`[data-testid="leakage-rules"] li[data-rule="${rule}"]`);
        const shown = (await li.innerText()).replace(/\s+/g, ' ');
        const cases = Number(rules[rule]!.cases);
        t.check(
          rules[rule]!.amount === null && shown.includes(NOT_IN_DATA) && shown.includes(count(String(cases))) && !shown.includes('€0'),
          `no refunds: leakage ${rule} shows ${cases} cases and its amount "not in the data" (shown: ${shown.slice(-60)})`,
        );
      }
      const priceRule = (await page.locator('[data-testid="leakage-rules"] li[data-rule="refund_above_price"]').innerText()).replace(/\s+/g, ' ');
      t.check(priceRule.includes(NOT_IN_DATA) && priceRule.includes('needs refund amount'), 'no refunds: refund above price reads "not in the data" and names the column it needs, in words');
      t.check((await text(page, 'leakage-unpriced')).includes('no values in refund amount'), 'no refunds: the leakage panel says why some rules have no bar');
      await shot('page-leakage-no-refunds');
      await page.locator('[data-testid="leakage-rules"] li[data-rule="outside_window"]').getByRole('button').first().click();
      await page.getByTestId('drill-drawer').waitFor();
      await waitIdle(page);
      const drillCells = await page.locator('[data-testid="drill-table"] tbody tr').first().innerText();
      t.check(drillCells.includes(NOT_IN_DATA), 'no refunds: the leakage drill-down reads "not in the data" in the amount column');
      await shot('drill-leakage-no-refunds');
      await page.keyboard.press('Escape');

      const bareSaved = (await bare.run('policy_impact', { change_date: '2025-01-01' })).rows;
      await go('?page=policy&p.change_date=2025-01-01', 'policy');
      const refundRow = (await page.getByTestId('policy-before-after').locator('tr', { hasText: 'Refunds per order' }).innerText()).replace(/\s+/g, ' ');
      t.check(refundRow.split(NOT_IN_DATA).length - 1 === 3, `no refunds: refunds per order reads "not in the data" before, after and in the change (shown: ${refundRow})`);
      const netRow = (await page.getByTestId('policy-before-after').locator('tr', { hasText: 'Net return cost per order' }).innerText()).replace(/\s+/g, ' ');
      t.check(
        bareSaved.find((r) => r.metric === 'net_cost_per_order')!.before === null && netRow.split(NOT_IN_DATA).length - 1 === 3,
        `no refunds: net return cost per order reads "not in the data" (labels, handling and recovery alone came out negative; shown: ${netRow})`,
      );
      const orders = bareSaved.find((r) => r.metric === 'orders')!;
      t.check((await text(page, 'policy-before-after')).includes(count(String(orders.before))), `no refunds: orders before the change still shown (${String(orders.before)})`);
      t.check((await text(page, 'policy-total-saved')) === NOT_IN_DATA, 'no refunds: total saved reads "not in the data", not €0');
      t.check((await text(page, 'policy-what-if')).includes(`Refunds the window would have refused ${NOT_IN_DATA}`), 'no refunds: refunds the window would have refused read "not in the data"');
      await shot('page-policy-no-refunds');

      await go('?page=signals', 'signals');
      const bareSignals = (await bare.run('abuse_signal_summary')).rows;
      const signalTable = await text(page, 'signal-summary-table');
      t.check(
        bareSignals.every((r) => r.amount === null) && signalTable.split(NOT_IN_DATA).length - 1 >= 5 && !/€0(?![.,\d])/.test(signalTable),
        'no refunds: every money-at-stake cell on the Signals page reads "not in the data"',
      );
      await shot('page-signals-no-refunds');
    } finally {
      await bare.engine.close();
      rmSync(noRefunds, { recursive: true, force: true });
    }

    // --- Dark mode -----------------------------------------------------------------------------
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(page, base, '?page=carriers', 'carriers');
    t.check(await page.evaluate(() => document.documentElement.classList.contains('dark')), 'dark mode follows the system');
    await shot('page-carriers-dark');

    t.check(b.foreign.length === 0, `no request left this machine${b.foreign.length ? `: ${b.foreign.slice(0, 5).join(', ')}` : ''}`);
    t.check(b.errors.length === 0, `no page or console errors${b.errors.length ? `:\n  ${b.errors.slice(0, 10).join('\n  ')}` : ''}`);
  } finally {
    await b.close();
    preview.stop();
    await runner.engine.close();
  }
  console.log(`screenshots: ${ARTIFACTS}`);
  t.finish('dashboard-e2e');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  t.failures.push(String(e));
  t.finish('dashboard-e2e');
});
