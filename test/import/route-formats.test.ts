import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/errors';
import { main } from '../../src/cli/main';
import { bytesSource } from '../../src/loader/file-kinds';
import { headerOf, routeByContent, type FileRoute } from '../../src/loader/file-route';
import { planFolder } from '../../src/loader/import/folder-plan';
import { leadingRecords } from '../../src/loader/json-text';
import { decodeParquetNode, parquetColumnsNode } from '../../src/loader/parquet-node';
import { readCsvObjects } from '../helpers/csv';

/**
 * A file's name is a hint, never a verdict, in every format. Regression: a Parquet or JSON
 * file named after a canonical table (returns.parquet, returns.json) was taken as that table
 * by its name before its columns were looked at, so one holding a list of returned orders was
 * refused instead of being detected; CSV files were already routed by their header. The page
 * (routeByContent) and the CLI (planFolder) read the header the same way: CSV/TSV sniffed,
 * Parquet from its footer's schema, JSON from its first records' keys.
 */

type Rows = Record<string, string[]>;
const enc = (s: string) => new TextEncoder().encode(s);

const HEADERS: Record<string, Rows> = {
  // The canonical returns table: return_id and quantity are its required columns.
  canonicalReturns: { return_id: ['R1', 'R2'], order_id: ['O1', 'O2'], quantity: ['1', '2'] },
  // A list of returned orders (the Returns sheet of a flat sales export).
  returnedList: { Returned: ['Yes', 'Yes'], 'Order ID': ['O1', 'O2'] },
};

const ORDER_LINES: Rows = {
  order_id: ['O1', 'O2', 'O3'], line_id: ['1', '1', '1'], order_date: ['2024-03-01', '2024-03-02', '2024-03-03'],
  sku: ['A', 'B', 'C'], quantity: ['2', '1', '4'], unit_price: ['10', '30', '5'],
};

const names = (rows: Rows) => Object.keys(rows);
const records = (rows: Rows) => rows[names(rows)[0]!]!.map((_, i) => Object.fromEntries(names(rows).map((n) => [n, rows[n]![i]])));
const delimited = (rows: Rows, sep: string) => [names(rows).join(sep), ...records(rows).map((r) => Object.values(r).join(sep))].join('\n') + '\n';

const FORMATS: Record<string, { ext: string; bytes: (rows: Rows) => Uint8Array }> = {
  csv: { ext: 'csv', bytes: (r) => enc(delimited(r, ',')) },
  tsv: { ext: 'tsv', bytes: (r) => enc(delimited(r, '\t')) },
  parquet: { ext: 'parquet', bytes: (r) => writeParquet(WasmTable.fromIPCStream(tableToIPC(tableFromArrays(r), 'stream'))) },
  'json array': { ext: 'json', bytes: (r) => enc(JSON.stringify(records(r), null, 1)) },
  'json wrapper': { ext: 'json', bytes: (r) => enc(JSON.stringify({ exported: '2024-04-01', data: records(r) })) },
  ndjson: { ext: 'ndjson', bytes: (r) => enc(records(r).map((x) => JSON.stringify(x)).join('\n') + '\n') },
};

const MISSING = 'missing required columns return_id, quantity';
// name × header → route (the same for every format).
const CASES: { base: string; header: keyof typeof HEADERS; route: FileRoute }[] = [
  { base: 'returns', header: 'canonicalReturns', route: { kind: 'canonical', table: 'returns' } },
  { base: 'Returns', header: 'canonicalReturns', route: { kind: 'canonical', table: 'returns' } },
  { base: 'returns', header: 'returnedList', route: { kind: 'mapping', namedLike: { table: 'returns', missing: MISSING } } },
  { base: 'returned_orders', header: 'returnedList', route: { kind: 'mapping' } },
  { base: 'export', header: 'canonicalReturns', route: { kind: 'mapping' } },
];

