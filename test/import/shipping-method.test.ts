import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/data-model/csv-text';
import { applyMapping } from '../../src/loader/import/apply';
import { sniff } from '../../src/loader/import/decode';
import { readImportSql } from '../../src/loader/import/node';
import { buildPreset, detectPreset } from '../../src/loader/import/presets';
import { parseCsv } from '../helpers/csv';
import { useEngine } from '../helpers/engine';

/**
 * A shipping method that is not a carrier is kept as the service level (shipments.service_level)
 * instead of being lost. The Shopify orders export of the preset fixtures (10 line rows, orders
 * #1001 … #1007) with its Shipping Method filled in on each order's first row, as Shopify writes it.
 */

const METHODS: Record<string, string> = {
  '#1001': 'Standard', '#1002': 'Express', '#1003': 'UPS Ground', '#1004': 'Standard', '#1005': 'Standard', '#1006': 'Express', '#1007': 'Express',
};

function withMethods(): Uint8Array {
  const [header, ...rows] = parseCsv(readFileSync('test/fixtures/import/presets/shopify/orders_export.csv', 'utf8').replace(/^\uFEFF/, ''));
  const name = header!.indexOf('Name');
  const method = header!.indexOf('Shipping Method');
  const seen = new Set<string>();
  for (const r of rows) {
    if (!seen.has(r[name]!)) r[method] = METHODS[r[name]!]!;
    seen.add(r[name]!);
  }
  return new TextEncoder().encode([header!, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
}

describe('a shipping method kept as the service level', () => {
  const db = useEngine();

  it('Shopify orders: one shipment per order, the method as service level, a carrier name as the carrier', async () => {
    await db.fixture({});
    const bytes = withMethods();
    const s = sniff(bytes, 'orders_export.csv');
    expect(detectPreset(s)).toMatchObject({ id: 'shopify_orders', confidence: 1 });
    const { mapping, questions } = buildPreset('shopify_orders', s);
    expect(questions).toEqual([]);
    const r = await applyMapping(db.runner().engine, readImportSql(), { name: 'orders_export.csv', bytes }, mapping, { now: new Date('2026-12-01T00:00:00Z') });
    expect(r.error).toBeUndefined();
    // 7 orders (first rows): #1004 cancelled, #1005 refunded unfulfilled, #1006 voided have no shipment → 4 loaded, 3 excluded.
    expect(r.tables.find((t) => t.table === 'shipments')).toMatchObject({ rowsRead: 7, rowsLoaded: 4, rowsExcluded: 3, rowsRejected: 0, rowsMerged: 0 });
    expect(await db.runner().engine.query('SELECT order_id, carrier, service_level FROM shipments ORDER BY order_id')).toEqual([
      { order_id: '#1001', carrier: null, service_level: 'Standard' },
      { order_id: '#1002', carrier: null, service_level: 'Express' },
      { order_id: '#1003', carrier: 'UPS Ground', service_level: null },
      { order_id: '#1007', carrier: null, service_level: 'Express' },
    ]);
  });

  it('an export whose Shipping Method is empty gets no shipments (nothing to keep)', () => {
    const s = sniff(new Uint8Array(readFileSync('test/fixtures/import/presets/shopify/orders_export.csv')), 'orders_export.csv');
    expect(buildPreset('shopify_orders', s).mapping.targets.map((t) => t.table)).not.toContain('shipments');
  });
});
