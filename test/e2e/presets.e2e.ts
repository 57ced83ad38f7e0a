/**
 * Each export preset gives the same results in the browser and in the CLI on the same files (a
 * plain Node script, run by `npm run test:e2e` after the build):
 *
 *   npx vite build && npx tsx test/e2e/presets.e2e.ts [--dist dist] [--only <case>]
 *
 * For each case (the files of test/fixtures/import/presets/<case>/, several at once where the
 * preset needs them), the CLI run in-process is the reference: `import-check <file> --out`
 * writes each export's preset mapping (`--returns-file` for a Shopify orders export next to a
 * Shopify returns file; an ambiguous date is answered in the JSON, as the CLI asks), then
 * `analyze <folder> --mapping ...` gives per-file accounting (summary.json), per-table
 * accounting (data_quality.csv, checked against hand-worked figures) and kpis.csv. In headless Chromium the same files are dropped
 * on the Data page together, the preset the app detects for each export is checked, the
 * mapping step is finished (the preset accepted, the date question answered the same way),
 * "Load all" is pressed, and the page must show the CLI's accounting per file and the CLI's
 * Overview numbers (orders, units sold, gross sales, unit and order return rates). Each case also checks figures worked out by hand from the
 * fixture files (in the comments), so page = CLI cannot pass by both being wrong alike.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { main as cli } from '../../src/cli/main';
import { readCsvObjects } from '../helpers/csv';
import { Checks, ROOT } from './harness';
import { batchEntry, dropFiles, fileAccounting, inBrowser, kpiValue, loadAll, mappingStep, openStep, waitForEntry, type Accounting } from './import-steps';

const FIXTURES = path.join(ROOT, 'test/fixtures/import/presets');
const TIMEOUT_MS = 180_000;

interface CaseFile {
  file: string;
  /** The preset the app must detect; absent for a canonical file (named after its table). */
  preset?: string;
  /** import-check --returns-file: a Shopify orders export whose returns come from another file. */
  returnsFile?: boolean;
  /** The answer to the ambiguous date question of this column. */
  dateAnswer?: { source: string; format: string };
}

interface Case {
  name: string;
  files: CaseFile[];
  /** Worked out by hand from the fixture files. */
  hand: {
    files?: Record<string, Accounting>;
    kpis?: Record<string, number>;
    tables?: Record<string, Partial<Accounting>>;
  };
}

const acc = (read: number, loaded: number, rejected: number, excluded: number, merged = 0): Accounting => ({ read, loaded, rejected, excluded, merged });

