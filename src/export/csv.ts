import { csvCell, dateText } from '../data-model/csv-text';
import type { Row } from '../engine/types';

export interface CsvOptions {
  /**
   * Prefix text cells that a spreadsheet would run as a formula (= + - @, tab, CR) with a
   * quote. On for every file a person may open: the page's exports and every CSV the CLI
   * writes. Numbers are never text here (a numeric column's -3 is written as -3).
   */
  neutralizeFormulas?: boolean;
}

/** RFC 4180 CSV of plain rows, columns in the order given. Dates at midnight UTC print as dates. */
export function toCsv(rows: Row[], columns: string[], options: CsvOptions = {}): string {
  const lines = [columns.map((c) => cell(c, options)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => cell(row[c], options)).join(','));
  }
  return lines.join('\n') + '\n';
}

function cell(v: unknown, options: CsvOptions): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return csvCell(options.neutralizeFormulas ? neutralizeFormula(s) : s);
}

/**
 * Text a spreadsheet would run as a formula (starting with = + - @, tab or CR) with a quote in
 * front, so it shows as text. The one neutraliser: every cell of a file a person opens, and
 * anything else written into such a file (a note from the page's URL, say).
 */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * A note (e.g. "customer ids are personal data") as the first line of a CSV export: one
 * quoted cell, so a spreadsheet shows it in A1 above the header row; readers that expect the
 * header first skip one line. A drill's note comes from the page's URL, which anyone can
 * write (a shared link), so it is neutralised like any cell. Null without a note.
 */
export function csvNoteLine(note: string | undefined): string | null {
  const text = note?.replace(/[\r\n]+/g, ' ').trim();
  if (!text) return null;
  return `"${neutralizeFormula(text).replace(/"/g, '""')}"\n`;
}

/**
 * The same CSV as `toCsv`, built in chunks of `chunkRows` rows with a pause between chunks,
 * so a large export (hundreds of thousands of rows) keeps the page responsive and can report
 * progress. Returns the text in parts (one per chunk) to hand to `new Blob(parts)` without
 * building one huge string. Every row is written: there is no cap.
 */
export async function toCsvParts(
  rows: Row[],
  columns: string[],
  options: CsvOptions = {},
  onProgress?: (done: number, total: number) => void,
  chunkRows = 10_000,
): Promise<string[]> {
  const parts = [columns.map((c) => cell(c, options)).join(',') + '\n'];
  for (let start = 0; start < rows.length; start += chunkRows) {
    const end = Math.min(rows.length, start + chunkRows);
    const lines: string[] = new Array(end - start);
    for (let i = start; i < end; i++) {
      const row = rows[i]!;
      lines[i - start] = columns.map((c) => cell(row[c], options)).join(',');
    }
    parts.push(lines.join('\n') + '\n');
    onProgress?.(end, rows.length);
    if (end < rows.length) await yieldToEventLoop();
  }
  return parts;
}

/** Lets the browser paint and handle input between chunks of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
