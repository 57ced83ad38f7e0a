import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addExclusion, addLookup, addTarget, answer, applyMappingJson, canLoad, checkMappingJson, choiceForKind, draftFromBytes, draftProblems,
  lookupColumns, mappingJson, openQuestions, removeExclusion, removeLookup, removeTarget, rowTestOf, sampleValues, setColumnSource,
  setDuplicates, setFillDown, setNumberSign, setRouting, setTargetFilter, setValueMap, simpleTestOf, sourceChoiceOf, updateExclusion,
  updateLookup, valueMapOf, withChoice, withSampledValues, type MappingDraft,
} from '../../src/app/loading/mapping-step';
import { main } from '../../src/cli/main';
import { EXIT } from '../../src/cli/errors';
import { buildPreset, fileMatches, sniff, stringifyMapping, validateMapping } from '../../src/loader/import';
import { readCsvObjects } from '../helpers/csv';
import { flatOrdersCsv } from '../helpers/flat-export';
import { HAND_FIGURES, HAND_MAPPED_CSV, HAND_MAPPED_FILE, TEST_ACCOUNT } from '../helpers/hand-mapped-export';

/**
 * The mapping step's controls as functions: several tables per file, every kind of value
 * source, value maps, exclusions, fill-down, lookups and the JSON editor. What the page makes
 * is the mapping JSON the CLI reads: the hand-made mapping is run through `analyze --mapping`
 * and gives the figures worked out by hand.
 */

const enc = (s: string) => new TextEncoder().encode(s);
const handDraft = () => draftFromBytes(HAND_MAPPED_FILE, enc(HAND_MAPPED_CSV));

/** What a user does in the page for the flat export: order lines, then products from the same file. */
function mapByHand(): MappingDraft {
  let d = withChoice(handDraft(), { kind: 'custom', table: 'order_lines' });
  d = setColumnSource(d, 0, 'line_id', { kind: 'column', name: 'Row ID' });
  d = setColumnSource(d, 0, 'unit_price', { kind: 'calc', op: 'divide', a: { kind: 'column', name: 'Sales' }, b: { kind: 'column', name: 'Quantity' } });
  d = setColumnSource(d, 0, 'region', { kind: 'none' }); // the suggestion took Ship Mode
  d = addExclusion(d, 0, { when: rowTestOf({ column: TEST_ACCOUNT.column, is: 'equals', value: TEST_ACCOUNT.value, not: false }), reason: TEST_ACCOUNT.reason });
  d = addTarget(d, 'products');
  return setDuplicates(d, 1, 'first');
}

describe('a flat export mapped by hand into two tables', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-hand-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is the mapping JSON the controls describe: unit price = Sales ÷ Quantity, products merged, one exclusion', () => {
    const d = mapByHand();
    expect(openQuestions(d)).toEqual([]);
    expect(draftProblems(d)).toEqual([]);
    expect(canLoad(d)).toBe(true);
    const m = d.mapping;
    // A second table with no filter takes every row: routed to the first match it would get none.
    expect(m.routing).toBe('each');
    expect(m.targets.map((t) => [t.table, t.duplicates ?? 'reject'])).toEqual([['order_lines', 'reject'], ['products', 'first']]);
    expect(m.targets[0]!.columns.unit_price).toEqual({
      divide: [{ column: 'Sales', transform: { kind: 'number', decimal: '.', thousands: ',', currency: false, sign: 'keep' } }, { column: 'Quantity', transform: { kind: 'number', decimal: '.', thousands: ',', currency: false, sign: 'keep' } }],
    });
    expect(sourceChoiceOf(m.targets[0]!.columns.unit_price)).toEqual({ kind: 'calc', op: 'divide', a: { kind: 'column', name: 'Sales' }, b: { kind: 'column', name: 'Quantity' } });
    expect(m.targets[0]!.exclude).toEqual([{ when: { column: 'Customer', is: 'equals', value: 'TEST ACCOUNT' }, reason: TEST_ACCOUNT.reason }]);
    expect(m.targets[1]!.columns).toEqual({ sku: { column: 'Product ID' }, category: { column: 'Category' } });
    expect(validateMapping(JSON.parse(mappingJson(d)))).toMatchObject({ ok: true });
    expect(JSON.parse(mappingJson(d)).files).toEqual([HAND_MAPPED_FILE]);
  });

  it('gives the hand-worked figures through the CLI (analyze --mapping with the page’s JSON)', async () => {
    const data = path.join(tmp, 'data');
    mkdirSync(data);
    writeFileSync(path.join(data, HAND_MAPPED_FILE), HAND_MAPPED_CSV);
    const mappingFile = path.join(tmp, 'store.mapping.json');
    writeFileSync(mappingFile, mappingJson(mapByHand()));
    const out = path.join(tmp, 'out');
    expect(await main(['analyze', data, '--mapping', mappingFile, '--out', out, '--quiet'])).toBe(EXIT.ok);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const tables = summary.imports[0].tables.map((t: Record<string, number>) => ({ table: t.table, read: t.rowsRead, loaded: t.rowsLoaded, merged: t.rowsMerged, rejected: t.rowsRejected, excluded: t.rowsExcluded }));
    expect(tables).toEqual([{ table: 'order_lines', ...HAND_FIGURES.lines }, { table: 'products', ...HAND_FIGURES.products }]);
    const [k] = readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'));
    expect([Number(k!.orders), Number(k!.units_sold)]).toEqual([HAND_FIGURES.orders, HAND_FIGURES.units]);
    expect(Number(k!.gross_sales)).toBeCloseTo(HAND_FIGURES.grossSales, 9);
  }, 120_000);
});

