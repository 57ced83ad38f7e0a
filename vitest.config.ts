import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own DuckDB-WASM; two at a time suits a 2-core machine.
    maxWorkers: 2,
    // Files share their workers' loaded modules instead of importing everything again per file:
    // the suite's module loading went from 147 s to 14 s and its time from 676–775 s to 373–443 s.
    // So a file must leave no global changed (spies and globalThis.Function are put back in
    // `finally`; test/setup/globals-put-back.ts fails a file that does not) and must close the
    // engines it starts; what src/ keeps per module (memos, name counters) holds for any file.
    isolate: false,
    setupFiles: ['test/setup/globals-put-back.ts'],
  },
});
