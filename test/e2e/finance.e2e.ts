/**
 * The finance lead's questions in the browser (issue 16, items 7–9 and the printable report):
 * "what did returns cost and what was recovered, by order cohort and by refund date".
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/finance.e2e.ts
 *
 * One shared browser, one build. The reference figures come from the same SQL run in Node on
 * the demo files (cost_of_returns with and without basis=refund; the hand-worked cases are in
 * test/models/date_basis.test.ts). The last complete quarter is worked out here from the data's
 * last order date by plain month arithmetic, not by the app's date code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatDate, formatMoney } from '../../src/app/format';

/** A day as the page writes it: the browser here runs in en-US (src/bench/chromium.ts), the page's default locale. */
const formatLongDay = (day: string) => formatDate(day, 'en-US');
import { createNodeRunner, loadFolder } from '../../src/host/node';
import { ARTIFACTS, Checks, ROOT, launch, startPreview, waitIdle } from './harness';

const TIMEOUT_MS = 120_000;
const t = new Checks();

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, ' ');

async function open(page: Page, base: string, search: string, testId: string): Promise<void> {
  await page.goto(`${base}${search}`);
  await page.getByTestId(testId).first().waitFor({ timeout: TIMEOUT_MS });
  await waitIdle(page);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar quarter starting in `month` (1, 4, 7 or 10) of `year`, by hand. */
function quarterOf(year: number, month: number): { date_from: string; date_to: string } {
  const lastDay = { 1: 31, 4: 30, 7: 30, 10: 31 }[month]!; // Mar, Jun, Sep, Dec
  return { date_from: `${year}-${pad(month)}-01`, date_to: `${year}-${pad(month + 2)}-${lastDay}` };
}

/**
 * The latest complete quarter on or before `day` (YYYY-MM-DD): the day's own quarter when the
 * day is that quarter's last, else the quarter before.
 */
function lastCompleteQuarter(day: string): { date_from: string; date_to: string } {
  const year = Number(day.slice(0, 4));
  const own = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
  if (['03-31', '06-30', '09-30', '12-31'].includes(day.slice(5))) return quarterOf(year, own);
  return own === 1 ? quarterOf(year - 1, 10) : quarterOf(year, own - 3);
}

/** The quarter before a quarter. */
function quarterBefore(q: { date_from: string }): { date_from: string; date_to: string } {
  const year = Number(q.date_from.slice(0, 4));
  const month = Number(q.date_from.slice(5, 7));
  return month === 1 ? quarterOf(year - 1, 10) : quarterOf(year, month - 3);
}

async function main(): Promise<void> {
  const started = Date.now();
  // The reference: the same models on the demo files, in Node.
  const runner = await createNodeRunner();
  await loadFolder(runner, path.join(ROOT, 'data/demo'));
  const asOf = String((await runner.engine.query("SELECT strftime(as_of, '%Y-%m-%d') AS d FROM dataset_info"))[0]!.d);
  const quarter = lastCompleteQuarter(asOf);
  const before = quarterBefore(quarter);
  const total = async (params: Record<string, string>) => (await runner.run('cost_of_returns', { dim: 'all', ...params })).rows[0]!;
  const byOrder = await total(quarter);
  const byRefund = await total({ ...quarter, basis: 'refund' });
  const prevRefund = await total({ ...before, basis: 'refund' });
  const kpis = (await runner.run('kpis')).rows[0]!;
  // The Overview's cards for the quarter on both bases, and the rows behind the refund card by refund date.
  const cardsByOrder = (await runner.run('kpis', quarter)).rows[0]!;
  const cardsByRefund = (await runner.run('kpis', { ...quarter, basis: 'refund' })).rows[0]!;
  const refundChange = (await runner.run('kpi_change', { ...quarter, basis: 'refund' })).rows.find((r) => r.kpi === 'refund_amount')!;
  const refundRows = Number((await runner.run('drill_returns', { ...quarter, basis: 'refund', accepted_only: true, limit: 1 })).rows[0]!.total_rows);
  await runner.engine.close();
  const currency = String(kpis.currency ?? 'EUR');
  // As the Cost page writes money: with cents (every figure on it), in the browser's locale here.
  const money = (v: unknown) => formatMoney(v, currency, 'en-US', true);
  console.log(`as of ${asOf}; last quarter ${quarter.date_from} – ${quarter.date_to}: refunded ${money(byOrder.refund_amount)} by order date, ${money(byRefund.refund_amount)} by refund date`);

  const preview = await startPreview();
  const b = await launch();
  const page = b.page;
  try {
    // 1. Last complete quarter, by order date: the summary tiles on top, the period stated.
    await open(page, preview.url, '?page=cost&preset=last_quarter', 'cost-tile-value-net_cost');
    const note = await text(page, 'date-range-note');
    t.check(
      note.includes(formatLongDay(quarter.date_from)) && note.includes(formatLongDay(quarter.date_to)),
      `last-quarter preset: the complete quarter before ${asOf}, ${quarter.date_from} – ${quarter.date_to} ("${note.slice(0, 90)}…")`,
    );
    const tops = await page.evaluate(() =>
      ['panel-cost-summary', 'panel-cost-breakdown', 'cost-table'].map((id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().top ?? -1),
    );
    t.check(tops[0]! >= 0 && tops[0]! < tops[1]! && tops[1]! < tops[2]!, `summary tiles above the breakdown and its table (tops ${tops.map(Math.round).join(', ')})`);
    await page.setViewportSize({ width: 1280, height: 720 });
    // The <table> itself against the panel's box: whichever wrapper would scroll, it must not need to.
    const widths = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="cost-table"]');
      const table = el?.tagName === 'TABLE' ? el : el?.querySelector('table');
      const panel = document.querySelector('[data-testid="panel-cost-breakdown"]');
      return [table?.getBoundingClientRect().right ?? Infinity, panel?.getBoundingClientRect().right ?? 0];
    });
    t.check(widths[0]! <= widths[1]!, `at 1280×720 the cost table shows every column without scrolling sideways (table ends at ${Math.round(widths[0]!)} px, its panel at ${Math.round(widths[1]!)})`);
    await page.setViewportSize({ width: 1440, height: 1000 });
    const tiles = await text(page, 'cost-summary-tiles');
    t.check(['Refunded', 'Recovered', 'Net cost of returns', 'Cost per return'].every((l) => tiles.includes(l)), 'the four tiles: refunded, recovered, net cost, cost per return');
    t.check((await text(page, 'cost-tile-value-net_cost')) === money(byOrder.net_cost), `order basis: net cost ${money(byOrder.net_cost)} as the SQL in Node`);
    t.check((await text(page, 'cost-tile-value-refund_amount')) === money(byOrder.refund_amount), `order basis: refunded ${money(byOrder.refund_amount)}`);
    t.check((await text(page, 'cost-basis-note')).includes('by order date'), 'the page states the order-date basis');

    // 2. Switch the basis: the figures change to the refund-date ones and say so.
    await page.getByTestId('filter-basis').selectOption('refund');
    await page.waitForURL(/basis=refund/, { timeout: TIMEOUT_MS });
    await waitIdle(page);
    await page.waitForFunction((v) => document.querySelector('[data-testid="cost-tile-value-refund_amount"]')?.textContent === v, money(byRefund.refund_amount), { timeout: TIMEOUT_MS });
    t.check(byRefund.refund_amount !== byOrder.refund_amount, `the two bases differ on the demo: ${money(byOrder.refund_amount)} vs ${money(byRefund.refund_amount)}`);
    t.check((await text(page, 'cost-tile-value-net_cost')) === money(byRefund.net_cost), `refund basis: net cost ${money(byRefund.net_cost)} as the SQL in Node`);
    t.check((await text(page, 'cost-basis-note')).includes('by refund date'), 'the page states the refund-date basis');
    t.check((await page.getByTestId('filter-bar').innerText()).includes('Refund dates'), 'the date filter is labelled by its basis ("Refund dates")');

    // 3. Compare with the previous period: each tile shows its change from the quarter before.
    await page.getByTestId('filter-compare').selectOption('prev');
    await page.waitForURL(/cmp=prev/, { timeout: TIMEOUT_MS });
    await waitIdle(page);
    await page.getByTestId('cost-tile-delta-net_cost').waitFor({ timeout: TIMEOUT_MS });
    const delta = await text(page, 'cost-tile-delta-net_cost');
    t.check(delta.includes(money(prevRefund.net_cost)), `compare: net cost change "${delta}" is from ${money(prevRefund.net_cost)} (${before.date_from} – ${before.date_to}, refund basis)`);
    t.check((await text(page, 'cost-basis-note')).includes(formatLongDay(before.date_from)), 'compare: the compared period is stated');

    // 4. The Overview's "Refunded" figures: one name, one figure; the retained-revenue one is named apart.
    await open(page, preview.url, '', 'kpi-refund_amount');
    await page.getByTestId('retention-value_refunded').waitFor({ timeout: TIMEOUT_MS });
    await waitIdle(page);
    const card = (await page.getByTestId('kpi-refund_amount').locator('[data-value]').first().innerText()).trim();
    const retention = await text(page, 'retention-value_refunded');
    const footer = await text(page, 'overview-cost-line');
    t.check(!/^Refunded\b/.test(retention) && retention.includes('Resolved by refund'), `retained revenue names its figure apart: "${retention}"`);
    t.check(footer.includes(card), `the refund line repeats the card's figure as the card shows it (${card})`);
    const refundedLabels = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.children.length === 0 && e.textContent?.trim() === 'Refunded').length);
    t.check(refundedLabels === 1, `one figure named "Refunded" on the Overview (found ${refundedLabels})`);

    // 4b. The Overview's cards follow the basis: by refund date the Refunded card is what was refunded in the
    // quarter (the Cost page's figure), its change compares refund-dated quarters, its rows are the returns
    // refunded then; the sales cards stay by order date and the rates stay cohort rates, and each card says so.
    const cardValue = (key: string) => page.getByTestId(`kpi-${key}`).locator('[data-value]').first().getAttribute('data-value');
    const near = (shown: string | null, expected: unknown) => shown !== null && shown !== '' && Math.abs(Number(shown) - Number(expected)) < 0.005;
    await open(page, preview.url, '?preset=last_quarter', 'kpi-refund_amount-delta');
    t.check(near(await cardValue('refund_amount'), cardsByOrder.refund_amount), `overview, order basis: the Refunded card is the quarter's orders' refunds (${money(cardsByOrder.refund_amount)})`);
    t.check((await page.getByTestId('kpi-refund_amount-basis').count()) === 0, 'overview, order basis: no per-card basis words (everything is by order date)');
    await page.getByTestId('filter-basis').selectOption('refund');
    await page.waitForURL(/basis=refund/, { timeout: TIMEOUT_MS });
    await page.getByTestId('kpi-refund_amount-basis').waitFor({ timeout: TIMEOUT_MS });
    await waitIdle(page);
    t.check(near(await cardValue('refund_amount'), cardsByRefund.refund_amount) && near(await cardValue('refund_amount'), byRefund.refund_amount),
      `overview, refund basis: the Refunded card is what was refunded in the quarter, ${money(cardsByRefund.refund_amount)}, the Cost page's figure`);
    t.check(near(await cardValue('returned_value'), cardsByRefund.returned_value), `overview, refund basis: returned value by refund date (${money(cardsByRefund.returned_value)})`);
    t.check(near(await cardValue('gross_sales'), cardsByOrder.gross_sales) && near(await cardValue('unit_return_rate'), cardsByOrder.unit_return_rate),
      'overview, refund basis: gross sales and the unit return rate are the order-date (cohort) ones');
    const words = await Promise.all(['refund_amount', 'gross_sales', 'unit_return_rate'].map((k) => text(page, `kpi-${k}-basis`)));
    t.check(words[0]!.includes('refund date') && words[1]!.includes('order date') && words[2]!.includes('Cohort'), `overview, refund basis: each card says what it is dated by (${words.join(' / ')})`);
    t.check((await text(page, 'overview-basis-note')).includes('cohort rates'), 'overview, refund basis: the page says the rates stay cohort rates');
    t.check((await text(page, 'overview-cost-line')).includes('by refund date'), 'overview, refund basis: the refund line says it is by refund date');
    const refundDelta = (await page.getByTestId('kpi-refund_amount-delta').getAttribute('title')) ?? '';
    t.check(typeof refundChange.previous_value === 'number' && refundDelta.includes(formatMoney(refundChange.previous_value, currency, 'en-US')),
      `overview, refund basis: the change compares with the refunds of the period before (${refundDelta})`);
    await page.getByTestId('kpi-refund_amount-drill').click();
    await page.getByTestId('drill-drawer').waitFor({ timeout: TIMEOUT_MS });
    await waitIdle(page);
    const drillCount = await text(page, 'drill-count');
    t.check(drillCount.includes(refundRows.toLocaleString('en-US')) && (await text(page, 'drill-where')).length > 0 && (await page.getByTestId('drill-drawer').innerText()).includes('Dated by refund date'),
      `overview, refund basis: the Refunded card opens the ${refundRows} returns refunded in the quarter ("${drillCount}")`);
    await page.getByTestId('drill-close').click();

    // 5. Print: the finance pack states data set, filters, period and basis at its top, in print.
    const source = (await text(page, 'data-source')).trim();
    await open(page, preview.url, '?page=cost&pack=finance&preset=last_quarter&basis=refund&channel=web', 'finance-pack');
    for (const id of ['pack-overview', 'pack-cost', 'pack-leakage', 'pack-policy']) await page.getByTestId(id).waitFor({ timeout: TIMEOUT_MS });
    await waitIdle(page);
    await page.emulateMedia({ media: 'print' });
    // No named helper functions inside evaluate (tsx would add __name): one selector list instead.
    const printed = await page.evaluate(() => {
      const header = document.querySelector('[data-testid="print-header"]') as HTMLElement | null;
      return {
        header: header && header.offsetParent !== null ? header.innerText.replace(/\s+/g, ' ') : '',
        headers: [...document.querySelectorAll('[data-testid="print-header"]')].filter((e) => (e as HTMLElement).offsetParent !== null).length,
        controls: [...document.querySelectorAll('[data-testid="filter-bar"], nav, [data-testid="print-pack"]')].some((e) => (e as HTMLElement).offsetParent !== null),
      };
    });
    t.check(printed.header.includes(source), `print: the data set is stated ("${source}")`);
    t.check(printed.header.includes('Channel: web'), 'print: the filters are stated (Channel: web)');
    t.check(printed.header.includes(formatLongDay(quarter.date_from)) && printed.header.includes('Last complete quarter'), 'print: the period is stated');
    t.check(printed.header.includes('by refund date'), 'print: the date basis is stated');
    t.check(printed.headers === 1 && !printed.controls, `print: one header for the pack, no tabs, filter bar or buttons (headers ${printed.headers})`);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'finance-pack.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    t.check(pdf.subarray(0, 5).toString() === '%PDF-' && pages >= 4, `print: page.pdf() of the finance pack gives a PDF of ${pages} pages (test-artifacts/finance-pack.pdf)`);
    await page.emulateMedia({ media: 'screen' });

    // The current page alone prints with its own header (printed only).
    await open(page, preview.url, '?page=leakage&preset=last_quarter', 'page-leakage');
    t.check(!(await page.getByTestId('print-header').isVisible()), 'a page\'s print header is not on screen');
    await page.emulateMedia({ media: 'print' });
    t.check((await text(page, 'print-header')).includes('Leakage') && (await page.getByTestId('print-header').isVisible()), 'the Leakage page prints with its header');
    await page.emulateMedia({ media: 'screen' });

    t.check(b.errors.length === 0, `no page or console errors${b.errors.length ? `:\n  ${b.errors.slice(0, 10).join('\n  ')}` : ''}`);
    t.check(b.foreign.length === 0, 'no request to another host');
  } finally {
    await b.close();
    preview.stop();
  }
  console.log(`finance e2e took ${Math.round((Date.now() - started) / 1000)} s`);
}

main().then(
  () => t.finish('finance e2e'),
  (e: unknown) => {
    console.error(e);
    t.check(false, `finished without throwing: ${e instanceof Error ? e.message : String(e)}`);
    t.finish('finance e2e');
  },
);
