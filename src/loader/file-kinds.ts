import { CANONICAL_TABLES, type CanonicalTable } from '../data-model/contract';

export type FileFormat = 'csv' | 'tsv' | 'parquet' | 'json';

export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** A file's bytes read in pieces, so a big file never has to sit in memory whole. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** The file on disk, when there is one (Node): the native engine can read it where it lies. */
  path?: string;
}

/**
 * A file to load: its bytes, a source to read them from in pieces (a browser File or Blob:
 * blobSource; a path in Node: src/loader/node-files.ts), or its text already decoded.
 */
export interface SourceFile {
  name: string;
  bytes?: Uint8Array;
  source?: ByteSource;
  text?: string;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

/** A browser File (or any Blob): pieces are sliced off lazily, the file is never read whole. */
export function blobSource(blob: Blob): ByteSource {
  return { size: blob.size, read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()) };
}

/** The source's bytes in one buffer (Parquet and JSON are parsed whole). */
export function readAll(source: ByteSource): Promise<Uint8Array> {
  return readRange(source, 0, source.size);
}

/** Exactly `length` bytes from `offset` (fewer only at the end): a single read may return less than asked. */
export async function readRange(source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(Math.max(0, Math.min(length, source.size - offset)));
  let done = 0;
  while (done < out.length) {
    const piece = await source.read(offset + done, out.length - done);
    if (piece.length === 0) break;
    out.set(piece, done);
    done += piece.length;
  }
  return out.subarray(0, done);
}

/** Excel workbooks (.xlsx, .xlsm, .xls): never loaded as such, each sheet is (src/loader/excel.ts). */
const WORKBOOK = /\.(xlsx|xlsm|xls)$/i;

/**
 * A workbook's sheet is a file of its own named `book.xlsx › Sheet name` (space, U+203A
 * SINGLE RIGHT-POINTING ANGLE QUOTATION MARK, space: allowed in file and sheet names alike,
 * unlikely in either, and no pattern character of `--mapping` files), staged as CSV text.
 */
export const SHEET_SEPARATOR = ' \u203a ';

export function isWorkbook(fileName: string): boolean {
  return WORKBOOK.test(fileName);
}

export function sheetFileName(bookName: string, sheet: string): string {
  return `${bookName}${SHEET_SEPARATOR}${sheet}`;
}

/** The workbook and sheet a sheet's file name stands for; null for any other file. */
export function sheetOf(fileName: string): { book: string; sheet: string } | null {
  const m = /^(.*?\.(?:xlsx|xlsm|xls)) \u203a (.*)$/is.exec(fileName);
  return m ? { book: m[1]!, sheet: m[2]! } : null;
}

/** Format from the file extension (a workbook's sheet is CSV text); null when we cannot read it. */
export function formatOf(fileName: string): FileFormat | null {
  if (sheetOf(fileName)) return 'csv';
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'parquet' || ext === 'pq') return 'parquet';
  if (ext === 'json' || ext === 'ndjson' || ext === 'jsonl') return 'json';
  return null;
}

/** Canonical files are named after their table: `returns.csv`, `order_lines.parquet`, a sheet `book.xlsx › returns` ... */
export function canonicalTableOf(fileName: string): CanonicalTable | null {
  const sheet = sheetOf(fileName)?.sheet;
  const base = sheet !== undefined ? sheet.trim().toLowerCase() : fileName.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '').toLowerCase();
  return (CANONICAL_TABLES as readonly string[]).includes(base) ? (base as CanonicalTable) : null;
}
