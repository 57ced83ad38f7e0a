import { format as formatDate } from 'date-fns';
import type { Row } from '../engine/types';
import { csvNoteLine, toCsvParts } from './csv';
import { toParquet, type ExportColumnType, type ParquetWriter } from './parquet';

/** What a user can download: the rows of a table, every one of them, as CSV or Parquet. */
export type ExportFormat = 'csv' | 'parquet';

export interface ExportFile {
  /** File contents in parts, for `new Blob(parts, { type: mime })`. */
  parts: (string | Uint8Array)[];
  mime: string;
  extension: ExportFormat;
  rows: number;
}

export interface ExportOptions {
  /** Writes Parquet (parquet-browser.ts in the app, parquet-node.ts in Node). */
  parquetWriter: ParquetWriter;
  /** Column types for Parquet (inferred from the values when absent). */
  types?: Partial<Record<string, ExportColumnType>>;
  /** Progress of the file building, 0..1. */
  onProgress?: (fraction: number) => void;
  /** A note the file must carry (personal data): a CSV's first line, Parquet key/value metadata `note`. */
  note?: string;
}

/**
 * Builds the file for `rows` with `columns` in that order. No row cap. CSV cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) are prefixed with a
 * quote, the note too: these files are opened by people (numbers stay numbers: -2 is written
 * as -2).
 */
export async function buildExport(format: ExportFormat, rows: Row[], columns: string[], options: ExportOptions): Promise<ExportFile> {
  if (format === 'csv') {
    const parts = await toCsvParts(rows, columns, { neutralizeFormulas: true }, (done, total) =>
      options.onProgress?.(total === 0 ? 1 : done / total),
    );
    const noteLine = csvNoteLine(options.note);
    if (noteLine) parts.unshift(noteLine);
    return { parts, mime: 'text/csv;charset=utf-8', extension: 'csv', rows: rows.length };
  }
  const bytes = await toParquet(rows, columns, options.parquetWriter, {
    types: options.types,
    ...(options.note ? { metadata: { note: options.note } } : {}),
    // Converting the columns is most of the work; writing is the last step.
    onProgress: (done, total) => options.onProgress?.((0.9 * done) / total),
  });
  options.onProgress?.(1);
  return { parts: [bytes], mime: 'application/vnd.apache.parquet', extension: 'parquet', rows: rows.length };
}

/** `returns-insight-<kind>-<yyyy-mm-dd>.<ext>`, dated today in the user's time zone. */
export function exportFileName(kind: string, extension: ExportFormat, today: Date = new Date()): string {
  const safeKind = kind.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'rows';
  return `returns-insight-${safeKind}-${formatDate(today, 'yyyy-MM-dd')}.${extension}`;
}
