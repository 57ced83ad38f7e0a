import { describe, expect, it } from 'vitest';
import { parseHeader } from '../../src/runner/model-header';
import { readQuerySources } from '../../src/runner/query-files-node';
import type { ModelParams, ModelResult } from '../../src/runner/runner';
import { columnKind, defaultVisibility, exportTypes, formatCell } from '../../src/app/drill/columns';
import {
  DRILL_MODELS,
  allRowsParams,
  dataColumns,
  defaultSort,
  drillParams,
  fetchAllRows,
  pageParams,
  sortableColumns,
  drillSort,
  withDrillPage,
  withDrillSort,
} from '../../src/app/drill/drill-model';

const sources = readQuerySources();
const header = (model: string) => parseHeader(model, sources[model]!);

describe('drill-down parameters', () => {
  it('maps each kind of drill to its model', () => {
    expect(DRILL_MODELS).toEqual({ returns: 'drill_returns', lines: 'drill_lines', leakage: 'leakage_cases', abuse: 'abuse_cases' });
    for (const m of Object.values(DRILL_MODELS)) expect(sources[m], m).toBeDefined();
  });

  it('puts the drill filters on top of the view filters, keeping only what the model takes', () => {
    const view: ModelParams = { channel: ['web'], reason: ['changed_mind'], dim: 'sku', limit: 5 };
    const r = drillParams(header('drill_returns'), view, { reason: 'defective', fault: 'supplier', rule: 'x', sort: 'sku' });
    expect(r.params).toEqual({ channel: ['web'], reason: 'defective', fault: 'supplier' });
    expect(r.ignored).toEqual(['rule', 'sort']);
    const leak = drillParams(header('leakage_cases'), { carrier: ['DHL'] }, { rule: 'duplicate_refund' });
    expect(leak).toEqual({ params: { carrier: ['DHL'], rule: 'duplicate_refund' }, ignored: [] });
    // Order lines have no fault: said, not silently widened.
    expect(drillParams(header('drill_lines'), {}, { fault: 'carrier', late: 'true' })).toEqual({ params: { late: 'true' }, ignored: ['fault'] });
  });

  it('sorts and pages through the model parameters', () => {
    const h = header('drill_returns');
    expect(defaultSort(h)).toEqual({ column: 'requested_at', desc: true });
    expect(defaultSort(header('leakage_cases'))).toEqual({ column: 'amount', desc: true });
    expect(sortableColumns(h)).toContain('refund_amount');
    expect(sortableColumns(h)).not.toContain('total_rows');
    // Every shown column of every drill model can be sorted, but for these (the table leaves them unsortable).
    const unsortable: Record<string, string[]> = {
      leakage_cases: ['return_ids'],
      abuse_cases: ['signal_id', 'role', 'line_id', 'product_group', 'size', 'color', 'category', 'quantity', 'unit_price', 'reason', 'condition', 'resolution', 'delivered_at', 'detail'],
    };
    for (const m of Object.values(DRILL_MODELS)) {
      expect(dataColumns(header(m)).filter((c) => !sortableColumns(header(m)).includes(c)), m).toEqual(unsortable[m] ?? []);
    }
    expect(defaultSort(header('abuse_cases'))).toEqual({ column: 'rule', desc: false });
    expect(pageParams({ sku: 'A' }, { column: 'quantity', desc: false }, 3, 100)).toEqual({
      sku: 'A', sort: 'quantity', desc: false, limit: 100, offset: 300,
    });
    expect(allRowsParams({ sku: 'A' }, { column: 'quantity', desc: true })).toEqual({ sku: 'A', sort: 'quantity', desc: true, limit: null, offset: 0 });
  });

  it('keeps the order and page the user chose in the drill (the URL), defaults left out', () => {
    const target = { kind: 'returns', where: { reason: 'defective' }, title: 't', page: 3 } as const;
    const byDate = { column: 'requested_at', desc: true };
    const bySku = { column: 'sku', desc: false };
    // a new order starts from the first page; the model's own order is not written down
    expect(withDrillSort(target, bySku, byDate)).toEqual({ kind: 'returns', where: { reason: 'defective' }, title: 't', sort: bySku });
    expect(withDrillSort({ ...target, sort: bySku }, byDate, byDate)).toEqual({ kind: 'returns', where: { reason: 'defective' }, title: 't' });
    expect(withDrillSort({ ...target, sort: bySku }, null, byDate)).toEqual({ kind: 'returns', where: { reason: 'defective' }, title: 't' });
    expect(withDrillSort(target, { column: 'requested_at', desc: false }, byDate).sort).toEqual({ column: 'requested_at', desc: false });
    expect(withDrillPage(target, 5, 100)).toEqual({ ...target, page: 5, pageSize: 100 });
    expect(withDrillPage({ ...target, pageSize: 500 }, 0, 50)).toEqual({ kind: 'returns', where: { reason: 'defective' }, title: 't' });
    // a column the model cannot sort by (a hand-edited link) falls back to the model's order
    const sortable = sortableColumns(header('drill_returns'));
    expect(drillSort({ ...target, sort: bySku }, sortable, byDate)).toEqual(bySku);
    expect(drillSort({ ...target, sort: { column: 'nope', desc: true } }, sortable, byDate)).toEqual(byDate);
    expect(drillSort(target, sortable, null)).toBeNull();
  });

  it('fetches every row for an export (limit NULL), and says when columns are missing', async () => {
    const calls: [string, ModelParams][] = [];
    const runner = {
      run: async (model: string, params: ModelParams): Promise<ModelResult> => {
        calls.push([model, params]);
        return { status: 'ok', model, rows: Array.from({ length: 120_000 }, (_, i) => ({ i })) };
      },
    };
    const rows = await fetchAllRows(runner, 'drill_lines', { sku: 'A' }, { column: 'order_date', desc: true });
    expect(rows).toHaveLength(120_000);
    expect(calls).toEqual([['drill_lines', { sku: 'A', sort: 'order_date', desc: true, limit: null, offset: 0 }]]);
    const missing = { run: async (model: string): Promise<ModelResult> => ({ status: 'needs_columns', model, missing: ['returns.label_cost'], rows: [] }) };
    await expect(fetchAllRows(missing, 'leakage_cases', {}, null)).rejects.toThrow('returns.label_cost');
  });
});

