import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { applyMapping, type ImportFile } from '../../src/loader/import/apply';
import { readImportSql } from '../../src/loader/import/node';
import type { MappingSpec, SourceFormat } from '../../src/loader/import/spec';
import { bytesSource, type ByteSource } from '../../src/loader/file-kinds';
import { decodeParquetNode } from '../../src/loader/parquet-node';
import { replaceData, type ReplaceProgress } from '../../src/loader/replace-data';
import { useEngine } from '../helpers/engine';

/**
 * Mapped files read from a source in pieces (a browser File, a path in Node) rather than
 * whole, with progress in rows read; and Parquet / JSON files through a mapping. Pieces are
 * made tiny here (a source that hands out at most a few bytes per read) so that CRLF pairs,
 * multi-byte UTF-8 characters and UTF-16 code units fall across piece boundaries.
 */

const SQL = readImportSql();
const NOW = new Date('2025-03-01T00:00:00Z');
const enc = (s: string) => new TextEncoder().encode(s);

/** A source handing out at most `n` bytes per read, as a slow reader would. */
function tiny(bytes: Uint8Array, n: number): ByteSource {
  const whole = bytesSource(bytes);
  return { size: whole.size, read: (offset, length) => whole.read(offset, Math.min(length, n)) };
}

function cp1252(s: string): Uint8Array {
  const table: Record<string, number> = { '€': 0x80, '’': 0x92, 'é': 0xe9 };
  return Uint8Array.from([...s].map((ch) => table[ch] ?? ch.charCodeAt(0)));
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return out;
}

const SRC: SourceFormat = { encoding: 'utf-8', delimiter: ';', quote: '"', skipLines: 0, header: true, nullValues: [] };
const MAPPING = (source: Partial<SourceFormat> = {}): MappingSpec => ({
  version: 1, name: 'products', source: { ...SRC, ...source },
  targets: [{ table: 'products', columns: { sku: { column: 'SKU' }, product_name: { column: 'Name' } } }],
});

// Five records, CRLF line ends, a quoted line break, € and é; line 5 repeats a SKU.
const BODY = 'SKU;Name\r\nA1;Café €\r\nA2;"two\r\nlines"\r\nA3;l’été\r\nA1;again\r\nA4;end\r\n';
const NAMES = [{ sku: 'A1', product_name: 'Café €' }, { sku: 'A2', product_name: 'two\nlines' }, { sku: 'A3', product_name: 'l’été' }, { sku: 'A4', product_name: 'end' }];

describe('mapped files read in pieces', () => {
  const db = useEngine();
  const engine = () => db.runner().engine;
  const reset = async () => {
    for (const t of ['order_lines', 'products', 'shipments', 'returns', 'reviews', 'load_log', 'load_issues']) await engine().exec(`DELETE FROM ${t}`);
  };

  for (const [label, bytes, encoding] of [
    ['UTF-8', enc(BODY), 'utf-8'],
    ['UTF-8 with a BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...enc(BODY)]), 'utf-8'],
    ['windows-1252', cp1252(BODY), 'windows-1252'],
    ['UTF-16 LE (BOM)', utf16le(BODY), 'utf-8'],
  ] as const) {
    it(`${label}: the same rows, lines and raw text as the whole file, with rows-read progress`, async () => {
      for (const n of [1, 3, 7]) {
        await reset();
        const seen: number[] = [];
        const file: ImportFile = { name: 'p.csv', source: tiny(bytes, n) };
        const r = await applyMapping(engine(), SQL, file, MAPPING({ encoding }), { now: NOW, onRowsRead: (k) => seen.push(k) });
        expect(r.error).toBeUndefined();
        expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([5, 4, 1]);
        expect(await engine().query('SELECT sku, product_name FROM products ORDER BY sku')).toEqual(NAMES);
        // Record 5 (line numbers are record numbers: the quoted line break does not count).
        expect(await engine().query('SELECT line_number, raw FROM load_issues')).toEqual([{ line_number: 5, raw: 'A1;again' }]);
        // Progress: never down, ending at the file's line breaks less the header (the quoted one included).
        expect(seen.length).toBeGreaterThan(3);
        expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);
        expect(seen.at(-1)).toBe(6);
      }
    });
  }

  it('a preview reads only the first records of a source', async () => {
    await reset();
    let asked = 0;
    const big = enc('SKU;Name\n' + Array.from({ length: 20_000 }, (_, i) => `S${i};n${i}`).join('\n') + '\n');
    const whole = bytesSource(big);
    const source: ByteSource = { size: whole.size, read: (o, l) => ((asked += Math.min(l, 1000)), whole.read(o, Math.min(l, 1000))) };
    const r = await applyMapping(engine(), SQL, { name: 'p.csv', source }, MAPPING(), { now: NOW, dryRun: true, maxRecords: 10 });
    expect([r.rowsRead, r.rowsLoaded]).toEqual([10, 10]);
    expect(asked).toBeLessThan(big.length / 10);
  });

  it('a batch given browser Files (Blobs) loads them from the Blob, reporting rows read as it goes', async () => {
    await reset();
    const lines = 'order_id,line_id,order_date,sku,quantity,unit_price\n' + Array.from({ length: 50 }, (_, i) => `O${i},1,2024-01-01,A1,1,10`).join('\n') + '\n';
    const progress: ReplaceProgress[] = [];
    const res = await replaceData(db.runner(), [
      { name: 'order_lines.csv', bytes: new Blob([lines]) },
      { name: 'export.csv', bytes: new Blob([cp1252(BODY).buffer as ArrayBuffer]), mapping: MAPPING({ encoding: 'windows-1252' }) },
    ], decodeParquetNode, (p) => progress.push(p), { importSql: SQL });
    expect(res.problem).toBeNull();
    expect(res.reports.map((r) => [r.file, r.rowsRead, r.rowsLoaded, r.rowsRejected])).toEqual([['order_lines.csv', 50, 50, 0], ['export.csv', 5, 4, 1]]);
    expect(await engine().query('SELECT product_name FROM products WHERE sku = $1', ['A1'])).toEqual([{ product_name: 'Café €' }]);
    // The mapped export loads first (products before order lines); rows read count on.
    const loading = progress.filter((p) => p.step === 'loading').map((p) => [p.file, p.rowsRead]);
    expect(loading).toContainEqual(['export.csv', 6]);
    expect(loading).toContainEqual(['order_lines.csv', 5 + 50]);
  });
});

