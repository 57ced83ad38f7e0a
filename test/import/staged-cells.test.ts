import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { releaseTexts, type PreparedText } from '../../src/loader/import/prepare';
import { CONVERTED_CSV, stageDelimited } from '../../src/loader/stage-delimited';

/**
 * Cells staged already (InputText.cells: Parquet in the browser, src/engine/browser.ts
 * arrowToCells) take the place of a text: staging takes the table as it is, under the name
 * staging asks for, and a text released unstaged drops its table. (The browser path itself, bad
 * rows included, is compared with CSV in test/e2e/parquet-rows.e2e.ts.)
 */
describe('staged cells', () => {
  const tables = async (engine: Awaited<ReturnType<typeof createNodeEngine>>) =>
    (await engine.query(`SELECT table_name FROM duckdb_tables() WHERE database_name = 'temp' ORDER BY table_name`)).map((r) => String(r.table_name));

  it('are staged under the name asked for, rows and line numbers as they are, with no reader rejects', async () => {
    const engine = await createNodeEngine();
    await engine.exec(`CREATE TEMP TABLE parquet_cells_1 AS SELECT * FROM (VALUES (2::BIGINT, 'ORD-1', NULL), (3::BIGINT, 'ORD-2', '')) v(__line, c1, c2)`);
    const rejects = await stageDelimited(engine, 'imp1_src_cells', { bytes: new Uint8Array(), cells: 'parquet_cells_1' }, CONVERTED_CSV, 2);
    expect(rejects).toEqual([]);
    expect(await tables(engine)).toEqual(['imp1_src_cells']);
    expect(await engine.query('SELECT * FROM imp1_src_cells ORDER BY __line')).toEqual([
      { __line: 2, c1: 'ORD-1', c2: null },
      { __line: 3, c1: 'ORD-2', c2: '' },
    ]);
    await engine.close();
  });

  it('are dropped when their text is released unstaged, once', async () => {
    const engine = await createNodeEngine();
    await engine.exec(`CREATE TEMP TABLE parquet_cells_2 AS SELECT 2::BIGINT AS __line, 'x' AS c1`);
    const text: PreparedText = { bytes: new Uint8Array(), cells: 'parquet_cells_2', dialect: CONVERTED_CSV, header: ['a'], columnOf: new Map([['a', 'c1']]) };
    await releaseTexts(engine, [text]);
    expect(text.cells).toBeUndefined();
    expect(await tables(engine)).toEqual([]);
    await releaseTexts(engine, [text]);
    await engine.close();
  });
});
