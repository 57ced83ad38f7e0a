import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { writeDemoDatabase } from '../../src/build/demo-database';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import type { PrebuiltFiles } from '../../src/loader/prebuilt-database';
import type { Runner } from '../../src/runner/runner';

/** The demo data set the build ships (data/demo), loaded through the app's own loader. */
export const DEMO = path.resolve(__dirname, '../../data/demo');

/**
 * One DuckDB-WASM runner for the test file with the demo loaded (before the file's tests, closed
 * after them). `setup` runs once the demo is in, e.g. to wrap the engine.
 */
export function demoForThisFile(setup?: (runner: Runner) => void | Promise<void>): () => Runner {
  let runner: Runner | undefined;
  beforeAll(async () => {
    runner = await createNodeRunner();
    await loadFolder(runner, DEMO);
    await setup?.(runner);
  }, 120_000);
  afterAll(async () => {
    await runner?.engine.close();
  });
  return () => {
    if (!runner) throw new Error('demo not loaded');
    return runner;
  };
}

/** The build's demo database (src/build/demo-database.ts) written into `dir`, as the page gets its bytes. */
export async function demoDatabaseFiles(dir: string): Promise<PrebuiltFiles> {
  const file = path.join(dir, 'demo.duckdb');
  await writeDemoDatabase(file, DEMO);
  let wal: Uint8Array | null = null;
  try {
    wal = new Uint8Array(readFileSync(`${file}.wal`));
  } catch {
    // folded into the file
  }
  return { database: new Uint8Array(readFileSync(file)), wal };
}
