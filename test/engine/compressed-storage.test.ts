import { describe, expect, it } from 'vitest';
import { withSearchPath } from '../../src/loader/search-path';
import { useEngine } from '../helpers/engine';

// The DuckDB-WASM engines keep their tables in a compressed in-memory catalog
// (src/engine/compressed-storage.ts): it decides how much data a tab holds.
describe('compressed table storage', () => {
  const db = useEngine();
  const memoryMB = async () =>
    Number((await db.runner().engine.query(`SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`))[0]!.b) / 2 ** 20;

  it('stores a million repetitive rows in a few MB (uncompressed they take 54 MB)', async () => {
    const engine = db.runner().engine;
    const before = await memoryMB();
    await engine.exec(`CREATE TABLE main.repetitive AS SELECT i % 7 AS small, 'the same long text on every row' AS text, DATE '2025-01-01' + CAST(i % 365 AS INTEGER) AS day FROM range(1000000) t(i)`);
    const used = (await memoryMB()) - before;
    await engine.exec('DROP TABLE main.repetitive');
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(6);
  });

  it('puts the engine search path back after a schema was searched first, also when the work fails', async () => {
    const engine = db.runner().engine;
    const path = async () => String((await engine.query(`SELECT current_setting('search_path') AS p`))[0]!.p);
    const own = await path();
    await engine.exec('CREATE SCHEMA IF NOT EXISTS other; CREATE OR REPLACE TABLE other.only_there AS SELECT 1 AS x');
    expect(await withSearchPath(engine, 'other', async () => Number((await engine.query('SELECT x FROM only_there'))[0]!.x))).toBe(1);
    expect(await path()).toBe(own);
    await expect(withSearchPath(engine, 'other', async () => engine.query('SELECT nope FROM only_there'))).rejects.toThrow();
    expect(await path()).toBe(own);
    // the app's own tables resolve again without a catalog
    expect(Number((await engine.query('SELECT count(*) AS n FROM order_lines'))[0]!.n)).toBeGreaterThanOrEqual(0);
    await engine.exec('DROP SCHEMA other CASCADE');
  });
});