const CASES: Case[] = [
  {
    name: 'amazon_seller',
    files: [{ file: 'order_lines.csv' }, { file: 'amazon_seller_returns.txt', preset: 'amazon_seller_returns' }],
    hand: {
      // Returns report, 7 rows: line 6 cancelled by the buyer (excluded), line 7 repeats line 3
      // (duplicate), line 8 "tomorrow" is no date (rejected); 4 load.
      files: { 'amazon_seller_returns.txt': acc(7, 4, 2, 1), 'order_lines.csv': acc(7, 7, 0, 0) },
      // order_lines.csv: 7 orders, 2+1+1+1+1+1+3 = 10 units.
      kpis: { orders: 7, units_sold: 10 },
    },
  },
  {
    name: 'shopify',
    files: [{ file: 'orders_export.csv', preset: 'shopify_orders' }],
    hand: {
      // 10 line rows: #1004 cancelled, #1005 refunded unfulfilled, #1006 voided are not sales →
      // 7 lines of #1001, #1002, #1003, #1007: 4 orders, 2+1+1+1+2+1+1 = 9 units. Products: 4
      // SKUs of 10 rows (the 6 repeats merged). Returns: 4 refunded rows taken, only #1002 (fully refunded, fulfilled) loads.
      files: { 'orders_export.csv': acc(24, 12, 0, 6, 6) },
      tables: { order_lines: acc(10, 7, 0, 3), products: acc(10, 4, 0, 0, 6), returns: acc(4, 1, 0, 3) },
      kpis: { orders: 4, units_sold: 9 },
    },
  },
  {
    name: 'shopify',
    files: [{ file: 'orders_export_drifted.csv', preset: 'shopify_orders' }],
    hand: {
      // A newer header (Canceled at, reordered, no Lineitem discount), CRLF, a BOM, a quoted CRLF
      // in Notes: 3 lines of #2001 and #2002 (1 + 3 + 2 = 6 units), 2 SKUs, #2002 refunded → 1 return.
      files: { 'orders_export_drifted.csv': acc(7, 6, 0, 0, 1) },
      kpis: { orders: 2, units_sold: 6 },
    },
  },
  {
    name: 'shopify',
    files: [{ file: 'orders_export.csv', preset: 'shopify_orders', returnsFile: true }, { file: 'shopify_returns.csv', preset: 'shopify_returns' }],
    hand: {
      // No returns from refunds: 10 + 10 rows (order_lines, products). The returns file: 5 rows,
      // CANCELED excluded, #1002-R2 requested 2 April before its order of 6 April rejected, 3
      // load; the DECLINED one is refused, so 1 + 1 units are returned.
      files: { 'orders_export.csv': acc(20, 11, 0, 3, 6), 'shopify_returns.csv': acc(5, 3, 1, 1) },
      tables: { returns: acc(5, 3, 1, 1) },
      kpis: { orders: 4, units_sold: 9 },
    },
  },
  {
    name: 'returned_list',
    files: [{ file: 'order_lines.csv' }, { file: 'returned_orders.csv', preset: 'returned_orders_list' }],
    hand: {
      // SO-1 and SO-3 flagged (loaded), SO-2 "No" (excluded), SO-9 has no order lines (rejected).
      files: { 'returned_orders.csv': acc(4, 2, 1, 1) },
      // 4 orders, 1+4+1+2+1 = 9 units; every line of SO-1 (5 units) and SO-3 (2) returned: 7 / 9.
      kpis: { orders: 4, units_sold: 9, unit_return_rate: 7 / 9 },
    },
  },
  {
    name: 'reviews',
    files: [
      { file: 'order_lines.csv' },
      { file: 'judgeme_reviews.csv', preset: 'reviews' },
      // 01/02/2026 and 03/04/2026 read either way: answered month-first.
      { file: 'yotpo_reviews.csv', preset: 'reviews', dateAnswer: { source: 'Date', format: '%m/%d/%Y' } },
      { file: 'marketplace_reviews.csv', preset: 'reviews' },
    ],
    hand: {
      // Judge.me: 4 rows, 6 stars rejected, the repeated first review rejected; Yotpo 2, marketplace 2.
      files: { 'judgeme_reviews.csv': acc(4, 2, 2, 0), 'yotpo_reviews.csv': acc(2, 2, 0, 0), 'marketplace_reviews.csv': acc(2, 2, 0, 0) },
      tables: { reviews: acc(8, 6, 2, 0) },
      kpis: { orders: 5 },
    },
  },
];

const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Reference {
  files: Record<string, Accounting>;
  tables: Record<string, Accounting>;
  kpis: Record<string, string>;
}

/** The CLI's answer: import-check writes each export's preset mapping, analyze loads the folder with them. */
async function reference(c: Case, dir: string, work: string): Promise<Reference> {
  // import-check explains itself at length on stdout; the checks below say what matters.
  const log = console.log;
  console.log = () => {};
  try {
    return await runCli(c, dir, work);
  } finally {
    console.log = log;
  }
}

