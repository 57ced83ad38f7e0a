import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { draftFromBytes, routeOf } from '../../src/app/loading/mapping-step';
import { main } from '../../src/cli/main';
import { EXIT } from '../../src/cli/errors';
import { bytesSource } from '../../src/loader/file-kinds';
import { routeByContent } from '../../src/loader/file-route';
import { planFolder } from '../../src/loader/import/folder-plan';
import { readCsvObjects } from '../helpers/csv';

/**
 * A file's name is a hint, never a verdict. Regression: a `Returns.csv` holding a list of
 * returned orders (the Returns sheet of the Superstore sample) was taken as the canonical
 * returns table by its name and refused ("missing required columns return_id, quantity"); the
 * page then loaded the orders alone, the CLI exited 0 with 0% return rates.
 */

const enc = (s: string) => new TextEncoder().encode(s);
const RETURNED_LIST = 'Returned,Order ID\nYes,O1\nNo,O3\n';
// Hand-worked: 4 lines, 8 units; gross = 2×10 + 1×30 + 1×10 + 4×5 = 80.
const ORDER_LINES = 'order_id,line_id,order_date,sku,quantity,unit_price\nO1,1,2024-03-01,A,2,10\nO1,2,2024-03-01,B,1,30\nO2,1,2024-03-02,A,1,10\nO3,1,2024-03-03,C,4,5\n';
const CANONICAL_RETURNS = 'return_id,order_id,line_id,quantity\nR1,O2,1,1\n';

describe('a Returns.csv holding a returned-orders list is read by its content, not refused by its name', () => {
  it('the page routes it to the mapping step, where the returned-orders preset is chosen', async () => {
    const byContent = await routeByContent('Returns.csv', bytesSource(enc(RETURNED_LIST)));
    expect(byContent).toEqual({ kind: 'mapping', namedLike: { table: 'returns', missing: 'missing required columns return_id, quantity' } });
    // The page's routing function (re-exported by the mapping step) is the loader's one.
    expect(routeOf('Returns.csv', ['Returned', 'Order ID'])).toEqual(byContent);
    const draft = draftFromBytes('Returns.csv', enc(RETURNED_LIST));
    expect(draft.choice).toEqual({ kind: 'preset', id: 'returned_orders_list' });
    expect(draft.presets[0]).toMatchObject({ id: 'returned_orders_list', confidence: 1, usable: true });
  });

  it('a canonical file whose header fits still loads directly (name and content agree)', async () => {
    expect(await routeByContent('returns.csv', bytesSource(enc(CANONICAL_RETURNS)))).toEqual({ kind: 'canonical', table: 'returns' });
    expect(await routeByContent('ORDER_LINES.csv', bytesSource(enc(ORDER_LINES)))).toEqual({ kind: 'canonical', table: 'order_lines' });
    // Not read yet: the name is taken at its word, the load checks the columns (route-formats.test.ts reads Parquet and JSON headers).
    expect(routeOf('returns.parquet')).toEqual({ kind: 'canonical', table: 'returns' });
  });

  it("the CLI's planning reads it through the preset and the canonical order lines as they are", async () => {
    const plan = await planFolder([
      { name: 'order_lines.csv', bytes: enc(ORDER_LINES) },
      { name: 'Returns.csv', bytes: enc(RETURNED_LIST) },
      { name: 'notes.md', bytes: enc('# my notes\n') },
    ]);
    expect(plan.questions).toEqual([]);
    expect(plan.canonicalFiles).toEqual(['order_lines.csv']);
    expect(plan.detected.map((d) => [d.file, d.preset.id, d.preset.confidence])).toEqual([['Returns.csv', 'returned_orders_list', 1]]);
    expect(plan.imports.map((i) => [i.file, i.mapping.preset, i.mapping.files])).toEqual([['Returns.csv', 'returned_orders_list', ['Returns.csv']]]);
    expect(plan.unused).toEqual(['notes.md']);
  });
});

describe('returns-insight analyze on a folder with no mapping', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-content-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const folder = (name: string, files: Record<string, string>) => {
    const dir = path.join(tmp, name);
    mkdirSync(dir);
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
    return dir;
  };

  it('order_lines.csv + a Returns.csv list of returned orders: non-zero return rates, worked out by hand', async () => {
    const data = folder('list', { 'order_lines.csv': ORDER_LINES, 'Returns.csv': RETURNED_LIST, 'notes.md': 'mine\n' });
    const out = path.join(tmp, 'list-out');
    expect(await main(['analyze', data, '--out', out, '--quiet'])).toBe(EXIT.ok);
    const [k] = readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'));
    // O1 is returned (Yes): its 2 lines, 3 units, worth 2×10 + 30 = 50. O3 says No: excluded.
    expect([k!.orders, k!.units_sold, k!.gross_sales, k!.units_returned]).toEqual(['3', '8', '80', '3']);
    expect(Number(k!.unit_return_rate)).toBeCloseTo(3 / 8, 12);
    expect(Number(k!.order_return_rate)).toBeCloseTo(1 / 3, 12);
    expect(Number(k!.value_return_rate)).toBeCloseTo(50 / 80, 12);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.loads.map((r: Record<string, unknown>) => [r.file, r.route, r.rowsLoaded])).toEqual([['order_lines.csv', 'canonical', 4]]);
    expect(summary.imports.map((r: Record<string, unknown>) => [r.file, r.preset, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.rowsExcluded]))
      .toEqual([['Returns.csv', 'returned_orders_list', 2, 1, 0, 1]]);
    expect(summary.detected).toEqual([{ file: 'Returns.csv', preset: 'returned_orders_list', label: 'List of returned orders', confidence: 1 }]);
    expect(summary.unusedFiles).toEqual(['notes.md']);
  }, 120_000);

  it('an export no preset fits: exits non-zero, loads nothing and prints the question on one line', async () => {
    const data = folder('unknown', {
      'order_lines.csv': ORDER_LINES,
      'export.csv': 'Order Ref,Placed On,Item Code,Units,Price Each,Channel\nA-1,2024-01-02,X1,2,3.50,web\n',
    });
    const out = path.join(tmp, 'unknown-out');
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['analyze', data, '--out', out, '--quiet'])).toBe(EXIT.openQuestions);
      const lines = err.mock.calls.map((c) => String(c[0]));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe(
        '? export.csv: no preset fits its columns ("Order Ref", "Placed On", "Item Code", "Units", "Price Each", "Channel"); say how to read it with a mapping '
        + '(returns-insight import-check export.csv --out mapping.json, then analyze --mapping mapping.json) or move it out of the folder',
      );
      expect(lines[1]).toBe('nothing analyzed: 1 file of the folder cannot be read without an answer (the questions above)');
    } finally {
      err.mockRestore();
    }
  }, 120_000);

  it('a returns.csv without the returns columns that no preset reads: a question naming the missing columns, not a silent 0% return rate', async () => {
    const data = folder('misnamed', { 'order_lines.csv': ORDER_LINES, 'returns.csv': 'Order Ref\nO1\n' });
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['analyze', data, '--out', path.join(tmp, 'misnamed-out'), '--quiet'])).toBe(EXIT.openQuestions);
      expect(String(err.mock.calls[0]![0])).toMatch(/^\? returns\.csv: named like the returns table, but missing required columns return_id, quantity, and no preset fits its columns \("Order Ref"\)/);
    } finally {
      err.mockRestore();
    }
  }, 120_000);
});
