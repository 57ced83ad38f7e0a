import { describe, expect, it } from 'vitest';
import { loadTexts } from '../../src/engine/node-session';
import { normalizeLineEndings } from '../../src/loader/stage-file';
import { useEngine } from '../helpers/engine';

/**
 * The canonical loader (src/loader/stage-file.ts) with mixed line endings: files pasted
 * together from several systems mix CRLF, LF and even lone CR. DuckDB's reader takes one
 * newline style from the first lines and could not read such a file at all ("Error when
 * sniffing file") before line ends were made LF.
 */
describe('canonical files with mixed line endings', () => {
  const db = useEngine();
  const dec = (b: Uint8Array) => new TextDecoder().decode(b);

  it('makes CRLF and lone CR into LF, and leaves a file without CR as it is', () => {
    expect(dec(normalizeLineEndings(new TextEncoder().encode('a\r\nb\nc\rd\r\n\r\né\r')))).toBe('a\nb\nc\nd\n\né\n');
    const lf = new TextEncoder().encode('a\nb\n');
    expect(normalizeLineEndings(lf)).toBe(lf);
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
});
