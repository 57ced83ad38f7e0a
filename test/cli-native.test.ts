import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main';
import { NODE_API_INSTALL, NODE_API_PACKAGE } from '../src/engine/native';
import { readCsvObjects } from './helpers/csv';
import { csvToParquet } from '../src/bench/parquet-copy';
import { csvHeader } from '../src/bench/data';
import { CANONICAL_TABLES } from '../src/data-model/contract';

const ROOT = path.resolve(__dirname, '..');
const DEMO = path.join(ROOT, 'data/demo');
// Native DuckDB is not a dependency (its lock entries break `npm ci` here): the comparison
// runs where it is installed (npm run bench installs it), the message check where it is not.
const installed = existsSync(path.join(ROOT, 'node_modules', NODE_API_PACKAGE, 'package.json'));

/** Numbers equal to 9 significant digits (sums in another order differ in the last bits). */
function sameCell(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
}

describe('returns-insight analyze --engine native', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-native-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('refuses options that only the native engine has, with the reason', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['analyze', DEMO, '--out', path.join(tmp, 'x'), '--memory-limit', '2GB'])).toBe(2);
    expect(err.mock.calls.flat().join(' ')).toContain('apply to --engine native');
    expect(await main(['analyze', DEMO, '--out', path.join(tmp, 'x'), '--engine', 'native', '--memory-limit', 'lots'])).toBe(2);
    expect(err.mock.calls.flat().join(' ')).toContain('--memory-limit takes a size like 4GB');
    err.mockRestore();
  });

  it.skipIf(installed)('says how to install native DuckDB when it is absent', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['analyze', DEMO, '--out', path.join(tmp, 'absent'), '--engine', 'native', '--quiet'])).toBe(1);
    expect(err.mock.calls.flat().join(' ')).toContain(NODE_API_INSTALL);
    err.mockRestore();
  });

  /** Every output file of `a` and `b`, cell by cell; the differences found. */
  function compareOutputs(a: string, b: string): string[] {
    const files = readdirSync(a).filter((f) => f.endsWith('.csv')).sort();
    const differences: string[] = [];
    if (files.length < 40) differences.push(`only ${files.length} files in ${a}`);
    const other = readdirSync(b).filter((f) => f.endsWith('.csv')).sort();
    if (other.join() !== files.join()) differences.push(`file lists differ: ${files.join()} vs ${other.join()}`);
    for (const f of files.filter((x) => other.includes(x))) {
      const x = readCsvObjects(readFileSync(path.join(a, f), 'utf8'));
      const y = readCsvObjects(readFileSync(path.join(b, f), 'utf8'));
      if (x.length !== y.length) differences.push(`${f}: ${x.length} vs ${y.length} rows`);
      else x.forEach((row, i) => Object.keys(row).forEach((k) => sameCell(row[k]!, y[i]![k]!) || differences.push(`${f} row ${i + 1} ${k}: ${row[k]} vs ${y[i]![k]}`)));
    }
    return differences;
  }

  it.runIf(installed)('writes the same files with the same numbers as the browser engine, and cleans up its database', async () => {
    const wasm = path.join(tmp, 'wasm');
    const native = path.join(tmp, 'native');
    // This process's temp databases only (returns-insight-<pid>-...): other runs may be working meanwhile.
    const mine = `returns-insight-${process.pid}-`;
    const before = new Set(readdirSync(os.tmpdir()).filter((f) => f.startsWith(mine)));
    expect(await main(['analyze', DEMO, '--out', wasm, '--quiet'])).toBe(0);
    expect(await main(['analyze', DEMO, '--out', native, '--quiet', '--engine', 'native', '--memory-limit', '1GB', '--threads', '1'])).toBe(0);
    expect(compareOutputs(wasm, native)).toEqual([]);
    const kpis = readCsvObjects(readFileSync(path.join(native, 'kpis.csv'), 'utf8'))[0]!;
    expect(Number(kpis.orders)).toBe(4000);

    // The same data as Parquet: read by native DuckDB where it lies (read_parquet → its values
    // cast to text as the staged cells → the same checks), with the same answers as the CSV files
    // in the browser engine.
    const pq = path.join(tmp, 'parquet');
    mkdirSync(pq);
    for (const t of CANONICAL_TABLES) {
      const csv = path.join(DEMO, `${t}.csv`);
      if (existsSync(csv)) await csvToParquet(csv, path.join(pq, `${t}.parquet`), t, csvHeader(csv));
    }
    const nativePq = path.join(tmp, 'native-parquet');
    expect(await main(['analyze', pq, '--out', nativePq, '--quiet', '--engine', 'native'])).toBe(0);
    expect(compareOutputs(wasm, nativePq)).toEqual([]);
    // The temp database and its spill folder are gone.
    const after = readdirSync(os.tmpdir()).filter((f) => f.startsWith(mine) && !before.has(f));
    expect(after).toEqual([]);
  }, 120_000);
});
