import { z } from 'zod';
import { CONDITION_TESTS, DECIMALS, THOUSANDS, VALUE_SOURCE_KINDS } from './constants';

// The inner parts of a mapping as one schema (zod): transforms, value sources and row tests.
// The TypeScript types (types.ts), the validator (validate.ts) and the published JSON Schema
// (schema/mapping.schema.json) all come from here. Messages are plain words; rules between
// fields (a date transform only on a date column ...) are in rules.ts.

// Never compile validators with `new Function`: the page runs under a CSP without 'unsafe-eval'.
z.config({ jitless: true });

export const show = (x: unknown) => JSON.stringify(x);
export const oneOf = (values: readonly unknown[], input: unknown) => `must be one of ${values.map(show).join(', ')} (got ${show(input)})`;
/** A text with something besides spaces in it. */
export const filled = (error: string) => z.string({ error }).regex(/\S/, { error });
/** A text that is not empty (spaces count: header names are taken as written). */
export const named = (error: string) => z.string({ error }).min(1, { error });

export const DecimalSchema = z.enum(DECIMALS, { error: (i) => `must be "." or "," (got ${show(i.input)})` });

export const DateFormatSchema = z
  .string({ error: "must be a format such as %d-%m-%Y, or 'iso'" })
  .nullable()
  .describe(
    "strptime-style format (%Y %y %m %d %b %B %H %I %M %S %f %p %z and literal text) or 'iso' = ISO 8601 date or " +
      'date-time (T or space, optional fraction, optional Z/±hh:mm offset). null = not decided yet (the sampled dates were ' +
      'ambiguous; import-check --out writes the question in `questions`): the mapping does not load until a format is written here.',
  );

export const DateTransformSchema = z.strictObject({
  kind: z.literal('date'),
  format: DateFormatSchema,
  offset: z
    .enum(['local', 'utc'], { error: "must be 'local' or 'utc'" })
    .optional()
    .describe("A timestamp written with an offset (+02:00, Z) is kept as the wall-clock time written ('local', the default: days stay the days the merchant saw) or converted to UTC ('utc')."),
});

export const NumberTransformSchema = z.strictObject({
  kind: z.literal('number'),
  decimal: DecimalSchema,
  thousands: z.enum(THOUSANDS, { error: (i) => oneOf(THOUSANDS, i.input) }).describe("'' = no thousands separator; otherwise digits must be grouped by three."),
  currency: z.boolean({ error: 'must be true or false' }).describe('Strip currency symbols and codes ($ € £ ¥ ₹, USD, EUR ...) and accept (12.50) as -12.50.'),
  sign: z.enum(['keep', 'negate', 'abs'], { error: 'must be keep, negate or abs' }).describe("'negate' for invoice-style files where returns are negative quantities; 'abs' drops the sign."),
});

const words = z.array(z.string({ error: 'must list words' }), { error: 'must list words' }).min(1, { error: 'must list words' });
export const BooleanTransformSchema = z.strictObject({
  kind: z.literal('boolean'),
  trueWords: words.describe('Words meaning true (case-insensitive).'),
  falseWords: words.describe('Words meaning false (case-insensitive).'),
});

export const MapTransformSchema = z
  .strictObject({
    kind: z.literal('map'),
    values: z.record(z.string(), z.string({ error: 'must map source values to texts' }), { error: 'must map source values to texts' }),
    otherwise: z.enum(['keep', 'null'], { error: "must be 'keep' or 'null'" }).describe("What other values become: kept as they are, or empty ('null')."),
  })
  .describe('Replaces listed values (case-insensitive, trimmed); other values are kept or become empty.');

export const TextTransformSchema = z.strictObject({
  kind: z.literal('text'),
  case: z.enum(['keep', 'lower', 'upper'], { error: 'must be keep, lower or upper' }).optional(),
});

export const TransformSchema = z
  .discriminatedUnion('kind', [DateTransformSchema, NumberTransformSchema, BooleanTransformSchema, MapTransformSchema, TextTransformSchema], {
    // A wrong kind is reported at .kind with the kind as input; anything else is not an object.
    error: (i) => (i.code === 'invalid_union' ? `must be date, number, boolean, map or text (got ${show((i.input as { kind?: unknown } | null)?.kind)})` : 'must be an object with a kind'),
  })
  .describe('How the cells of a source column are read.');

