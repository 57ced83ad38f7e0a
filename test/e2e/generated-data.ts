import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../helpers/csv';
import { ROOT } from './harness';

/** The data kept and reopened by the persistence e2e files: generated CSVs and what they hold. */

export const TABLES = ['order_lines', 'products', 'shipments', 'returns', 'reviews'];
/** The Overview figures compared before and after a reload, a restart or a switch. */
export const KPIS = ['orders', 'units_sold', 'gross_sales', 'unit_return_rate', 'order_return_rate', 'returned_value', 'refund_amount', 'median_days_to_refund'];

/** Distinct order ids of an order_lines.csv, with a plain CSV reader (not the product's loader). */
export function ordersIn(file: string): number {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const id = header!.indexOf('order_id');
  return new Set(rows.filter((r) => r.length > 1).map((r) => r[id])).size;
}

/** Runs the generator into `dir`; the paths of its five canonical CSV files, order_lines first. */
export function generate(dir: string, orders: number, seed: number): string[] {
  const gen = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/generator/cli.ts'), '--orders', String(orders), '--seed', String(seed), '--out', dir], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`generator failed: ${gen.stderr}`);
  return TABLES.map((t) => path.join(dir, `${t}.csv`));
}
