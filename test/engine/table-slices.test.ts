import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { tableSlices } from '../../src/engine/table-slices';
import type { Engine } from '../../src/engine/types';

// The kept copy of a data set is read in slices (src/engine/opfs-database.ts): the slices must
// give back every row once, in the table's order, also after a load replaced the rows (their
// rowids then start past the old ones, leaving whole slices empty).
describe('tableSlices', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  const readAll = async (table: string, rowsPerSlice: number) => {
    const rows = [];
    const slices = await tableSlices(engine, table, rowsPerSlice);
    for (const q of slices) rows.push(...(await engine.query(q)));
    return { rows, slices: slices.length };
  };

  it('reads a fresh table in order, one slice per block of rows', async () => {
    await engine.exec(`CREATE TABLE fresh AS SELECT range::INTEGER AS i, 'r' || range AS t FROM range(2500)`);
    const { rows, slices } = await readAll('fresh', 1000);
    expect(slices).toBe(3);
    expect(rows).toEqual(await engine.query('SELECT * FROM fresh'));
  });

  it('skips the empty slices of rows a load replaced, and loses none', async () => {
    await engine.exec(`CREATE TABLE replaced AS SELECT range::INTEGER AS i FROM range(3000);
      DELETE FROM replaced; INSERT INTO replaced SELECT range::INTEGER + 10000 FROM range(1500)`);
    const { rows, slices } = await readAll('replaced', 1000);
    expect(rows).toEqual(await engine.query('SELECT * FROM replaced'));
    expect(rows).toHaveLength(1500);
    expect(slices).toBeLessThanOrEqual(3);
  });

  it('gives no slice for an empty table', async () => {
    await engine.exec('CREATE TABLE empty_t (i INTEGER)');
    expect(await readAll('empty_t', 1000)).toEqual({ rows: [], slices: 0 });
  });
});
