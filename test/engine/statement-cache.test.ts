import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { keepsStatements, onlyReads, StatementCache } from '../../src/engine/statement-cache';
import type { Engine } from '../../src/engine/types';

describe('onlyReads', () => {
  it.each([
    ['SELECT 1', true],
    ['  with x AS (SELECT 1) SELECT * FROM x', true],
    ['-- kpis: headline numbers\n-- @filters\nWITH a AS (SELECT 1) SELECT * FROM a', true],
    ['FROM t', true],
    ['DESCRIBE t', true],
    ['CREATE OR REPLACE TABLE t AS SELECT 1', false],
    ['-- a comment\nCREATE MACRO m() AS 1', false],
    ['INSERT INTO assumptions VALUES (?, ?)', false],
    ['DELETE FROM t', false],
    ['ATTACH \'x.duckdb\' AS x', false],
    ['BEGIN TRANSACTION; DELETE FROM t; COMMIT', false],
    ['selected_rows', false],
  ])('%j -> %s', (sql, expected) => {
    expect(onlyReads(sql)).toBe(expected);
  });
});

describe('keepsStatements', () => {
  it.each([
    ['SELECT 1', true],
    ['CREATE OR REPLACE TEMP TABLE per_view_x_1 AS SELECT * FROM m($1)', true],
    ['-- a view table\ncreate or replace temporary table v AS SELECT 1', true],
    ['CREATE OR REPLACE TABLE t AS SELECT 1', false],
    ['CREATE TEMP TABLE t AS SELECT 1', false],
    ['DROP TABLE t', false],
    ['INSERT INTO t VALUES (1)', false],
  ])('%j -> %s', (sql, expected) => {
    expect(keepsStatements(sql)).toBe(expected);
  });
});

describe('StatementCache', () => {
  const fake = () => {
    const log: string[] = [];
    let n = 0;
    const cache = new StatementCache<{ id: number; sql: string }>(
      (sql) => (log.push(`prepare ${sql}`), { id: ++n, sql }),
      (s) => log.push(`close ${s.id}`),
      2,
    );
    return { cache, log };
  };

  it('prepares a statement once per SQL text and reuses it', async () => {
    const { cache, log } = fake();
    const ids = [];
    for (const sql of ['a', 'a', 'b', 'a']) ids.push(await cache.run(sql, (s) => s.id));
    expect(ids).toEqual([1, 1, 2, 1]);
    expect(log).toEqual(['prepare a', 'prepare b']);
  });

  it('closes the least recently used statement past its capacity, and every one on clear', async () => {
    const { cache, log } = fake();
    for (const sql of ['a', 'b', 'a', 'c']) await cache.run(sql, (s) => s.id);
    expect(log).toEqual(['prepare a', 'prepare b', 'prepare c', 'close 2']);
    await cache.clear();
    expect(cache.size).toBe(0);
    expect(log.slice(4).sort()).toEqual(['close 1', 'close 3']);
  });

  it('retries once on a fresh statement after a failure, and throws a failure that repeats', async () => {
    const { cache, log } = fake();
    let calls = 0;
    expect(await cache.run('a', (s) => (++calls === 1 ? Promise.reject(new Error('closed')) : s.id))).toBe(2);
    expect(log).toEqual(['prepare a', 'close 1', 'prepare a']);
    await expect(cache.run('b', () => Promise.reject(new Error('Binder Error')))).rejects.toThrow('Binder Error');
  });
});

// On DuckDB itself: a kept statement answers with the values bound at each run, and DDL (which
// drops kept statements) leaves no statement bound to a table that was replaced.
describe('kept statements on DuckDB', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('binds each run its own values, NULL included, and sees replaced tables', async () => {
    await engine.exec(`CREATE TABLE t AS SELECT * FROM (VALUES ('web', 1), ('app', 2), ('web', 3)) v(channel, n)`);
    const sql = 'SELECT sum(n) AS s FROM t WHERE ? IS NULL OR channel = ?';
    expect(await engine.query(sql, ['web', 'web'])).toEqual([{ s: 4 }]);
    expect(await engine.query(sql, ['app', 'app'])).toEqual([{ s: 2 }]);
    expect(await engine.query(sql, [null, null])).toEqual([{ s: 6 }]);
    await engine.exec(`CREATE OR REPLACE TABLE t AS SELECT * FROM (VALUES ('web', 10.5)) v(channel, n)`);
    expect(await engine.query(sql, ['web', 'web'])).toEqual([{ s: 10.5 }]);
    await engine.query('INSERT INTO t VALUES (?, ?)', ['web', 1]);
    expect(await engine.query(sql, ['web', 'web'])).toEqual([{ s: 11.5 }]);
  });

  it('a kept statement reading a temporary table reads its new rows once the table is replaced', async () => {
    // The runner's view tables (src/runner/view-tables.ts): replaced on every filter change
    // without dropping the kept statements, which DuckDB binds again.
    await engine.query('CREATE OR REPLACE TEMP TABLE v AS SELECT * FROM range(CAST(? AS BIGINT)) r(n)', [3]);
    const sql = 'SELECT count(*) AS c, sum(n) AS s FROM v WHERE n >= ?';
    expect(await engine.query(sql, [0])).toEqual([{ c: 3, s: 3 }]);
    await engine.query('CREATE OR REPLACE TEMP TABLE v AS SELECT * FROM range(CAST(? AS BIGINT)) r(n)', [5]);
    expect(await engine.query(sql, [1])).toEqual([{ c: 4, s: 10 }]);
    await engine.query('CREATE OR REPLACE TEMP TABLE v AS SELECT n / 2 AS n FROM range(CAST(? AS BIGINT)) r(n)', [2]);
    expect(await engine.query(sql, [0])).toEqual([{ c: 2, s: 0.5 }]);
  });
});