async function runCli(c: Case, dir: string, work: string): Promise<Reference> {
  const folder = path.join(work, 'in');
  mkdirSync(folder, { recursive: true });
  const mappings: string[] = [];
  for (const f of c.files) {
    symlinkSync(path.join(dir, f.file), path.join(folder, f.file));
    if (!f.preset) continue;
    const out = path.join(work, `${f.file}.mapping.json`);
    const code = await cli(['import-check', path.join(dir, f.file), '--preset', f.preset, '--out', out, ...(f.returnsFile ? ['--returns-file'] : [])]);
    if (f.dateAnswer) {
      const m = JSON.parse(readFileSync(out, 'utf8')) as { targets: { columns: Record<string, { column?: string; transform?: { format?: string | null } }> }[] };
      for (const t of m.targets) for (const v of Object.values(t.columns)) if (v.column === f.dateAnswer.source && v.transform) v.transform.format = f.dateAnswer.format;
      writeFileSync(out, JSON.stringify(m));
    } else if (code !== 0) throw new Error(`import-check failed on ${f.file} (exit ${code})`);
    mappings.push('--mapping', out);
  }
  const out = path.join(work, 'out');
  const code = await cli(['analyze', folder, '--out', out, '--quiet', ...mappings]);
  if (code !== 0) throw new Error(`the CLI failed on ${c.name} (exit ${code})`);
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
    loads: { file: string; rowsRead: number; rowsLoaded: number; rowsRejected: number }[];
    imports?: { file: string; rowsRead: number; rowsLoaded: number; rowsRejected: number; rowsExcluded: number; rowsMerged: number }[];
  };
  const files: Record<string, Accounting> = {};
  for (const l of summary.loads) files[l.file] = acc(l.rowsRead, l.rowsLoaded, l.rowsRejected, 0);
  for (const r of summary.imports ?? []) files[r.file] = acc(r.rowsRead, r.rowsLoaded, r.rowsRejected, r.rowsExcluded, r.rowsMerged);
  const tables: Record<string, Accounting> = {};
  for (const r of readCsvObjects(readFileSync(path.join(out, 'data_quality.csv'), 'utf8'))) {
    tables[r.table_name!] = acc(Number(r.rows_read), Number(r.rows_loaded), Number(r.rows_rejected), Number(r.rows_excluded), Number(r.rows_merged));
  }
  const kpis = readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'))[0]!;
  return { files, tables, kpis };
}

/** Drops the case's files, checks each detected preset, finishes the mapping step, loads. */
async function loadInBrowser(page: Page, url: string, c: Case, dir: string): Promise<boolean> {
  await page.goto(`${url}?page=data`, { waitUntil: 'load' });
  await page.getByTestId('file-loader').waitFor({ timeout: TIMEOUT_MS });
  await dropFiles(page, c.files.map((f) => path.join(dir, f.file)));
  for (const f of c.files) {
    const entry = batchEntry(page, f.file);
    await waitForEntry(page, f.file);
    const route = await entry.getAttribute('data-route');
    if (!f.preset) {
      check(route === 'canonical', `${c.name}: ${f.file} loads directly (${route})`);
      continue;
    }
    await openStep(page, f.file);
    const step = mappingStep(page, f.file);
    const choice = await step.getByTestId('mapping-choice').inputValue();
    check(choice === `preset:${f.preset}`, `${c.name}: the app detects the ${f.preset} preset for ${f.file} (${choice})`);
    if (f.dateAnswer) {
      const question = step.locator(`[data-testid="question"][data-source="${f.dateAnswer.source}"]`);
      check((await question.count()) === 1, `${c.name}: ${f.file}: the ambiguous "${f.dateAnswer.source}" is asked`);
      check(await page.getByTestId('load-all').isDisabled(), `${c.name}: Load all waits for the answer`);
      await question.locator(`[data-option="${f.dateAnswer.format}"]`).click();
      await step.getByTestId('mapping-questions').waitFor({ state: 'detached', timeout: 10_000 });
    }
    if (f.returnsFile) {
      // The returns file in the batch: the orders preset no longer turns refunds into returns.
      const routeText = (await entry.textContent()) ?? '';
      check(/→ order_lines, products(?!, returns)/.test(routeText), `${c.name}: ${f.file} fills order_lines and products only ("${routeText.slice(0, 120)}")`);
    }
  }
  return loadAll(page, TIMEOUT_MS);
}