describe('the page and import-check --out write the same mapping JSON', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-same-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each([
    ['amazon_fba_returns.tsv', () => readFileSync(path.resolve(__dirname, '../fixtures/import/amazon_fba_returns.tsv'))],
    ['Orders.csv', () => Buffer.from(flatOrdersCsv())],
  ])('%s, as detected', async (name, bytes) => {
    const file = path.join(tmp, name);
    writeFileSync(file, bytes());
    const out = path.join(tmp, `${name}.mapping.json`);
    await main(['import-check', file, '--out', out]);
    const page = draftFromBytes(name, new Uint8Array(bytes()));
    // The whole file, byte for byte: the mapping, every source column used or ignored, the open questions.
    expect(mappingJson(page)).toBe(readFileSync(out, 'utf8'));
  }, 60_000);
});

describe('Edit as JSON', () => {
  it('round-trips: the text applied gives the same mapping, and an edit shows in the controls', () => {
    const d = mapByHand();
    const text = mappingJson(d);
    const same = checkMappingJson(text);
    expect(same.ok).toBe(true);
    if (!same.ok) return;
    // The same JSON (keys may come back in the schema's order).
    expect(JSON.parse(mappingJson(applyMappingJson(d, same.mapping)))).toEqual(JSON.parse(text));
    const edited = checkMappingJson(text.replace(TEST_ACCOUNT.reason, 'staff orders').replace('"divide"', '"multiply"'));
    expect(edited.ok).toBe(true);
    if (!edited.ok) return;
    const e = applyMappingJson(d, edited.mapping);
    expect(e.mapping.targets[0]!.exclude![0]!.reason).toBe('staff orders');
    expect(sourceChoiceOf(e.mapping.targets[0]!.columns.unit_price)).toMatchObject({ kind: 'calc', op: 'multiply' });
    expect(e.origin).toMatch(/, edited as JSON$/);
  });

  it('names every problem with its path, and where a syntax error is', () => {
    const bad = JSON.parse(mappingJson(mapByHand()));
    delete bad.targets[1].columns.sku;
    bad.routing = 'sometimes';
    const r = checkMappingJson(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.startsWith('routing:'))).toBe(true);
    expect(r.errors.some((e) => /^targets\[1\]\.columns: products\.sku is required/.test(e))).toBe(true);
    const syntax = checkMappingJson('{"version": 1,');
    expect(syntax).toMatchObject({ ok: false });
    if (!syntax.ok) expect(syntax.errors[0]).toMatch(/^Not valid JSON: /);
  });

  it('accepts a date format not chosen yet (asked as a question) but nothing else wrong', () => {
    const m = JSON.parse(mappingJson(mapByHand()));
    m.targets[0].columns.order_date.transform.format = null;
    const r = checkMappingJson(JSON.stringify(m));
    expect(r.ok).toBe(true);
    if (r.ok) expect(openQuestions(applyMappingJson(mapByHand(), r.mapping)).map((q) => q.source)).toEqual(['Order Date']);
  });

  it('shows what import-check would write for a flat export (the preset) in the controls, unchanged by the round trip', () => {
    const s = sniff(enc(flatOrdersCsv()), 'Orders.csv');
    const preset = buildPreset('flat_sales_export', s).mapping;
    const d = draftFromBytes('Orders.csv', enc(flatOrdersCsv()));
    const r = checkMappingJson(stringifyMapping({ ...preset, files: ['Orders.csv'] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = applyMappingJson(d, r.mapping);
    expect(JSON.parse(mappingJson(e))).toEqual(JSON.parse(mappingJson(d)));
    expect(sourceChoiceOf(e.mapping.targets[0]!.columns.unit_price)).toMatchObject({ kind: 'calc', op: 'divide', a: { kind: 'column', name: 'Sales' }, b: { kind: 'column', name: 'Quantity' } });
  });
});

describe('tables of one file', () => {
  it('adds a table with suggested columns, removes one (its questions go with it, the others move up)', () => {
    const d = addTarget(addTarget(withChoice(handDraft(), { kind: 'custom', table: 'products' }), 'order_lines'), 'shipments');
    expect(d.mapping.targets.map((t) => t.table)).toEqual(['products', 'order_lines', 'shipments']);
    expect(d.mapping.targets[1]!.columns.order_id).toEqual({ column: 'Order ID' });
    const withQ = { ...d, questions: [{ kind: 'date_format' as const, fills: [{ target: 2, column: 'shipped_at' }], source: 'Order Date', options: ['%m/%d/%Y'], suggested: null, example: '', text: '' }] };
    const r = removeTarget(withQ, 1);
    expect(r.mapping.targets.map((t) => t.table)).toEqual(['products', 'shipments']);
    expect(r.questions[0]!.fills).toEqual([{ target: 1, column: 'shipped_at' }]);
    expect(removeTarget(r, 1).questions).toEqual([]);
  });

  it('sets routing, a row filter and the duplicates policy (defaults leave no key in the JSON)', () => {
    let d = addTarget(withChoice(handDraft(), { kind: 'custom', table: 'order_lines' }), 'products');
    d = setRouting(d, 'first');
    expect('routing' in d.mapping).toBe(false);
    d = setTargetFilter(d, 1, rowTestOf({ column: 'Category', is: 'one_of', value: 'Furniture, Technology', not: true }));
    expect(d.mapping.targets[1]!.when).toEqual({ column: 'Category', is: 'one_of', values: ['Furniture', 'Technology'], not: true });
    expect(simpleTestOf(d.mapping.targets[1]!.when)).toEqual({ column: 'Category', is: 'one_of', value: 'Furniture, Technology', not: true });
    expect(simpleTestOf({ all: [{ column: 'a', is: 'empty' }] })).toBeNull();
    d = setDuplicates(setDuplicates(d, 1, 'first'), 1, 'reject');
    expect('duplicates' in d.mapping.targets[1]!).toBe(false);
    expect('when' in setTargetFilter(d, 1, undefined).mapping.targets[1]!).toBe(false);
  });
});

describe('value sources', () => {
  const d = withChoice(handDraft(), { kind: 'custom', table: 'order_lines' });

  it('combines columns, takes the first with a value, calculates with a number, keeps an `if` as it is', () => {
    const c = setColumnSource(d, 0, 'line_id', { kind: 'concat', columns: ['Order ID', 'Row ID'], separator: '-', numberRepeats: true });
    expect(c.mapping.targets[0]!.columns.line_id).toEqual({ concat: ['Order ID', 'Row ID'], separator: '-', numberRepeats: { within: [] } });
    const f = setColumnSource(d, 0, 'customer_id', { kind: 'firstOf', columns: ['Customer', 'Order ID'] });
    expect(sourceChoiceOf(f.mapping.targets[0]!.columns.customer_id)).toEqual({ kind: 'firstOf', columns: ['Customer', 'Order ID'] });
    const n = setColumnSource(d, 0, 'unit_price', { kind: 'calc', op: 'multiply', a: { kind: 'column', name: 'Sales' }, b: { kind: 'number', value: 0.5 } });
    expect(n.mapping.targets[0]!.columns.unit_price).toMatchObject({ multiply: [{ column: 'Sales' }, { constant: 0.5 }] });
    const cond = { if: { column: 'Ship Mode', is: 'equals' as const, value: 'Same Day' }, then: { constant: 'express' }, else: { column: 'Ship Mode' } };
    expect(sourceChoiceOf(cond)).toEqual({ kind: 'complex', text: 'always “express” where "Ship Mode" is "Same Day", otherwise “Ship Mode”' });
    expect(setColumnSource(d, 0, 'region', { kind: 'complex', text: '' })).toBe(d);
  });

  it('keeps the parts it can when the kind changes; a calculation side that stays keeps its sign rule', () => {
    expect(choiceForKind('concat', { kind: 'column', name: 'Sales' }, ['x'])).toEqual({ kind: 'concat', columns: ['Sales'], separator: '|', numberRepeats: false });
    expect(choiceForKind('calc', { kind: 'column', name: 'Sales' }, ['x'])).toEqual({ kind: 'calc', op: 'divide', a: { kind: 'column', name: 'Sales' }, b: { kind: 'number', value: 1 } });
    expect(choiceForKind('firstOf', { kind: 'concat', columns: ['a', 'b'], separator: '', numberRepeats: false }, [])).toEqual({ kind: 'firstOf', columns: ['a', 'b'] });
    let q = setColumnSource(d, 0, 'quantity', { kind: 'column', name: 'Quantity' });
    q = setNumberSign(q, 0, 'quantity', 'abs');
    expect(q.mapping.targets[0]!.columns.quantity).toMatchObject({ transform: { sign: 'abs' } });
    const calc = setColumnSource(d, 0, 'unit_price', { kind: 'calc', op: 'divide', a: { kind: 'column', name: 'Sales' }, b: { kind: 'column', name: 'Quantity' } });
    const signed = { ...calc, mapping: { ...calc.mapping, targets: [{ ...calc.mapping.targets[0]!, columns: { ...calc.mapping.targets[0]!.columns, unit_price: { divide: [{ column: 'Sales', transform: { kind: 'number' as const, decimal: '.' as const, thousands: '' as const, currency: false, sign: 'negate' as const } }, { column: 'Quantity' }] as [never, never] } } }] } };
    const b = setColumnSource(signed, 0, 'unit_price', { kind: 'calc', op: 'divide', a: { kind: 'column', name: 'Sales' }, b: { kind: 'number', value: 2 } });
    expect(b.mapping.targets[0]!.columns.unit_price).toEqual({ divide: [{ column: 'Sales', transform: { kind: 'number', decimal: '.', thousands: '', currency: false, sign: 'negate' } }, { constant: 2 }] });
  });

  it('a value map translates listed values (reason codes), others kept or emptied', () => {
    const start = withSampledValues(d, 'Ship Mode', { entries: [], otherwise: 'keep' });
    expect(start.entries.map(([k]) => k)).toEqual(sampleValues(d, 'Ship Mode'));
    expect(start.entries[0]).toEqual(['Standard Class', 'Standard Class']); // 3 rows, the most frequent
    const m = setValueMap(d, 0, 'region', { entries: [['Same Day', 'express'], ['', 'dropped'], ['First Class', 'fast']], otherwise: 'null' });
    expect(m.mapping.targets[0]!.columns.region).toEqual({ column: 'Ship Mode', transform: { kind: 'map', values: { 'Same Day': 'express', 'First Class': 'fast' }, otherwise: 'null' } });
    expect(valueMapOf(m, 0, 'region')).toEqual({ entries: [['Same Day', 'express'], ['First Class', 'fast']], otherwise: 'null' });
    expect(setValueMap(m, 0, 'region', null).mapping.targets[0]!.columns.region).toEqual({ column: 'Ship Mode' });
    // The only problems left are the required columns this test did not map.
    expect(draftProblems(m).filter((x) => !/line_id|unit_price/.test(x))).toEqual([]);
  });
});

describe('rules for the whole file', () => {
  const d = withChoice(handDraft(), { kind: 'custom', table: 'order_lines' });

  it('fill-down and exclusions are set and cleared without leaving empty keys', () => {
    const f = setFillDown(d, { groupBy: 'Order ID', columns: ['Order Date', 'Customer'] });
    expect(f.mapping.fillDown).toEqual({ groupBy: 'Order ID', columns: ['Order Date', 'Customer'] });
    expect('fillDown' in setFillDown(f, undefined).mapping).toBe(false);
    const rule = { when: rowTestOf({ column: 'Customer', is: 'equals', value: 'x', not: false }), reason: 'r' };
    let e = addExclusion(d, 0, rule);
    e = updateExclusion(e, 0, 0, { ...rule, reason: 'changed' });
    expect(e.mapping.targets[0]!.exclude).toEqual([{ ...rule, reason: 'changed' }]);
    expect('exclude' in removeExclusion(e, 0, 0).mapping.targets[0]!).toBe(false);
  });

  it('a lookup into another file of the batch offers its columns as "<name>.<column>"', () => {
    let l = addLookup(d, 'product_list.csv');
    expect(l.mapping.lookups).toEqual([{ name: 'lookup', file: 'product_list.csv', key: '', on: 'Row ID', onMissing: 'reject' }]);
    expect(validateMapping(l.mapping)).toMatchObject({ ok: false }); // no key yet: the step lists it
    l = updateLookup(l, 0, { name: 'catalog', key: 'SKU', on: 'Product ID', onMissing: 'empty' });
    const files = [{ name: 'Product_List.csv', header: ['SKU', 'Cost'] }, { name: HAND_MAPPED_FILE, header: [] }];
    expect(lookupColumns(l.mapping, files, fileMatches)).toEqual(['catalog.SKU', 'catalog.Cost']);
    const cost = addTarget(l, 'products');
    const withCost = setColumnSource(cost, 1, 'unit_cost', { kind: 'column', name: 'catalog.Cost' });
    expect(withCost.mapping.targets[1]!.columns.unit_cost).toEqual({ column: 'catalog.Cost', transform: { kind: 'number', decimal: '.', thousands: ',', currency: false, sign: 'keep' } });
    // Read from the lookup file, not this one: not reported as a column the file lacks.
    expect(draftProblems(withCost).filter((x) => !/order_lines\.(line_id|unit_price)/.test(x))).toEqual([]);
    expect('lookups' in removeLookup(l, 0).mapping).toBe(false);
  });

  it('a table added after a date question was answered reads the same column with the same format, unasked', () => {
    // 01/02/2024 and 03/04/2024 read day-first and month-first: asked. reviews.created_at is suggested from the same "Date".
    const text = 'Order ID,Date,SKU,Quantity,Price\nA1,01/02/2024,S1,1,10\nA2,03/04/2024,S2,2,5\n';
    const a = withChoice(draftFromBytes('ambiguous.csv', enc(text)), { kind: 'custom', table: 'order_lines' });
    const q = openQuestions(a).find((x) => x.kind === 'date_format')!;
    const ship = addTarget(answer(a, q, '%m/%d/%Y'), 'reviews');
    expect(ship.mapping.targets[1]!.columns.created_at).toEqual({ column: 'Date', transform: { kind: 'date', format: '%m/%d/%Y' } });
    expect(openQuestions(ship)).toEqual([]);
    // Not answered yet: one question for both columns, one answer fills both.
    const both = addTarget(a, 'reviews');
    expect(openQuestions(both).map((x) => x.fills)).toEqual([[{ target: 0, column: 'order_date' }, { target: 1, column: 'created_at' }]]);
    const once = answer(both, openQuestions(both)[0]!, '%m/%d/%Y');
    expect(openQuestions(once)).toEqual([]);
    expect(once.mapping.targets[1]!.columns.created_at).toEqual(ship.mapping.targets[1]!.columns.created_at);
  });
});

describe('regressions', () => {
  it('a first-of source keeps the value maps of the parts it keeps when a part is added (FBA disposition)', () => {
    const fba = draftFromBytes('amazon_fba_returns.tsv', new Uint8Array(readFileSync(path.resolve(__dirname, '../fixtures/import/amazon_fba_returns.tsv'))));
    const before = fba.mapping.targets[0]!.columns.disposition as { firstOf: { column: string; transform?: { kind: string } }[] };
    const choice = sourceChoiceOf(before as never);
    expect(choice).toEqual({ kind: 'firstOf', columns: ['status', 'detailed-disposition'] });
    const d = setColumnSource(fba, 0, 'disposition', { kind: 'firstOf', columns: ['status', 'detailed-disposition', 'reason'] });
    const after = d.mapping.targets[0]!.columns.disposition as typeof before;
    expect(after.firstOf.slice(0, 2)).toEqual(before.firstOf);
    expect(after.firstOf[2]).toEqual({ column: 'reason' });
  });
});
