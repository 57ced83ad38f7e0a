import type { CellObject, WorkSheet } from '@e965/xlsx';
import { csvCell, dateText } from '../data-model/csv-text';
import { isWorkbook, readAll, sheetFileName, type SourceFile } from './file-kinds';

/**
 * Excel workbooks (.xlsx, .xlsm, .xls) become one CSV text per sheet, named `book.xlsx › Sheet`
 * (file-kinds: sheetFileName), so every sheet goes through the one pipeline like any export.
 * SheetJS is loaded only when a workbook is read (its own chunk in the page). Cells are written
 * as typed values, not as Excel shows them: dates ISO (2024-01-31, or 2024-01-31 13:45:00 with
 * a time; the workbook's 1900 or 1904 date system applied), numbers in plain decimals at the 15
 * significant digits Excel keeps, formulas as their cached value, booleans TRUE/FALSE, error
 * cells as their code (#N/A: unreadable, never zero), empty cells empty.
 */

/**
 * Refused before parsing. Measured: a generated 15.4 MB .xlsx (90,000 rows × 13 columns of
 * order lines, 1.17 million cells) took 5.7 s and a peak of 513 MB to read in Node on the
 * 2-core machine; twice that would not fit a browser tab comfortably (README, "Excel workbooks").
 */
export const WORKBOOK_MAX_MB = 16;
/** Refused after parsing, for workbooks that compress unusually well (the same measurement). */
export const WORKBOOK_MAX_CELLS = 1_500_000;

export interface SheetText {
  /** `book.xlsx › Sheet name`. */
  name: string;
  /** The sheet as CSV (comma, double quotes, LF), header row first as the sheet has it. */
  text: string;
}

let sheetjs: Promise<typeof import('@e965/xlsx')> | null = null;
const loadSheetJs = () => (sheetjs ??= import('@e965/xlsx'));

const tooBig = (name: string, what: string) =>
  new Error(`${name}: the workbook is too big to read here (${what}); save its sheets as CSV (File › Save As › CSV UTF-8) and load those instead`);

/**
 * Every sheet of a workbook that holds a value, as CSV text, in the workbook's order (empty
 * sheets, such as Excel's default Sheet2 and chart sheets, are left out: they hold no rows to
 * load); throws a one-line message when it cannot.
 */
