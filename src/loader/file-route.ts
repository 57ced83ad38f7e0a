import type { CanonicalTable } from '../data-model/contract';
import { canonicalTableOf, formatOf, readRange, type ByteSource } from './file-kinds';
import { canonicalMapping, canonicalSource } from './import/canonical-mapping';
import { sniff, type Sniff } from './import/decode';

/**
 * How a file is read: the one decision the page (mapping step) and the CLI (folder planning)
 * share. A file's name is a hint, never a verdict: a file named after a canonical table
 * (`returns.csv`) loads as that table only when its header fits it (every required column of
 * the table present); otherwise it is read like any other export (presets by header, then
 * suggestions), so a `Returns.csv` holding a list of returned orders is recognised by content.
 */

export type FileRoute =
  | { kind: 'canonical'; table: CanonicalTable }
  /** Read through a mapping; `namedLike`: the name says a canonical table whose header it does not have. */
  | { kind: 'mapping'; namedLike?: { table: CanonicalTable; missing: string } }
  | { kind: 'unsupported'; message: string };

export const UNSUPPORTED_MESSAGE = 'This type of file cannot be read. Use CSV, TSV, Parquet, JSON or an Excel workbook.';

/**
 * The route of a file from its name and, when it has been read, its header. Without a header
 * (not read yet, or Parquet/JSON whose columns are not sniffed) a canonical name is taken at
 * its word; the load still refuses a file whose columns do not fit.
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

/** Whether the route needs the file's header: a delimited text file named after a canonical table. */
export function needsHeader(fileName: string): boolean {
  const format = formatOf(fileName);
  return (format === 'csv' || format === 'tsv') && canonicalTableOf(fileName) !== null;
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

/** The route of a file after reading its header when its name alone does not decide it. */
export async function routeByContent(fileName: string, source: ByteSource): Promise<FileRoute> {
  if (!needsHeader(fileName)) return routeOf(fileName);
  const s = await sniffHead(source, fileName, 64 * 1024).catch(() => null);
  return routeOf(fileName, s?.header ?? null);
}
