/**
 * Words, formats and axes on the built app (issue 16, items 1, 11, 12, 13), one shared browser
 * (a plain Node script, not vitest):
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/words.e2e.ts
 *
 * On the demo data (expected figures counted here from data/demo/*.csv, without DuckDB or app
 * code): a KPI card's number and its change state the same period; no raw snake_case code in
 * the visible text of any page but the SQL page (code-formatted names, e.g. the loaded file's
 * own column names on the Data page, are technical names shown on purpose and left out); every
 * date on a page in one format for the locale, and `loc=de-DE` changes it; money on a page all
 * with cents or all without; the trend chart starts at the first order month; value axis ticks
 * are round; the Turnaround page's carrier filter is the return leg and says so. No raw code in
 * a hover title or an aria-label either, and no "disposition" (jargon) in text or titles.
 * The Signals table names the products behind each signal and its drill-down has the SKU's
 * product name (from products.csv); the Customers table names the product each customer
 * returns most. Layout at 1280×720 on all 13 pages, and with a kept data
 * set of a long name (the data set switch in the header): the header's and the filter bar's controls do not overlap
 * and stay inside the window, and nothing overflows sideways. Print (emulated print media) on
 * all 13 pages: exactly one print header, naming the page, the data set, the filters, the
 * period and the date basis.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseCsv } from '../helpers/csv';
import { Checks, ROOT, launch, startPreview, waitIdle } from './harness';
import { dropFiles } from './import-steps';
import { attributeTexts, dateForms, layoutProblems, moneyKinds, roundTicks, ticks, visibleText } from './words-checks';

const t = new Checks();
const DEMO = path.join(ROOT, 'data/demo');
const PAGES = ['overview', 'products', 'reasons', 'suppliers', 'carriers', 'turnaround', 'cost', 'leakage', 'policy', 'customers', 'signals', 'data'];
/** Every page, the SQL page included (raw codes are allowed there, layout and print are not). */
const ALL_PAGES = [...PAGES, 'sql'];
/** A snake_case code as the models return them ('not_as_described', 'refund_above_price'). */
const RAW_CODE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
/** Words a merchant should not have to know (labels.ts says them in plain words). */
const JARGON = /\bdispositions?\b/gi;

function csvObjects(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path.join(DEMO, file), 'utf8'));
  return rows.filter((r) => r.length === header!.length).map((r) => Object.fromEntries(header!.map((h, i) => [h.trim(), r[i] ?? ''])));
}

/** Counted from the demo CSV files. */
function expected() {
  const lines = csvObjects('order_lines.csv');
  const days = lines.map((l) => l.order_date!.slice(0, 10)).sort();
  const [first, last] = [days[0]!, days[days.length - 1]!];
  const from = new Date(Date.parse(`${last}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
  const ordersLast90 = new Set(lines.filter((l) => l.order_date!.slice(0, 10) >= from).map((l) => l.order_id)).size;
  // Turnaround filtered by SwiftPost: returns brought back by SwiftPost with a request and a refund date.
  const swiftEndToEnd = csvObjects('returns.csv').filter((r) => r.return_carrier === 'SwiftPost' && r.requested_at && r.refunded_at).length;
  // product names by SKU, as products.csv gives them ('' when it names none)
  const names = new Map(csvObjects('products.csv').map((p) => [p.sku!, p.product_name ?? '']));
  return { first, last, ordersLast90, swiftEndToEnd, names };
}

/**
 * Opens a view. The first call loads the app; later ones change the URL inside it as Back and
 * Forward do (the app reads the view from the URL on popstate), so the database started once
 * serves every page: reloading per page would restart it each time.
 */
let loaded = false;
async function open(page: Page, base: string, search: string, pageId: string): Promise<void> {
  if (!loaded) {
    await page.goto(`${base}${search}`);
    loaded = true;
  } else {
    await page.evaluate((s) => {
      window.history.pushState(null, '', `${window.location.pathname}${s}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, search);
    await page.waitForTimeout(150); // the new view's queries mark their panels busy first
  }
  await page.getByTestId(`page-${pageId}`).waitFor({ timeout: 120_000 });
  await waitIdle(page);
}

