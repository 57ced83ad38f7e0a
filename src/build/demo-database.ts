/**
 * Writes the demo database (src/loader/prebuilt-database.ts): the bundled demo data loaded by
 * the app's own loader on the browser's DuckDB-WASM build (run in Node) and derived by the same
 * SQL files, as a DuckDB database file. `vite build` ships it as a hashed asset (see
 * src/build/demo-database-plugin.ts) and the page copies it in at start instead of parsing the
 * demo CSV files and deriving.
 *
 *   npx tsx src/build/demo-database.ts out.duckdb [data/demo]
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeRunner, loadFolder } from '../host/node';
import { writePrebuiltDatabase } from '../loader/prebuilt-database';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function writeDemoDatabase(file: string, dir = path.join(root, 'data/demo')): Promise<void> {
  for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
  const runner = await createNodeRunner();
  try {
    const reports = (await loadFolder(runner, dir)).result.reports;
    await writePrebuiltDatabase(runner, file, reports);
  } finally {
    await runner.engine.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, dir] = process.argv.slice(2);
  if (!file) throw new Error('usage: npx tsx src/build/demo-database.ts out.duckdb [data/demo]');
  await writeDemoDatabase(path.resolve(file), dir);
}
