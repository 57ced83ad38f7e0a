import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importCheck } from '../../src/cli/analyze';
import { main } from '../../src/cli/main';
import { parseMapping } from '../../src/loader/import/spec/validate';
import { readCsvObjects } from '../helpers/csv';

/**
 * The CLI with the committed mappings: `analyze <folder> --mapping data/mappings` on the
 * AdventureWorks export folder gives the same accounting and the same rates as the library
 * path (test/import/shared-data.test.ts) and as the independent Python computation written
 * there; `import-check` detects, describes, trial-loads and saves a mapping.
 */

const ROOT = path.resolve(__dirname, '../..');
const MAPPINGS = path.join(ROOT, 'data/mappings');
const DATA = '/work/shared/data';

describe('returns-insight with --mapping and import-check', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-import-cli-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const copyFolder = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(from)) copyFileSync(path.join(from, f), path.join(to, f));
  };

  it('analyze loads the AdventureWorks exports through the committed mappings: same numbers as the library', async () => {
    const data = path.join(tmp, 'aw');
    const out = path.join(tmp, 'aw-out');
    copyFolder(`${DATA}/adventureworks`, data);
    expect(await main(['analyze', data, '--out', out, '--mapping', MAPPINGS, '--quiet'])).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.imports.map((r: Record<string, unknown>) => [r.file, r.mapping, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.rowsExcluded])).toEqual([
      ['AdventureWorks_Products.csv', 'AdventureWorks products', 293, 293, 0, 0],
      ['AdventureWorks_Sales_2015.csv', 'AdventureWorks sales', 2630, 2630, 0, 0],
      ['AdventureWorks_Sales_2016.csv', 'AdventureWorks sales', 23935, 23935, 0, 0],
      ['AdventureWorks_Sales_2017.csv', 'AdventureWorks sales', 29482, 29481, 1, 0],
      ['AdventureWorks_Returns.csv', 'AdventureWorks returns', 1809, 1809, 0, 0],
    ]);
    expect(summary.lookupFiles).toEqual(['AdventureWorks_Product_Categories.csv', 'AdventureWorks_Product_Subcategories.csv', 'AdventureWorks_Territories.csv']);
    expect(summary.unusedFiles).toEqual(['AdventureWorks_Customers.csv', 'SOURCE.txt']);
    expect(summary.loads).toEqual([]);
    expect(summary.coverage.find((c: { join_name: string }) => c.join_name === 'no_order_returns_sku_region_sold')).toMatchObject({ total: 1809, with_key: 1809, matched: 1809 });
    // The rates by category: the Python numbers of shared-data.test.ts.
    const byCat = Object.fromEntries(readCsvObjects(readFileSync(path.join(out, 'return_rate_by.category.csv'), 'utf8')).map((r) => [r.dim_value, r]));
    expect([byCat.Bikes!.units_sold, byCat.Bikes!.units_returned, byCat.Clothing!.units_sold, byCat.Clothing!.units_returned, byCat.Accessories!.units_sold, byCat.Accessories!.units_returned])
      .toEqual(['13929', '429', '12436', '269', '57809', '1130']);
    expect(Number(byCat.Bikes!.unit_return_rate)).toBeCloseTo(0.030799052336851172, 12);
    expect(Number(byCat.Clothing!.unit_return_rate)).toBeCloseTo(0.021630749437118044, 12);
    expect(Number(byCat.Accessories!.unit_return_rate)).toBeCloseTo(0.019547129339722188, 12);
    const rejected = readCsvObjects(readFileSync(path.join(out, 'rejected_rows.csv'), 'utf8'));
    expect(rejected).toEqual([{
      table_name: 'order_lines', source_file: 'AdventureWorks_Sales_2017.csv', line_number: '29483', severity: 'rejected',
      reason: 'ProductKey not found in AdventureWorks_Products.csv (lookup products): "10000"', raw: '1-Jul-2017,4-May-2004,SO74124,10000,21676,7,1,2',
    }]);
  }, 180_000);

  it('analyze loads the UCI sample through its committed mapping with the preset\'s counts', async () => {
    const data = path.join(tmp, 'uci');
    const out = path.join(tmp, 'uci-out');
    mkdirSync(data);
    copyFileSync(`${DATA}/online_retail_sample/online_retail_sample_20k.csv`, path.join(data, 'online_retail_sample_20k.csv'));
    expect(await main(['analyze', data, '--out', out, '--mapping', path.join(MAPPINGS, 'online_retail.json'), '--quiet'])).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    // The numbers of the invoice preset test (presets.test.ts), computed independently there.
    expect(summary.imports[0]).toMatchObject({ rowsRead: 20000, rowsLoaded: 19807, rowsRejected: 0, rowsExcluded: 193 });
    expect(summary.imports[0].tables.map((t: Record<string, number>) => [t.table, t.rowsLoaded, t.rowsExcluded])).toEqual([['order_lines', 19474, 128], ['returns', 333, 65]]);
  }, 180_000);

  it('refuses a mapping that names no files, or a broken one, before loading anything', async () => {
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(path.join(MAPPINGS, 'adventureworks_returns.json'), 'utf8')), files: undefined }));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['analyze', path.join(tmp, 'aw'), '--out', path.join(tmp, 'x'), '--mapping', bad])).toBe(2);
    expect(err.mock.calls[0]![0]).toMatch(/names no files: add "files"/);
    writeFileSync(bad, '{"version": 1, "name": "x"}');
    expect(await main(['analyze', path.join(tmp, 'aw'), '--out', path.join(tmp, 'x'), '--mapping', bad])).toBe(2);
    expect(err.mock.calls[1]![0]).toMatch(/The mapping is not valid:\n- source: must be an object/);
    err.mockRestore();
  });

  it('import-check suggests a mapping for a file no preset knows, trial-loads it and saves it', async () => {
    const lines: string[] = [];
    const out = path.join(tmp, 'returns-mapping.json');
    const code = await importCheck(path.join(tmp, 'aw', 'AdventureWorks_Returns.csv'), ['--out', out], (s) => lines.push(s));
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('No preset fits: suggested mapping to returns:');
    expect(text).toContain('requested_at ← "ReturnDate" (day-month-year, %d-%b-%Y)');
    expect(text).toContain('return_id ← "ProductKey" + "|" + "ReturnDate" + "|" + "TerritoryKey" (repeats numbered #2, #3 ...)');
    expect(text).toContain('✓ AdventureWorks_Returns.csv (returns from AdventureWorks_Returns.csv): 1809 of 1809 rows loaded, 0 rejected, 0 excluded');
    const saved = parseMapping(readFileSync(out, 'utf8'));
    expect(saved.files).toEqual(['AdventureWorks_Returns.csv']);
    expect(saved.targets[0]!.table).toBe('returns');
  }, 60_000);

  it('import-check detects a preset, and says what is open when the dates are ambiguous', async () => {
    const file = path.join(tmp, 'fba.tsv');
    writeFileSync(file, 'return-date\tamazon-order-id\tsku\tquantity\treason\tfnsku\tdetailed-disposition\tlicense-plate-number\n05-06-2025\t503-1\tK\t1\tDEFECTIVE\tX1\tSELLABLE\tL1\n11-12-2025\t503-2\tK\t1\tDEFECTIVE\tX1\tDAMAGED\tL2\n');
    const lines: string[] = [];
    const out = path.join(tmp, 'fba.json');
    expect(await importCheck(file, ['--out', out], (s) => lines.push(s))).toBe(1);
    const text = lines.join('\n');
    expect(text).toContain('Preset amazon_fba_returns (detected):');
    expect(text).toContain('? "return-date" holds dates like 05-06-2025 that read as day-month-year or as month-day-year; Amazon documents day-month-year. Which is it?');
    expect(text).toContain('The mapping cannot load yet:');
    expect(text).toContain('Wrote ' + out + ' (answer the questions above in it before using it)');
    expect(JSON.parse(readFileSync(out, 'utf8')).targets[0].columns.received_at.transform).toEqual({ kind: 'date', format: null });
  }, 60_000);
});
