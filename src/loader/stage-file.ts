import type { Engine } from '../engine/types';
import { ident } from '../data-model/schema-ddl';
import { formatOf, type InputFile } from './file-kinds';
import { arrowIPCToCsv } from './arrow-to-csv';
import { jsonToArrowIPC } from './json-to-arrow';

/** Decodes Parquet to an Arrow IPC stream (parquet-wasm: a Node and a browser build). */
export type ParquetDecoder = (bytes: Uint8Array) => Promise<Uint8Array>;

export interface StagedFile {
  /** Temp table with `__line` (record number, header = line 1) and every column as text. */
  table: string;
  columns: string[];
  /** Rows the CSV parser could not read, with their line and raw text. */
  parserRejects: { line: number; reason: string; raw: string }[];
}

let counter = 0;

/**
 * Reads any supported file into an all-text staging table, so every row that was read can be
 * either loaded or listed as rejected: nothing is dropped by a parser silently.
 */
export async function stageFile(engine: Engine, file: InputFile, decodeParquet: ParquetDecoder): Promise<StagedFile> {
  const format = formatOf(file.name);
  if (!format) throw new Error(`${file.name}: unsupported file type (use .csv, .tsv, .parquet or .json)`);
  const table = `stage_${++counter}`;
  const raw = `${table}_raw`;
  let parserRejects: StagedFile['parserRejects'] = [];
  let csvBytes = file.bytes;
  let csvFormat: 'csv' | 'tsv' = format === 'tsv' ? 'tsv' : 'csv';
  if (format === 'parquet' || format === 'json') {
    try {
      const ipc = format === 'parquet' ? await decodeParquet(file.bytes) : jsonToArrowIPC(file.bytes);
      csvBytes = new TextEncoder().encode(arrowIPCToCsv(ipc));
      csvFormat = 'csv';
    } catch (e) {
      throw new Error(`${file.name}: cannot be read as ${format} (${firstLine(e)})`);
    }
  }
  const vfile = `upload_${counter}.${csvFormat}`;
  await engine.registerFile(vfile, normalizeLineEndings(csvBytes));
  // Explicit quote/escape: without them the sniffer may pick none and split quoted commas.
  const dialect = csvFormat === 'tsv' ? `delim = '\\t'` : `delim = ',', quote = '"', escape = '"'`;
  try {
    await engine.exec(
      `CREATE OR REPLACE TEMP TABLE ${raw} AS SELECT * FROM read_csv('${vfile}', header = true, all_varchar = true,
         ignore_errors = true, store_rejects = true, rejects_scan = '${table}_scan', rejects_table = '${table}_rejects',
         null_padding = false, strict_mode = true, ${dialect})`,
    );
    const rejects = await engine.query(
      `SELECT line, any_value(error_type) AS error_type, any_value(csv_line) AS raw
       FROM ${table}_rejects GROUP BY line ORDER BY line`,
    );
    parserRejects = rejects.map((r) => ({
      line: Number(r.line),
      reason: `unreadable row (${String(r.error_type).toLowerCase().replace(/_/g, ' ')})`,
      raw: String(r.raw ?? ''),
    }));
  } catch (e) {
    throw new Error(`${file.name}: cannot be read as ${format.toUpperCase()} (${firstLine(e)})`);
  } finally {
    await engine.dropFile(vfile);
  }
  const cols = (await engine.query(`SELECT column_name FROM information_schema.columns WHERE table_name = '${raw}' ORDER BY ordinal_position`)).map(
    (r) => String(r.column_name),
  );
  const select = cols.map((c) => `CAST(${ident(c)} AS VARCHAR) AS ${ident(c)}`).join(', ');
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT CAST(row_number() OVER () + 1 AS BIGINT) AS __line, ${select} FROM ${raw}`,
  );
  if (parserRejects.length > 0) {
    // Records the parser skipped shift the numbering: the k-th good record sits after every
    // rejected line r_i (i-th in order) with r_i - i - 1 good lines before it.
    await engine.exec(
      `UPDATE ${table} SET __line = __line + (SELECT count(*) FROM
         (SELECT line - row_number() OVER (ORDER BY line) - 1 AS good_before FROM (SELECT DISTINCT line FROM ${table}_rejects)) r
         WHERE r.good_before < ${table}.__line - 1)`,
    );
  }
  await engine.exec(`DROP TABLE IF EXISTS ${raw}`);
  return { table, columns: cols, parserRejects };
}

/**
 * CRLF and lone CR line ends as LF. DuckDB's reader takes one newline style from the first
 * lines, so a file mixing them (exports concatenated from several systems) would split rows
 * wrongly or leave a CR at the end of the last cell; a line break inside a quoted cell becomes
 * LF too. The bytes are returned as they are when they hold no CR. Byte-level is safe for UTF-8
 * (0x0D never occurs inside a multi-byte character).
 */
export function normalizeLineEndings(bytes: Uint8Array): Uint8Array {
  const first = bytes.indexOf(0x0d);
  if (first < 0) return bytes;
  const out = new Uint8Array(bytes.length);
  out.set(bytes.subarray(0, first));
  let n = first;
  for (let i = first; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0d) {
      out[n++] = 0x0a;
      if (bytes[i + 1] === 0x0a) i++;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
