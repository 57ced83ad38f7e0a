import type { CanonicalTable } from '../data-model/contract';
import { canonicalTableOf, formatOf, readRange, type ByteSource } from './file-kinds';
import { canonicalMapping, canonicalSource } from './import/canonical-mapping';
import { sniff, type Sniff } from './import/decode';
import { leadingRecords } from './json-text';

/**
 * How a file is read: the one decision the page (mapping step) and the CLI (folder planning)
 * share. A file's name is a hint, never a verdict: a file named after a canonical table
 * (`returns.csv`) loads as that table only when its header fits it (every required column of
 * the table present); otherwise it is read like any other export (presets by header, then
 * suggestions), so a `Returns.csv` holding a list of returned orders is recognised by content.
 * The header is read the same way in the page and the CLI for every format (headerOf): CSV and
 * TSV sniffed, Parquet from the schema in its footer, JSON from the keys of its first records.
 */

export type FileRoute =
  | { kind: 'canonical'; table: CanonicalTable }
  /** Read through a mapping; `namedLike`: the name says a canonical table whose header it does not have. */
  | { kind: 'mapping'; namedLike?: { table: CanonicalTable; missing: string } }
  | { kind: 'unsupported'; message: string };

export const UNSUPPORTED_MESSAGE = 'This type of file cannot be read. Use CSV, TSV, Parquet, JSON or an Excel workbook.';

/**
 * The route of a file from its name and, when it has been read, its header. Without a header
 * (not read yet, or unreadable) a canonical name is taken at its word; the load still refuses
 * a file whose columns do not fit.
 */
export function routeOf(fileName: string, header?: readonly string[] | null): FileRoute {
  const format = formatOf(fileName);
  if (!format) return { kind: 'unsupported', message: UNSUPPORTED_MESSAGE };
  const table = canonicalTableOf(fileName);
  if (!table) return { kind: 'mapping' };
  if (!header) return { kind: 'canonical', table };
  const fit = canonicalMapping(table, header, canonicalSource(format, 'utf-8'));
  return 'error' in fit ? { kind: 'mapping', namedLike: { table, missing: fit.error } } : { kind: 'canonical', table };
}

/** Whether the route needs the file's header: a file of a readable format named after a canonical table. */
export function needsHeader(fileName: string): boolean {
  return formatOf(fileName) !== null && canonicalTableOf(fileName) !== null;
}

/**
 * A Parquet file's column names from its footer (the bytes handed over: "PAR1", then the
 * footer's metadata, its length and "PAR1" again, enough for a schema reader). parquet-wasm's
 * Node and browser builds each give one (parquet-node.ts, parquet-browser.ts).
 */
export type ParquetColumnsReader = (footerFile: Uint8Array) => Promise<string[]>;

/**
 * The column names a file starts with, whatever its format: CSV/TSV sniffed from its first
 * bytes, Parquet from the schema in its footer (only the footer is read), JSON from the keys
 * of its first records (in first-seen order, as the loader names its columns). null when the
 * start cannot be read as the format (the load then says why) or Parquet has no reader here.
 */
export async function headerOf(fileName: string, source: ByteSource, parquetColumns?: ParquetColumnsReader): Promise<string[] | null> {
  const format = formatOf(fileName);
  if (format === 'parquet') {
    const footer = await parquetFooter(source);
    return footer && parquetColumns ? parquetColumns(footer) : null;
  }
  if (format === 'json') {
    const head = await readRange(source, 0, Math.min(source.size, HEAD_BYTES));
    const records = leadingRecords(new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, ''), HEAD_ROWS);
    if (records.length === 0) return null;
    const names = new Set<string>();
    for (const r of records) for (const k of r instanceof Map ? r.keys() : ['value']) names.add(k);
    return [...names];
  }
  if (!format) return null;
  return (await sniffHead(source, fileName, 64 * 1024)).header;
}

/** "PAR1" + the footer of a Parquet file (its metadata, length and magic); null when it does not end like Parquet. */
async function parquetFooter(source: ByteSource): Promise<Uint8Array | null> {
  if (source.size < 12) return null;
  const tail = await readRange(source, source.size - 8, 8);
  const length = new DataView(tail.buffer, tail.byteOffset, 8).getUint32(0, true);
  if (new TextDecoder().decode(tail.subarray(4)) !== 'PAR1' || length + 12 > source.size) return null;
  const meta = await readRange(source, source.size - 8 - length, length + 8);
  const out = new Uint8Array(4 + meta.length);
  out.set([0x50, 0x41, 0x52, 0x31]);
  out.set(meta, 4);
  return out;
}

/** How much of a file's start is sampled for its header and the presets (the mapping step samples 200 rows). */
export const HEAD_BYTES = 1 << 20;
export const HEAD_ROWS = 200;

/**
 * The file's first bytes sniffed (encoding, delimiter, header, the first records), cut after
 * the last whole line so a record split by the cut is not sampled.
 */
export async function sniffHead(source: ByteSource, fileName: string, bytes = HEAD_BYTES): Promise<Sniff> {
  let head = await readRange(source, 0, Math.min(source.size, bytes));
  if (head.length < source.size) {
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    const nl = head.lastIndexOf(0x0a);
    if (!utf16 && nl > 0) head = head.subarray(0, nl + 1);
  }
  return sniff(head, fileName, HEAD_ROWS);
}

/** The route of a file after reading its header (headerOf) when its name alone does not decide it. */
export async function routeByContent(fileName: string, source: ByteSource, parquetColumns?: ParquetColumnsReader): Promise<FileRoute> {
  if (!needsHeader(fileName)) return routeOf(fileName);
  return routeOf(fileName, await headerOf(fileName, source, parquetColumns).catch(() => null));
}
