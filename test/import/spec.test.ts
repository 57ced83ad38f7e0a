import { describe, expect, it } from 'vitest';
import { columnsUsed, type MappingSpec } from '../../src/loader/import/spec';
import { MappingError, parseMapping, stringifyMapping, validateMapping } from '../../src/loader/import/spec/validate';
import { dateFormatProblem } from '../../src/loader/import/spec/date-formats';

/** A complete, valid mapping used as the base of the error cases below. */
const good = (): MappingSpec => ({
  version: 1,
  name: 'shop export',
  source: { encoding: 'windows-1252', delimiter: ';', quote: '"', skipLines: 0, header: true, nullValues: ['NA'] },
  targets: [
    {
      table: 'order_lines',
      when: { column: 'Type', is: 'equals', value: 'sale' },
      columns: {
        order_id: { column: 'Order' },
        line_id: { lineNumber: true },
        order_date: { column: 'Date', transform: { kind: 'date', format: '%d.%m.%Y' } },
        sku: { concat: ['Article', 'Size'], separator: '-', numberRepeats: { within: ['Order'] } },
        quantity: { column: 'Qty', transform: { kind: 'number', decimal: ',', thousands: '.', currency: false, sign: 'keep' } },
        unit_price: { column: 'Price', transform: { kind: 'number', decimal: ',', thousands: '.', currency: true, sign: 'keep' } },
        currency: { constant: 'EUR' },
      },
      exclude: [{ when: { any: [{ column: 'Article', is: 'one_of', values: ['SHIP'] }, { column: 'Qty', is: 'zero', decimal: ',' }] }, reason: 'shipping line' }],
    },
    {
      table: 'returns',
      columns: {
        return_id: { concat: ['Order', 'Article'], separator: '|' },
        quantity: { column: 'Qty', transform: { kind: 'number', decimal: ',', thousands: '', currency: false, sign: 'negate' } },
        refund_amount: { multiply: [{ column: 'Qty', transform: { kind: 'number', decimal: ',', thousands: '', currency: false, sign: 'abs' } }, { column: 'Price' }] },
        pickup_failed: { column: 'Failed', transform: { kind: 'boolean', trueWords: ['ja'], falseWords: ['nein'] } },
        disposition: { firstOf: [{ column: 'Status', transform: { kind: 'map', values: { OK: 'restock' }, otherwise: 'null' } }, { constant: 'dispose' }] },
      },
    },
  ],
  checks: { unknownSku: 'warn', lateReturnDays: 365 },
  notes: ['made by hand'],
});

