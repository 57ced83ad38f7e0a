import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { typedCellsSql } from '../../src/engine/typed-cells';
import type { Engine } from '../../src/engine/types';
import { releaseTexts, type PreparedText } from '../../src/loader/import/prepare';
import { CONVERTED_CSV, stageDelimited } from '../../src/loader/stage-delimited';

/**
 * Typed data (Parquet: Arrow data in the browser, a file on disk with native DuckDB) is staged
 * by casting each value to text (typedCellsSql) into the table a CSV file is staged into; before,
 * DuckDB wrote it as CSV and the CSV reader staged that. The checks read those cells, so both
 * must spell every value alike, and the cells must take a text's place in staging and release.
 * (The browser path itself, bad rows included, is compared with CSV in
 * test/e2e/parquet-rows.e2e.ts.)
 */
let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(async () => {
  await engine.close();
});

const tempTables = async () =>
  (await engine.query(`SELECT table_name FROM duckdb_tables() WHERE database_name = 'temp' ORDER BY table_name`)).map((r) => String(r.table_name));

/**
 * Numbers at their edges, dates, instants with and without a zone, times, BLOBs, text with
 * quotes, line breaks and spaces, NULLs. The one difference is an empty text: the CSV reader
 * takes its quoted "" as NULL, the cast keeps '' (staging makes both NULL, and a row's raw text
 * shows both as nothing).
 */
describe('typed cells', () => {
  it('spell every value as DuckDB wrote it to CSV and the CSV reader staged it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ri-typed-cells-'));
    try {
      await engine.exec(`CREATE TEMP TABLE typed AS SELECT * FROM (VALUES
        (1.5::DOUBLE, 0.1::FLOAT, 12.50::DECIMAL(10,2), DATE '2024-01-31', TIMESTAMP '2024-01-31 12:30:00',
         TIMESTAMP '2024-01-31 12:30:00.123456', TIMESTAMPTZ '2024-01-31 12:30:00+00', true, 'a "quoted", text', ' spaced ',
         '', 'line' || chr(10) || 'break', 9007199254740993::BIGINT, 1e-7::DOUBLE, 1e21::DOUBLE, -0.0::DOUBLE, 'NaN'::DOUBLE,
         TIME '12:30:00', '\\x00AB'::BLOB, 100000000000000000000::HUGEINT, 'é€'),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
      ) v(d, f, dec, dt, ts, tsu, tstz, b, q, sp, em, nl, big, small, huge, negz, nan, tm, bl, hi, uni)`);
      const columns = (await engine.query('SELECT column_name FROM (DESCRIBE typed)')).map((r) => String(r.column_name));
      await engine.exec(typedCellsSql('cast_cells', columns, 'typed'));
      const file = path.join(dir, 'typed.csv');
      await engine.exec(`COPY typed TO '${file}' (HEADER, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
      expect(await stageDelimited(engine, 'csv_cells', { bytes: readFileSync(file) }, CONVERTED_CSV, columns.length)).toEqual([]);
      const cast = await engine.query('SELECT * FROM cast_cells ORDER BY __line');
      const csv = await engine.query('SELECT * FROM csv_cells ORDER BY __line');
      expect(cast).toHaveLength(2);
      const em = `c${columns.indexOf('em') + 1}`;
      expect(cast[0]![em]).toBe('');
      expect(csv[0]![em]).toBeNull();
      expect(cast.map((r) => ({ ...r, [em]: r[em] === '' ? null : r[em] }))).toEqual(csv);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await engine.exec('DROP TABLE IF EXISTS typed; DROP TABLE IF EXISTS cast_cells; DROP TABLE IF EXISTS csv_cells');
    }
  });
});

describe('staged cells', () => {
  it('are staged under the name asked for, rows and line numbers as they are, with no reader rejects', async () => {
    await engine.exec(`CREATE TEMP TABLE parquet_cells_1 AS SELECT * FROM (VALUES (2::BIGINT, 'ORD-1', NULL), (3::BIGINT, 'ORD-2', '')) v(__line, c1, c2)`);
    const rejects = await stageDelimited(engine, 'imp1_src_cells', { bytes: new Uint8Array(), cells: 'parquet_cells_1' }, CONVERTED_CSV, 2);
    expect(rejects).toEqual([]);
    expect(await tempTables()).toEqual(['imp1_src_cells']);
    expect(await engine.query('SELECT * FROM imp1_src_cells ORDER BY __line')).toEqual([
      { __line: 2, c1: 'ORD-1', c2: null },
      { __line: 3, c1: 'ORD-2', c2: '' },
    ]);
    await engine.exec('DROP TABLE imp1_src_cells');
  });

  it('are dropped when their text is released unstaged, once', async () => {
    await engine.exec(`CREATE TEMP TABLE parquet_cells_2 AS SELECT 2::BIGINT AS __line, 'x' AS c1`);
    const text: PreparedText = { bytes: new Uint8Array(), cells: 'parquet_cells_2', dialect: CONVERTED_CSV, header: ['a'], columnOf: new Map([['a', 'c1']]) };
    await releaseTexts(engine, [text]);
    expect(text.cells).toBeUndefined();
    expect(await tempTables()).toEqual([]);
    // A second release sends the database nothing (the cells were let go already).
    const sent: string[] = [];
    const counting: Engine = { ...engine, exec: async (sql) => void sent.push(sql), query: async (sql) => (sent.push(sql), []) };
    await releaseTexts(counting, [text]);
    expect(sent).toEqual([]);
  });
});
