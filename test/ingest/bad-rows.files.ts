import { DateDay, Decimal, Float64, Int32, makeData, makeVector, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { CONTRACT, type CanonicalTable } from '../../src/data-model/contract';
import { writeParquetNode } from '../../src/export/parquet-node';
import type { MappingSpec } from '../../src/loader/import/spec';

/**
 * The bad-rows suite's files: one logical table (header + cell texts, as a person would type
 * them) written as CSV, TSV, JSON or Parquet bytes, and the identity mapping that reads each
 * canonical column from the column of the same name (the mapping path of the same file).
 *
 * Parquet: DuckDB-WASM's Node build has no parquet extension (COPY ... (FORMAT parquet) is
 * "not in the catalog" and extensions are not downloaded), so Parquet bytes are written the
 * way the project's own exports write them: an Arrow table (apache-arrow) through parquet-wasm.
 */

export type Format = 'csv' | 'tsv' | 'json' | 'parquet';

/** How a Parquet column is typed; the cell texts are read into that type. */
export type ParquetType = 'utf8' | 'int32' | 'float64' | 'date' | 'decimal(10,2)';

export interface LogicalTable {
  table: CanonicalTable;
  header: string[];
  rows: string[][];
  /** Parquet column types where they differ from the contract's (VARCHAR utf8, INTEGER int32, DOUBLE float64, DATE date, others utf8). */
  parquet?: Partial<Record<string, ParquetType>>;
}

/** The order_lines columns the suite writes (the required ones and currency). */
export const LINES = ['order_id', 'line_id', 'order_date', 'sku', 'quantity', 'unit_price', 'currency'];

export const lines = (rows: string[][], parquet?: LogicalTable['parquet']): LogicalTable => ({ table: 'order_lines', header: LINES, rows, parquet });

/** One order_lines row in LINES order. */
export const line = (order: string, lineId: string, sku: string, quantity = '1', price = '10', date = '2025-01-10'): string[] =>
  [order, lineId, date, sku, quantity, price, 'EUR'];

export interface CaseFile {
  name: string;
  bytes: Uint8Array;
  format: Format;
  table: CanonicalTable;
  /** The header as written (the identity mapping reads these columns). */
  header: string[];
  /** The text encoding the file's bytes are in (the identity mapping says it). */
  encoding: 'utf-8' | 'windows-1252';
}

const enc = (s: string) => new TextEncoder().encode(s);

/** Delimited text; a cell holding the delimiter, a quote or a line break is quoted. `raw` rows are written as given. */
export function delimited(t: LogicalTable, delimiter: ',' | '\t', raw: Record<number, string> = {}): string {
  const cell = (c: string) => (c.includes(delimiter) || /["\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const lines = [t.header.join(delimiter), ...t.rows.map((r, i) => raw[i] ?? r.map(cell).join(delimiter))];
  return lines.join('\n') + '\n';
}

/** A JSON number as written by hand (1e999, 9007199254740993 and 2.0 stay exactly as typed). */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * An array of objects, written as text: a cell that is a JSON number is written unquoted, as
 * typed; an empty cell is null; any other cell is a JSON string (escaped by JSON.stringify).
 */
export function jsonText(t: LogicalTable): string {
  const value = (c: string) => (c === '' ? 'null' : JSON_NUMBER.test(c) ? c : JSON.stringify(c));
  const objects = t.rows.map((r) => `  {${t.header.map((h, i) => `${JSON.stringify(h)}: ${value(r[i] ?? '')}`).join(', ')}}`);
  return `[\n${objects.join(',\n')}\n]\n`;
}

function defaultParquetType(table: CanonicalTable, column: string): ParquetType {
  const type = CONTRACT[table].columns.find((c) => c.name === column)?.type;
  return type === 'INTEGER' ? 'int32' : type === 'DOUBLE' ? 'float64' : type === 'DATE' ? 'date' : 'utf8';
}

/** One Parquet column from cell texts ('' = null). */
function parquetColumn(cells: string[], type: ParquetType): Vector {
  const nul = <T>(f: (c: string) => T) => cells.map((c) => (c === '' ? null : f(c)));
  switch (type) {
    case 'utf8':
      return vectorFromArray(nul((c) => c), new Utf8());
    case 'int32':
      return vectorFromArray(nul((c) => Number.parseInt(c, 10)), new Int32());
    case 'float64':
      return vectorFromArray(nul((c) => Number(c)), new Float64());
    case 'date':
      return vectorFromArray(nul((c) => new Date(`${c}T00:00:00Z`)), new DateDay());
    case 'decimal(10,2)': {
      // 128-bit little-endian unscaled integers (value × 100), four 32-bit words each.
      const words = new Uint32Array(cells.length * 4);
      cells.forEach((c, i) => {
        let v = BigInt(Math.round(Number(c) * 100));
        if (v < 0n) v += 1n << 128n;
        for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((v >> BigInt(32 * w)) & 0xffffffffn);
      });
      return makeVector(makeData({ type: new Decimal(2, 10, 128), length: cells.length, nullCount: 0, data: words }));
    }
  }
}

export async function parquetBytes(t: LogicalTable): Promise<Uint8Array> {
  const columns: Record<string, Vector> = {};
  t.header.forEach((h, i) => {
    columns[h] = parquetColumn(t.rows.map((r) => r[i] ?? ''), t.parquet?.[h] ?? defaultParquetType(t.table, h));
  });
  return writeParquetNode(tableToIPC(new Table(columns), 'stream'));
}

/** windows-1252 bytes of a text (ASCII plus the few letters the suite uses). */
export function cp1252(s: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, 'é': 0xe9, 'ü': 0xfc, 'è': 0xe8, 'ä': 0xe4 };
  return Uint8Array.from([...s].map((ch) => {
    const b = high[ch] ?? ch.charCodeAt(0);
    if (b > 0xff || (b >= 0x80 && high[ch] === undefined)) throw new Error(`cp1252(): add ${ch} to the table`);
    return b;
  }));
}

export interface FileOptions {
  /** CSV/TSV only: data rows (0-based) written as this exact line instead. */
  raw?: Record<number, string>;
  /** CSV/TSV only: the bytes are windows-1252, not UTF-8. */
  cp1252?: boolean;
}

/** The table as a file of the format, named after its table (order_lines.csv ...). */
export async function fileOf(t: LogicalTable, format: Format, options: FileOptions = {}): Promise<CaseFile> {
  const name = `${t.table}.${format}`;
  const text = format === 'csv' ? delimited(t, ',', options.raw) : format === 'tsv' ? delimited(t, '\t', options.raw) : format === 'json' ? jsonText(t) : null;
  const bytes = text === null ? await parquetBytes(t) : options.cp1252 ? cp1252(text) : enc(text);
  return { name, bytes, format, table: t.table, header: t.header, encoding: options.cp1252 ? 'windows-1252' : 'utf-8' };
}

/**
 * The identity mapping of a file, as a user would save it: its source format, one target (the
 * file's table), each canonical column the file has read from the column of the same name
 * (default transforms: ISO dates, '.' decimals). Parquet and JSON ignore the source format.
 */
export function identityMapping(f: CaseFile): MappingSpec {
  const known = new Set(CONTRACT[f.table].columns.map((c) => c.name));
  return {
    version: 1,
    name: `identity ${f.table}`,
    files: [f.name],
    source: { encoding: f.encoding, delimiter: f.format === 'tsv' ? '\t' : ',', quote: '"', skipLines: 0, header: true, nullValues: [] },
    targets: [{ table: f.table, columns: Object.fromEntries(f.header.filter((h) => known.has(h)).map((h) => [h, { column: h }])) }],
  };
}
