import { z } from 'zod';
import { CANONICAL_TABLES } from '../../../data-model/contract';
import { DELIMITERS, ENCODINGS, LOOKUP_NAME, MAPPING_VERSION, QUOTES } from './constants';
import { isObject } from './paths';
import { checkRules } from './rules';
import { DecimalSchema, filled, named, oneOf, RowTestSchema, show, ValueSourceSchema } from './schema-values';

// The mapping as one schema (zod): everything needed to turn one source file (an export as the
// platform wrote it) into rows of one or more canonical tables. The TypeScript types, the
// validator and schema/mapping.schema.json (`npm run schema`) are all made from it. The key
// order of each object is the order problems are listed in.

const columnNames = (error: string) => z.array(named(error), { error }).min(1, { error });

export const SourceFormatSchema = z
  .strictObject(
    {
      encoding: z.enum(ENCODINGS, { error: (i) => `must be one of ${ENCODINGS.join(', ')} (got ${show(i.input)})` }).describe(
        'Text encoding of the bytes. A UTF-8 byte-order mark is always removed and wins over this setting (a file that starts with one is UTF-8); UTF-16 files are recognised by their BOM.',
      ),
      delimiter: z.enum(DELIMITERS, { error: (i) => oneOf(DELIMITERS, i.input) }),
      quote: z.enum(QUOTES, { error: (i) => oneOf(QUOTES, i.input) }).describe("Quote character; '' = fields are never quoted. A doubled quote inside quotes is a quote."),
      skipLines: z.int({ error: 'must be a whole number from 0 to 1000' }).min(0, { error: 'must be a whole number from 0 to 1000' }).max(1000, { error: 'must be a whole number from 0 to 1000' })
        .describe('Records above the header row (report titles); 0 = the header is the first record.'),
      header: z.boolean({ error: 'must be true or false' }).describe('false = no header row: columns are named column1, column2 ...'),
      nullValues: z.array(z.string({ error: 'must be a list of texts (e.g. ["NA"])' }), { error: 'must be a list of texts (e.g. ["NA"])' })
        .describe('Cell texts that mean "no value" besides the empty cell (compared after trimming), e.g. NA.'),
    },
    { error: 'must be an object (encoding, delimiter, quote, skipLines, header, nullValues)' },
  )
  .describe('How the file is read. Workbook sheets (.xlsx, .xls) are read as typed cells; these settings are for text files.');

export const ExclusionRuleSchema = z.strictObject(
  {
    reason: filled('must say why the rows are left out').describe("Shown to the user and stored in load_issues (severity 'excluded')."),
    when: RowTestSchema.describe('The rows this rule leaves out.'),
  },
  { error: 'must be {when, reason}' },
);

export const TargetSpecSchema = z
  .strictObject(
    {
      table: z.enum(CANONICAL_TABLES, { error: (i) => `must be one of ${CANONICAL_TABLES.join(', ')} (got ${show(i.input)})` }),
      when: RowTestSchema.optional().describe("The rows this table takes. With routing 'first' (the default): absent = every row not taken by an earlier target. With routing 'each': absent = every row."),
      columns: z.partialRecord(z.string(), ValueSourceSchema, { error: 'must map canonical columns to sources' })
        .describe("Canonical column → source. Only the table's own columns; columns not listed stay empty."),
      expandToOrderLines: z.boolean({ error: 'must be true or false' }).optional().describe(
        'returns only: each row names a returned ORDER (order id + a flag), and becomes one return per order line of that order already loaded ' +
          "(return_id + '|' + line_id, the line's sku and quantity). A row whose order has no loaded lines is rejected. quantity need not be mapped.",
      ),
      duplicates: z.enum(['reject', 'first'], { error: "must be 'reject' or 'first'" }).optional().describe(
        "A key seen again (in this file or already loaded): 'reject' the row as a duplicate (the default), or keep the 'first' and count the " +
          'others as merged: for tables filled from a file that repeats them, such as products taken from order lines.',
      ),
      exclude: z.array(ExclusionRuleSchema, { error: 'must be a list of {when, reason}' }).optional().describe('Rows left out on purpose (not errors), first matching rule wins.'),
    },
    { error: 'must be an object with table and columns' },
  )
  .describe('One canonical table this file fills.');

export const LookupSpecSchema = z
  .strictObject(
    {
      name: z.string({ error: 'must be letters, digits and _, starting with a letter' }).regex(LOOKUP_NAME, { error: 'must be letters, digits and _, starting with a letter' }),
      file: filled('must be a file-name pattern').describe('File-name pattern of the lookup file: * and ? wildcards, case-insensitive, e.g. "AdventureWorks_Products*.csv".'),
      key: named("must name the lookup file's key column").describe("The lookup file's key column."),
      on: named('must name the column holding the key').describe('The mapped file\'s column holding the key, or "<lookup>.<column>" of a lookup listed before this one.'),
      onMissing: z.enum(['reject', 'empty'], { error: "must be 'reject' or 'empty'" }).optional().describe(
        "A key that the lookup file lacks: 'reject' the rows of targets using this lookup (the default; the reason names the key and the file) or leave the looked-up values 'empty'. An empty key never rejects.",
      ),
      source: SourceFormatSchema.partial().optional().describe('How the lookup file is read where it differs from the mapped file (a UTF-8 BOM is always recognised).'),
    },
    { error: 'must be {name, file, key, on}' },
  )
  .describe(
    'A second file the mapping reads values from, one row per key (the first row wins when a key repeats): e.g. product prices for sales files ' +
      'that carry none. Its columns are named "<name>.<column>" wherever a source column can be named.',
  );

