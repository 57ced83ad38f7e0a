import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';

const ROOT = path.resolve(__dirname, '..');

/** Minimal CSV reader for the CLI's own output (RFC 4180 quoting). */
function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
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
    tiny_sample_skus: string[] | { sku: string }[];
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
    const top = rows.slice(0, 8).map((r) => r.dim_value);
    for (const b of truth.bad_skus) expect(top, `${b.sku} in the top 8`).toContain(b.sku);
    const tiny = truth.tiny_sample_skus.map((t) => (typeof t === 'string' ? t : t.sku));
    const rank = (sku: string) => rows.findIndex((r) => r.dim_value === sku);
    for (const t of tiny) expect(rank(t), `${t} rank`).toBeGreaterThan(20);
  });

  it('shows the planted worst carrier as worst on lateness, damage and pickups', () => {
    const rows = readCsv(path.join(out, 'carrier_performance.csv')).filter((r) => r.carrier !== '(unknown)');
    const worstBy = (col: string) => [...rows].sort((a, b) => Number(b[col]) - Number(a[col]))[0]!.carrier;
    expect(worstBy('late_rate')).toBe(truth.worst_carrier);
    expect(worstBy('transit_damage_rate')).toBe(truth.worst_carrier);
    expect(worstBy('pickup_failure_rate')).toBe(truth.worst_carrier);
  });
});