describe('mapping spec', () => {
  it('accepts a complete mapping and round-trips it through its JSON file', () => {
    expect(validateMapping(good())).toEqual({ ok: true, mapping: good() });
    const text = stringifyMapping(good());
    expect(parseMapping(text)).toEqual(good());
    // A BOM in front of the downloaded file (some editors add one) is fine.
    expect(parseMapping('\uFEFF' + text)).toEqual(good());
  });

  it('lists every problem with its path, in plain words', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- breaking the typed spec on purpose
    const bad = good() as unknown as Record<string, any>;
    bad.version = 2;
    bad.source.encoding = 'utf-16';
    bad.source.delimiter = ':';
    bad.targets[0].columns.quantity.transform.thousands = ',';
    bad.targets[0].columns.quantity.transform.decimal = ',';
    bad.targets[0].columns.order_date.transform.format = '%d.%q.%Y';
    bad.targets[0].columns.currency = { constant: 5, column: 'X' };
    bad.targets[0].columns.colour = { column: 'Colour' };
    delete bad.targets[0].columns.sku;
    bad.targets[1].columns.quantity = { constant: -1 };
    bad.targets[1].columns.pickup_failed.transform = { kind: 'date', format: 'iso' };
    bad.targets[0].exclude[0].reason = '';
    bad.targets[0].exclude[0].when.any[0].is = 'bigger';
    const r = validateMapping(bad);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([
      'version: must be 1 (got 2)',
      'source.encoding: must be one of utf-8, windows-1252, latin-1 (got "utf-16")',
      'source.delimiter: must be one of ",", ";", "\\t", "|" (got ":")',
      'targets[0].columns.order_date.transform.format: "%d.%q.%Y" uses %q, which is not supported (use %Y %y %m %d %b %B %H %I %M %S %f %p %z, or \'iso\')',
      'targets[0].columns.quantity.transform.thousands: cannot be the same as the decimal separator',
      'targets[0].columns.currency: must have exactly one of column, constant, lineNumber, concat, multiply, minus, divide, firstOf, if (has column, constant)',
      'targets[0].columns.colour: order_lines has no column "colour" (it has order_id, line_id, order_date, sku, quantity, unit_price, currency, channel, customer_id, region)',
      'targets[0].columns: order_lines.sku is required and not mapped',
      'targets[0].exclude[0].reason: must say why the rows are left out',
      'targets[0].exclude[0].when.any[0].is: must be one of empty, negative, zero, positive, equals, one_of, starts_with, matches, first (got "bigger")',
      'targets[1].columns.quantity.constant: quantity cannot be negative',
      'targets[1].columns.pickup_failed.transform: a date transform cannot fill boolean column pickup_failed',
    ]);
    expect(() => parseMapping(JSON.stringify(bad))).toThrow(MappingError);
    expect(() => parseMapping('{"version": 1,')).toThrow(/not valid JSON/);
  });

  it('refuses a date format that was never chosen (ambiguous sample)', () => {
    const m = good();
    (m.targets[0]!.columns.order_date as { column: string; transform: { kind: 'date'; format: string | null } }).transform.format = null;
    const r = validateMapping(m);
    expect(r.ok ? [] : r.errors).toEqual([
      'targets[0].columns.order_date.transform.format: the date format is not chosen yet: the sampled dates fit more than one format (e.g. day-first and month-first); pick one',
    ]);
  });

  it('checks date formats', () => {
    expect(dateFormatProblem('iso')).toBeNull();
    expect(dateFormatProblem('%d-%b-%Y')).toBeNull();
    expect(dateFormatProblem('%m/%d/%Y %H:%M')).toBeNull();
    expect(dateFormatProblem('%Y-%m-%dT%H:%M:%S%z')).toBeNull();
    expect(dateFormatProblem('%d/%m')).toBe('has no year (%Y or %y)');
    expect(dateFormatProblem('%Y-%d')).toBe('has no month (%m, %b or %B)');
    expect(dateFormatProblem('%m/%d/%Y %I:%M')).toBe('%I (12-hour clock) and %p (AM/PM) go together');
    expect(dateFormatProblem('%z %Y-%m-%d')).toBe('%z (the offset) can only come last');
  });

  it('lists the source columns a mapping reads', () => {
    expect(columnsUsed(good()).sort()).toEqual(['Article', 'Date', 'Failed', 'Order', 'Price', 'Qty', 'Size', 'Status', 'Type']);
  });

  it('checks lookups, fill-down, routing, files, duplicates, expansion and computed values', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- breaking the typed spec on purpose
    const bad = good() as unknown as Record<string, any>;
    bad.files = [];
    bad.routing = 'all';
    bad.fillDown = { groupBy: 'Order', columns: [] };
    bad.lookups = [
      { name: '1x', file: 'p.csv', key: 'K', on: 'K' },
      { name: 'prices', file: '', key: 'K', on: 'later.K', onMissing: 'skip' },
      { name: 'later', file: 'l.csv', key: 'K', on: 'Order', source: { delimiter: ':' } },
    ];
    bad.targets[0].duplicates = 'last';
    bad.targets[0].expandToOrderLines = true;
    bad.targets[1].columns.refund_amount = { minus: [{ column: 'Price' }] };
    bad.targets[1].columns.label_cost = { if: { column: 'Payer', is: 'equals' }, then: { column: 'Cost' }, else: { concat: ['A'], separator: '' } };
    const r = validateMapping(bad);
    expect(r.ok ? [] : r.errors).toEqual([
      'files: must list file-name patterns such as "Sales_*.csv"',
      "routing: must be 'first' or 'each'",
      'fillDown.columns: must list column names',
      'lookups[0].name: must be letters, digits and _, starting with a letter',
      'lookups[1].file: must be a file-name pattern',
      'lookups[1].on: lookup "later" must be listed before this one',
      "lookups[1].onMissing: must be 'reject' or 'empty'",
      'lookups[2].source.delimiter: must be one of ",", ";", "\\t", "|" (got ":")',
      'targets[0].expandToOrderLines: only a returns target can be expanded to order lines',
      "targets[0].duplicates: must be 'reject' or 'first'",
      'targets[1].columns.refund_amount.minus: must list exactly two sources',
      'targets[1].columns.label_cost.if.value: is needed for "equals"',
      'targets[1].columns.label_cost.else: concat makes text; label_cost is double',
    ]);
    // Lookup columns, the lookup keys and the fill-down columns are all read.
    const m = { ...good(), lookups: [{ name: 'p', file: 'p.csv', key: 'K', on: 'Article' }], fillDown: { groupBy: 'Order', columns: ['Type'] } };
    m.targets[1]!.columns.sku = { column: 'p.SKU' };
    expect(columnsUsed(m).sort()).toEqual(['Article', 'Date', 'Failed', 'Order', 'Price', 'Qty', 'Size', 'Status', 'Type', 'p.SKU']);
  });
});