const want = expected();
const server = await startPreview();
const b = await launch(); // locale en-US: the browser's locale is the default
const { page } = b;
const started = Date.now();
try {
  const base = server.url;

  // ---- 1. KPI cards: a number and its change cover one stated period ----
  await open(page, base, '', 'overview');
  const allDates = await page.locator('[data-testid$="-period"][data-testid^="kpi-"]').allTextContents();
  t.check(allDates.length === 8 && allDates.every((p) => p.startsWith('All dates: Jan 1, 2024 – Jun 30, 2025')), `kpi: without a range every card states "All dates: Jan 1, 2024 – Jun 30, 2025" (${allDates[0]})`);
  t.check((await page.locator('[data-testid$="-delta"][data-testid^="kpi-"]').count()) === 0, 'kpi: all dates show no change (nothing before them to compare with)');
  await page.getByTestId('kpi-compare-last-90').click();
  await page.waitForURL(/preset=last_90/);
  await page.locator('[data-testid="kpi-orders-period"][data-days]').waitFor({ timeout: 60_000 });
  await waitIdle(page);
  const cards = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="kpi-"][data-testid$="-period"]')].map((el) => {
      const key = el.getAttribute('data-testid')!.slice(4, -7);
      return {
        key,
        period: (el as HTMLElement).innerText,
        days: el.getAttribute('data-days'),
        delta: (document.querySelector(`[data-testid="kpi-${key}-delta"]`) as HTMLElement | null)?.innerText ?? '',
      };
    }),
  );
  const note = await page.getByTestId('kpi-comparison-note').innerText();
  t.check(cards.length === 8, `kpi: 8 cards state their period (${cards.length})`);
  for (const c of cards) {
    const shownSpan = c.period.replace(/\s*\*$/, '');
    t.check(c.days === '90' && c.delta.includes('vs the 90 days before') && note.includes(`covers ${shownSpan} (90 days)`), `kpi ${c.key}: number covers ${shownSpan} (90 days), change "${c.delta}" against the 90 days before, as the note says`);
  }
  t.check(cards[0]?.period === 'Apr 2, 2025 – Jun 30, 2025', `kpi: the last 90 days of data end at the last order date (${cards[0]?.period})`);
  const orders = Number(await page.locator('[data-testid="kpi-orders"] [data-value]').getAttribute('data-value'));
  t.check(orders === want.ordersLast90, `kpi: Orders card = ${want.ordersLast90} orders placed in those 90 days, counted from the CSV (shown ${orders})`);
  const rate = cards.find((c) => c.key === 'unit_return_rate');
  t.check(!!rate?.period.endsWith('*') && note.includes('Still maturing'), 'kpi: the return rate of a period with orders still inside their return window is starred and the note says how much is maturing');

  // ---- 12. no raw snake_case codes on any page but the SQL page ----
  const formsByPage: Record<string, Record<string, string[]>> = {};
  for (const id of PAGES) {
    await open(page, base, id === 'overview' ? '' : `?page=${id}`, id);
    const text = await visibleText(page);
    const codes = [...new Set(text.match(RAW_CODE) ?? [])];
    t.check(codes.length === 0, `${id}: no raw codes in the visible text${codes.length ? ` (found ${codes.slice(0, 8).join(', ')})` : ''}`);
    const attributes = await attributeTexts(page);
    const coded = attributes.filter((a) => (a.match(RAW_CODE) ?? []).length > 0 || (a.match(JARGON) ?? []).length > 0);
    t.check(attributes.length > 0 && coded.length === 0, `${id}: no raw codes or "disposition" in the ${attributes.length} hover titles and aria-labels${coded.length ? ` (found: ${coded.slice(0, 3).join(' | ')})` : ''}`);
    const jargon = [...new Set(text.match(JARGON) ?? [])];
    t.check(jargon.length === 0, `${id}: no "disposition" in the visible text (labels.ts says what happened to the item)${jargon.length ? ` (found ${jargon.join(', ')})` : ''}`);
    // ---- 11. one date format, money all with cents or all without ----
    const forms = dateForms(text);
    formsByPage[id] = forms;
    const names = Object.keys(forms);
    t.check(names.length <= 1 && names.every((n) => n === 'en-US medium'), `${id}: every date in one format for en-US (${names.map((n) => `${n}: ${forms[n]!.slice(0, 2).join(', ')}`).join('; ') || 'none'})`);
    const money = moneyKinds(text);
    t.check(money.cents.length === 0 || money.whole.length === 0, `${id}: money all with cents or all without (${money.cents.length} with, ${money.whole.length} without${money.cents.length && money.whole.length ? `: ${money.cents[0]} vs ${money.whole[0]}` : ''})`);
  }
  t.check(Object.values(formsByPage).some((f) => f['en-US medium']), 'dates: the pages do show dates (the check above is not vacuous)');
  const labels = await page.evaluate(() => [...document.querySelectorAll('[data-testid="filter-date-from"], [data-testid="filter-date-to"]')].map((el) => el.closest('label')?.textContent ?? ''));
  t.check(labels.length === 2 && labels.every((l) => l.includes('(mm/dd/yyyy)')), `dates: the date inputs say how to type a day (${labels.join(' | ')})`);

  // loc=de-DE: dates and figures follow the view's locale
  await open(page, base, '?loc=de-DE&page=customers', 'customers');
  const de = dateForms(await visibleText(page));
  t.check(Object.keys(de).length === 1 && !!de.dotted, `loc=de-DE: dates on the Customers page are dd.mm.yyyy only (${Object.keys(de).join(', ')}: ${de.dotted?.slice(0, 2).join(', ')})`);
  // the Formats choice writes the locale into the view (the link)
  await open(page, base, '', 'overview');
  await page.getByTestId('locale-select').selectOption('de-DE');
  await page.waitForURL(/loc=de-DE/);
  await waitIdle(page);
  const ordersDe = await page.locator('[data-testid="kpi-orders"] [data-value]').innerText();
  const periodDe = await page.getByTestId('kpi-orders-period').innerText();
  t.check(ordersDe === '4.000' && periodDe.includes('01.01.2024 – 30.06.2025'), `Formats → de-DE: loc=de-DE in the URL, Orders "${ordersDe}", period "${periodDe}"`);

  // ---- product names next to SKUs on the Signals page and in its drill-down (issue 16, item 2) ----
  await open(page, base, '?page=signals', 'signals');
  const signalRows = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="signal-table"] tbody tr')].map((tr) => {
      const cell = tr.querySelector('[data-testid="signal-products"]') as HTMLElement | null;
      const lines = (cell?.innerText ?? '').split('\n').map((l) => l.trim());
      // the SKU line lists the first few: "SHO-0003, SHO-0004 and 5 more"
      return { names: lines[0] ?? '', skus: (lines[1] ?? '').replace(/ and \d+ more$/, '').split(', ').filter((x) => x !== '') };
    }),
  );
  // a parent product's name is its variants' name with size and colour cut off the end: each SKU's own name starts with one shown
  const unnamedRows = signalRows.filter((r) => r.names === '' || r.skus.length === 0 || !r.skus.every((sku) => {
    const own = want.names.get(sku) ?? '';
    return own === '' ? r.names.includes('not in the data') : r.names.split(/; | \+ /).some((n) => own.startsWith(n));
  }));
  t.check(signalRows.length > 0 && unnamedRows.length === 0, `signals: each of the ${signalRows.length} signals names its products, matching products.csv for its SKUs, never blank${unnamedRows.length ? ` (e.g. "${unnamedRows[0]!.names}" for ${unnamedRows[0]!.skus.join(', ')})` : ''}`);
  await page.locator('[data-testid="signal-table"] tbody tr').first().locator('button').first().click();
  await page.getByTestId('drill-table').waitFor({ timeout: 60_000 });
  await waitIdle(page);
  const drillRows = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[data-testid="drill-table"] thead th')].map((th) => th.querySelector('[data-testid^="drill-sort-"]')?.getAttribute('data-testid')?.slice(11) ?? '');
    const [sku, name] = [ids.indexOf('sku'), ids.indexOf('product_name')];
    return [...document.querySelectorAll('[data-testid="drill-table"] tbody tr')].map((tr) => [tr.children[sku]?.textContent ?? '', tr.children[name]?.textContent ?? '', String(sku), String(name)]);
  });
  const wrongName = drillRows.filter(([sku, name]) => name !== (want.names.get(sku!) || 'not in the data'));
  t.check(drillRows.length > 0 && wrongName.length === 0, `signals drill-down: the Product column next to the SKU gives products.csv's name on each of ${drillRows.length} rows${wrongName.length ? ` (${wrongName[0]!.join(' | ')})` : ''}`);
  await page.getByTestId('drill-close').click();

  // ---- the drill-down's cells: codes in words (resolution, what happened to the item, reason, rule) ----
  for (const [label, search] of [
    ['returns', '?drill=returns&dw.fault=supplier&dt=Supplier%20returns'],
    ['leakage cases', '?page=leakage&drill=leakage&dt=Leakage%20cases'],
  ] as const) {
    await page.goto(`${base}${search}`);
    await page.getByTestId('drill-table').waitFor({ timeout: 60_000 });
    await waitIdle(page);
    const cells = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[data-testid="drill-table"] thead th')].map((th) => th.querySelector('[data-testid^="drill-sort-"]')?.getAttribute('data-testid')?.slice(11) ?? '');
      const coded = ['resolution', 'disposition', 'reason', 'rule', 'fault', 'condition'].map((c) => ids.indexOf(c)).filter((i) => i >= 0);
      const heads = [...document.querySelectorAll('[data-testid="drill-table"] thead th')].map((th) => (th as HTMLElement).innerText.trim());
      const rows = [...document.querySelectorAll('[data-testid="drill-table"] tbody tr')];
      return { heads, codedColumns: coded.length, values: rows.flatMap((tr) => coded.map((i) => tr.children[i]?.textContent ?? '')) };
    });
    // match(), not test(): RAW_CODE is global, and test() would carry its lastIndex from one cell to the next and miss codes.
    const raw = cells.values.filter((v) => v.match(RAW_CODE) !== null || /^[a-z]+$/.test(v));
    t.check(cells.codedColumns > 0 && cells.values.length > 0 && raw.length === 0, `drill-down, ${label}: ${cells.values.length} cells of ${cells.codedColumns} coded columns read in words${raw.length ? ` (found ${raw.slice(0, 4).join(', ')})` : ''}`);
    t.check(!cells.heads.some((h) => h.match(JARGON) !== null), `drill-down, ${label}: no "Disposition" column header (${cells.heads.join(', ')})`);
  }

  // the Customers table says which product each customer returns most (a parent name: the start of its variants' names)
  await open(page, base, '?page=customers', 'customers');
  const mostly = await page.locator('[data-testid="customer-top-product"]').allInnerTexts();
  const allNames = [...want.names.values()].filter((n) => n !== '');
  const unknown = mostly.filter((m) => {
    const named = /^Mostly returns (.+): \d+ units?$/.exec(m.trim());
    return !named || !(named[1]!.endsWith('(name not in the data)') || allNames.some((n) => n.startsWith(named[1]!)));
  });
  t.check(mostly.length > 0 && unknown.length === 0, `customers: ${mostly.length} customers name the product they return most, a product of products.csv${unknown.length ? ` (not: "${unknown[0]}")` : ` (e.g. "${mostly[0]}")`}`);

  // ---- layout at 1280×720, and one print header per printed page (issue 16: header, print) ----
  const source = (await page.getByTestId('data-source').innerText()).trim();
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const id of ALL_PAGES) {
    await open(page, base, `?page=${id}&channel=web`, id);
    const problems = await layoutProblems(page);
    t.check(problems.length === 0, `${id} at 1280×720: header and filter bar tidy, nothing wider than the window${problems.length ? ` (${problems.slice(0, 4).join('; ')})` : ''}`);
    const onScreen = await page.locator('[data-testid="print-header"]:visible').count();
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="print-header"]')].filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ')),
    );
    await page.emulateMedia({ media: 'screen' });
    const label = await page.getByTestId(`nav-${id}`).innerText();
    const head = printed[0] ?? '';
    t.check(
      onScreen === 0 && printed.length === 1 && head.includes(label) && head.includes(`Data set ${source}`) && head.includes('Channel: web') && /Period \S/.test(head) && head.includes('Date basis Money figures by'),
      `${id} printed: exactly one print header (${printed.length}; ${onScreen} on screen) naming the page "${label}", the data set, the filters (Channel: web), the period and the date basis ("${head.slice(0, 140)}…")`,
    );
  }
  await page.setViewportSize({ width: 1440, height: 1000 });

  // ---- 13. axes: start at the first order month, round ticks ----
  await open(page, base, '', 'overview');
  const x = await ticks(page, 'panel-trend', 'x');
  t.check(x[0] === 'Jan 2024' && want.first.startsWith('2024-01'), `trend: the x axis starts at the first order month, Jan 2024 (first order ${want.first}; axis ${x.slice(0, 2).join(', ')})`);
  const y = await ticks(page, 'panel-trend', 'y');
  t.check(roundTicks(y), `trend: y ticks are round (${y.join(' ')})`);
  await open(page, base, '?p.grain=week', 'overview');
  const weeks = await ticks(page, 'panel-trend', 'x');
  t.check(weeks[0] === 'Jan 1, 2024', `trend by week: starts at the week of the first order, Monday Jan 1, 2024 (${weeks[0]})`);
  await open(page, base, '?page=turnaround', 'turnaround');
  const stageTicks = await ticks(page, 'panel-stage-chart', 'y');
  t.check(roundTicks(stageTicks), `turnaround: y ticks are round (${stageTicks.join(' ')})`);
  await open(page, base, '?page=turnaround&carrier=SwiftPost', 'turnaround');
  const leg = page.getByTestId('turnaround-carrier-leg');
  t.check((await leg.getAttribute('data-leg')) === 'return' && (await leg.innerText()).includes('return leg'), `turnaround: the carrier filter is the return leg, and the page says so ("${(await leg.innerText()).slice(0, 60)}…")`);
  const endToEnd = await page.locator('[data-testid="stage-table"] tbody tr').nth(4).locator('td').nth(1).innerText();
  t.check(Number(endToEnd.replace(/\D/g, '')) === want.swiftEndToEnd, `turnaround: SwiftPost measures ${want.swiftEndToEnd} returns it brought back end to end, counted from returns.csv (shown ${endToEnd})`);

  // ---- the header with a kept data set of a long name and the data set switch, at 1280×720 ----
  // (last: it loads files, and the kept data set stays in this browser)
  await open(page, base, '?page=data', 'data');
  await page.getByTestId('stored-data').waitFor({ timeout: 60_000 });
  await dropFiles(page, ['order_lines', 'products', 'shipments', 'returns', 'reviews'].map((f) => path.join(DEMO, `${f}.csv`)));
  await page.getByTestId('load-result').waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="storage-status"]')?.getAttribute('data-status') === 'stored', undefined, { timeout: 120_000 });
  const kept = page.locator('[data-testid="data-set-row"]', { hasText: 'shown now' });
  const longName = 'Amazon DE marketplace returns export, all of 2024 and the first half of 2025';
  await kept.getByTestId('data-set-name').fill(longName);
  await kept.getByTestId('data-set-rename').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="data-source"]')?.textContent === n, longName, { timeout: 60_000 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('nav-cost').click();
  await page.getByTestId('page-cost').waitFor({ timeout: 120_000 });
  await waitIdle(page);
  const switchShown = await page.getByTestId('data-set-switch').isVisible();
  const keptProblems = await layoutProblems(page);
  t.check(switchShown && keptProblems.length === 0, `cost at 1280×720 with the kept data set "${longName.slice(0, 24)}…" and the data set switch: header and filter bar tidy${keptProblems.length ? ` (${keptProblems.slice(0, 4).join('; ')})` : ''}`);
  await page.setViewportSize({ width: 1440, height: 1000 });

  t.check(b.errors.length === 0, `no page or console errors${b.errors.length ? `: ${b.errors.slice(0, 3).join(' | ')}` : ''}`);
  t.check(b.foreign.length === 0, 'no request left this machine');
} catch (e) {
  t.check(false, `words e2e stopped: ${(e as Error).stack ?? String(e)}`);
} finally {
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s in the browser)`);
  await b.close();
  server.stop();
}
t.finish('words e2e');
