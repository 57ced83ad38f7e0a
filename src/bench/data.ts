import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CANONICAL_TABLES, type CanonicalTable } from '../data-model/contract';
import { csvToParquet } from './parquet-copy';
import { BENCH_DIR, ROOT } from './paths';

/** Order lines per order in the generator's shop (measured: 100,222 lines for 55,556 orders). */
const LINES_PER_ORDER = 1.8;

export interface DataSet {
  size: string;
  lines: number;
  seed: string;
  dir: string;
  /** Data rows per canonical table, from the generator. */
  rows: Record<string, number>;
  /** Canonical tables present, in the app's load order (products first). */
  tables: CanonicalTable[];
}

/** `100k`, `1m`, `10m`, `250000` → order lines. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`Bad size "${s}" (use e.g. 100k, 1m, 10m)`);
  const mult = { '': 1, k: 1e3, m: 1e6 }[m[2]!.toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(m[1]) * mult);
}

/** Load order of the app (src/loader/replace-data.ts): products, order_lines, shipments, returns, reviews. */
export const LOAD_ORDER: CanonicalTable[] = ['products', 'order_lines', 'shipments', 'returns', 'reviews'];

/**
 * The generated data for one size, from the cache (test-artifacts/bench/cache/<size>-seed<seed>/)
 * or generated now with the project's generator (npm run generate), plus Parquet copies.
 * `ready.json` is written last, so an interrupted run generates again.
 */
export async function ensureData(size: string, seed: string, log: (s: string) => void): Promise<DataSet> {
  const lines = parseSize(size);
  const dir = path.join(BENCH_DIR, 'cache', `${size.toLowerCase()}-seed${seed}`);
  const marker = path.join(dir, 'ready.json');
  if (existsSync(marker)) {
    const ds = JSON.parse(readFileSync(marker, 'utf8')) as DataSet;
    log(`data ${size}: cached in ${path.relative(ROOT, dir)} (${ds.rows.order_lines} order lines)`);
    return { ...ds, dir };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const orders = Math.max(1000, Math.ceil(lines / LINES_PER_ORDER));
  log(`data ${size}: generating ${orders} orders (~${lines} order lines), seed ${seed} …`);
  const gen = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/generator/cli.ts'), '--orders', String(orders), '--seed', seed, '--out', dir], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (gen.status !== 0) throw new Error(`the generator failed for ${size} (exit ${gen.status})`);
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as { rows: Record<string, number> };
  const tables = LOAD_ORDER.filter((t) => existsSync(path.join(dir, `${t}.csv`)));
  for (const t of tables) {
    const started = performance.now();
    await csvToParquet(path.join(dir, `${t}.csv`), path.join(dir, `${t}.parquet`), t, csvHeader(path.join(dir, `${t}.csv`)));
    const mb = (bytes: string) => (statSync(path.join(dir, bytes)).size / 1e6).toFixed(1);
    log(`  ${t}.parquet: ${mb(`${t}.parquet`)} MB (CSV ${mb(`${t}.csv`)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const rows: Record<string, number> = {};
  for (const t of CANONICAL_TABLES) if (truth.rows[t] !== undefined) rows[t] = truth.rows[t]!;
  const ds: DataSet = { size: size.toLowerCase(), lines, seed, dir, rows, tables };
  writeFileSync(marker, JSON.stringify(ds, null, 2) + '\n');
  return ds;
}

/** The header line of a CSV file (column names; the generator never quotes them). */
export function csvHeader(file: string): string[] {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').split(/\r?\n/)[0]!.split(',').map((c) => c.trim());
  } finally {
    closeSync(fd);
  }
}
