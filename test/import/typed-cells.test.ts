import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { typedCellsSql } from '../../src/engine/typed-cells';
import { CONVERTED_CSV, stageDelimited } from '../../src/loader/stage-delimited';

/**
 * Typed data (Parquet) is staged by casting each value to text (typedCellsSql); before, DuckDB
 * wrote it as CSV and the CSV reader staged that. The checks read those cells, so both must
 * spell every value alike: numbers at their edges, dates, instants with and without a zone,
 * times, BLOBs, text with quotes, line breaks and spaces, NULLs. The one difference is an empty
 * text: the CSV reader takes its quoted "" as NULL, the cast keeps '' (staging makes both NULL,
 * and a row's raw text shows both as nothing).
 */
describe('typed cells', () => {
  it('spell every value as DuckDB wrote it to CSV and the CSV reader staged it', async () => {
    const engine = await createNodeEngine();
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
      await engine.close();
    }
  });
});
