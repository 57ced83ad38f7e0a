import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCheck } from '../../src/cli/analyze';
import { main } from '../../src/cli/main';
import { readWorkbook } from '../../src/loader/excel';
import { sniff } from '../../src/loader/import/decode';
import { buildPreset } from '../../src/loader/import/presets';
import { type MappingSpec } from '../../src/loader/import/spec';
import { stringifyMapping } from '../../src/loader/import/spec/validate';
import { readCsvObjects } from '../helpers/csv';
import { day, typedRows, workbookBytes } from '../helpers/workbook';

const ROOT = path.resolve(__dirname, '../..');
const TABLES = ['order_lines', 'products', 'shipments', 'returns', 'reviews'];

/**
 * The CLI on a folder holding a workbook: its sheets are files of the batch. The same generated
 * data as canonical CSV files and as one workbook of canonical sheets (dates as Excel dates,
 * numbers as numbers) gives the same kpis; sheets of a flat export load through --mapping files
 * whose patterns name the sheets (`book.xlsx › Orders`).
 */
describe('analyze on a folder holding an Excel workbook', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-excel-'));
  const csvDir = path.join(tmp, 'csv');
  const bookDir = path.join(tmp, 'book');
  const quiet = (args: string[]) => main([...args, '--quiet']);
  const kpis = (out: string) => readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'));
  const summary = (out: string) => JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));

  beforeAll(() => {
    const gen = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/generator/cli.ts'), '--orders', '1000', '--seed', '11', '--out', csvDir], { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    rmSync(path.join(csvDir, 'truth.json'));
    mkdirSync(bookDir);
    const sheets = Object.fromEntries(TABLES.map((t) => [t, typedRows(readFileSync(path.join(csvDir, `${t}.csv`), 'utf8'))]));
    writeFileSync(path.join(bookDir, 'shop.xlsx'), workbookBytes(sheets));
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('gives the same kpis from a workbook of canonical sheets as from the same data as CSV files', async () => {
    // The sheets really hold Excel dates and numbers, not text.
    const sheet = (await readWorkbook('shop.xlsx', readFileSync(path.join(bookDir, 'shop.xlsx'))))[0]!;
    expect(sheet.name).toBe('shop.xlsx › order_lines');
    expect(readFileSync(path.join(bookDir, 'shop.xlsx')).includes(Buffer.from('2024-01-01'))).toBe(false);

    expect(await quiet(['analyze', csvDir, '--out', path.join(tmp, 'out-csv')])).toBe(0);
    expect(await quiet(['analyze', bookDir, '--out', path.join(tmp, 'out-book')])).toBe(0);
    const loads = summary(path.join(tmp, 'out-book')).loads as { file: string; rowsRead: number; rowsRejected: number }[];
    expect(loads.map((l) => l.file).sort()).toEqual(TABLES.map((t) => `shop.xlsx › ${t}`).sort());
    const csvLoads = summary(path.join(tmp, 'out-csv')).loads as { file: string; rowsRead: number; rowsRejected: number }[];
    for (const l of loads) {
      const same = csvLoads.find((c) => `shop.xlsx › ${c.file.replace(/\.csv$/, '')}` === l.file)!;
      expect([l.file, l.rowsRead, l.rowsRejected]).toEqual([l.file, same.rowsRead, same.rowsRejected]);
    }
    const fromCsv = kpis(path.join(tmp, 'out-csv'));
    const fromBook = kpis(path.join(tmp, 'out-book'));
    expect(Number(fromCsv[0]!.orders)).toBe(1000);
    expect(fromBook).toEqual(fromCsv);
  }, 300_000);

  it('loads the sheets of a flat export through mappings whose file patterns name the sheets', async () => {
    const dir = path.join(tmp, 'flat');
    mkdirSync(dir);
    const orders = [
      ['Row ID', 'Order ID', 'Order Date', 'Product ID', 'Unit Price', 'Quantity', 'Region'],
      [1, 'CA-1', day(2024, 1, 5), 'P-1', 10, 2, 'West'],
      [2, 'CA-1', day(2024, 1, 5), 'P-2', 5, 1, 'West'],
      [3, 'CA-2', day(2024, 2, 10), 'P-1', 10, 3, 'East'],
      [4, 'CA-3', day(2024, 2, 11), 'P-3', 20, 1, 'East'],
    ];
    const book = workbookBytes({ Orders: orders, Returns: [['Returned', 'Order ID'], ['Yes', 'CA-1']], People: [['Person', 'Region'], ['Ann', 'West']] });
    writeFileSync(path.join(dir, 'superstore.xlsx'), book);
    const ordersMapping: MappingSpec = {
      version: 1, name: 'Superstore orders', files: ['superstore.xlsx › Orders'],
      source: { encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [] },
      targets: [{ table: 'order_lines', columns: {
        order_id: { column: 'Order ID' }, line_id: { column: 'Row ID' }, order_date: { column: 'Order Date' }, sku: { column: 'Product ID' },
        quantity: { column: 'Quantity' }, unit_price: { column: 'Unit Price' }, region: { column: 'Region' },
      } }],
    };
    const returnsSheet = (await readWorkbook('superstore.xlsx', book))[1]!;
    const returnsMapping = { ...buildPreset('returned_orders_list', sniff(new TextEncoder().encode(returnsSheet.text), returnsSheet.name)).mapping, files: ['*› Returns'] };
    writeFileSync(path.join(tmp, 'orders.json'), stringifyMapping(ordersMapping));
    writeFileSync(path.join(tmp, 'returns.json'), stringifyMapping(returnsMapping));
    const out = path.join(tmp, 'out-flat');
    expect(await quiet(['analyze', dir, '--mapping', path.join(tmp, 'orders.json'), '--mapping', path.join(tmp, 'returns.json'), '--out', out])).toBe(0);
    const s = summary(out);
    expect(s.imports.map((i: { file: string; rowsLoaded: number }) => [i.file, i.rowsLoaded])).toEqual([['superstore.xlsx › Orders', 4], ['superstore.xlsx › Returns', 1]]);
    expect(s.unusedFiles).toEqual(['superstore.xlsx › People']);
    const [k] = kpis(out);
    // By hand: 3 orders, 7 units sold, order CA-1 returned whole (its 2 lines: 3 units).
    expect(Number(k!.orders)).toBe(3);
    expect(Number(k!.units_sold)).toBe(7);
    expect(Number(k!.units_returned)).toBe(3);
    expect(readdirSync(out)).toContain('kpis.csv');

    // import-check looks at one sheet; given the workbook it names the sheets.
    const said: string[] = [];
    const err = console.error;
    console.error = (m: string) => said.push(m);
    try {
      expect(await main(['import-check', path.join(dir, 'superstore.xlsx')])).toBe(2);
    } finally {
      console.error = err;
    }
    expect(said[0]).toMatch(/^superstore\.xlsx is a workbook: check one sheet at a time, .*\(its sheets: Orders, Returns, People\)$/);
    const written = path.join(tmp, 'checked.json');
    expect(await importCheck(path.join(dir, 'superstore.xlsx › Returns'), ['--out', written], () => undefined)).toBe(0);
    expect(JSON.parse(readFileSync(written, 'utf8'))).toMatchObject({ preset: 'returned_orders_list', files: ['superstore.xlsx › Returns'] });
  }, 120_000);
});
