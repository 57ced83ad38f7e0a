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
 * categories, suppliers and SKUs, under every kind of filter and index.
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
  shipments: csv('order_id,carrier,shipped_at', 'O1,ParcelOne,2024-01-11', 'O3,Fast,2024-02-06', 'O4,ParcelOne,2024-02-08', 'O7,Fast,2024-03-10'),
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
});
