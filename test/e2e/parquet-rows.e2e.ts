/**
 * Parquet gets the answers CSV gets, in the page (a plain Node script, not vitest):
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/parquet-rows.e2e.ts
 *
 * The page stages a Parquet file from its typed values (parquet-wasm → Arrow → each value cast
 * to text in DuckDB's worker, src/engine/browser.ts arrowToCells) and a CSV file from its text;
 * both then take the same checks. The demo's files, with bad order lines planted (a negative
 * quantity, a missing order date, a repeated key, a date far in the future), are loaded as
 * Parquet twins (contract types; the instants of returns and shipments UTC-zoned, as pandas
 * writes them, the reviews' naive) and then as CSV. Every file's accounting, the Data page's
 * rejected rows (line, kind, reason) and the Overview's KPI values must be the same both ways,
 * the planted rows must be among those listed, and every row of the clean files must load.
 * Last, the Parquet batch again with its reviews file cut in half: the page refuses the batch
 * with the very message the Node loader gives for the same files, names the file, offers to load
 * the rest without it, and the data loaded before stays (the Overview's numbers unchanged, in
 * the same tab).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { csvToParquet } from '../../src/bench/parquet-copy';
import { csvCell } from '../../src/data-model/csv-text';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import { parseCsv } from '../helpers/csv';
import { Checks, inPage, launch, ROOT, startPreview } from './harness';
import { kpiValues, waitForKpis } from './kpi-cards';

const TABLES = ['order_lines', 'products', 'shipments', 'returns', 'reviews'] as const;
const TIMEOUT_MS = 180_000;
const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

/** The demo's order lines with bad rows planted; returns the text and the lines planted (record + 1). */
function badOrderLines(): { text: string; planted: number[] } {
  const rows = parseCsv(readFileSync(path.join(ROOT, 'data/demo/order_lines.csv'), 'utf8')).filter((r) => r.some((c) => c !== ''));
  const col = (name: string) => rows[0]!.indexOf(name);
  rows[3]![col('quantity')] = '-2';
  rows[5]![col('order_date')] = '';
  rows[8] = [...rows[7]!];
  rows[10]![col('order_date')] = '2099-01-01';
  return { text: rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n', planted: [4, 6, 9, 11] };
}

interface Loaded {
  /** Per table: read, loaded, rejected, excluded, warned. */
  accounting: Record<string, string>;
  /** The rejected rows as table|line|kind|reason, sorted. */
  rows: string[];
  /** The Overview's KPI values after the load. */
  kpis: Record<string, string>;
}

/** Loads `files` on the Data page: each file's accounting, the rejected rows, then the Overview's KPIs. */
async function load(page: Page, url: string, files: string[]): Promise<Loaded> {
  await page.goto(`${url}?page=data`);
  await page.getByTestId('page-data').waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId('file-input').setInputFiles(files);
  await page.locator('[data-testid="load-result"][data-replaced="true"]').waitFor({ timeout: TIMEOUT_MS });
  const accounting: Record<string, string> = {};
  for (const [i, t] of TABLES.entries()) {
    const line = page.locator(`[data-testid="file-results"] li[data-file="${path.basename(files[i]!)}"]`);
    accounting[t] = (await Promise.all(['read', 'loaded', 'rejected', 'excluded', 'warned'].map(async (a) => `${a} ${await line.getAttribute(`data-${a}`)}`))).join(', ');
  }
  const table = page.getByTestId('rejected-rows');
  await table.waitFor({ timeout: TIMEOUT_MS });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const td = [...tr.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim());
      return `${td[0]}|${td[2]}|${td[3]}|${td[4]}`;
    }),
  );
  return { accounting, rows: rows.sort(), kpis: await overviewKpis(page) };
}

/** The Overview's KPI values for the data in the page now (a URL change in the page: a reload would show it too). */
async function overviewKpis(page: Page): Promise<Record<string, string>> {
  await inPage(page, '');
  await waitForKpis(page);
  return kpiValues(page);
}