/** One row of the Data page's "What was loaded" table: read, loaded, rejected, excluded, merged. */
async function loadedTable(page: Page, table: string): Promise<Accounting | null> {
  await page.waitForFunction(() => {
    const panel = document.querySelector('[data-testid="panel-loaded"]');
    return !!panel && panel.getAttribute('aria-busy') !== 'true' && !panel.querySelector('[aria-busy="true"]') && !!panel.querySelector('[data-testid="loaded-tables"]');
  }, undefined, { timeout: 60_000 });
  const row = page.locator(`[data-testid="loaded-tables"] [data-table="${table}"]`);
  if (!(await row.count())) return null;
  const cells = await row.locator('td').allTextContents();
  const n = (i: number) => Number((cells[i] ?? '').replace(/[^\d]/g, ''));
  return { read: n(1), loaded: n(2), rejected: n(3), excluded: n(4), merged: n(5) };
}

async function compare(page: Page, c: Case, want: Reference): Promise<void> {
  for (const f of c.files) {
    const got = await fileAccounting(page, f.file);
    const cliFile = want.files[f.file];
    check(same(got, cliFile), `${c.name}: ${f.file}: the page's ${JSON.stringify(got)} = the CLI's ${JSON.stringify(cliFile)}`);
    check(got.read === got.loaded + got.merged + got.rejected + got.excluded, `${c.name}: ${f.file}: read = loaded + merged + rejected + excluded`);
    const hand = c.hand.files?.[f.file];
    if (hand) check(same(got, hand), `${c.name}: ${f.file}: ${JSON.stringify(got)} = ${JSON.stringify(hand)} worked out by hand`);
  }
  // Per table, the page's "What was loaded" (data_quality) = the CLI's = the hand-worked figures.
  // (It used to show a half-loaded batch's counts now and then: a panel's query ran while the
  // connection pointed at the batch; model queries now wait for the batch.)
  check(Object.keys(want.tables).length > 0, `${c.name}: the CLI reports its tables (${Object.keys(want.tables).join(', ')})`);
  for (const [t, cli] of Object.entries(want.tables)) {
    const shown = await loadedTable(page, t);
    check(same(shown, cli), `${c.name}: the page's "What was loaded" ${t} ${JSON.stringify(shown)} = the CLI's data_quality ${JSON.stringify(cli)}`);
  }
  for (const [t, a] of Object.entries(c.hand.tables ?? {})) check(same(want.tables[t], a), `${c.name}: the CLI's data_quality ${t} ${JSON.stringify(want.tables[t])} = ${JSON.stringify(a)} worked out by hand`);

  await page.getByTestId('nav-overview').click();
  for (const key of ['orders', 'units_sold', 'gross_sales', 'unit_return_rate', 'order_return_rate']) {
    const shown = await kpiValue(page, key, TIMEOUT_MS);
    const cliValue = Number(want.kpis[key]);
    check(Math.abs(shown - cliValue) < 1e-9, `${c.name}: Overview ${key} ${shown} = the CLI's ${cliValue}`);
    const hand = c.hand.kpis?.[key];
    if (hand !== undefined) check(Math.abs(shown - hand) < 1e-9, `${c.name}: Overview ${key} ${shown} = ${hand} worked out by hand`);
  }

}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

void inBrowser(checks, 'presets-e2e', async (page, url, work) => {
  for (const [i, c] of CASES.entries()) {
    if (only && c.name !== only) continue;
    const dir = path.join(FIXTURES, c.name);
    const want = await reference(c, dir, path.join(work, String(i)));
    console.log(`CLI on ${c.name} (${c.files.map((f) => f.file).join(', ')}): ${JSON.stringify(want.files)}`);
    check(await loadInBrowser(page, url, c, dir), `${c.name}: the batch replaced the data`);
    await compare(page, c, want);
  }
});