export const ConditionSchema = z
  .strictObject({
    column: named('must name a column of the file').describe('The source column tested (a header name, or "<lookup>.<column>").'),
    is: z.enum(CONDITION_TESTS, { error: (i) => `must be one of ${CONDITION_TESTS.join(', ')} (got ${show(i.input)})` }),
    value: z.string({ error: 'must be a text' }).optional().describe('For equals / starts_with / matches (a regular expression).'),
    values: z.array(z.string({ error: 'must list texts' }), { error: 'must list texts' }).optional().describe('For one_of.'),
    caseSensitive: z.boolean({ error: 'must be true or false' }).optional().describe('Text comparisons ignore case unless this is true.'),
    decimal: DecimalSchema.optional().describe("How number tests read the cell (default '.', currency signs allowed, no thousands separator)."),
    not: z.boolean({ error: 'must be true or false' }).optional().describe('Negates the test. A test on an empty cell is false, so its negation is true.'),
  })
  .describe(
    "A test on one source cell. Any test but 'empty' is false on an empty cell. 'first' holds on the first row (in file order) " +
      "with this cell's value among the rows the test looks at (the whole file in a target's `when`, the target's rows in its `exclude`).",
  );

const conditions = () => z.array(RowTestSchema, { error: 'all / any must list conditions' }).min(1, { error: 'all / any must list conditions' });
export const RowTestSchema = z
  .union(
    [
      ConditionSchema,
      z.strictObject({ get all() { return conditions().describe('Holds when every test holds.'); } }),
      z.strictObject({ get any() { return conditions().describe('Holds when one of the tests holds.'); } }),
    ],
    { error: 'must be a condition, {all: [...]} or {any: [...]}' },
  )
  .meta({ id: 'RowTest' });

const twoSources = () => z.tuple([ValueSourceSchema, ValueSourceSchema], { error: 'must list exactly two sources' });

/** The value-source kinds present in an object (exactly one is allowed). */
export const kindsIn = (x: object) => VALUE_SOURCE_KINDS.filter((k) => k in x);

export const ValueSourceSchema = z
  .union(
    [
      z.strictObject({
        column: named('must name a column of the file').describe('A column of the file, by header name (or "<lookup>.<column>").'),
        transform: TransformSchema.optional().describe("How its cells are read; absent = the column type's plain reading (ISO dates, '.' decimals)."),
      }),
      z.strictObject({
        constant: z.union([z.string(), z.number(), z.boolean()], { error: 'must be a text, number or true/false' }).describe('The same value on every row (dates as 2025-01-31).'),
      }),
      z.strictObject({ lineNumber: z.literal(true, { error: 'must be true' }).describe('The record number in the file (header = 1).') }),
      z.strictObject({
        concat: z.array(named('must list source column names'), { error: 'must list source column names' }).min(1, { error: 'must list source column names' })
          .describe('Several columns joined by `separator` (empty parts skipped), e.g. a return id from order id + SKU.'),
        separator: z.string({ error: 'must be a text (may be empty)' }),
        numberRepeats: z
          .strictObject({ within: z.array(named('must list source column names (may be empty)'), { error: 'must list source column names (may be empty)' }) }, { error: 'must be {within: [...]}' })
          .optional()
          .describe("The 2nd, 3rd ... row with the same value among rows that share the `within` columns gets '#2', '#3' ... appended (repeated items on one invoice)."),
      }),
      z.strictObject({ get multiply() { return twoSources().describe('The product of two numeric sources (e.g. refund = quantity × unit price).'); } }),
      z.strictObject({ get minus() { return twoSources().describe('The first numeric source minus the second (e.g. price − discount per unit).'); } }),
      z.strictObject({ get divide() { return twoSources().describe('The first numeric source divided by the second (empty when the second is 0), e.g. unit price = line total ÷ quantity.'); } }),
      z.strictObject({
        get firstOf() {
          return z.array(ValueSourceSchema, { error: 'must list at least one source' }).min(1, { error: 'must list at least one source' }).describe('The first of these sources that has a value.');
        },
      }),
      z.strictObject({
        if: RowTestSchema,
        get then() { return ValueSourceSchema.describe('The value on rows where `if` holds.'); },
        get else() { return ValueSourceSchema.optional().describe('The value on the other rows (absent = empty).'); },
      }).meta({ id: 'IfThenElse' }),
    ],
    {
      error: (i) => (typeof i.input === 'object' && i.input !== null && !Array.isArray(i.input)
        ? `must have exactly one of ${VALUE_SOURCE_KINDS.join(', ')} (has ${kindsIn(i.input).join(', ') || 'none'})`
        : `must be one of ${VALUE_SOURCE_KINDS.map((k) => `{${k}}`).join(', ')}`),
    },
  )
  .meta({ id: 'ValueSource', description: "Where one canonical column's value comes from: exactly one of column, constant, lineNumber, concat, multiply, minus, divide, firstOf, if." });
