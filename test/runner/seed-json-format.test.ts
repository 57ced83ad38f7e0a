import { describe, expect, it } from 'vitest';
import { snapshotFromJson, snapshotToJson, type DemoSnapshot } from '../../src/loader/seed-json';

/**
 * The snapshot's written form (src/loader/seed-json.ts): answers packed as column names and rows
 * of values, Dates and non-finite numbers kept; a first screen written before answers were
 * packed (kept with a data set in a browser's storage) still reads back.
 */
const ROWS = [
  { period: new Date(Date.UTC(2024, 0, 1)), returns: 3, rate: 0.25, label: 'web', missing: null, inf: Infinity, list: ['a', 'b'] },
  { period: new Date(Date.UTC(2024, 1, 1)), returns: 0, rate: NaN, label: '(unknown)', missing: null, inf: -Infinity, list: [] },
];
const SNAPSHOT: DemoSnapshot = {
  seed: { presence: [['order_lines.order_id', 3]], answers: [['return_trend\u0000[null]', ROWS], ['kpis\u0000[]', []]] },
  reports: [],
};

describe('snapshot JSON', () => {
  it('round trips rows, with their column order, Dates and non-finite numbers', () => {
    const back = snapshotFromJson(snapshotToJson(SNAPSHOT));
    expect(back).toEqual(SNAPSHOT);
    expect(Object.keys(back.seed.answers[0]![1][0]!)).toEqual(Object.keys(ROWS[0]!));
    expect(back.seed.answers[0]![1][0]!.period).toBeInstanceOf(Date);
    expect(Number.isNaN(back.seed.answers[0]![1][1]!.rate)).toBe(true);
  });

  it('names each column once, not once per row', () => {
    const many = { ...SNAPSHOT, seed: { ...SNAPSHOT.seed, answers: [['x', Array.from({ length: 100 }, (_, i) => ({ a_long_column_name: i }))]] as [string, Record<string, unknown>[]][] } };
    expect(snapshotToJson(many).split('a_long_column_name')).toHaveLength(2);
  });

  it('reads a first screen written before answers were packed (regression: kept data sets)', () => {
    const old =
      '{"seed":{"presence":[["order_lines.order_id",3]],"answers":[["return_trend\\u0000[null]",[{"period":{"$date":1704067200000},"returns":3,"inf":{"$number":"Infinity"}}]]]},"reports":[]}';
    expect(snapshotFromJson(old)).toEqual({
      seed: { presence: [['order_lines.order_id', 3]], answers: [['return_trend\u0000[null]', [{ period: new Date(1704067200000), returns: 3, inf: Infinity }]]] },
      reports: [],
    });
  });
});