describe('routing by content, every format', () => {
  for (const [format, f] of Object.entries(FORMATS)) {
    for (const c of CASES) {
      const file = `${c.base}.${f.ext}`;
      it(`${format}: ${file} with the ${c.header} header → ${c.route.kind}`, async () => {
        const bytes = f.bytes(HEADERS[c.header]!);
        expect(await headerOf(file, bytesSource(bytes), parquetColumnsNode)).toEqual(names(HEADERS[c.header]!));
        expect(await routeByContent(file, bytesSource(bytes), parquetColumnsNode)).toEqual(c.route);
      });
    }
  }

  it('the CLI plans a Parquet or JSON returns file by its columns: canonical when they fit, else detected like any export', async () => {
    for (const [format, f] of Object.entries(FORMATS).filter(([k]) => k !== 'csv' && k !== 'tsv')) {
      const plan = await planFolder([
        { name: 'order_lines.csv', bytes: FORMATS.csv!.bytes(ORDER_LINES) },
        { name: `returns.${f.ext}`, bytes: f.bytes(HEADERS.returnedList!) },
      ], [], { parquetColumns: parquetColumnsNode, decodeParquet: decodeParquetNode });
      expect(plan.questions, format).toEqual([]);
      expect(plan.canonicalFiles, format).toEqual(['order_lines.csv']);
      expect(plan.detected.map((d) => [d.file, d.preset.id]), format).toEqual([[`returns.${f.ext}`, 'returned_orders_list']]);
      const fits = await planFolder([{ name: `returns.${f.ext}`, bytes: f.bytes(HEADERS.canonicalReturns!) }], [], { parquetColumns: parquetColumnsNode });
      expect([fits.canonicalFiles, fits.detected], format).toEqual([[`returns.${f.ext}`], []]);
    }
  });

  it('reads only the footer of a Parquet file and the first records of a JSON file cut short', async () => {
    const pq = FORMATS.parquet!.bytes(HEADERS.returnedList!);
    let asked = 0;
    const source = { size: pq.length, read: async (o: number, n: number) => { asked += n; return pq.subarray(o, o + n); } };
    expect(await headerOf('returns.parquet', source, parquetColumnsNode)).toEqual(['Returned', 'Order ID']);
    expect(asked).toBeLessThan(pq.length);
    // Not Parquet at all (no footer): no header, the load says why.
    expect(await headerOf('returns.parquet', bytesSource(enc('return_id,quantity\n')), parquetColumnsNode)).toBeNull();
    // JSON cut in the middle of its third record: the first two give the columns (keys in first-seen order).
    const cut = '[{"a":1,"b":"x"},{"a":2,"c":[1,2]},{"a":3,"d":"unfinished';
    expect(leadingRecords(cut, 200).map((r) => [...(r as Map<string, unknown>).keys()])).toEqual([['a', 'b'], ['a', 'c']]);
    expect(leadingRecords('{"rows": [{"x": 1}, {"y": 2}, {"z"', 200).map((r) => [...(r as Map<string, unknown>).keys()])).toEqual([['x'], ['y']]);
    expect(leadingRecords('{"x": 1, "tags": [1]}\n{"y": 2}\n', 200).map((r) => [...(r as Map<string, unknown>).keys()])).toEqual([['x', 'tags'], ['y']]);
    expect(leadingRecords('[{"a":1},{"a":2},{"a":3}]', 2)).toHaveLength(2);
  });

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-route-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  for (const format of ['parquet', 'json array'] as const) {
    it(`analyze: order_lines.csv + a ${format} returns file holding a returned-orders list gives the hand-worked return rate`, async () => {
      const f = FORMATS[format]!;
      const data = path.join(tmp, f.ext);
      mkdirSync(data);
      writeFileSync(path.join(data, 'order_lines.csv'), FORMATS.csv!.bytes(ORDER_LINES));
      writeFileSync(path.join(data, `returns.${f.ext}`), f.bytes(HEADERS.returnedList!));
      const out = path.join(tmp, `${f.ext}-out`);
      expect(await main(['analyze', data, '--out', out, '--quiet'])).toBe(EXIT.ok);
      const [k] = readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'));
      // O1 (2 units) and O2 (1 unit) returned, of 2 + 1 + 4 = 7 units; 2 of 3 orders.
      expect([k!.units_sold, k!.units_returned]).toEqual(['7', '3']);
      expect(Number(k!.order_return_rate)).toBeCloseTo(2 / 3, 12);
    });
  }
});
