import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_TABLES, CONTRACT, REASONS } from '../src/data-model/contract';
import { BAD_SKUS, BAD_SUPPLIER, CARRIERS, RETURN_WINDOW_DAYS, WORST_CARRIER } from '../src/generator/catalog';
import { csvCell } from '../src/data-model/csv-text';
import { directorySink } from '../src/generator/csv-writer';
import { generate } from '../src/generator/generate';
import { LEAK_TYPES, type LeakType } from '../src/generator/plans';
import type { Truth } from '../src/generator/truth';
import { parseCsv } from './helpers/csv';

const ORDERS = 3000;
const FILES = [...CANONICAL_TABLES.map((t) => `${t}.csv`), 'truth.json'];

/** The columns the checks read (a cell is '' when empty). */
type Col =
  | 'order_id' | 'line_id' | 'order_date' | 'quantity' | 'unit_price' | 'delivered_at' | 'return_id' | 'reason'
  | 'reason_raw' | 'requested_at' | 'approved_at' | 'received_at' | 'inspected_at' | 'refunded_at' | 'refund_amount'
  | 'resolution' | 'label_cost' | 'pickup_failed' | 'rating';
type Rec = Record<Col, string>;
function readTable(dir: string, table: string): { header: string[]; rows: Rec[] } {
  const [header, ...body] = parseCsv(readFileSync(path.join(dir, `${table}.csv`), 'utf8'));
  const ragged = body.findIndex((r) => r.length !== header!.length);
  if (ragged >= 0) throw new Error(`${table}.csv row ${ragged + 2} has ${body[ragged]!.length} cells`);
  return { header: header!, rows: body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])) as Rec) };
}
const seconds = (ts: string) => Date.parse(`${ts.replace(' ', 'T')}Z`) / 1000;
const cents = (x: string) => Math.round(Number(x) * 100);

let dirA: string;
let dirB: string;
let dirC: string;
let truth: Truth;
let tables: Record<string, { header: string[]; rows: Rec[] }>;

beforeAll(() => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'generator-test-'));
  [dirA, dirB, dirC] = ['a', 'b', 'c'].map((d) => path.join(root, d)) as [string, string, string];
  truth = generate({ orders: ORDERS, seed: 11 }, directorySink(dirA));
  generate({ orders: ORDERS, seed: 11 }, directorySink(dirB));
  generate({ orders: ORDERS, seed: 12 }, directorySink(dirC));
  tables = Object.fromEntries(CANONICAL_TABLES.map((t) => [t, readTable(dirA, t)]));
});

afterAll(() => {
  rmSync(path.dirname(dirA), { recursive: true, force: true });
});

