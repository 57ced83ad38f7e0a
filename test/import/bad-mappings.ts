import type { MappingSpec } from '../../src/loader/import/spec';

/**
 * Bad mappings with the loader's messages, for mapping-schema.test.ts. `schemaToo`: the
 * published JSON Schema rejects it as well (an editor flags it); the others break a rule
 * between fields that only the loader checks.
 */

/** A valid mapping of a flat sales export: order lines and returns. */
export const goodMapping = (): MappingSpec => ({
  version: 1,
  name: 'flat export',
  files: ['Orders*.csv'],
  source: { encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [] },
  lookups: [{ name: 'prices', file: 'Prices.csv', key: 'SKU', on: 'Product ID' }],
  routing: 'each',
  targets: [
    {
      table: 'order_lines',
      columns: {
        order_id: { column: 'Order ID' },
        line_id: { column: 'Row ID' },
        order_date: { column: 'Order Date', transform: { kind: 'date', format: '%m/%d/%Y' } },
        sku: { column: 'Product ID' },
        quantity: { column: 'Quantity' },
        unit_price: { divide: [{ column: 'Sales' }, { column: 'Quantity' }] },
        region: { column: 'Region', transform: { kind: 'text', case: 'lower' } },
      },
      exclude: [{ when: { column: 'Quantity', is: 'zero' }, reason: 'no units' }],
    },
    {
      table: 'returns',
      when: { column: 'Returned', is: 'equals', value: 'Yes' },
      expandToOrderLines: true,
      columns: { return_id: { column: 'Order ID' }, order_id: { column: 'Order ID' }, refund_amount: { constant: 0 } },
    },
  ],
});

export interface BadMapping {
  name: string;
  mapping: () => unknown;
  errors: string[];
  schemaToo: boolean;
}

/** goodMapping() changed by `edit` (which may mutate it freely). */
const bad = (edit: (m: Record<string, any>) => void) => () => { // eslint-disable-line @typescript-eslint/no-explicit-any -- breaking the typed spec on purpose
  const m = goodMapping() as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- same
  edit(m);
  return m;
};

