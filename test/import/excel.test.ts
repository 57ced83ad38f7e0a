import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { expandWorkbooks, numberText, readWorkbook, WORKBOOK_MAX_MB } from '../../src/loader/excel';
import { routeOf } from '../../src/loader/file-route';
import { canonicalTableOf, formatOf, sheetOf as sheetNameParts } from '../../src/loader/file-kinds';
import { sniff } from '../../src/loader/import/decode';
import { parseCsv } from '../helpers/csv';
import { day, sheetOf, workbookBytes } from '../helpers/workbook';

/** The reader: every sheet of a workbook the test writes, as CSV text with typed cells. */

const rowsOf = async (bytes: Uint8Array, sheet: string, book = 'book.xlsx') => {
  const sheets = await readWorkbook(book, bytes);
  const s = sheets.find((x) => x.name === `${book} \u203a ${sheet}`);
  if (!s) throw new Error(`no sheet ${sheet} in ${sheets.map((x) => x.name).join(', ')}`);
  return parseCsv(s.text);
};

describe('Excel workbooks as CSV text', () => {
  it('names every sheet book.xlsx › Sheet, in the workbook order (empty sheets left out), each a canonical candidate by its sheet name', async () => {
    const sheets = await readWorkbook('book.xlsx', workbookBytes({ Orders: [['a'], [1]], Sheet2: [], order_lines: [['b'], [2]], Blank: [[null, ''], []], 'Returns 2024': [['c'], [3]] }));
    expect(sheets.map((s) => s.name)).toEqual(['book.xlsx › Orders', 'book.xlsx › order_lines', 'book.xlsx › Returns 2024']);
    expect(sheetNameParts('data/book.xlsx › Returns 2024')).toEqual({ book: 'data/book.xlsx', sheet: 'Returns 2024' });
    expect(formatOf('book.xlsx › Orders')).toBe('csv');
    expect(formatOf('book.xlsx')).toBeNull();
    expect(canonicalTableOf('book.xlsx › Order_Lines ')).toBe('order_lines');
    expect(canonicalTableOf('order_lines.xlsx › Orders')).toBeNull();
  });

  it('writes Excel dates as ISO dates and date-times, whatever the time zone', async () => {
    const bytes = workbookBytes({ S: [['day', 'at'], [day(2024, 1, 31), day(2024, 2, 29, 13, 45, 30)], [day(1999, 12, 31), day(2024, 3, 1, 0, 0, 1)]] });
    expect(await rowsOf(bytes, 'S')).toEqual([['day', 'at'], ['2024-01-31', '2024-02-29 13:45:30'], ['1999-12-31', '2024-03-01 00:00:01']]);
  });

  it('reads the 1904 date system (serial 43860 is 2024-01-31 there, 2020-01-30 in the 1900 system)', async () => {
    const cells = [['d'], [{ t: 'n', v: 43860, z: 'yyyy-mm-dd' } as XLSX.CellObject], [{ t: 'n', v: 43860.5, z: 'yyyy-mm-dd hh:mm' } as XLSX.CellObject]];
    expect(await rowsOf(workbookBytes({ S: cells }, { date1904: true }), 'S')).toEqual([['d'], ['2024-01-31'], ['2024-01-31 12:00:00']]);
    expect(await rowsOf(workbookBytes({ S: cells }), 'S')).toEqual([['d'], ['2020-01-30'], ['2020-01-30 12:00:00']]);
  });

  it('writes numbers as plain decimals (no exponent, 15 significant digits as Excel keeps them)', async () => {
    expect(await rowsOf(workbookBytes({ S: [['n'], [1234.5], [-0.25], [1e-7], [2 ** 60], [0.1 + 0.2], [3]] }), 'S')).toEqual([
      ['n'], ['1234.5'], ['-0.25'], ['0.0000001'], ['1152921504606850000'], ['0.3'], ['3'],
    ]);
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(-1.5e-10)).toBe('-0.00000000015');
  });

  it('writes the cached value of a formula, TRUE/FALSE, error codes and empty cells empty', async () => {
    const ws = sheetOf([['qty', 'price', 'total', 'flag', 'note'], [2, 9.99, null, true, 'x'], [3, null, null, false, null]]);
    ws['C2'] = { t: 'n', v: 19.98, f: 'A2*B2' };
    ws['C3'] = { t: 'e', v: 0x2a, f: 'A3*#N/A', w: '#N/A' };
    expect(await rowsOf(workbookBytes({ S: ws }), 'S')).toEqual([
      ['qty', 'price', 'total', 'flag', 'note'], ['2', '9.99', '19.98', 'TRUE', 'x'], ['3', '', '#N/A', 'FALSE', ''],
    ]);
  });

  it('leaves out blank rows and columns, repeats a value merged down its rows, keeps a title merged across in one cell', async () => {
    const ws = sheetOf([[], [null, 'Orders report'], [], [null, 'region', 'order', 'total'], [null, 'North', 'A1', 10], [null, null, 'A2', 20], [], [null, 'South', 'A3', 5]]);
    ws['!merges'] = [XLSX.utils.decode_range('B2:D2'), XLSX.utils.decode_range('B5:B6')];
    const text = (await readWorkbook('book.xlsx', workbookBytes({ S: ws })))[0]!.text;
    expect(text).toBe('Orders report,,\nregion,order,total\nNorth,A1,10\nNorth,A2,20\nSouth,A3,5\n');
    // The title stays a row of its own above the header, as in a CSV export: skipLines applies as there.
    expect(sniff(new TextEncoder().encode(text), 'book.xlsx › S').header).toEqual(['Orders report', 'column2', 'column3']);
  });

  it('reads .xls (BIFF8) workbooks with the same typed cells', async () => {
    const bytes = workbookBytes({ Orders: [['order', 'day', 'total'], ['A1', day(2024, 5, 6), 12.5]] }, { bookType: 'xls' });
    expect(await rowsOf(bytes, 'Orders', 'book.xls')).toEqual([['order', 'day', 'total'], ['A1', '2024-05-06', '12.5']]);
  });

  it('loads a sheet directly only when it is named after a table AND its header fits that table', async () => {
    // The one routing decision (src/loader/file-route.ts), with the sheet's header.
    const ok = ['order_id', 'line_id', 'order_date', 'sku', 'quantity', 'unit_price'];
    expect(routeOf('b.xlsx › order_lines', ok)).toEqual({ kind: 'canonical', table: 'order_lines' });
    expect(routeOf('b.xlsx › returns', ['Order ID', 'Returned'])).toMatchObject({ kind: 'mapping', namedLike: { table: 'returns' } });
    expect(routeOf('b.xlsx › Orders', ok)).toEqual({ kind: 'mapping' });
  });

  it('refuses a workbook over the size limit before parsing it, with one line saying to export CSV', async () => {
    const big = new Uint8Array((WORKBOOK_MAX_MB << 20) + 1);
    await expect(readWorkbook('huge.xlsx', big)).rejects.toThrow(/^huge\.xlsx: the workbook is too big to read here \(16\.0 MB, the limit is 16 MB\); save its sheets as CSV/);
    const { files, unreadable } = await expandWorkbooks([{ name: 'a.csv', text: 'x\n1\n' }, { name: 'huge.xlsx', bytes: big }, { name: 'bad.xls', bytes: new TextEncoder().encode('\u0000\u0001not a workbook') }]);
    expect(files.map((f) => f.name)).toEqual(['a.csv']);
    expect(unreadable.map((u) => u.name)).toEqual(['huge.xlsx', 'bad.xls']);
    await expect(readWorkbook('empty.xlsx', workbookBytes({ Sheet1: [] }))).rejects.toThrow('empty.xlsx: the workbook is empty (no sheet holds a value)');
    const locked = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readWorkbook('locked.xlsx', locked)).rejects.toThrow('locked.xlsx: cannot be read as an Excel workbook (it is password-protected: remove the password in Excel, or save its sheets as CSV)');
    expect(unreadable[1]!.error).toBe('bad.xls: cannot be read as an Excel workbook (neither an Excel 97-2003 file nor text)');
  });
});