export const FillDownSchema = z
  .strictObject(
    { groupBy: named('must name a column of the file'), columns: columnNames('must list column names') },
    { error: 'must be {groupBy, columns}' },
  )
  .describe('Cells of `columns` left empty take the value of the row above with the same `groupBy` value (order-level cells written only on an order\'s first row, as Shopify exports do).');

export const CheckOptionsSchema = z.strictObject(
  {
    unknownSku: z.enum(['reject', 'warn', 'ignore'], { error: 'must be reject, warn or ignore' }).optional()
      .describe('A SKU missing from the products already loaded (only when some are): warn (default: loaded and listed), reject or ignore.'),
    returnBeforeOrder: z.enum(['reject', 'warn'], { error: 'must be reject or warn' }).optional().describe("A return dated before its order's date: reject (default) or warn."),
    futureDays: z.int({ error: 'must be a whole number of days, 0 or more' }).min(0, { error: 'must be a whole number of days, 0 or more' }).optional()
      .describe('Dates more than this many days after the load time are flagged (default 1).'),
    lateReturnDays: z.int({ error: 'must be a whole number of days, 0 or more' }).min(0, { error: 'must be a whole number of days, 0 or more' }).optional()
      .describe('Returns more than this many days after their order are flagged (default 730).'),
  },
  { error: 'must be an object' },
);

/** Written by import-check --out: what became of each column of the file. Informational. */
export const SourceColumnNoteSchema = z.strictObject({
  column: z.string({ error: 'must be a text' }).describe('The header name, as in the file.'),
  use: z.enum(['used', 'ignored'], { error: "must be 'used' or 'ignored'" }),
  by: z.array(z.string({ error: 'must be a text' })).optional().describe('What reads it: "<table>.<column>", a target\'s `when`, an exclusion, fill-down or a lookup key.'),
  why: z.string({ error: 'must be a text' }).optional().describe('Why an ignored column is left out.'),
});

/** Written by import-check --out: a question the file's values leave open, and how to answer it. */
export const QuestionNoteSchema = z.strictObject({
  at: z.string({ error: 'must be a text' }).describe('Where the answer goes, e.g. targets[0].columns.order_date.transform.format.'),
  ask: z.string({ error: 'must be a text' }).describe('The question, with an example value from the file.'),
  answer: z.string({ error: 'must be a text' }).describe('How to answer it in this file.'),
  choices: z.array(z.union([z.string(), z.strictObject({ decimal: DecimalSchema, thousands: z.string() })]), { error: 'must be a list' }).optional()
    .describe('The answers that read every sampled value.'),
});

export const MappingSpecSchema = z
  .strictObject(
    {
      $schema: z.string({ error: 'must be a text' }).optional().describe('Where an editor finds this JSON Schema (a path to schema/mapping.schema.json); ignored when loading.'),
      version: z.literal(MAPPING_VERSION, { error: (i) => `must be ${MAPPING_VERSION} (got ${show(i.input)})` }),
      name: filled('must be a non-empty text').describe('Shown to the user, e.g. "Amazon FBA customer returns".'),
      preset: z.string({ error: 'must be a text when given' }).optional().describe('The preset this mapping came from, if any.'),
      notes: z.array(z.string({ error: 'must be a list of texts' }), { error: 'must be a list of texts' }).optional()
        .describe('Decisions worth showing to the user (how a code is mapped, why rows are excluded ...).'),
      source: SourceFormatSchema,
      checks: CheckOptionsSchema.optional(),
      files: z.array(filled('must list file-name patterns such as "Sales_*.csv"'), { error: 'must list file-name patterns such as "Sales_*.csv"' })
        .min(1, { error: 'must list file-name patterns such as "Sales_*.csv"' }).optional()
        .describe('File-name patterns (* and ?, case-insensitive) of the files this mapping is for, e.g. "AdventureWorks_Sales_*.csv": the CLI loads the files of a folder that match through it.'),
      routing: z.enum(['first', 'each'], { error: "must be 'first' or 'each'" }).optional().describe(
        "'first' (default): each row goes to the first target whose `when` holds. 'each': a row goes to every target whose `when` holds (an order line that is also a return).",
      ),
      fillDown: FillDownSchema.optional(),
      lookups: z.array(LookupSpecSchema, { error: 'must be a list of {name, file, key, on}' }).optional().describe('Other files read for values.'),
      targets: z.array(TargetSpecSchema, { error: 'must list at least one target table' }).min(1, { error: 'must list at least one target table' })
        .describe('The tables this file fills (a table at most once).'),
      sourceColumns: z.array(SourceColumnNoteSchema, { error: 'must be a list of {column, use}' }).optional()
        .describe('Informational (written by import-check --out): every column of the file, used or ignored. Not read when loading.'),
      questions: z.array(QuestionNoteSchema, { error: 'must be a list of {at, ask, answer}' }).optional().describe(
        'Open questions (written by import-check --out) and how to answer each. A date format left null at `at` keeps the mapping from loading, with the question in the message.',
      ),
    },
    { error: 'the mapping must be a JSON object' },
  )
  .superRefine(checkRules, { when: (p) => isObject(p.value) })
  .describe(
    'A returns-insight mapping: how one export file is read (source), which rows go to which canonical table (targets[].when, first matching target ' +
      'wins), which rows are left out on purpose (targets[].exclude) and where each canonical column comes from (targets[].columns). Source columns ' +
      'are named by their header text. Re-use it with `returns-insight analyze --mapping` or "Use a saved mapping" on the Data page.',
  );
