import { describe, expect, it } from 'vitest';
import { loadTexts } from '../../src/host/node';
import { lfLineEnds } from '../../src/loader/read-input';
import { readImportSql } from '../../src/loader/import/node';
import { loadFiles } from '../../src/loader/load-file';
import { decodeParquetNode } from '../../src/loader/parquet-node';
import { useEngine } from '../helpers/engine';

/**
 * The canonical loader (src/loader/stage-file.ts) with mixed line endings: files pasted
 * together from several systems mix CRLF, LF and even lone CR. DuckDB's reader takes one
 * newline style from the first lines and could not read such a file at all ("Error when
 * sniffing file") before line ends were made LF.
 */
describe('canonical files with mixed line endings', () => {
  const db = useEngine();
  it('makes CRLF and lone CR into LF, also when a CRLF is split between two pieces read', () => {
    expect(lfLineEnds()('a\r\nb\nc\rd\r\n\r\né\r')).toBe('a\nb\nc\nd\n\né\n');
    const pieces = lfLineEnds();
    expect(['a\r', '\nb\r', '', '\r', 'c'].map(pieces).join('')).toBe('a\nb\n\nc');
  });

  it('loads every row of a file mixing CRLF, LF and CR, with exact values and line numbers', async () => {
    await db.fixture({});
    const runner = db.runner();
    const reports = await loadTexts(runner, {
      order_lines:
        'order_id,line_id,order_date,sku,quantity,unit_price\r\n' +
        'O1,1,2024-01-01,A,1,10\n' + //   line 2 (LF)
        'O2,1,2024-01-02,B,2,5\r\n' + //  line 3 (CRLF)
        'O3,1,2024-01-03,C,x,3\r' + //    line 4 (lone CR): quantity x → rejected
        'O4,1,2024-01-04,D,1,4\n', //     line 5
      returns:
        'return_id,order_id,sku,quantity,customer_comment\n' +
        'R1,O1,A,1,"too big\r\nand heavy"\r\n' + // a CRLF inside a quoted cell becomes LF
        'R2,O2,B,1,fine\n',
    });
    expect(reports.map((r) => [r.file, r.error ?? null, r.rowsRead, r.rowsLoaded, r.rowsRejected])).toEqual([
      ['order_lines.csv', null, 4, 3, 1],
      ['returns.csv', null, 2, 2, 0],
    ]);
    // No stray CR at the end of the last cell (4, not "4\r").
    expect(await runner.engine.query('SELECT order_id, unit_price FROM order_lines ORDER BY order_id')).toEqual([
      { order_id: 'O1', unit_price: 10 }, { order_id: 'O2', unit_price: 5 }, { order_id: 'O4', unit_price: 4 },
    ]);
    expect(await runner.engine.query(`SELECT line_number FROM load_issues WHERE source_file = 'order_lines.csv'`)).toEqual([{ line_number: 4 }]);
    expect(await runner.engine.query('SELECT customer_comment FROM returns ORDER BY return_id')).toEqual([{ customer_comment: 'too big\nand heavy' }, { customer_comment: 'fine' }]);
  });

  it('keeps the raw text of a rejected row as the file had it: TSV cells joined by tabs, quoted cells quoted', async () => {
    await db.fixture({});
    const engine = db.runner().engine;
    const tsv = [
      'order_id\tline_id\torder_date\tsku\tquantity\tunit_price',
      'O1\t1\t2024-01-01\tA, large\tx\t10', //     line 2: bad quantity; the comma needs no quotes in a TSV
      'O2\t1\t2024-01-02\t"B\tC"\ty\t5', //        line 3: bad quantity; the cell holding a tab stays quoted
      'O3\t1\t2024-01-03\tD\t1\t4', //             line 4: loads
    ].join('\n') + '\n';
    const csvText = 'order_id,line_id,order_date,sku,quantity,unit_price\nO9,1,2024-01-01,"E, ""big""",z,1\n';
    const reports = await loadFiles(engine, readImportSql(), [
      { name: 'order_lines.tsv', bytes: new TextEncoder().encode(tsv) },
      { name: 'ORDER_LINES.csv', bytes: new TextEncoder().encode(csvText) },
    ], decodeParquetNode);
    expect(reports.map((r) => [r.error ?? null, r.rowsRead, r.rowsLoaded, r.rowsRejected])).toEqual([[null, 3, 1, 2], [null, 1, 0, 1]]);
    expect(await engine.query('SELECT line_number, raw FROM load_issues ORDER BY source_file DESC, line_number')).toEqual([
      { line_number: 2, raw: 'O1\t1\t2024-01-01\tA, large\tx\t10' },
      { line_number: 3, raw: 'O2\t1\t2024-01-02\t"B\tC"\ty\t5' },
      { line_number: 2, raw: 'O9,1,2024-01-01,"E, ""big""",z,1' },
    ]);
  });

  it('warns about future dates in columns whose header has spaces or capitals, reading the trimmed value', async () => {
    await db.fixture({});
    const engine = db.runner().engine;
    const text = 'order_id, Order_Date ,sku,quantity,unit_price,line_id\nO1, 2099-01-01 ,A,1,10,1\nO2,2024-01-01,A,1,10,2\n';
    const [r] = await loadFiles(engine, readImportSql(), [{ name: 'order_lines.csv', bytes: new TextEncoder().encode(text) }], decodeParquetNode);
    expect([r!.error ?? null, r!.rowsLoaded, r!.rowsWarned]).toEqual([null, 2, 1]);
    expect(await engine.query('SELECT line_number, severity, reason FROM load_issues')).toEqual([
      { line_number: 2, severity: 'warning', reason: 'order_date is in the future: "2099-01-01"' },
    ]);
  });
});
