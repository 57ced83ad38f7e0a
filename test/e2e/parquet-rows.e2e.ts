/**
 * Bad rows in Parquet get the answer they get in CSV, in the page (a plain Node script, not vitest):
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/parquet-rows.e2e.ts
 *
 * The page stages a Parquet file from its typed values (parquet-wasm → Arrow → each value cast
 * to text in DuckDB's worker, src/engine/browser.ts arrowToCells) and a CSV file from its text;
 * both then take the same checks. The demo's files, with bad order lines planted (a negative
 * quantity, a missing order date, a repeated key, a date far in the future), are loaded as
 * Parquet and then as CSV: the order lines' accounting and the Data page's rejected rows (line,
 * kind, reason) must be the same, and the planted rows must be among them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { csvToParquet } from '../../src/bench/parquet-copy';
import { csvCell } from '../../src/data-model/csv-text';
import { parseCsv } from '../helpers/csv';
import { Checks, launch, ROOT, startPreview } from './harness';

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

/** Loads `files` on the Data page; the order lines' accounting and the rejected rows as line|kind|reason. */
async function load(page: Page, url: string, files: string[]): Promise<{ accounting: string; rows: string[] }> {
  await page.goto(`${url}?page=data`);
  await page.getByTestId('page-data').waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId('file-input').setInputFiles(files);
  await page.locator('[data-testid="load-result"][data-replaced="true"]').waitFor({ timeout: TIMEOUT_MS });
  const line = page.locator(`[data-testid="file-results"] li[data-file="${path.basename(files[0]!)}"]`);
  const accounting = (await Promise.all(['read', 'loaded', 'rejected', 'excluded', 'warned'].map(async (a) => `${a} ${await line.getAttribute(`data-${a}`)}`))).join(', ');
  const table = page.getByTestId('rejected-rows');
  await table.waitFor({ timeout: TIMEOUT_MS });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const td = [...tr.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim());
      return `${td[0]}|${td[2]}|${td[3]}|${td[4]}`;
    }),
  );
  return { accounting, rows: rows.sort() };
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
    console.log(`     Parquet: ${parquet.accounting}\n     CSV:     ${csv.accounting}`);
    check(parquet.accounting === csv.accounting, `the order lines' accounting is the same (${parquet.accounting})`);
    const lines = new Set(parquet.rows.filter((r) => r.startsWith('order_lines|')).map((r) => Number(r.split('|')[1])));
    check(planted.every((l) => lines.has(l)), `the planted order lines ${planted.join(', ')} are listed from the Parquet file (${[...lines].join(', ')})`);
    const differ = parquet.rows.filter((r, i) => r !== csv.rows[i]);
    check(
      parquet.rows.length === csv.rows.length && differ.length === 0,
      `the rejected rows are the same: ${parquet.rows.length} from Parquet, ${csv.rows.length} from CSV${differ.length ? `; differ: ${differ.slice(0, 5).join(' ; ')}` : ''}`,
    );
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