/** The Parquet batch with reviews.parquet cut in half: refused as the Node loader refuses it, the data kept. */
async function cutFile(page: Page, parquetDir: string, before: Record<string, string>): Promise<void> {
  const reviews = path.join(parquetDir, 'reviews.parquet');
  const bytes = readFileSync(reviews);
  writeFileSync(reviews, bytes.subarray(0, bytes.length >> 1));
  const runner = await createNodeRunner();
  const node = await loadFolder(runner, parquetDir).finally(() => runner.engine.close());
  await inPage(page, '?page=data');
  await page.getByTestId('page-data').waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId('file-input').setInputFiles(TABLES.map((t) => path.join(parquetDir, `${t}.parquet`)));
  await page.locator('[data-testid="load-result"][data-replaced="false"]').waitFor({ timeout: TIMEOUT_MS });
  const problem = ((await page.getByTestId('load-problem').textContent()) ?? '').trim();
  const expected = node.result.problem ?? '(none)';
  console.log(`     cut reviews.parquet: ${problem}`);
  check(!node.result.replaced && problem.includes(expected), `a cut Parquet file: the page refuses the batch with the Node loader's message ("${expected}")`);
  check(/reviews\.parquet: cannot be read as parquet \(.+\)/.test(expected), 'the message names the file and says why it cannot be read');
  const accept = ((await page.getByTestId('accept-partial').textContent({ timeout: 5_000 }).catch(() => null)) ?? '').trim();
  check(accept === 'Load the rest without reviews.parquet', `it offers to load the rest without it ("${accept}")`);
  const after = await overviewKpis(page);
  const changed = Object.keys(before).filter((k) => after[k] !== before[k]);
  check(changed.length === 0, `the data loaded before is kept: the Overview's numbers are unchanged${changed.length ? ` (differ: ${changed.join(', ')})` : ''}`);
}

async function main(): Promise<void> {
  const preview = await startPreview();
  const browser = await launch();
  const dir = mkdtempSync(path.join(tmpdir(), 'ri-parquet-rows-'));
  try {
    const { text, planted } = badOrderLines();
    const csvDir = path.join(dir, 'csv');
    const parquetDir = path.join(dir, 'parquet');
    mkdirSync(csvDir);
    mkdirSync(parquetDir);
    for (const t of TABLES) {
      const csv = path.join(csvDir, `${t}.csv`);
      writeFileSync(csv, t === 'order_lines' ? text : readFileSync(path.join(ROOT, 'data/demo', `${t}.csv`)));
      const header = parseCsv(readFileSync(csv, 'utf8'))[0]!;
      await csvToParquet(csv, path.join(parquetDir, `${t}.parquet`), t, header, t === 'returns' || t === 'shipments');
    }
    const parquet = await load(browser.page, preview.url, TABLES.map((t) => path.join(parquetDir, `${t}.parquet`)));
    const csv = await load(browser.page, preview.url, TABLES.map((t) => path.join(csvDir, `${t}.csv`)));
    for (const t of TABLES) {
      console.log(`     ${t}: Parquet ${parquet.accounting[t]}; CSV ${csv.accounting[t]}`);
      check(parquet.accounting[t] === csv.accounting[t], `${t}: the same accounting from Parquet and CSV (${parquet.accounting[t]})`);
    }
    for (const t of TABLES.filter((t) => t !== 'order_lines')) {
      const n = parseCsv(readFileSync(path.join(csvDir, `${t}.csv`), 'utf8')).filter((r) => r.some((c) => c !== '')).length - 1;
      check(parquet.accounting[t] === `read ${n}, loaded ${n}, rejected 0, excluded 0, warned 0`, `${t}.parquet: every one of its ${n} rows loaded`);
    }
    const lines = new Set(parquet.rows.filter((r) => r.startsWith('order_lines|')).map((r) => Number(r.split('|')[1])));
    check(planted.every((l) => lines.has(l)), `the planted order lines ${planted.join(', ')} are listed from the Parquet file (${[...lines].join(', ')})`);
    const differ = parquet.rows.filter((r, i) => r !== csv.rows[i]);
    check(
      parquet.rows.length === csv.rows.length && differ.length === 0,
      `the rejected rows are the same: ${parquet.rows.length} from Parquet, ${csv.rows.length} from CSV${differ.length ? `; differ: ${differ.slice(0, 5).join(' ; ')}` : ''}`,
    );
    const keys = Object.keys(csv.kpis);
    const kpiDiffer = keys.filter((k) => parquet.kpis[k] !== csv.kpis[k]);
    check(
      keys.length >= 8 && kpiDiffer.length === 0,
      `the Overview shows the same numbers after either load (${keys.length} KPIs${kpiDiffer.length ? `; differ: ${kpiDiffer.map((k) => `${k} ${parquet.kpis[k]} vs ${csv.kpis[k]}`).join(', ')}` : ''})`,
    );
    await cutFile(browser.page, parquetDir, csv.kpis);
    checks.clean(browser);
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    checks.failures.push(String(e));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await browser.close();
    preview.stop();
  }
  checks.finish('parquet-rows');
}

void main();
