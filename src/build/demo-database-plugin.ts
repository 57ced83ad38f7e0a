import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { buildTimeModule } from './virtual-module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `virtual:demo-database`: the demo data in its loaded and derived form (src/build/demo-database.ts,
 * run in Node on the browser's DuckDB-WASM build), emitted as hashed assets of the build, so they
 * are served from the app's own origin and can be cached for good. The module gives their URLs;
 * the dev server has none (null): the page then loads the demo CSV files, as before.
 */
export function demoDatabase(): Plugin {
  return buildTimeModule('virtual:demo-database', 'returns-insight:demo-database', (ctx) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ri-demo-db-'));
    try {
      const file = path.join(dir, 'demo.duckdb');
      execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/build/demo-database.ts'), file], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
      const url = (name: string) => `import.meta.ROLLUP_FILE_URL_${ctx.emitFile({ type: 'asset', name, source: readFileSync(path.join(dir, name)) })}`;
      const wal = existsSync(`${file}.wal`) ? url('demo.duckdb.wal') : 'null';
      return `export default { database: ${url('demo.duckdb')}, wal: ${wal} };`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
