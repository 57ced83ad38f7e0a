import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { readCsvObjects } from './helpers/csv';

const ROOT = path.resolve(__dirname, '..');

function readCsv(file: string): Record<string, string>[] {
  return readCsvObjects(readFileSync(file, 'utf8'));
}

/**
 * The CLI on 100,000 generated orders: every model's CSV is written, and what the generator
 * planted (one bad supplier, five bad SKUs, one bad carrier) comes out on top.
 */
describe('returns-insight analyze on 100k generated orders', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-cli-'));
  const data = path.join(tmp, 'data');
  const out = path.join(tmp, 'out');
  let truth: {
    bad_supplier: { name: string };
    bad_skus: { sku: string }[];
    tiny_sample_skus: { sku: string }[];
    fit: { runs_small_groups: string[]; runs_large_groups: string[] };
    worst_carrier: string;
    totals: { unit_return_rate: number; orders: number };
  };

  beforeAll(async () => {
    const gen = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/generator/cli.ts'), '--orders', '100000', '--seed', '7', '--out', data],
      { encoding: 'utf8' },
    );
    expect(gen.status, gen.stderr).toBe(0);
    truth = JSON.parse(readFileSync(path.join(data, 'truth.json'), 'utf8'));
    expect(await main(['analyze', data, '--out', out, '--quiet'])).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes one CSV per model and per dimension, the rejects and a summary', () => {
    const files = readdirSync(out);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    // 5 canonical files; every metric model (listings excluded), dimension models once per value.
    expect(summary.loads).toHaveLength(5);
    expect(summary.models.length).toBeGreaterThanOrEqual(40);
    for (const m of summary.models) {
      expect(m.status, m.file).toBe('ok');
      expect(files).toContain(m.file);
    }
    for (const f of ['kpis.csv', 'return_rate_by.sku.csv', 'return_rate_by.carrier.csv', 'cost_of_returns.reason.csv', 'leakage.csv', 'rejected_rows.csv']) {
      expect(files).toContain(f);
    }
    for (const l of summary.loads) expect(l.rowsRead).toBe(l.rowsLoaded + l.rowsRejected);
  });

  it('agrees with the generator on totals', () => {
    const [k] = readCsv(path.join(out, 'kpis.csv'));
    expect(Number(k!.orders)).toBe(truth.totals.orders);
    expect(Math.abs(Number(k!.unit_return_rate) - truth.totals.unit_return_rate)).toBeLessThan(0.005);
  });

  it('puts the planted bad supplier first', () => {
    const rows = readCsv(path.join(out, 'supplier_scorecard.csv'));
    expect(rows[0]!.supplier).toBe(truth.bad_supplier.name);
  });

  it('ranks the planted bad SKUs at the top and tiny samples nowhere near it', () => {
    const rows = readCsv(path.join(out, 'return_rate_by.sku.csv'));
    const top = rows.slice(0, 15).map((r) => r.dim_value!);
    for (const b of truth.bad_skus) expect(top, `${b.sku} in the top 15`).toContain(b.sku);
    // The strongest planted SKUs (2x+ their category on hundreds of sales) lead the list.
    expect(top.slice(0, 2).sort()).toEqual(['APP-0008', 'SHO-0009']);
    // Everything else near the top is planted too: a SKU of the bad supplier, or of a size
    // group that runs small/large.
    const products = new Map(readCsv(path.join(data, 'products.csv')).map((p) => [p.sku!, p]));
    const fitGroups = new Set([...truth.fit.runs_small_groups, ...truth.fit.runs_large_groups]);
    const planted = new Set(truth.bad_skus.map((b) => b.sku));
    for (const sku of top) {
      const p = products.get(sku);
      const explained = planted.has(sku) || p?.supplier === truth.bad_supplier.name || fitGroups.has(p?.product_group ?? '');
      expect(explained, `${sku} is planted`).toBe(true);
    }
    const tiny = truth.tiny_sample_skus.map((t) => t.sku);
    const rank = (sku: string) => rows.findIndex((r) => r.dim_value === sku);
    for (const t of tiny) expect(rank(t), `${t} rank`).toBeGreaterThan(50);
  });

  it('shows the planted worst carrier as worst on lateness, damage and pickups', () => {
    const rows = readCsv(path.join(out, 'carrier_performance.csv')).filter((r) => r.carrier !== '(unknown)');
    const worstBy = (col: string) => [...rows].sort((a, b) => Number(b[col]) - Number(a[col]))[0]!.carrier;
    expect(worstBy('late_rate')).toBe(truth.worst_carrier);
    expect(worstBy('transit_damage_rate')).toBe(truth.worst_carrier);
    expect(worstBy('pickup_failure_rate')).toBe(truth.worst_carrier);
  });
});
