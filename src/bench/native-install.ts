import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NODE_API_PACKAGE, NODE_API_VERSION } from '../engine/native';
import { ROOT } from './paths';

/**
 * The native reference: @duckdb/node-api on DuckDB 1.4.3, the version inside DuckDB-WASM 1.32.0.
 * Not a project dependency: installed here with `npm install --no-save`, so package.json and
 * package-lock.json stay as they are (checked, and put back if npm touched them anyway).
 */

export function installedNodeApiVersion(): string | null {
  const pkg = path.join(ROOT, 'node_modules', NODE_API_PACKAGE, 'package.json');
  if (!existsSync(pkg)) return null;
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

export function ensureNodeApi(log: (s: string) => void): string {
  const have = installedNodeApiVersion();
  if (have === NODE_API_VERSION) return have;
  log(`native DuckDB: installing ${NODE_API_PACKAGE}@${NODE_API_VERSION} (--no-save; was ${have ?? 'absent'}) …`);
  const guarded = ['package.json', 'package-lock.json'].map((f) => path.join(ROOT, f)).filter(existsSync);
  const before = guarded.map((f) => readFileSync(f));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', `${NODE_API_PACKAGE}@${NODE_API_VERSION}`], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  guarded.forEach((f, i) => {
    if (!readFileSync(f).equals(before[i]!)) {
      writeFileSync(f, before[i]!);
      log(`  npm changed ${path.basename(f)}; restored it`);
    }
  });
  if (res.status !== 0) throw new Error(`npm install ${NODE_API_PACKAGE}@${NODE_API_VERSION} failed (exit ${res.status})`);
  const now = installedNodeApiVersion();
  if (now !== NODE_API_VERSION) throw new Error(`${NODE_API_PACKAGE} is ${now ?? 'absent'} after install, expected ${NODE_API_VERSION}`);
  return now;
}
