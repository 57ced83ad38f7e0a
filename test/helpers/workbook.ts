import * as XLSX from '@e965/xlsx';
import { parseCsv } from './csv';

/**
 * Workbooks the tests write themselves with SheetJS, as Excel would store them: dates as date
 * cells (serial numbers with a date format), numbers as numbers, text as text.
 */

export type Cell = string | number | boolean | Date | null | XLSX.CellObject;

/** A UTC date (month 1-12), as a date cell. */
export const day = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm, ss));

export function sheetOf(rows: Cell[][]): XLSX.WorkSheet {
  return XLSX.utils.aoa_to_sheet(rows, { cellDates: false, UTC: true, dateNF: 'yyyy-mm-dd hh:mm:ss' });
}

/** The workbook's bytes; `date1904` marks it as using the 1904 date system (cells as given). */
export function workbookBytes(sheets: Record<string, XLSX.WorkSheet | Cell[][]>, options: { bookType?: 'xlsx' | 'xls'; date1904?: boolean } = {}): Uint8Array<ArrayBuffer> {
  const wb = XLSX.utils.book_new();
  for (const [name, s] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, Array.isArray(s) ? sheetOf(s) : s, name);
  if (options.date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { date1904: true } };
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: options.bookType ?? 'xlsx' }) as ArrayBuffer);
}

/**
 * A canonical CSV's rows typed as an Excel user's sheet would hold them: ISO dates and
 * date-times as date cells, plain decimals as numbers, true/false as booleans, the rest text.
 */
export function typedRows(csvText: string): Cell[][] {
  const [header, ...rows] = parseCsv(csvText).filter((r) => r.length > 1 || r[0] !== '');
  return [header!, ...rows.map((r) => r.map(typed))];
}

function typed(v: string): Cell {
  if (v === '') return null;
  const d = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d))?$/.exec(v);
  if (d) return day(+d[1]!, +d[2]!, +d[3]!, +(d[4] ?? 0), +(d[5] ?? 0), +(d[6] ?? 0));
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}