describe('drill-down columns', () => {
  it('shows a sensible subset by default and exports typed columns', () => {
    const cols = dataColumns(header('drill_returns'));
    expect(cols[0]).toBe('return_id');
    expect(cols).not.toContain('total_rows');
    const vis = defaultVisibility('drill_returns', cols);
    expect(vis.return_id).toBe(true);
    expect(vis.reason_raw).toBe(false);
    expect(Object.values(vis).filter(Boolean).length).toBeGreaterThan(8);
    expect(exportTypes(cols)).toMatchObject({ quantity: 'int', refund_amount: 'double', order_date: 'date', requested_at: 'timestamp', pickup_failed: 'bool', customer_id: 'string' });
    expect(defaultVisibility('unknown_model', ['a', 'b'])).toEqual({ a: true, b: true });
  });

  it('formats cells: ids as given, timestamps as stored, money in the currency', () => {
    expect(formatCell('=C3', columnKind('customer_id'), 'EUR', 'en-US')).toBe('=C3');
    // dates through the one date format of the locale, in UTC (as stored, not shifted)
    expect(formatCell(new Date('2024-01-15T08:30:00Z'), columnKind('requested_at'), null, 'en-GB')).toBe('15 Jan 2024, 08:30');
    expect(formatCell(new Date('2024-01-15T00:00:00Z'), columnKind('requested_at'), null, 'en-GB')).toBe('15 Jan 2024');
    expect(formatCell(new Date('2024-01-10T00:00:00Z'), columnKind('order_date'), null, 'de-DE')).toBe('10.01.2024');
    expect(formatCell(10.5, columnKind('refund_amount'), 'EUR', 'en-US')).toBe('€10.50');
    expect(formatCell(1234, columnKind('quantity'), null, 'en-US')).toBe('1,234');
    expect(formatCell(true, columnKind('pickup_failed'), null)).toBe('yes');
    expect(formatCell(null, columnKind('refund_amount'), 'EUR')).toBe('—');
  });
});
