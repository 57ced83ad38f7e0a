import { describe, expect, it } from 'vitest';
import { jsonToCsv } from '../../src/loader/json-to-arrow';
import { JsonSyntaxError, jsonText, parseJsonValues } from '../../src/loader/json-text';
import { applyMapping } from '../../src/loader/import/apply';
import { readImportSql } from '../../src/loader/import/node';
import type { MappingSpec } from '../../src/loader/import/spec';
import { loadFiles } from '../../src/loader/load-file';
import { decodeParquetNode } from '../../src/loader/parquet-node';
import { useEngine } from '../helpers/engine';

const enc = (s: string) => new TextEncoder().encode(s);
const line = (order_id: string, unit_price: string, line_id = '1') =>
  `{"order_id": ${order_id}, "line_id": ${line_id}, "order_date": "2024-01-05", "sku": "A", "quantity": 2, "unit_price": ${unit_price}, "currency": "EUR", "channel": "web", "customer_id": "C1", "region": "DE"}`;

describe('JSON numbers keep the text they were written with (issue 13, class 10)', () => {
  it('ids above 2^53 stay exact and distinct: JSON.parse would make 9007199254740993 into ...992', () => {
    expect(JSON.parse('9007199254740993')).toBe(9007199254740992); // what broke
    const csv = jsonToCsv(enc(`[{"id": 9007199254740993}, {"id": 9007199254740992}, {"id": -0.50e+2}]`));
    expect(csv).toBe('id\n9007199254740993\n9007199254740992\n-0.50e+2\n');
  });

  it('1e999 stays "1e999" (JSON.parse makes it Infinity), in a cell and inside a nested value', () => {
    expect(JSON.parse('1e999')).toBe(Infinity); // what broke
    expect(jsonToCsv(enc('{"p": 1e999, "x": {"a": [1e999, 12345678901234567890, "t"]}}'))).toBe('p,x\n1e999,"{""a"":[1e999,12345678901234567890,""t""]}"\n');
  });

  it("NaN and ±Infinity as Python's json module writes them are number texts, for the row checks to refuse", () => {
    expect(jsonToCsv(enc('[{"a": NaN, "b": Infinity, "c": -Infinity, "d": {"x": [NaN]}}]'))).toBe('a,b,c,d\nNaN,Infinity,-Infinity,"{""x"":[NaN]}"\n');
  });

  it('reads JSON without code generation (the page\'s CSP refuses it; apache-arrow\'s builder needed it)', () => {
    const text = '{"a": 1, "b": ""}\n{"b": "x,y", "c": true, "a": null}\n\n{"a": "é\\u00e9\\n", "c": false}\n';
    // Here the Function constructor refuses code generation, as the page's CSP does.
    const realFunction = globalThis.Function;
    globalThis.Function = function refused() {
      throw new EvalError('code generation refused');
    } as unknown as FunctionConstructor;
    let csvText: string;
    try {
      csvText = jsonToCsv(enc(text));
    } finally {
      globalThis.Function = realFunction;
    }
    expect(csvText).toBe('a,b,c\n1,"",\n,"x,y",true\n"éé\n",,false\n');
  });

  it('keeps the formats read today: array, one-list wrapper, NDJSON; refuses several lists and broken lines by line', () => {
    expect(jsonToCsv(enc('{"data": [{"k": "v"}], "count": 1}'))).toBe('k\nv\n');
    expect(jsonToCsv(enc('\uFEFF[{"k": 1}, 2]'))).toBe('k,value\n1,\n,2\n');
    expect(() => jsonToCsv(enc('{"meta": [], "data": []}'))).toThrow(/several lists \(meta, data\)/);
    expect(() => jsonToCsv(enc('{"k":1}\n{"k":\n'))).toThrow('JSON line 2 is not valid JSON');
    expect(() => jsonToCsv(enc('[\n{"k": 1},\n{"k": nan}\n]'))).toThrow('JSON line 3 is not valid JSON');
    for (const bad of ['{"k": 01}', '{"k": Inf}', '{"k": -NaN}', '{"k": 1.}', '{"k": "a\tb"}', '{"k": "\\x"}', '[1,]', '{"k" 1}', '"open', '-', '[' .repeat(600)]) {
      expect(() => parseJsonValues(bad), bad.slice(0, 20)).toThrow(JsonSyntaxError);
    }
  });

  it('reads strings and nesting as JSON.parse does (numbers aside)', () => {
    const doc = '{"s": "q\\"b\\\\s\\/\\b\\f\\n\\r\\t\\ud83d\\ude00", "n": [true, false, null, {}, []], "s": "last", "__proto__": 1}';
    const [v] = parseJsonValues(doc);
    expect(jsonText(v!)).toBe(JSON.stringify(JSON.parse(doc)));
  });
});

describe('a JSON order_lines file through the loaders', () => {
  const db = useEngine();
  const engine = () => db.runner().engine;
  const reset = async () => {
    for (const t of ['order_lines', 'load_log', 'load_issues']) await engine().exec(`DELETE FROM ${t}`);
  };
  const text = [line('9007199254740993', '10.5'), line('9007199254740992', '10.5'), line('9007199254740994', '1e999'), line('9007199254740995', 'NaN')].join('\n');
  const COLUMNS = ['order_id', 'line_id', 'order_date', 'sku', 'quantity', 'unit_price', 'currency', 'channel', 'customer_id', 'region'];
  const identity: MappingSpec = {
    version: 1,
    name: 'order lines as exported',
    source: { encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [] },
    targets: [{ table: 'order_lines', columns: Object.fromEntries(COLUMNS.map((c) => [c, { column: c }])) }],
  };

  it('mapping path: two ids that differ only past 2^53 are two orders; 1e999 and NaN are refused by name', async () => {
    await reset();
    const r = await applyMapping(engine(), readImportSql(), { name: 'o.ndjson', bytes: enc(text) }, identity, { now: new Date('2025-03-01T00:00:00Z') });
    expect([r.error, r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([undefined, 4, 2, 2]);
    expect(await engine().query('SELECT order_id FROM order_lines ORDER BY order_id')).toEqual([{ order_id: '9007199254740992' }, { order_id: '9007199254740993' }]);
    expect(await engine().query('SELECT line_number, reason FROM load_issues ORDER BY line_number')).toEqual([
      { line_number: 4, reason: 'bad number in unit_price: "1e999"' },
      { line_number: 5, reason: 'bad number in unit_price: "NaN"' },
    ]);
  });

  it('canonical path: the same ids load as two orders (before, the second was a duplicate of the first)', async () => {
    await reset();
    const [r] = await loadFiles(engine(), readImportSql(), [{ name: 'order_lines.json', bytes: enc(`[${text.split('\n').slice(0, 2).join(',')}]`) }], decodeParquetNode);
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(await engine().query('SELECT order_id FROM order_lines ORDER BY order_id')).toEqual([{ order_id: '9007199254740992' }, { order_id: '9007199254740993' }]);
  });
});
