import { describe, expect, it } from 'vitest';
import { bindNamed, parameterNames } from '../src/runner/bind-params';
import { parseHeader } from '../src/runner/model-header';
import { useEngine, csv } from './helpers/engine';

describe('bindNamed', () => {
  it('numbers named parameters in order of first use and reuses numbers', () => {
    const r = bindNamed('SELECT $a, $b, $a WHERE x = $c', { a: 1, b: 'x', c: null });
    expect(r.sql).toBe('SELECT $1, $2, $1 WHERE x = $3');
    expect(r.params).toEqual([1, 'x', null]);
  });
  it('leaves strings, quoted identifiers and comments alone', () => {
    const sql = `SELECT '$a', "$a", $a -- $b\n/* $c */ FROM t WHERE s = 'it''s $a'`;
    const r = bindNamed(sql, { a: 5 });
    expect(r.sql).toBe(`SELECT '$a', "$a", $1 -- $b\n/* $c */ FROM t WHERE s = 'it''s $a'`);
    expect(parameterNames(sql)).toEqual(['a']);
  });
  it('refuses a parameter with no value', () => {
    expect(() => bindNamed('SELECT $missing', {})).toThrow('$missing');
  });
});

describe('parseHeader', () => {
  it('reads params, requirements and outputs', () => {
    const h = parseHeader(
      'm',
      [
        '-- m: a model',
        '-- what it does',
        '-- @filters',
        '-- @param dim enum(sku|category) = sku : grouping',
        '-- @param since date = null : start',
        '-- @requires products.category when dim=category',
        '-- @output dim_value : the value',
        'SELECT 1',
      ].join('\n'),
    );
    expect(h).toMatchObject({ title: 'a model', description: 'what it does', usesFilters: true });
    expect(h.params[0]).toMatchObject({ name: 'dim', type: { kind: 'enum', values: ['sku', 'category'] }, defaultValue: 'sku' });
    expect(h.params[1]).toMatchObject({ name: 'since', defaultValue: null });
    expect(h.requires[0]).toEqual({ columns: ['products.category'], when: { param: 'dim', value: 'category' } });
    expect(h.outputs).toEqual([{ name: 'dim_value', description: 'the value' }]);
  });
  it('insists the file names itself on its first line', () => {
    expect(() => parseHeader('kpis', '-- other: x\nSELECT 1')).toThrow('must start with');
  });
});

describe('Runner parameters', () => {
  const db = useEngine();
  it('validates values against the header before anything runs', async () => {
    await db.fixture({
      order_lines: csv('order_id,line_id,order_date,sku,quantity,unit_price', 'O1,1,2024-01-01,A,1,10'),
    });
    const r = db.runner();
    await expect(r.run('kpis', { date_from: '01/02/2024' })).rejects.toThrow('date_from must be a date');
    await expect(r.run('kpis', { nonsense: 1 })).rejects.toThrow('has no parameter "nonsense"');
    expect(r.resolveParams('kpis', { channel: ['web', 'app'] }).channel).toBe('web\u001fapp');
  });
  it('binds hostile filter values as data, never as SQL', async () => {
    const r = db.runner();
    const res = await r.run('kpis', { channel: ["web' OR '1'='1", 'x); DROP TABLE order_lines; --'] });
    expect(res.rows[0]).toMatchObject({ orders: 0 });
    expect((await r.engine.query('SELECT count(*) AS n FROM order_lines'))[0]).toEqual({ n: 1 });
  });
});
