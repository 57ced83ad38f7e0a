import type { CanonicalTable } from '../../../data-model/contract';

/**
 * The mapping spec: everything needed to turn one source file (an export as the platform
 * wrote it) into rows of one or more canonical tables. It is plain JSON so the user can
 * download it and re-use it next month (the CLI takes the same file with --mapping).
 *
 * How a file is read (`source`), which rows go to which table (`targets[].when`, first
 * matching target wins), which rows are deliberately left out (`targets[].exclude`, reported
 * as excluded with the rule's reason) and where each canonical column comes from
 * (`targets[].columns`). Source columns are named by their header text.
 */
export const MAPPING_VERSION = 1;

export const ENCODINGS = ['utf-8', 'windows-1252', 'latin-1'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export const QUOTES = ['"', "'", ''] as const;
export type Quote = (typeof QUOTES)[number];
export const DECIMALS = ['.', ','] as const;
export type DecimalSeparator = (typeof DECIMALS)[number];
export const THOUSANDS = ['', ',', '.', ' ', "'"] as const;
export type ThousandsSeparator = (typeof THOUSANDS)[number];

export interface SourceFormat {
  /**
   * Text encoding of the bytes. A UTF-8 byte-order mark is always removed and wins over this
   * setting (a file that starts with one is UTF-8); UTF-16 files are recognised by their BOM.
   */
  encoding: Encoding;
  delimiter: Delimiter;
  /** Quote character; '' = fields are never quoted. A doubled quote inside quotes is a quote. */
  quote: Quote;
  /** Records above the header row (report titles); 0 = the header is the first record. */
  skipLines: number;
  /** false = no header row: columns are named column1, column2 ... */
  header: boolean;
  /** Cell texts that mean "no value" besides the empty cell (compared after trimming), e.g. NA. */
  nullValues: string[];
}

/** strptime-style date format (%Y %y %m %d %b %B %H %I %M %S %f %p %z and literal text) or 'iso'. */
export interface DateTransform {
  kind: 'date';
  /**
   * 'iso' = ISO 8601 date or date-time (T or space, optional fraction, optional Z/±hh:mm offset).
   * null = not decided yet (the sampled dates were ambiguous): validateMapping refuses it, so
   * a mapping never loads with a guessed day/month order.
   */
  format: string | null;
  /**
   * A timestamp written with an offset (+02:00, Z) is kept as the wall-clock time written
   * ('local', the default: days stay the days the merchant saw) or converted to UTC ('utc').
   */
  offset?: 'local' | 'utc';
}

export interface NumberTransform {
  kind: 'number';
  decimal: DecimalSeparator;
  /** '' = no thousands separator; otherwise digits must be grouped by three. */
  thousands: ThousandsSeparator;
  /** Strip currency symbols and codes ($ € £ ¥ ₹, USD, EUR ...) and accept (12.50) as -12.50. */
  currency: boolean;
  /** 'negate' for invoice-style files where returns are negative quantities; 'abs' drops the sign. */
  sign: 'keep' | 'negate' | 'abs';
}

export interface BooleanTransform {
  kind: 'boolean';
  /** Words meaning true / false (case-insensitive). */
  trueWords: string[];
  falseWords: string[];
}

/** Replaces listed values (case-insensitive, trimmed); other values are kept or become empty. */
export interface MapTransform {
  kind: 'map';
  values: Record<string, string>;
  otherwise: 'keep' | 'null';
}

export interface TextTransform {
  kind: 'text';
  case?: 'keep' | 'lower' | 'upper';
}

export type Transform = DateTransform | NumberTransform | BooleanTransform | MapTransform | TextTransform;

/** Where one canonical column's value comes from. */
export type ValueSource =
  /** A column of the file, by header name, optionally transformed. */
  | { column: string; transform?: Transform }
  /** The same value on every row. */
  | { constant: string | number | boolean }
  /** The record number in the file (header = 1). */
  | { lineNumber: true }
  /**
   * Several columns joined by `separator` (empty parts skipped), e.g. a return id from order
   * id + SKU. With `numberRepeats`, the 2nd, 3rd ... row with the same value among rows that
   * share the `within` columns gets '#2', '#3' ... appended (repeated items on one invoice).
   */
  | { concat: string[]; separator: string; numberRepeats?: { within: string[] } }
  /** The product of two numeric sources (e.g. refund = quantity × unit price). */
  | { multiply: [ValueSource, ValueSource] }
  /** The first numeric source minus the second (e.g. price − discount per unit). */
  | { minus: [ValueSource, ValueSource] }
  /** The first numeric source divided by the second (empty when the second is 0). */
  | { divide: [ValueSource, ValueSource] }
  /** The first of these sources that has a value. */
  | { firstOf: ValueSource[] }
  /** `then` on rows where the test holds, `else` (or nothing) on the others. */
  | { if: RowTest; then: ValueSource; else?: ValueSource };

/** The kinds of value source, in the order validation names them. */
export const VALUE_SOURCE_KINDS = ['column', 'constant', 'lineNumber', 'concat', 'multiply', 'minus', 'divide', 'firstOf', 'if'] as const;

export type ConditionTest = 'empty' | 'negative' | 'zero' | 'positive' | 'equals' | 'one_of' | 'starts_with' | 'matches' | 'first';

/**
 * A test on one source cell. Number tests read the cell with `decimal` (default '.', currency
 * signs allowed, no thousands separator). Any test but 'empty' is false on an empty cell.
 * 'first' holds on the first row (in file order) with this cell's value, among the rows the
 * test looks at (the whole file in a target's `when`, the target's rows in its `exclude`): the
 * first row of each order in a file with one row per order line.
 */
export interface Condition {
  column: string;
  is: ConditionTest;
  /** For equals / starts_with / matches (a regular expression). */
  value?: string;
  /** For one_of. */
  values?: string[];
  /** Text comparisons ignore case unless this is true. */
  caseSensitive?: boolean;
  decimal?: DecimalSeparator;
  /** Negates the test. A test on an empty cell is false, so its negation is true. */
  not?: boolean;
}

export type RowTest = Condition | { all: RowTest[] } | { any: RowTest[] };

export interface ExclusionRule {
  when: RowTest;
  /** Shown to the user and stored in load_issues (severity 'excluded'). */
  reason: string;
}

export interface TargetSpec {
  table: CanonicalTable;
  /**
   * The rows this table takes. With routing 'first' (the default): absent = every row not
   * taken by an earlier target. With routing 'each': absent = every row.
   */
  when?: RowTest;
  /** Canonical column → source. Columns not listed stay empty. */
  columns: Partial<Record<string, ValueSource>>;
  /** Rows left out on purpose (not errors), first matching rule wins. */
  exclude?: ExclusionRule[];
  /**
   * A key seen again (in this file or already loaded): 'reject' the row as a duplicate (the
   * default), or keep the 'first' and count the others as excluded: for tables filled from a
   * file that repeats them, such as products taken from order lines.
   */
  duplicates?: 'reject' | 'first';
  /**
   * returns only: each row names a returned ORDER (order id + a flag), and becomes one return
   * per order line of that order already loaded (return_id + '|' + line_id, the line's sku and
   * quantity). A row whose order has no loaded lines is rejected. quantity need not be mapped.
   */
  expandToOrderLines?: boolean;
}

/**
 * A second file the mapping reads values from, one row per key (the first row wins when a key
 * repeats): e.g. product prices for sales files that carry none, or region names for territory
 * keys. Its columns are named "<name>.<column>" wherever a source column can be named.
 */
export interface LookupSpec {
  /** Letters, digits and _ ; starts with a letter. */
  name: string;
  /** File-name pattern of the lookup file: * and ? wildcards, case-insensitive, e.g. "AdventureWorks_Products*.csv". */
  file: string;
  /** The lookup file's key column. */
  key: string;
  /** The mapped file's column holding the key, or "<lookup>.<column>" of a lookup listed before this one. */
  on: string;
  /** How the lookup file is read where it differs from the mapped file (a UTF-8 BOM is always recognised). */
  source?: Partial<SourceFormat>;
  /**
   * A key that the lookup file lacks: 'reject' the rows of targets using this lookup (the
   * default; the reason names the key and the file) or leave the looked-up values 'empty'.
   * An empty key never rejects.
   */
  onMissing?: 'reject' | 'empty';
}

/** Cells of `columns` left empty take the value of the row above with the same `groupBy` value. */
export interface FillDown {
  groupBy: string;
  columns: string[];
}

export interface CheckOptions {
  /** A SKU missing from the products already loaded (only when some are): warn (default: loaded and listed), reject or ignore. */
  unknownSku?: 'reject' | 'warn' | 'ignore';
  /** A return dated before its order's date: reject (default) or warn. */
  returnBeforeOrder?: 'reject' | 'warn';
  /** Dates more than this many days after the load time are flagged (default 1). */
  futureDays?: number;
  /** Returns more than this many days after their order are flagged (default 730). */
  lateReturnDays?: number;
}

export interface MappingSpec {
  version: typeof MAPPING_VERSION;
  /** Shown to the user, e.g. "Amazon FBA customer returns". */
  name: string;
  /** The preset this mapping came from, if any. */
  preset?: string;
  /**
   * File-name patterns (* and ?, case-insensitive) of the files this mapping is for, e.g.
   * "AdventureWorks_Sales_*.csv": the CLI loads the files of a folder that match through it.
   */
  files?: string[];
  source: SourceFormat;
  /** Other files read for values (see LookupSpec). */
  lookups?: LookupSpec[];
  /** Order-level cells written only on an order's first row, filled down (Shopify exports). */
  fillDown?: FillDown;
  /**
   * 'first' (default): each row goes to the first target whose `when` holds. 'each': a row goes
   * to every target whose `when` holds (an order line that is also a return). Each table's
   * accounting adds up on its own; the file's totals add the tables.
   */
  routing?: 'first' | 'each';
  targets: TargetSpec[];
  checks?: CheckOptions;
  /** Decisions worth showing to the user (how a code is mapped, why rows are excluded ...). */
  notes?: string[];
}
