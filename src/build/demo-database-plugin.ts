import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { cachedStep } from './step-cache';
import { buildTimeModule } from './virtual-module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `virtual:demo-database`: the demo data in its loaded and derived form (src/build/demo-database.ts,
 * run in Node on the browser's DuckDB-WASM build), emitted as hashed assets of the build, so they
 * are served from the app's own origin and can be cached for good (the file is made once per
 * state of the sources: src/build/step-cache.ts). The module gives their URLs;
 * the dev server has none (null): the page then loads the demo CSV files, as before.
 */
export function demoDatabase(): Plugin {
  return buildTimeModule('virtual:demo-database', 'returns-insight:demo-database', (ctx) => {
    const dir = cachedStep('demo-database', (out) =>
      execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/build/demo-database.ts'), path.join(out, 'demo.duckdb')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }),
    );
    const url = (name: string) => `import.meta.ROLLUP_FILE_URL_${ctx.emitFile({ type: 'asset', name, source: readFileSync(path.join(dir, name)) })}`;
    const wal = existsSync(path.join(dir, 'demo.duckdb.wal')) ? url('demo.duckdb.wal') : 'null';
    return `export default { database: ${url('demo.duckdb')}, wal: ${wal} };`;
  });
}
