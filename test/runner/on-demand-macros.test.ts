import { describe, expect, it } from 'vitest';
import { createNodeRunner } from '../../src/host/node';

const macroCount = async (r: Awaited<ReturnType<typeof createNodeRunner>>, name: string) =>
  Number((await r.engine.query(`SELECT count(*) AS n FROM duckdb_functions() WHERE function_name = ?`, [name]))[0]!.n);

describe('rule macros created on first use', () => {
  it('creates leakage and abuse macros only when a model calls them, once', async () => {
    const r = await createNodeRunner();
    expect(await macroCount(r, 'leakage_case_rows')).toBe(0);
    expect(await macroCount(r, 'abuse_case_rows')).toBe(0);
    expect(await macroCount(r, 'filtered_lines')).toBe(1); // the start-up ones are there
    await r.run('kpis');
    expect(await macroCount(r, 'leakage_case_rows')).toBe(0);
    const first = await r.run('leakage');
    expect(first.status).toBe('ok');
    expect(await macroCount(r, 'leakage_case_rows')).toBe(1);
    expect(await macroCount(r, 'abuse_case_rows')).toBe(0);
    // abuse_signal_summary calls the abuse rule macros: created now, and the model runs.
    expect((await r.run('abuse_signal_summary')).status).toBe('ok');
    expect(await macroCount(r, 'abuse_case_rows')).toBe(1);
    await r.engine.close();
  }, 60_000);
});