export const BAD_MAPPINGS: BadMapping[] = [
  { name: 'not an object', mapping: () => [], errors: ['the mapping must be a JSON object'], schemaToo: true },
  { name: 'another version', mapping: bad((m) => { m.version = 2; }), errors: ['version: must be 1 (got 2)'], schemaToo: true },
  { name: 'a blank name', mapping: bad((m) => { m.name = '  '; }), errors: ['name: must be a non-empty text'], schemaToo: true },
  {
    name: 'an unknown encoding',
    mapping: bad((m) => { m.source.encoding = 'utf-16'; }),
    errors: ['source.encoding: must be one of utf-8, windows-1252, latin-1 (got "utf-16")'],
    schemaToo: true,
  },
  { name: 'negative skipLines', mapping: bad((m) => { m.source.skipLines = -1; }), errors: ['source.skipLines: must be a whole number from 0 to 1000'], schemaToo: true },
  {
    name: 'a misspelt field',
    mapping: bad((m) => { m.targets[1].expandToOrderLine = true; delete m.targets[1].expandToOrderLines; }),
    errors: [
      'targets[1].columns: returns.quantity is required and not mapped',
      'targets[1].expandToOrderLine: is not a field here (the fields are table, when, columns, expandToOrderLines, duplicates, exclude)',
    ],
    schemaToo: true,
  },
  { name: 'no targets', mapping: bad((m) => { m.targets = []; }), errors: ['targets: must list at least one target table'], schemaToo: true },
  {
    name: 'an unknown table',
    mapping: bad((m) => { m.targets[1].table = 'refunds'; }),
    errors: ['targets[1].table: must be one of order_lines, products, shipments, returns, reviews (got "refunds")'],
    schemaToo: true,
  },
  {
    name: 'a column the table does not have',
    mapping: bad((m) => { m.targets[0].columns.colour = { column: 'Colour' }; }),
    errors: ['targets[0].columns.colour: order_lines has no column "colour" (it has order_id, line_id, order_date, sku, quantity, unit_price, currency, channel, customer_id, region)'],
    schemaToo: true,
  },
  {
    name: 'a required column not mapped',
    mapping: bad((m) => { delete m.targets[0].columns.sku; }),
    errors: ['targets[0].columns: order_lines.sku is required and not mapped'],
    schemaToo: true,
  },
  {
    name: 'an order-lines target expanded to order lines',
    mapping: bad((m) => { m.targets[0].expandToOrderLines = true; }),
    errors: ['targets[0].expandToOrderLines: only a returns target can be expanded to order lines'],
    schemaToo: true,
  },
  {
    name: 'a returned order expanded without its order id',
    mapping: bad((m) => { delete m.targets[1].columns.order_id; }),
    errors: ['targets[1].columns: returns.order_id is required to expand a returned order to its lines'],
    schemaToo: true,
  },
  {
    name: 'two kinds of source for one column',
    mapping: bad((m) => { m.targets[0].columns.sku = { column: 'Product ID', constant: 'X' }; }),
    errors: ['targets[0].columns.sku: must have exactly one of column, constant, lineNumber, concat, multiply, minus, divide, firstOf, if (has column, constant)'],
    schemaToo: true,
  },
  {
    name: 'a division of one source',
    mapping: bad((m) => { m.targets[0].columns.unit_price = { divide: [{ column: 'Sales' }] }; }),
    errors: ['targets[0].columns.unit_price.divide: must list exactly two sources'],
    schemaToo: true,
  },
  {
    name: 'an unknown transform kind',
    mapping: bad((m) => { m.targets[0].columns.region.transform = { kind: 'title' }; }),
    errors: ['targets[0].columns.region.transform.kind: must be date, number, boolean, map or text (got "title")'],
    schemaToo: true,
  },
  {
    name: 'a date format never chosen',
    mapping: bad((m) => { m.targets[0].columns.order_date.transform.format = null; }),
    errors: ['targets[0].columns.order_date.transform.format: the date format is not chosen yet: the sampled dates fit more than one format (e.g. day-first and month-first); pick one'],
    schemaToo: true,
  },
  {
    name: 'a date format never chosen, with its question in the file',
    mapping: bad((m) => {
      m.targets[0].columns.order_date.transform.format = null;
      m.questions = [{
        at: 'targets[0].columns.order_date.transform.format', ask: '"Order Date" holds dates like 3/4/2024: day first or month first?',
        answer: 'Write one of the choices at targets[0].columns.order_date.transform.format.', choices: ['%d/%m/%Y', '%m/%d/%Y'],
      }];
    }),
    errors: ['targets[0].columns.order_date.transform.format: open question: "Order Date" holds dates like 3/4/2024: day first or month first? Write one of the choices at targets[0].columns.order_date.transform.format.'],
    schemaToo: true,
  },
  {
    name: 'a bad lookup name and an empty file pattern',
    mapping: bad((m) => { m.lookups[0].name = '1x'; m.lookups[0].file = ' '; }),
    errors: ['lookups[0].name: must be letters, digits and _, starting with a letter', 'lookups[0].file: must be a file-name pattern'],
    schemaToo: true,
  },
  {
    name: 'an exclusion without a reason, a test that does not exist',
    mapping: bad((m) => { m.targets[0].exclude[0] = { when: { column: 'Quantity', is: 'bigger' }, reason: '' }; }),
    errors: [
      'targets[0].exclude[0].reason: must say why the rows are left out',
      'targets[0].exclude[0].when.is: must be one of empty, negative, zero, positive, equals, one_of, starts_with, matches, first (got "bigger")',
    ],
    schemaToo: true,
  },
  {
    name: 'a source column marked neither used nor ignored',
    mapping: bad((m) => { m.sourceColumns = [{ column: 'Country', use: 'maybe' }]; }),
    errors: ["sourceColumns[0].use: must be 'used' or 'ignored'"],
    schemaToo: true,
  },
  {
    name: 'a question without its text',
    mapping: bad((m) => { m.questions = [{ at: 'targets[0]', answer: 'x' }]; }),
    errors: ['questions[0].ask: must be a text'],
    schemaToo: true,
  },
  // The loader's rules between fields, which the JSON Schema does not say:
  {
    name: 'a table targeted twice',
    mapping: bad((m) => { m.routing = 'first'; m.targets.push({ ...m.targets[0], when: { column: 'Returned', is: 'empty' } }); }),
    errors: ['targets: a table can be the target only once per mapping'],
    schemaToo: false,
  },
  {
    name: 'a lookup read before it is listed',
    mapping: bad((m) => { m.lookups = [{ name: 'a', file: 'A.csv', key: 'K', on: 'b.K' }, { name: 'b', file: 'B.csv', key: 'K', on: 'Product ID' }]; }),
    errors: ['lookups[0].on: lookup "b" must be listed before this one'],
    schemaToo: false,
  },
  {
    name: 'a date transform on a number column',
    mapping: bad((m) => { m.targets[0].columns.quantity = { column: 'Quantity', transform: { kind: 'date', format: 'iso' } }; }),
    errors: ['targets[0].columns.quantity.transform: a date transform cannot fill integer column quantity'],
    schemaToo: false,
  },
  {
    name: 'a negative constant quantity and a test missing its value',
    mapping: bad((m) => { m.targets[0].columns.quantity = { constant: -1 }; m.targets[1].when = { column: 'Returned', is: 'equals' }; }),
    errors: ['targets[0].columns.quantity.constant: quantity cannot be negative', 'targets[1].when.value: is needed for "equals"'],
    schemaToo: false,
  },
  {
    name: 'a date format with no year',
    mapping: bad((m) => { m.targets[0].columns.order_date.transform.format = '%d/%m'; }),
    errors: ['targets[0].columns.order_date.transform.format: "%d/%m" has no year (%Y or %y)'],
    schemaToo: false,
  },
];
