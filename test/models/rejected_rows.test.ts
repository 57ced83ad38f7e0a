import { describe, expect, it } from 'vitest';
import { loadTexts } from '../../src/host/node';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';

// order_lines.csv (header = line 1):
//   line 2 O1,L1 ... ok
//   line 3 O2,L1,notadate ...      rejected: bad date in order_date: "notadate"
//   line 4 O3,L1 ... quantity -1   rejected: negative quantity
//   line 5 O1,L1 again             rejected: duplicate order_id + line_id
// returns.csv:
//   line 2 R1 ok
//   line 3 R1 again                rejected: duplicate return_id
//   line 4 R2 quantity x           rejected: bad integer in quantity: "x"
//   line 5 R3 requested 2999-01-01 loaded with a warning: requested_at is in the future: 2999-01-01
// Sorted by table (order_lines before returns), file, line: 6 issues.
const LINES = csv(
  'order_id,line_id,order_date,sku,quantity,unit_price',
  'O1,L1,2024-01-10,A,2,10',
  'O2,L1,notadate,A,1,10',
  'O3,L1,2024-01-11,A,-1,10',
  'O1,L1,2024-01-12,B,1,10',
);
const RETURNS = csv(
  'return_id,order_id,quantity,requested_at',
  'R1,O1,1,2024-01-15',
  'R1,O1,1,2024-01-16',
  'R2,O1,x,2024-01-16',
  'R3,O1,1,2099-01-01',
);

const brief = (rows: Row[]) => rows.map((r) => `${String(r.table_name)}:${String(r.line_number)}:${String(r.severity)}`);

describe('rejected_rows', () => {
  const db = useEngine();
  const load = async () => {
    await db.fixture({});
    // Loaded directly: the fixture helper refuses files with rejected rows.
    await loadTexts(db.runner(), { order_lines: LINES, returns: RETURNS });
  };

  it('lists every refused or flagged row with file, line, reason and raw text', async () => {
    await load();
    const res = await db.runner().run('rejected_rows');
    expect(res.status).toBe('ok');
    expect(brief(res.rows)).toEqual([
      'order_lines:3:rejected', 'order_lines:4:rejected', 'order_lines:5:rejected',
      'returns:3:rejected', 'returns:4:rejected', 'returns:5:warning', 'returns:5:warning',
    ]);
    // R3 (2099) is flagged twice: in the future, and more than 730 days after its order.
    expect(res.rows.map((r) => r.reason)).toEqual([
      'bad date in order_date (expected ISO 8601 (year-month-day)): "notadate"', 'negative quantity: "-1"', 'duplicate order_id + line_id: "O1 + L1" (first on line 2)',
      'duplicate return_id: "R1" (first on line 2)', 'bad whole number in quantity: "x"', 'requested_at is in the future: "2099-01-01"',
      'return 27385 days after its order: "2099-01-01" (order date 2024-01-10)',
    ]);
    expect(res.rows[0]).toMatchObject({ source_file: 'order_lines.csv', raw: 'O2,L1,notadate,A,1,10', total_rows: 7 });
    expect(res.rows[2]!.raw).toBe('O1,L1,2024-01-12,B,1,10');
  });

  it('filters by table and severity, and pages', async () => {
    await load();
    const run = async (p: Record<string, unknown>) => (await db.runner().run('rejected_rows', p as never)).rows;
    expect(brief(await run({ table_name: 'returns' }))).toEqual(['returns:3:rejected', 'returns:4:rejected', 'returns:5:warning', 'returns:5:warning']);
    expect(brief(await run({ severity: 'warning' }))).toEqual(['returns:5:warning', 'returns:5:warning']);
    expect(brief(await run({ table_name: 'order_lines', severity: 'warning' }))).toEqual([]);
    const page = await run({ limit: 2, offset: 2 });
    expect(brief(page)).toEqual(['order_lines:5:rejected', 'returns:3:rejected']);
    expect(page.map((r) => r.total_rows)).toEqual([7, 7]);
  });

  // Regression: a flat export's repeated products filled this list, burying the rows to fix.
  it('lists rows merged into an earlier row of their key only when asked for', async () => {
    await load();
    await db.runner().engine.exec(`INSERT INTO load_issues VALUES
      ('products', 'Orders.csv', 3, 'merged', 'sku repeated, merged into its first row: "A" (first on line 2)', 'x'),
      ('products', 'Orders.csv', 4, 'merged', 'sku repeated, merged into its first row: "A" (first on line 2)', 'y')`);
    const run = async (p: Record<string, unknown>) => (await db.runner().run('rejected_rows', p as never)).rows;
    expect(brief(await run({}))).not.toContain('products:3:merged');
    expect((await run({}))[0]!.total_rows).toBe(7);
    expect(brief(await run({ severity: 'merged' }))).toEqual(['products:3:merged', 'products:4:merged']);
  });

  it('is empty when everything loaded cleanly', async () => {
    await db.fixture({ order_lines: csv('order_id,line_id,order_date,sku,quantity,unit_price', 'O1,L1,2024-01-10,A,2,10') });
    expect(await db.runner().run('rejected_rows')).toMatchObject({ status: 'ok', rows: [] });
  });
});
