import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindNamed } from '../../src/runner/bind-params';
import type { ModelParams } from '../../src/runner/runner';
import { csv, useEngine } from '../helpers/engine';

/**
 * kpis and return_trend count distinct orders through distinct_orders (schema/macros.sql): when
 * orders pass the filters whole, an order whose lines share their date, channel and region is
 * counted by its first line (lines_enriched.order_uniform, order_first_line). Their counts must
 * be the plain count(DISTINCT order_key) of the selected lines, with orders whose lines differ
 * in date (across two months), channel (one of them missing) or region, and orders spanning
 * categories, suppliers and SKUs, under every kind of filter and index. The carrier models take
 * such an order's shipment from its first line the same way: their answers must be those of
 * grouping every order's lines.
 */
const FIXTURE = {
  products: csv('sku,product_name,category,supplier,unit_cost', 'A,Shirt,apparel,S1,4', 'B,Shoe,shoes,S2,10', 'C,Scarf,apparel,S2,3'),
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,1,2024-01-10,A,1,10,web,DE', // uniform, two categories and suppliers
    'O1,2,2024-01-10,B,2,50,web,DE',
    'O2,1,2024-01-30,A,1,10,web,DE', // two dates, two months
    'O2,2,2024-02-02,C,1,8,web,DE',
    'O3,1,2024-02-05,B,1,50,web,FR', // two channels
    'O3,2,2024-02-05,A,1,10,app,FR',
    'O4,1,2024-02-07,C,3,8,app,DE', // two regions
    'O4,2,2024-02-07,C,1,8,app,FR',
    'O5,1,2024-03-01,B,1,50,app,FR', // one line
    'O6,1,2024-03-03,A,1,10,,DE', // a missing channel next to web
    'O6,2,2024-03-03,A,1,10,web,DE',
    'O7,1,2024-03-09,C,1,8,web,FR', // uniform, one SKU on three lines
    'O7,2,2024-03-09,C,2,8,web,FR',
    'O7,3,2024-03-09,C,1,8,web,FR',
  ),
  shipments: csv(
    'order_id,carrier,service_level,shipped_at,promised_at,delivered_at,status',
    'O1,ParcelOne,standard,2024-01-11,2024-01-14,2024-01-13,delivered',
    'O3,Fast,express,2024-02-06,2024-02-07,2024-02-09,delivered',
    'O4,ParcelOne,express,2024-02-08,2024-02-10,2024-02-12,delivered',
    'O6,ParcelOne,standard,2024-03-04,2024-03-06,,lost',
    'O7,Fast,standard,2024-03-10,2024-03-12,2024-03-11,delivered',
  ),
  returns: csv('return_id,order_id,line_id,quantity,reason,requested_at', 'R1,O1,2,1,too_small,2024-01-20', 'R2,O4,1,1,defective,2024-02-15'),
};

const STATES: ModelParams[] = [
  {},
  { channel: 'web' },
  { channel: 'app' },
  { channel: '(unknown)' },
  { region: 'DE' },
  { region: ['DE', 'FR'] },
  { date_from: '2024-01-01', date_to: '2024-01-31' },
  { date_from: '2024-02-01', date_to: '2024-02-29', channel: 'web' },
  { category: 'apparel' },
  { supplier: 'S2' },
  { sku: 'C' },
  { carrier: 'ParcelOne' },
  { reason: 'defective' },
  { by: 'channel' },
  { by: 'region', date_from: '2024-02-01', date_to: '2024-03-31' },
  { by: 'category' },
  { by: 'supplier', channel: 'web' },
  { by: 'carrier' },
];

const FILTERED = `filtered_lines_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)`;

describe('orders counted whole by their first line', () => {
  const db = useEngine();

  async function reference(model: string, state: ModelParams, sql: string): Promise<Map<string, number>> {
    const bound = bindNamed(sql, db.runner().resolveParams(model, state));
    const rows = await db.runner().engine.query(bound.sql, bound.params);
    return new Map(rows.map((r) => [String(r.k), Number(r.orders)]));
  }

  it('kpis: the orders of the selection, state after state', async () => {
    await db.fixture(FIXTURE);
    for (const state of STATES) {
      const want = await reference('kpis', state, `SELECT by_value AS k, count(DISTINCT order_key) AS orders FROM ${FILTERED} GROUP BY 1`);
      const rows = (await db.runner().run('kpis', state)).rows;
      const got = new Map(rows.filter((r) => Number(r.orders) > 0).map((r) => [String(r.by_value ?? ''), Number(r.orders)]));
      expect(got, JSON.stringify(state)).toEqual(want);
    }
  });

  it('return_trend: the orders of each month, state after state', async () => {
    await db.fixture(FIXTURE);
    for (const state of STATES) {
      const want = await reference(
        'return_trend',
        state,
        `SELECT by_value || '|' || strftime(date_trunc('month', order_date), '%Y-%m') AS k, count(DISTINCT order_key) AS orders FROM ${FILTERED} GROUP BY 1`,
      );
      const rows = (await db.runner().run('return_trend', { ...state, grain: 'month' })).rows;
      const got = new Map(
        rows.filter((r) => Number(r.orders) > 0).map((r) => [`${String(r.by_value ?? '')}|${(r.period as Date).toISOString().slice(0, 7)}`, Number(r.orders)]),
      );
      expect(got, JSON.stringify(state)).toEqual(want);
    }
  });

  // The shipments as grouping every order's lines gives them (each model's `shipped` before orders were counted whole).
  const GROUPED_SHIPPED = `shipped AS (
    SELECT order_key, any_value(carrier) AS carrier, any_value(shipped_at) AS shipped_at, any_value(promised_at) AS promised_at,
      any_value(delivered_at) AS delivered_at, any_value(lower(trim(shipment_status))) AS status, any_value(service_level) AS service_level
    FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
    WHERE has_shipment GROUP BY order_key
  ), $1 AS`;

  it.each(['carrier_performance', 'carrier_service_levels'])('%s: each order shipped once, as grouping its lines gives', async (model) => {
    await db.fixture(FIXTURE);
    const source = readFileSync(`queries/${model}.sql`, 'utf8');
    const grouped = source.replace(/shipped AS \([\s\S]*?\n\), (\w+) AS/, GROUPED_SHIPPED);
    expect(grouped).not.toBe(source);
    let shipments = 0;
    for (const state of STATES.filter((s) => !('by' in s))) {
      const got = (await db.runner().run(model, state)).rows;
      const reference = bindNamed(grouped, db.runner().resolveParams(model, state));
      const want = await db.runner().engine.query(reference.sql, reference.params);
      expect(got, JSON.stringify(state)).toEqual(want);
      shipments += got.reduce((n, r) => n + Number(r.shipments), 0);
    }
    expect(shipments).toBeGreaterThan(0);
  });
});