describe('Parquet and JSON through a mapping', () => {
  const db = useEngine();
  const engine = () => db.runner().engine;
  const reset = async () => {
    for (const t of ['order_lines', 'products', 'shipments', 'returns', 'reviews', 'load_log', 'load_issues']) await engine().exec(`DELETE FROM ${t}`);
  };
  // The mapping was made for a semicolon CSV with a skipped title line: for Parquet and JSON
  // those settings do not apply (their columns come from the file itself).
  const mapping = MAPPING({ delimiter: ';', skipLines: 1 });

  it('reads a Parquet file: its columns by name, every row accounted for', async () => {
    await reset();
    const arrow = tableFromArrays({ SKU: ['A1', 'A2', 'A1', null], Name: ['Café, "big"', 'two\nlines', 'again', 'no sku'] });
    const parquet = writeParquet(WasmTable.fromIPCStream(tableToIPC(arrow, 'stream')));
    const r = await applyMapping(engine(), SQL, { name: 'products.parquet', bytes: parquet }, mapping, { now: NOW, decodeParquet: decodeParquetNode });
    expect(r.error).toBeUndefined();
    expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([4, 2, 2]);
    expect(await engine().query('SELECT sku, product_name FROM products ORDER BY sku')).toEqual([
      { sku: 'A1', product_name: 'Café, "big"' }, { sku: 'A2', product_name: 'two\nlines' },
    ]);
    // Line numbers of the converted text (header = 1); raw is the row as CSV.
    expect(await engine().query('SELECT line_number, reason, raw FROM load_issues ORDER BY line_number')).toEqual([
      { line_number: 4, reason: 'duplicate sku: "A1" (first on line 2)', raw: 'A1,again' },
      { line_number: 5, reason: 'missing sku', raw: ',no sku' },
    ]);
    // Without a Parquet reader the file gets one clear message and nothing loads.
    await reset();
    const refused = await applyMapping(engine(), SQL, { name: 'products.parquet', bytes: parquet }, mapping, { now: NOW });
    expect(refused.error).toBe('products.parquet: cannot be read as parquet (Parquet files cannot be read here)');
    expect(await engine().query('SELECT count(*) AS n FROM products')).toEqual([{ n: 0 }]);
  });

  it('reads JSON: an array of objects and NDJSON; a broken line refuses the file', async () => {
    for (const [name, text] of [
      ['products.json', JSON.stringify([{ SKU: 'A1', Name: 'x', extra: { deep: 1 } }, { SKU: 'A2', Name: null }, { Name: 'no sku' }])],
      ['products.ndjson', '{"SKU":"A1","Name":"x","extra":{"deep":1}}\n{"SKU":"A2"}\n\n{"Name":"no sku"}\n'],
    ] as const) {
      await reset();
      const r = await applyMapping(engine(), SQL, { name, source: tiny(enc(text), 5) }, mapping, { now: NOW });
      expect(r.error, name).toBeUndefined();
      expect([r.rowsRead, r.rowsLoaded, r.rowsRejected], name).toEqual([3, 2, 1]);
      expect(await engine().query('SELECT sku, product_name FROM products ORDER BY sku')).toEqual([{ sku: 'A1', product_name: 'x' }, { sku: 'A2', product_name: null }]);
    }
    await reset();
    const bad = await applyMapping(engine(), SQL, { name: 'p.ndjson', bytes: enc('{"SKU":"A1"}\n{"SKU":\n') }, mapping, { now: NOW });
    expect(bad.error).toBe('p.ndjson: cannot be read as json (JSON line 2 is not valid JSON)');
    // A .json file holding CSV text (the app's mapping step hands converted files over so) is read as text.
    const converted = await applyMapping(engine(), SQL, { name: 'p.json', bytes: enc('title\nSKU;Name\nB1;b\n') }, mapping, { now: NOW });
    expect([converted.error, converted.rowsLoaded]).toEqual([undefined, 1]);
  });
});