export async function readWorkbook(name: string, bytes: Uint8Array): Promise<SheetText[]> {
  if (bytes.length > WORKBOOK_MAX_MB << 20) throw tooBig(name, `${(bytes.length / 2 ** 20).toFixed(1)} MB, the limit is ${WORKBOOK_MAX_MB} MB`);
  const kind = workbookKind(name, bytes);
  if (kind) throw new Error(`${name}: cannot be read as an Excel workbook (${kind})`);
  const X = await loadSheetJs();
  let book;
  try {
    // UTC: dates are read as UTC instants, whatever the machine's time zone.
    book = X.read(bytes, { type: 'array', cellDates: true, UTC: true, dense: true, cellHTML: false, cellStyles: false, cellNF: false, bookVBA: false });
  } catch (e) {
    throw new Error(`${name}: cannot be read as an Excel workbook (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
  }
  const cells = book.SheetNames.reduce((n, s) => n + countCells(book.Sheets[s]!), 0);
  if (cells > WORKBOOK_MAX_CELLS) throw tooBig(name, `${cells.toLocaleString('en-US')} cells, the limit is ${WORKBOOK_MAX_CELLS.toLocaleString('en-US')}`);
  const sheets = book.SheetNames.map((s) => ({ name: sheetFileName(name, s), text: sheetCsv(book.Sheets[s]!) })).filter((s) => s.text !== '');
  if (sheets.length === 0) throw new Error(`${name}: the workbook is empty (no sheet holds a value)`);
  return sheets;
}

/**
 * The files of a batch with each workbook replaced by its sheets (UTF-8 CSV bytes), other files
 * as they are; a workbook that cannot be read is set aside with its one-line reason.
 */
export async function expandWorkbooks(files: readonly SourceFile[]): Promise<{ files: SourceFile[]; unreadable: { name: string; error: string }[] }> {
  const out: SourceFile[] = [];
  const unreadable: { name: string; error: string }[] = [];
  for (const f of files) {
    if (!isWorkbook(f.name)) {
      out.push(f);
      continue;
    }
    try {
      if (f.source && f.source.size > WORKBOOK_MAX_MB << 20) throw tooBig(f.name, `${(f.source.size / 2 ** 20).toFixed(1)} MB, the limit is ${WORKBOOK_MAX_MB} MB`);
      const sheets = await readWorkbook(f.name, f.bytes ?? (f.source ? await readAll(f.source) : new Uint8Array()));
      out.push(...sheets.map((s) => ({ name: s.name, bytes: new TextEncoder().encode(s.text) })));
    } catch (e) {
      unreadable.push({ name: f.name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { files: out, unreadable };
}

/**
 * Why the bytes are not a workbook, or null: .xlsx/.xlsm are zip packages; .xls is an OLE2
 * (BIFF) file or text (the HTML, XML or tab-separated files many systems name .xls, which Excel
 * opens too); SheetJS would read any bytes as text, so binary garbage stops here.
 */
function workbookKind(name: string, bytes: Uint8Array): string | null {
  const starts = (...b: number[]) => b.every((x, i) => bytes[i] === x);
  if (/\.xls$/i.test(name)) return starts(0xd0, 0xcf, 0x11, 0xe0) || !bytes.subarray(0, 4096).includes(0) ? null : 'neither an Excel 97-2003 file nor text';
  // A password-protected .xlsx is an OLE2 container holding the encrypted package.
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'it is password-protected: remove the password in Excel, or save its sheets as CSV';
  return starts(0x50, 0x4b, 0x03, 0x04) ? null : 'not an .xlsx package';
}

function countCells(ws: WorkSheet): number {
  let n = 0;
  for (const row of (ws['!data'] as (CellObject | undefined)[][] | undefined) ?? []) for (const c of row ?? []) if (c && c.t !== 'z') n++;
  return n;
}

/**
 * The sheet's cells as CSV. Rows with no value are left out (blank lines between blocks, the
 * empty rows above a table); columns start at the first one holding a value and every row is
 * as wide as the widest. A cell merged over several rows (a region written once beside its
 * rows) repeats its value in each of them, as it shows on screen; one merged across columns
 * (a title over the table) stays in its first column, so a title row still reads as one cell
 * and the mapping step's title-row detection (skipLines) works as for a CSV file.
 */
export function sheetCsv(ws: WorkSheet): string {
  const data = ((ws['!data'] as (CellObject | undefined)[][] | undefined) ?? []).map((r) => (r ?? []).map(cellText));
  for (const m of ws['!merges'] ?? []) {
    const value = data[m.s.r]?.[m.s.c] ?? '';
    for (let r = m.s.r + 1; r <= m.e.r; r++) (data[r] ??= [])[m.s.c] = value;
  }
  const rows = data.filter((r) => r && r.some((v) => v !== ''));
  let first = Infinity;
  let width = 0;
  for (const r of rows) {
    r.forEach((v, c) => {
      if (v !== '' && v !== undefined) {
        first = Math.min(first, c);
        width = Math.max(width, c + 1);
      }
    });
  }
  return rows.map((r) => Array.from({ length: width - first }, (_, i) => csvCell(r[first + i] ?? '')).join(',') + '\n').join('');
}

function cellText(c: CellObject | undefined): string {
  if (!c || c.v === undefined || c.v === null) return '';
  if (c.v instanceof Date) return excelDateText(c.v);
  if (typeof c.v === 'number') return c.t === 'e' ? (c.w ?? '#ERROR') : numberText(c.v);
  if (typeof c.v === 'boolean') return c.v ? 'TRUE' : 'FALSE';
  return String(c.v);
}

/** A date cell to the second (serial fractions carry float noise); a time alone (day 0) as 13:45:00. */
function excelDateText(d: Date): string {
  const ms = Math.round(d.getTime() / 1000) * 1000;
  if (Number.isNaN(ms)) return '';
  const t = new Date(ms);
  return t.getUTCFullYear() < 1900 ? t.toISOString().slice(11, 19) : dateText(t);
}

/** A number as Excel keeps it (15 significant digits: 0.1+0.2 is 0.3), in plain decimals, never 1e-7. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(Number(n.toPrecision(15)));
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[2]! + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp < 0) return `${m[1]}0.${'0'.repeat(-exp - 1)}${digits}`;
  return `${m[1]}${digits}${'0'.repeat(Math.max(0, exp - digits.length + 1))}`;
}
