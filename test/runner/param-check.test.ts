import { describe, expect, it } from 'vitest';
import { checkParamValue, declarationsOf, isCalendarDate } from '../../src/runner/param-check';
import { parseHeader } from '../../src/runner/model-header';
import { csv, useEngine } from '../helpers/engine';

/**
 * The one check of parameter values (runner, CLI --param, the page's URL). Regression:
 * `change_date=2025-02-31` passed the old check (Date.parse rolls it over to 3 March) and
 * reached DuckDB, which failed on it with a conversion error.
 */

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2025-12-31', true],
    ['0001-01-01', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2025-02-31', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-01', false],
    ['2025-01-00', false],
    ['0000-01-01', false],
    ['2025-1-1', false],
    ['2025-01-01T00:00', false],
    [' 2025-01-01', false],
    ['', false],
  ])('%s: %s', (s, ok) => {
    expect(isCalendarDate(s)).toBe(ok);
  });
});

describe('checkParamValue', () => {
  it('says what is wrong, naming the calendar problem', () => {
    expect(checkParamValue({ kind: 'date' }, '2025-02-31')).toEqual({ ok: false, problem: 'must be a date like 2025-01-31: 2025-02 has no day 31' });
    expect(checkParamValue({ kind: 'date' }, '2025-13-01')).toEqual({ ok: false, problem: 'must be a date like 2025-01-31: there is no month 13' });
    expect(checkParamValue({ kind: 'date' }, '31.01.2025')).toEqual({ ok: false, problem: 'must be a date like 2025-01-31' });
    expect(checkParamValue({ kind: 'enum', values: ['month', 'week'] }, 'year')).toEqual({ ok: false, problem: 'must be one of month, week' });
  });

  it('takes numbers in decimal notation only, and true/false', () => {
    for (const s of ['14', '-2', '0.5', '.5', '1e3', '+7']) expect(checkParamValue({ kind: 'number' }, s)).toEqual({ ok: true, value: Number(s) });
    for (const s of ['', '  ', '0x1e', 'Infinity', 'NaN', '1,5', '14 days']) expect(checkParamValue({ kind: 'number' }, s).ok, s).toBe(false);
    expect(checkParamValue({ kind: 'number' }, 3)).toEqual({ ok: true, value: 3 });
    expect(checkParamValue({ kind: 'bool' }, 'true')).toEqual({ ok: true, value: true });
    expect(checkParamValue({ kind: 'bool' }, false)).toEqual({ ok: true, value: false });
    expect(checkParamValue({ kind: 'bool' }, 'yes').ok).toBe(false);
    expect(checkParamValue({ kind: 'text' }, '=anything')).toEqual({ ok: true, value: '=anything' });
  });

  it('finds every declaration of a name, the global filters included unless asked not to', () => {
    const a = parseHeader('a', '-- a: x\n-- @filters\n-- @param grain enum(month|week) = month : g\nSELECT 1');
    const b = parseHeader('b', '-- b: y\n-- @param grain enum(day) = day : g\nSELECT 1');
    expect(declarationsOf([a, b], 'grain').map((d) => d.model)).toEqual(['a', 'b']);
    expect(declarationsOf([a, b], 'date_from')).toEqual([{ model: 'a', type: { kind: 'date' } }]);
    expect(declarationsOf([a, b], 'date_from', false)).toEqual([]);
    expect(declarationsOf([a, b], 'channel')).toEqual([{ model: 'a', type: { kind: 'text' } }]);
  });
});

describe('the runner refuses a date that is not on the calendar before DuckDB sees it', () => {
  const db = useEngine();
  it('policy_impact change_date and the date filters', async () => {
    await db.fixture({
      order_lines: csv('order_id,line_id,order_date,sku,quantity,unit_price', 'O1,1,2025-01-10,A,1,10', 'O2,1,2025-03-10,A,1,10'),
    });
    const r = db.runner();
    await expect(r.run('policy_impact', { change_date: '2025-02-31' })).rejects.toThrow(
      'policy_impact.change_date must be a date like 2025-01-31: 2025-02 has no day 31, got "2025-02-31"',
    );
    await expect(r.run('kpis', { date_to: '2025-13-01' })).rejects.toThrow('date_to must be a date like 2025-01-31: there is no month 13');
    // A real day is bound as it is.
    expect(r.resolveParams('policy_impact', { change_date: '2025-02-28' }).change_date).toBe('2025-02-28');
    expect((await r.run('kpis', { date_from: '2024-02-29' })).status).toBe('ok');
  }, 60_000);
});
