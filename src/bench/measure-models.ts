import { CANONICAL_TABLES } from '../data-model/contract';
import type { Runner } from '../runner/runner';
import { checksumRows, tableFingerprintSQL } from './checksum';
import type { ModelRun, TableFingerprint } from './types';
import type { ModelVariant } from './variants';

/**
 * Shared by the browser bench page and the native child: every model variant `runs` times
 * (fewer once one variant has used `budgetMs`), the checksum of the first run's rows.
 */
export async function measureModels(runner: Runner, variants: ModelVariant[], runs: number, budgetMs: number): Promise<ModelRun[]> {
  // Every run must compute: the runner would otherwise reuse the first run's answer.
  const resumeReuse = runner.pauseAnswerReuse();
  try {
    return await measureEach(runner, variants, runs, budgetMs);
  } finally {
    resumeReuse();
  }
}

async function measureEach(runner: Runner, variants: ModelVariant[], runs: number, budgetMs: number): Promise<ModelRun[]> {
  const out: ModelRun[] = [];
  for (const v of variants) {
    const run: ModelRun = { label: v.label, model: v.model, status: 'ok', ms: [] };
    out.push(run);
    try {
      let spent = 0;
      for (let i = 0; i < runs && !(i > 0 && spent > budgetMs); i++) {
        const t0 = performance.now();
        const res = await runner.run(v.model, v.params);
        const ms = performance.now() - t0;
        run.ms.push(ms);
        spent += ms;
        if (i === 0) {
          run.status = res.status;
          if (res.status === 'needs_columns') run.missing = res.missing;
          run.checksum = await checksumRows(res.rows, runner.header(v.model).outputs.map((o) => o.name));
        }
      }
    } catch (e) {
      run.status = 'error';
      run.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    }
  }
  return out;
}

export async function fingerprintTables(runner: Runner): Promise<Record<string, TableFingerprint>> {
  const out: Record<string, TableFingerprint> = {};
  for (const t of CANONICAL_TABLES) {
    const [row] = await runner.engine.query(tableFingerprintSQL(t));
    out[t] = { rows: Number(row!.n), hash: String(row!.h) };
  }
  return out;
}

/** DuckDB's own memory accounting (buffer manager), in MB. */
export async function duckdbMemoryMB(runner: Runner): Promise<number | null> {
  try {
    const [row] = await runner.engine.query('SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()');
    return Math.round(Number(row!.b) / 1e5) / 10;
  } catch {
    return null;
  }
}
