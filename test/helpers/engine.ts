import { afterAll, beforeAll } from 'vitest';
import { createNodeRunner, loadTexts } from '../../src/host/node';
import type { Runner } from '../../src/runner/runner';

/**
 * One DuckDB-WASM engine per test file (compiling the wasm is the slow part), on the same
 * build the browser uses. `fixture` replaces all canonical data with the given CSV texts.
 */
export function useEngine(): {
  runner: () => Runner;
  fixture: (texts: Record<string, string>) => Promise<void>;
} {
  let runner: Runner | undefined;
  beforeAll(async () => {
    runner = await createNodeRunner();
  }, 60_000);
  afterAll(async () => {
    await runner?.engine.close();
  });
  const get = (): Runner => {
    if (!runner) throw new Error('engine not started');
    return runner;
  };
  return {
    runner: get,
    fixture: async (texts) => {
      const r = get();
      for (const t of ['order_lines', 'products', 'shipments', 'returns', 'reviews', 'load_log', 'load_issues']) {
        await r.engine.exec(`DELETE FROM ${t}`);
      }
      const reports = await loadTexts(r, texts);
      const failed = reports.filter((x) => x.error || x.rowsRejected > 0);
      if (failed.length > 0) throw new Error(`fixture did not load cleanly: ${JSON.stringify(failed)}`);
    },
  };
}

/** CSV text from a header line and rows (keeps fixtures readable as tables). */
export function csv(header: string, ...rows: string[]): string {
  return [header, ...rows].join('\n') + '\n';
}

/** A fixture's CSV text without these columns (fixtures with plain cells: no quoted commas). */
export function withoutColumns(text: string, ...columns: string[]): string {
  const lines = text.trimEnd().split('\n').map((l) => l.split(','));
  const drop = new Set(columns.map((c) => lines[0]!.indexOf(c)));
  if (drop.has(-1)) throw new Error(`no column ${columns.join(', ')} in ${lines[0]!.join(',')}`);
  return lines.map((cells) => cells.filter((_, i) => !drop.has(i)).join(',')).join('\n') + '\n';
}
