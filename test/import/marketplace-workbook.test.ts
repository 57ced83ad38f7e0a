import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { readWorkbook } from '../../src/loader/excel';
import { readCsvObjects } from '../helpers/csv';
import { typedRows, workbookBytes } from '../helpers/workbook';

/**
 * A multi-sheet workbook of marketplace-style exports, as a merchant pastes them into one book:
 * a Shopify orders export, a Shopify returns export and a reviews export, each a sheet named as
 * the merchant likes ("Orders export", not a table's name). The CLI on a folder holding it, with
 * no mapping, reads every sheet by its content (the preset a file of the same rows gets), and
 * every count and figure equals the run on the same exports as CSV files.
 */
const PRESETS = path.resolve(__dirname, '../fixtures/import/presets');
const SHEETS: Record<string, [string, string]> = {
  'Orders export': ['shopify/orders_export.csv', 'shopify_orders'],
  Returns: ['shopify/shopify_returns.csv', 'shopify_returns'],
  Reviews: ['reviews/judgeme_reviews.csv', 'reviews'],
};

describe('a workbook of marketplace-style sheets, with no mapping', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-market-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const summary = (out: string) => JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
  const kpis = (out: string) => readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'));
  type Import = { file: string; preset: string; rowsRead: number; rowsLoaded: number; rowsRejected: number; rowsExcluded: number; tables: unknown[] };

  it('reads each sheet by its content and gives what the same exports as CSV files give', async () => {
    const book = path.join(tmp, 'book');
    const csv = path.join(tmp, 'csv');
    mkdirSync(book);
    mkdirSync(csv);
    const rows = Object.fromEntries(Object.entries(SHEETS).map(([sheet, [file]]) => [sheet, typedRows(readFileSync(path.join(PRESETS, file), 'utf8'))]));
    writeFileSync(path.join(book, 'marketplace.xlsx'), workbookBytes(rows));
    for (const [sheet, [file]] of Object.entries(SHEETS)) copyFileSync(path.join(PRESETS, file), path.join(csv, `${sheet}.csv`));
    // Every sheet is a file of its own, under the name the merchant gave it.
    const sheets = await readWorkbook('marketplace.xlsx', readFileSync(path.join(book, 'marketplace.xlsx')));
    expect(sheets.map((s) => s.name)).toEqual(Object.keys(SHEETS).map((s) => `marketplace.xlsx › ${s}`));

    expect(await main(['analyze', book, '--out', path.join(tmp, 'out-book'), '--quiet'])).toBe(0);
    expect(await main(['analyze', csv, '--out', path.join(tmp, 'out-csv'), '--quiet'])).toBe(0);
    const fromBook = summary(path.join(tmp, 'out-book'));
    const fromCsv = summary(path.join(tmp, 'out-csv'));
    expect(fromBook.detected.map((d: { file: string; preset: string }) => [d.file, d.preset])).toEqual(
      Object.entries(SHEETS).map(([sheet, [, preset]]) => [`marketplace.xlsx › ${sheet}`, preset]),
    );
    expect(fromBook.unusedFiles).toEqual([]);
    const accounts = (s: { imports: Import[] }, name: (f: string) => string) =>
      Object.fromEntries(s.imports.map((i) => [name(i.file), [i.preset, i.rowsRead, i.rowsLoaded, i.rowsRejected, i.rowsExcluded, i.tables]]));
    const bookAccounts = accounts(fromBook, (f) => f.replace('marketplace.xlsx › ', ''));
    expect(Object.keys(bookAccounts).sort()).toEqual(Object.keys(SHEETS).sort());
    expect(bookAccounts).toEqual(accounts(fromCsv, (f) => f.replace(/\.csv$/, '')));
    const k = kpis(path.join(tmp, 'out-book'));
    expect(k).toEqual(kpis(path.join(tmp, 'out-csv')));
    expect(Number(k[0]!.orders)).toBeGreaterThan(0);
    expect(Number(k[0]!.returns)).toBeGreaterThan(0);
  }, 300_000);
});
