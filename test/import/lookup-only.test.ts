import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeFile } from '../../src/app/loading/load-summary';
import { readImportSql } from '../../src/loader/import/node';
import { parseMapping } from '../../src/loader/import/spec/validate';
import { decodeParquetNode } from '../../src/loader/parquet-node';
import { replaceData, type BatchFile } from '../../src/loader/replace-data';
import { useEngine } from '../helpers/engine';

/**
 * Lookup-only files in a batch (the Data page's "Lookup only, not loaded"): AdventureWorks
 * products, 2015 sales and returns through their committed mappings, with the categories,
 * subcategories and territories lists dropped next to them. The lists are handed to the
 * mappings' lookups as Blobs (as the page hands its Files) and are not loaded; each has its
 * own accounting line from load_log (lookup:<name>). Counts from the raw files: categories 4
 * rows, subcategories 37, territories 10 (here with 2 rows added: one repeating key 3, one
 * without a key), products 293, Sales_2015 2,630, returns 1,809.
 */

const AW = '/work/shared/data/adventureworks';
const MAPPINGS = path.resolve(__dirname, '../../data/mappings');
const OPTS = { importSql: readImportSql() };
const raw = (name: string) => new Uint8Array(readFileSync(path.join(AW, name)));
const mapped = (name: string, mapping: string): BatchFile => ({
  name, bytes: raw(name), mapping: parseMapping(readFileSync(path.join(MAPPINGS, mapping), 'utf8')),
});
const lookup = (name: string, bytes: Uint8Array<ArrayBuffer> = raw(name)): BatchFile => ({ name, bytes: new Blob([bytes]), lookupOnly: true });

describe('lookup-only files of a batch', () => {
  const db = useEngine();

  it('are read by the mappings that name them, not loaded, and each accounts for its rows', async () => {
    const territories = new TextEncoder().encode(
      `${new TextDecoder().decode(raw('AdventureWorks_Territories.csv')).trimEnd()}\r\n3,Repeated,United States,North America\r\n,No key,Nowhere,Nowhere\r\n`,
    );
    const batch: BatchFile[] = [
      mapped('AdventureWorks_Returns.csv', 'adventureworks_returns.json'),
      lookup('AdventureWorks_Product_Categories.csv'),
      mapped('AdventureWorks_Sales_2015.csv', 'adventureworks_sales.json'),
      lookup('AdventureWorks_Territories.csv', territories),
      mapped('AdventureWorks_Products.csv', 'adventureworks_products.json'),
      lookup('AdventureWorks_Product_Subcategories.csv'),
      // Named by no mapping's lookups: nothing read from it.
      lookup('notes.csv', new TextEncoder().encode('a,b\n1,2\n')),
    ];
    const progress: number[] = [];
    const result = await replaceData(db.runner(), batch, decodeParquetNode, (p) => progress.push(p.fileCount), OPTS);
    expect(result.problem).toBeNull();
    expect(result.replaced).toBe(true);
    expect(result.reports.map((r) => [r.file, r.route, r.table, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.rowsExcluded, r.lookupOf ?? null, r.error ?? null])).toEqual([
      ['AdventureWorks_Returns.csv', 'mapping', 'returns', 1809, 1809, 0, 0, null, null],
      ['AdventureWorks_Product_Categories.csv', 'lookup', null, 4, 4, 0, 0, ['categories'], null],
      ['AdventureWorks_Sales_2015.csv', 'mapping', 'order_lines', 2630, 2630, 0, 0, null, null],
      ['AdventureWorks_Territories.csv', 'lookup', null, 12, 10, 1, 1, ['territories'], null],
      ['AdventureWorks_Products.csv', 'mapping', 'products', 293, 293, 0, 0, null, null],
      ['AdventureWorks_Product_Subcategories.csv', 'lookup', null, 37, 37, 0, 0, ['subcategories'], null],
      ['notes.csv', 'lookup', null, 0, 0, 0, 0, [], null],
    ]);
    for (const r of result.reports) expect(r.rowsRead, r.file).toBe(r.rowsLoaded + r.rowsRejected + r.rowsExcluded + r.rowsMerged);
    // Only the three mapped files are loaded steps; the lists are in no table.
    expect(new Set(progress)).toEqual(new Set([3]));
    expect(result.loadedFiles).toEqual(['AdventureWorks_Returns.csv', 'AdventureWorks_Sales_2015.csv', 'AdventureWorks_Products.csv']);
    const q = (sql: string) => db.runner().engine.query(sql);
    expect(await q(`SELECT table_name, source_file, rows_read FROM load_log WHERE starts_with(table_name, 'lookup:') AND source_file <> 'AdventureWorks_Products.csv' ORDER BY 1`)).toEqual([
      { table_name: 'lookup:categories', source_file: 'AdventureWorks_Product_Categories.csv', rows_read: 4 },
      { table_name: 'lookup:subcategories', source_file: 'AdventureWorks_Product_Subcategories.csv', rows_read: 37 },
      { table_name: 'lookup:territories', source_file: 'AdventureWorks_Territories.csv', rows_read: 12 },
    ]);
    expect(result.reports[3]!.reasons.map((r) => [r.severity, r.reason, r.rows])).toEqual([
      ['excluded', 'SalesTerritoryKey repeated (only the first row is used)', 1],
      ['rejected', 'missing SalesTerritoryKey (a lookup row needs its key)', 1],
    ]);
    // The Data page's line for them.
    expect(summarizeFile(result.reports[3]!)).toMatchObject({
      table: null, status: 'Lookup only, not loaded', tone: 'warn', accounting: '12 rows read = 10 lookup entries + 1 rejected + 1 excluded',
    });
    expect(summarizeFile(result.reports[6]!)).toMatchObject({ status: 'Not loaded', accounting: '0 rows read = 0 lookup entries + 0 rejected + 0 excluded' });
    // Categories reached through the lookups: units sold in 2015 are all bikes.
    expect(await q(`SELECT p.category, sum(o.quantity)::INT AS units FROM order_lines o JOIN products p USING (sku) GROUP BY 1`)).toEqual([{ category: 'Bikes', units: 2630 }]);
  }, 120_000);
});
