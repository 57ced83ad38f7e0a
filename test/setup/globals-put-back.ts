import { afterAll, expect, vi } from 'vitest';

/**
 * Test files share their worker's modules and globals (`isolate: false`, vitest.config.ts), so a
 * file that leaves a global changed would change the files that run after it in that worker.
 * Run before each file: what the file found is what it must leave, or the file fails by name.
 */
const found = {
  Function: globalThis.Function,
  fetch: globalThis.fetch,
  env: JSON.stringify(process.env),
  cwd: process.cwd(),
};
const CONSOLE = ['log', 'error', 'warn', 'info', 'debug'] as const;

afterAll(() => {
  expect(globalThis.Function, 'globalThis.Function is put back').toBe(found.Function);
  expect(globalThis.fetch, 'globalThis.fetch is put back').toBe(found.fetch);
  expect(JSON.stringify(process.env), 'process.env is as the file found it').toBe(found.env);
  expect(process.cwd(), 'the working folder is as the file found it').toBe(found.cwd);
  for (const m of CONSOLE) expect(vi.isMockFunction(console[m]), `console.${m} is not left mocked`).toBe(false);
});
