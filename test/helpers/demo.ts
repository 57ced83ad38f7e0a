import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createNodeRunner, loadFolder } from '../../src/host/node';
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
