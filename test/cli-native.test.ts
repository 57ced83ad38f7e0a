import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main';
import { NODE_API_INSTALL, NODE_API_PACKAGE } from '../src/engine/native';
import { readCsvObjects } from './helpers/csv';

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

  it.runIf(installed)('writes the same files with the same numbers as the browser engine, and cleans up its database', async () => {
    const wasm = path.join(tmp, 'wasm');
    const native = path.join(tmp, 'native');
    const before = new Set(readdirSync(os.tmpdir()).filter((f) => f.startsWith('returns-insight-')));
    expect(await main(['analyze', DEMO, '--out', wasm, '--quiet'])).toBe(0);
    expect(await main(['analyze', DEMO, '--out', native, '--quiet', '--engine', 'native', '--memory-limit', '1GB', '--threads', '1'])).toBe(0);
    const files = readdirSync(wasm).filter((f) => f.endsWith('.csv')).sort();
    expect(readdirSync(native).filter((f) => f.endsWith('.csv')).sort()).toEqual(files);
    expect(files.length).toBeGreaterThan(40);
    const differences: string[] = [];
    for (const f of files) {
      const a = readCsvObjects(readFileSync(path.join(wasm, f), 'utf8'));
      const b = readCsvObjects(readFileSync(path.join(native, f), 'utf8'));
      if (a.length !== b.length) differences.push(`${f}: ${a.length} vs ${b.length} rows`);
      else a.forEach((row, i) => Object.keys(row).forEach((k) => sameCell(row[k]!, b[i]![k]!) || differences.push(`${f} row ${i + 1} ${k}: ${row[k]} vs ${b[i]![k]}`)));
    }
    expect(differences).toEqual([]);
    const kpis = readCsvObjects(readFileSync(path.join(native, 'kpis.csv'), 'utf8'))[0]!;
    expect(Number(kpis.orders)).toBe(4000);
    // The temp database and its spill folder are gone.
    const after = readdirSync(os.tmpdir()).filter((f) => f.startsWith('returns-insight-') && !before.has(f));
    expect(after).toEqual([]);
  }, 120_000);
});