describe('generator', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes', () => {
    for (const f of FILES) {
      expect(readFileSync(path.join(dirB, f)).equals(readFileSync(path.join(dirA, f))), f).toBe(true);
    }
    for (const f of ['order_lines.csv', 'returns.csv', 'reviews.csv', 'truth.json']) {
      expect(readFileSync(path.join(dirC, f)).equals(readFileSync(path.join(dirA, f))), f).toBe(false);
    }
  });

  it('writes the contract columns in order, and row counts match truth.json', () => {
    for (const t of CANONICAL_TABLES) {
      expect(tables[t]!.header).toEqual(CONTRACT[t].columns.map((c) => c.name));
      expect(tables[t]!.rows.length).toBe(truth.rows[t]);
    }
    expect(tables.shipments!.rows.length).toBe(ORDERS);
  });

  it('formats dates, timestamps, booleans and canonical values', () => {
    const date = /^\d{4}-\d{2}-\d{2}$/;
    const ts = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
    for (const l of tables.order_lines!.rows) expect(l.order_date).toMatch(date);
    for (const r of tables.returns!.rows) {
      for (const c of ['requested_at', 'approved_at', 'received_at', 'inspected_at', 'refunded_at'] as const) if (r[c]) expect(r[c]).toMatch(ts);
      if (r.reason) expect(REASONS).toContain(r.reason);
      else expect(r.reason_raw).not.toBe('');
      expect(['', 'true', 'false']).toContain(r.pickup_failed);
      expect(['', 'refund', 'exchange', 'store_credit', 'rejected']).toContain(r.resolution);
    }
    for (const v of tables.reviews!.rows) expect(Number(v.rating)).toBeGreaterThanOrEqual(1);
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
  });

  it('links every return to an order line, except the orphans truth.json lists', () => {
    const lines = new Set(tables.order_lines!.rows.map((l) => `${l.order_id}|${l.line_id}`));
    const orphans = new Set(truth.data_quality.orphan_returns.return_ids);
    expect(orphans.size).toBeGreaterThan(0);
    for (const r of tables.returns!.rows) {
      expect(r.order_id).not.toBe('');
      expect(r.line_id).not.toBe('');
      expect(lines.has(`${r.order_id}|${r.line_id}`), r.return_id).toBe(!orphans.has(r.return_id));
    }
  });

  it('plants exactly the leakage cases truth.json counts, and no others', () => {
    const lines = new Map(tables.order_lines!.rows.map((l) => [`${l.order_id}|${l.line_id}`, l]));
    const delivered = new Map(tables.shipments!.rows.map((s) => [s.order_id, s.delivered_at]));
    const found = Object.fromEntries(LEAK_TYPES.map((t) => [t, [] as string[]])) as Record<LeakType, string[]>;
    const refundedRows = new Map<string, string[]>();
    const returnedQty = new Map<string, number>();
    for (const r of tables.returns!.rows) {
      const line = lines.get(`${r.order_id}|${r.line_id}`);
      if (!line) continue; // orphans
      const key = `${r.order_id}|${r.line_id}`;
      const refund = r.refund_amount ? cents(r.refund_amount) : 0;
      const qty = Number(r.quantity);
      const lineQty = Number(line.quantity);
      if (refund > cents(line.unit_price) * lineQty) found.refund_above_paid.push(r.return_id);
      if (refund > 0 && r.received_at && r.refunded_at && seconds(r.refunded_at) < seconds(r.received_at)) found.refund_before_received.push(r.return_id);
      if (r.resolution === 'refund' && refund > 0 && r.refunded_at && !r.received_at) found.refund_without_receipt.push(r.return_id);
      const d = delivered.get(r.order_id);
      if (refund > 0 && d && seconds(r.requested_at) - seconds(d) > RETURN_WINDOW_DAYS * 86_400) found.refunded_outside_window.push(r.return_id);
      if (qty > lineQty) found.quantity_above_ordered.push(r.return_id);
      if (r.label_cost && cents(r.label_cost) > cents(line.unit_price) * qty) found.label_cost_above_value.push(r.return_id);
      if (refund > 0) refundedRows.set(key, [...(refundedRows.get(key) ?? []), r.return_id]);
      returnedQty.set(key, (returnedQty.get(key) ?? 0) + qty);
    }
    for (const ids of refundedRows.values()) if (ids.length > 1) found.duplicate_refund.push(...ids.slice(1));
    for (const t of LEAK_TYPES) {
      expect(truth.leakage[t].count, t).toBeGreaterThan(0);
      expect(found[t].length, t).toBe(truth.leakage[t].count);
      expect(new Set(found[t]), t).toEqual(new Set(truth.leakage[t].return_ids));
    }
    // More units back than sold only where a planted case says so.
    const allowed = new Set([...truth.leakage.duplicate_refund.return_ids, ...truth.leakage.quantity_above_ordered.return_ids]);
    const byId = new Map(tables.returns!.rows.map((r) => [r.return_id, `${r.order_id}|${r.line_id}`]));
    const allowedLines = new Set([...allowed].map((id) => byId.get(id)));
    for (const [key, qty] of returnedQty) {
      if (!allowedLines.has(key)) expect(qty, key).toBeLessThanOrEqual(Number(lines.get(key)!.quantity));
    }
  });

  it('returns 12-25% of lines overall, with the planted differences visible', () => {
    const returnedLines = new Set(tables.returns!.rows.map((r) => `${r.order_id}|${r.line_id}`));
    const lineCount = tables.order_lines!.rows.length;
    const rate = tables.order_lines!.rows.filter((l) => returnedLines.has(`${l.order_id}|${l.line_id}`)).length / lineCount;
    expect(rate).toBeGreaterThanOrEqual(0.12);
    expect(rate).toBeLessThanOrEqual(0.25);

    const late = (c: string) => truth.carriers.find((x) => x.name === c)!.observed!;
    const worst = late(WORST_CARRIER);
    for (const c of CARRIERS.filter((x) => x.name !== WORST_CARRIER)) {
      expect(worst.late / worst.delivered).toBeGreaterThan(late(c.name).late / late(c.name).delivered);
    }
    const sup = truth.suppliers.map((s) => ({ name: s.name, rate: s.observed!.defectiveOrNotAsDescribed / s.observed!.lines }));
    expect(sup.sort((a, b) => b.rate - a.rate)[0]!.name).toBe(BAD_SUPPLIER.name);
    // Bad SKUs: each above its category, together about 2-3x (pooled, so one small sample cannot flip it).
    for (const b of truth.bad_skus) expect(b.observed.line_return_rate!).toBeGreaterThan(b.category_base_return_rate);
    const returnedBad = truth.bad_skus.reduce((a, b) => a + b.observed.returnedLines, 0);
    const expectedAtBase = truth.bad_skus.reduce((a, b) => a + b.observed.lines * b.category_base_return_rate, 0);
    expect(returnedBad / expectedAtBase).toBeGreaterThan(1.8);
    expect(truth.bad_skus.map((b) => b.sku)).toEqual(BAD_SKUS.map((b) => b.sku));
    for (const s of truth.abuse.serial_returners) expect(s.returned_units / s.units).toBeGreaterThan(0.7);
  });
});
