import { CANONICAL_TABLES, CONTRACT, type CanonicalTable, type ColumnSpec } from '../../data-model/contract';

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
  /** A SKU missing from the products already loaded (only when some are): reject (default), warn or ignore. */
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

export class MappingError extends Error {
  constructor(readonly errors: string[]) {
    super(`The mapping is not valid:\n- ${errors.join('\n- ')}`);
    this.name = 'MappingError';
  }
}

export const DEFAULT_SOURCE: SourceFormat = {
  encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [],
};

export const DEFAULT_TRUE_WORDS = ['true', 't', 'yes', 'y', '1'];
export const DEFAULT_FALSE_WORDS = ['false', 'f', 'no', 'n', '0'];

/** The transform a column gets when the mapping names only the source column. */
export function defaultTransform(type: ColumnSpec['type']): Transform {
  switch (type) {
    case 'DATE':
    case 'TIMESTAMP':
      return { kind: 'date', format: 'iso' };
    case 'INTEGER':
    case 'DOUBLE':
      return { kind: 'number', decimal: '.', thousands: '', currency: false, sign: 'keep' };
    case 'BOOLEAN':
      return { kind: 'boolean', trueWords: DEFAULT_TRUE_WORDS, falseWords: DEFAULT_FALSE_WORDS };
    default:
      return { kind: 'text' };
  }
}

/** Format specifiers a date format may use (the same in the JS sampler and in DuckDB's strptime). */
export const DATE_SPECIFIERS = ['Y', 'y', 'm', 'd', 'b', 'B', 'H', 'I', 'M', 'S', 'f', 'p', 'z', '%'] as const;

/** Why a date format cannot be used, or null when it can. */
export function dateFormatProblem(format: string): string | null {
  if (format === 'iso') return null;
  if (format.trim() === '') return 'is empty';
  const specs = [...format.matchAll(/%(.?)/g)].map((m) => m[1]!);
  for (const s of specs) {
    if (!(DATE_SPECIFIERS as readonly string[]).includes(s)) {
      return `uses %${s}, which is not supported (use ${DATE_SPECIFIERS.filter((x) => x !== '%').map((x) => `%${x}`).join(' ')}, or 'iso')`;
    }
  }
  const has = (s: string) => specs.includes(s);
  if (!has('Y') && !has('y')) return 'has no year (%Y or %y)';
  if (!has('m') && !has('b') && !has('B')) return 'has no month (%m, %b or %B)';
  if (!has('d')) return 'has no day (%d)';
  if (has('I') !== has('p')) return '%I (12-hour clock) and %p (AM/PM) go together';
  if (specs.filter((s) => s === 'z').length > 1 || (has('z') && !format.trimEnd().endsWith('%z'))) {
    return '%z (the offset) can only come last';
  }
  return null;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const show = (x: unknown) => JSON.stringify(x);

/**
 * Checks a parsed JSON value against the spec; every problem is listed with its path
 * (targets[1].columns.quantity ...) in plain words.
 */
export function validateMapping(x: unknown): { ok: true; mapping: MappingSpec } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const err = (path: string, msg: string) => errors.push(`${path}: ${msg}`);
  if (!isObject(x)) return { ok: false, errors: ['the mapping must be a JSON object'] };
  if (x.version !== MAPPING_VERSION) err('version', `must be ${MAPPING_VERSION} (got ${show(x.version)})`);
  if (typeof x.name !== 'string' || x.name.trim() === '') err('name', 'must be a non-empty text');
  if (x.preset !== undefined && typeof x.preset !== 'string') err('preset', 'must be a text when given');
  if (x.notes !== undefined && !(Array.isArray(x.notes) && x.notes.every((n) => typeof n === 'string'))) err('notes', 'must be a list of texts');
  checkSource(x.source, err);
  checkChecks(x.checks, err);
  if (x.files !== undefined && !(Array.isArray(x.files) && x.files.length > 0 && x.files.every((f) => typeof f === 'string' && f.trim() !== ''))) {
    err('files', 'must list file-name patterns such as "Sales_*.csv"');
  }
  if (x.routing !== undefined && x.routing !== 'first' && x.routing !== 'each') err('routing', "must be 'first' or 'each'");
  if (x.fillDown !== undefined) {
    const f = x.fillDown;
    if (!isObject(f)) err('fillDown', 'must be {groupBy, columns}');
    else {
      if (typeof f.groupBy !== 'string' || f.groupBy === '') err('fillDown.groupBy', 'must name a column of the file');
      if (!Array.isArray(f.columns) || f.columns.length === 0 || !f.columns.every((c) => typeof c === 'string' && c !== '')) err('fillDown.columns', 'must list column names');
    }
  }
  checkLookups(x.lookups, err);
  if (!Array.isArray(x.targets) || x.targets.length === 0) {
    err('targets', 'must list at least one target table');
  } else {
    x.targets.forEach((t, i) => checkTarget(t, `targets[${i}]`, err));
    const tables = x.targets.filter(isObject).map((t) => t.table);
    if (new Set(tables).size !== tables.length) err('targets', 'a table can be the target only once per mapping');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping: x as unknown as MappingSpec };
}

type Err = (path: string, msg: string) => void;

function checkSource(s: unknown, err: Err): void {
  if (!isObject(s)) return err('source', 'must be an object (encoding, delimiter, quote, skipLines, header, nullValues)');
  if (!(ENCODINGS as readonly unknown[]).includes(s.encoding)) err('source.encoding', `must be one of ${ENCODINGS.join(', ')} (got ${show(s.encoding)})`);
  if (!(DELIMITERS as readonly unknown[]).includes(s.delimiter)) err('source.delimiter', `must be one of ${DELIMITERS.map(show).join(', ')} (got ${show(s.delimiter)})`);
  if (!(QUOTES as readonly unknown[]).includes(s.quote)) err('source.quote', `must be one of ${QUOTES.map(show).join(', ')} (got ${show(s.quote)})`);
  if (!Number.isInteger(s.skipLines) || (s.skipLines as number) < 0 || (s.skipLines as number) > 1000) err('source.skipLines', 'must be a whole number from 0 to 1000');
  if (typeof s.header !== 'boolean') err('source.header', 'must be true or false');
  if (!Array.isArray(s.nullValues) || !s.nullValues.every((v) => typeof v === 'string')) err('source.nullValues', 'must be a list of texts (e.g. ["NA"])');
}

export const LOOKUP_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function checkLookups(l: unknown, err: Err): void {
  if (l === undefined) return;
  if (!Array.isArray(l)) return err('lookups', 'must be a list of {name, file, key, on}');
  const names: string[] = [];
  l.forEach((x, i) => {
    const p = `lookups[${i}]`;
    if (!isObject(x)) return err(p, 'must be {name, file, key, on}');
    if (typeof x.name !== 'string' || !LOOKUP_NAME.test(x.name)) err(`${p}.name`, 'must be letters, digits and _, starting with a letter');
    else if (names.includes(x.name)) err(`${p}.name`, `"${x.name}" is used twice`);
    if (typeof x.file !== 'string' || x.file.trim() === '') err(`${p}.file`, 'must be a file-name pattern');
    if (typeof x.key !== 'string' || x.key === '') err(`${p}.key`, "must name the lookup file's key column");
    if (typeof x.on !== 'string' || x.on === '') err(`${p}.on`, 'must name the column holding the key');
    else {
      const dot = x.on.indexOf('.');
      const prefix = dot > 0 ? x.on.slice(0, dot) : '';
      if (prefix && prefix === x.name) err(`${p}.on`, 'cannot read the lookup itself');
      else if (prefix && l.some((o, k) => k > i && isObject(o) && o.name === prefix)) err(`${p}.on`, `lookup "${prefix}" must be listed before this one`);
    }
    if (x.onMissing !== undefined && x.onMissing !== 'reject' && x.onMissing !== 'empty') err(`${p}.onMissing`, "must be 'reject' or 'empty'");
    if (x.source !== undefined) {
      if (!isObject(x.source)) err(`${p}.source`, 'must be an object');
      else checkSource({ ...DEFAULT_SOURCE, ...x.source }, (path, msg) => err(`${p}.${path}`, msg));
    }
    if (typeof x.name === 'string') names.push(x.name);
  });
}

function checkChecks(c: unknown, err: Err): void {
  if (c === undefined) return;
  if (!isObject(c)) return err('checks', 'must be an object');
  if (c.unknownSku !== undefined && !['reject', 'warn', 'ignore'].includes(c.unknownSku as string)) err('checks.unknownSku', 'must be reject, warn or ignore');
  if (c.returnBeforeOrder !== undefined && !['reject', 'warn'].includes(c.returnBeforeOrder as string)) err('checks.returnBeforeOrder', 'must be reject or warn');
  for (const k of ['futureDays', 'lateReturnDays'] as const) {
    if (c[k] !== undefined && !(Number.isInteger(c[k]) && (c[k] as number) >= 0)) err(`checks.${k}`, 'must be a whole number of days, 0 or more');
  }
}

function checkTarget(t: unknown, path: string, err: Err): void {
  if (!isObject(t)) return err(path, 'must be an object with table and columns');
  if (!(CANONICAL_TABLES as readonly unknown[]).includes(t.table)) {
    return err(`${path}.table`, `must be one of ${CANONICAL_TABLES.join(', ')} (got ${show(t.table)})`);
  }
  const spec = CONTRACT[t.table as CanonicalTable];
  if (t.when !== undefined) checkRowTest(t.when, `${path}.when`, err);
  if (!isObject(t.columns)) return err(`${path}.columns`, 'must map canonical columns to sources');
  for (const [name, src] of Object.entries(t.columns)) {
    const col = spec.columns.find((c) => c.name === name);
    if (!col) {
      err(`${path}.columns.${name}`, `${spec.name} has no column "${name}" (it has ${spec.columns.map((c) => c.name).join(', ')})`);
      continue;
    }
    checkValueSource(src, col, `${path}.columns.${name}`, err);
  }
  const expand = t.expandToOrderLines === true;
  if (t.expandToOrderLines !== undefined && typeof t.expandToOrderLines !== 'boolean') err(`${path}.expandToOrderLines`, 'must be true or false');
  if (expand && t.table !== 'returns') err(`${path}.expandToOrderLines`, 'only a returns target can be expanded to order lines');
  if (expand && t.columns.order_id === undefined) err(`${path}.columns`, 'returns.order_id is required to expand a returned order to its lines');
  for (const col of spec.columns) {
    if (expand && (col.name === 'quantity' || col.name === 'sku' || col.name === 'line_id')) continue;
    if (col.required && t.columns[col.name] === undefined) err(`${path}.columns`, `${spec.name}.${col.name} is required and not mapped`);
  }
  if (t.duplicates !== undefined && t.duplicates !== 'reject' && t.duplicates !== 'first') err(`${path}.duplicates`, "must be 'reject' or 'first'");
  if (t.exclude !== undefined) {
    if (!Array.isArray(t.exclude)) err(`${path}.exclude`, 'must be a list of {when, reason}');
    else {
      t.exclude.forEach((r, i) => {
        const p = `${path}.exclude[${i}]`;
        if (!isObject(r)) return err(p, 'must be {when, reason}');
        if (typeof r.reason !== 'string' || r.reason.trim() === '') err(`${p}.reason`, 'must say why the rows are left out');
        checkRowTest(r.when, `${p}.when`, err);
      });
    }
  }
}

const NUMERIC = new Set(['INTEGER', 'DOUBLE']);

function checkValueSource(src: unknown, col: ColumnSpec, path: string, err: Err, depth = 0): void {
  if (!isObject(src)) return err(path, `must be one of ${VALUE_SOURCE_KINDS.map((k) => `{${k}}`).join(', ')}`);
  if (depth > 6) return err(path, 'is nested too deeply');
  const kinds = VALUE_SOURCE_KINDS.filter((k) => k in src);
  if (kinds.length !== 1) return err(path, `must have exactly one of ${VALUE_SOURCE_KINDS.join(', ')} (has ${kinds.join(', ') || 'none'})`);
  const kind = kinds[0]!;
  if (kind === 'column') {
    if (typeof src.column !== 'string' || src.column === '') err(`${path}.column`, 'must name a column of the file');
    if (src.transform !== undefined) checkTransform(src.transform, col, `${path}.transform`, err);
  } else if (kind === 'constant') {
    const v = src.constant;
    if (!['string', 'number', 'boolean'].includes(typeof v)) err(`${path}.constant`, 'must be a text, number or true/false');
    else if (NUMERIC.has(col.type) && (typeof v !== 'number' || !Number.isFinite(v))) err(`${path}.constant`, `${col.name} is a number: the constant must be a number`);
    else if (col.type === 'INTEGER' && !Number.isInteger(v)) err(`${path}.constant`, `${col.name} is a whole number`);
    else if (col.nonNegative && typeof v === 'number' && v < 0) err(`${path}.constant`, `${col.name} cannot be negative`);
    else if (col.type === 'BOOLEAN' && typeof v !== 'boolean') err(`${path}.constant`, `${col.name} is true/false`);
    else if ((col.type === 'DATE' || col.type === 'TIMESTAMP') && (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(v))) {
      err(`${path}.constant`, `${col.name} is a date: write the constant like 2025-01-31`);
    }
  } else if (kind === 'lineNumber') {
    if (src.lineNumber !== true) err(`${path}.lineNumber`, 'must be true');
    if (col.type !== 'VARCHAR' && !NUMERIC.has(col.type)) err(path, `a line number cannot fill ${col.type.toLowerCase()} column ${col.name}`);
  } else if (kind === 'concat') {
    if (col.type !== 'VARCHAR') err(path, `concat makes text; ${col.name} is ${col.type.toLowerCase()}`);
    if (!Array.isArray(src.concat) || src.concat.length === 0 || !src.concat.every((c) => typeof c === 'string' && c !== '')) err(`${path}.concat`, 'must list source column names');
    if (typeof src.separator !== 'string') err(`${path}.separator`, 'must be a text (may be empty)');
    if (src.numberRepeats !== undefined) {
      const w = isObject(src.numberRepeats) ? src.numberRepeats.within : undefined;
      if (!Array.isArray(w) || !w.every((c) => typeof c === 'string' && c !== '')) err(`${path}.numberRepeats.within`, 'must list source column names (may be empty)');
    }
  } else if (kind === 'multiply' || kind === 'minus' || kind === 'divide') {
    const args = src[kind];
    if (!NUMERIC.has(col.type)) err(path, `${kind} makes a number; ${col.name} is ${col.type.toLowerCase()}`);
    if (!Array.isArray(args) || args.length !== 2) err(`${path}.${kind}`, 'must list exactly two sources');
    else args.forEach((s, i) => checkValueSource(s, { ...col, type: 'DOUBLE', nonNegative: false }, `${path}.${kind}[${i}]`, err, depth + 1));
  } else if (kind === 'if') {
    checkRowTest(src.if, `${path}.if`, err);
    checkValueSource(src.then, col, `${path}.then`, err, depth + 1);
    if (src.else !== undefined) checkValueSource(src.else, col, `${path}.else`, err, depth + 1);
  } else {
    if (!Array.isArray(src.firstOf) || src.firstOf.length === 0) err(`${path}.firstOf`, 'must list at least one source');
    else src.firstOf.forEach((s, i) => checkValueSource(s, col, `${path}.firstOf[${i}]`, err, depth + 1));
  }
}

function checkTransform(t: unknown, col: ColumnSpec, path: string, err: Err): void {
  if (!isObject(t)) return err(path, 'must be an object with a kind');
  const type = col.type;
  switch (t.kind) {
    case 'date':
      if (type !== 'DATE' && type !== 'TIMESTAMP') return err(path, `a date transform cannot fill ${type.toLowerCase()} column ${col.name}`);
      if (t.format === null) {
        return err(`${path}.format`, 'the date format is not chosen yet: the sampled dates fit more than one format (e.g. day-first and month-first); pick one');
      }
      if (typeof t.format !== 'string') return err(`${path}.format`, "must be a format such as %d-%m-%Y, or 'iso'");
      {
        const problem = dateFormatProblem(t.format);
        if (problem) err(`${path}.format`, `"${t.format}" ${problem}`);
      }
      if (t.offset !== undefined && t.offset !== 'local' && t.offset !== 'utc') err(`${path}.offset`, "must be 'local' or 'utc'");
      return;
    case 'number':
      if (!NUMERIC.has(type)) return err(path, `a number transform cannot fill ${type.toLowerCase()} column ${col.name}`);
      if (!(DECIMALS as readonly unknown[]).includes(t.decimal)) err(`${path}.decimal`, `must be "." or "," (got ${show(t.decimal)})`);
      if (!(THOUSANDS as readonly unknown[]).includes(t.thousands)) err(`${path}.thousands`, `must be one of ${THOUSANDS.map(show).join(', ')} (got ${show(t.thousands)})`);
      if (t.decimal === t.thousands) err(`${path}.thousands`, 'cannot be the same as the decimal separator');
      if (typeof t.currency !== 'boolean') err(`${path}.currency`, 'must be true or false');
      if (!['keep', 'negate', 'abs'].includes(t.sign as string)) err(`${path}.sign`, 'must be keep, negate or abs');
      return;
    case 'boolean':
      if (type !== 'BOOLEAN') return err(path, `a boolean transform cannot fill ${type.toLowerCase()} column ${col.name}`);
      for (const k of ['trueWords', 'falseWords'] as const) {
        if (!Array.isArray(t[k]) || (t[k] as unknown[]).length === 0 || !(t[k] as unknown[]).every((w) => typeof w === 'string')) err(`${path}.${k}`, 'must list words');
      }
      if (Array.isArray(t.trueWords) && Array.isArray(t.falseWords)) {
        const both = (t.trueWords as string[]).filter((w) => (t.falseWords as string[]).some((f) => f.toLowerCase() === String(w).toLowerCase()));
        if (both.length > 0) err(path, `${both.map(show).join(', ')} cannot mean both true and false`);
      }
      return;
    case 'map':
      if (!isObject(t.values) || !Object.values(t.values).every((v) => typeof v === 'string')) err(`${path}.values`, 'must map source values to texts');
      if (t.otherwise !== 'keep' && t.otherwise !== 'null') err(`${path}.otherwise`, "must be 'keep' or 'null'");
      return;
    case 'text':
      if (t.case !== undefined && !['keep', 'lower', 'upper'].includes(t.case as string)) err(`${path}.case`, 'must be keep, lower or upper');
      return;
    default:
      err(`${path}.kind`, `must be date, number, boolean, map or text (got ${show(t.kind)})`);
  }
}

const TESTS: ConditionTest[] = ['empty', 'negative', 'zero', 'positive', 'equals', 'one_of', 'starts_with', 'matches', 'first'];

function checkRowTest(t: unknown, path: string, err: Err, depth = 0): void {
  if (!isObject(t)) return err(path, 'must be a condition, {all: [...]} or {any: [...]}');
  if (depth > 6) return err(path, 'is nested too deeply');
  if ('all' in t || 'any' in t) {
    const list = (t.all ?? t.any) as unknown;
    if (!Array.isArray(list) || list.length === 0) return err(path, 'all / any must list conditions');
    list.forEach((c, i) => checkRowTest(c, `${path}.${'all' in t ? 'all' : 'any'}[${i}]`, err, depth + 1));
    return;
  }
  if (typeof t.column !== 'string' || t.column === '') err(`${path}.column`, 'must name a column of the file');
  if (!TESTS.includes(t.is as ConditionTest)) return err(`${path}.is`, `must be one of ${TESTS.join(', ')} (got ${show(t.is)})`);
  if (['equals', 'starts_with', 'matches'].includes(t.is as string) && typeof t.value !== 'string') err(`${path}.value`, `is needed for "${String(t.is)}"`);
  if (t.is === 'one_of' && !(Array.isArray(t.values) && t.values.every((v) => typeof v === 'string'))) err(`${path}.values`, 'must list texts');
  if (t.is === 'matches' && typeof t.value === 'string') {
    try {
      new RegExp(t.value);
    } catch {
      err(`${path}.value`, `${show(t.value)} is not a valid regular expression`);
    }
  }
  if (t.decimal !== undefined && !(DECIMALS as readonly unknown[]).includes(t.decimal)) err(`${path}.decimal`, 'must be "." or ","');
}

/** Reads a mapping JSON file; throws MappingError listing every problem. */
export function parseMapping(text: string): MappingSpec {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new MappingError([`not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  const v = validateMapping(parsed);
  if (!v.ok) throw new MappingError(v.errors);
  return v.mapping;
}

/** The JSON file the user downloads (stable key order, two-space indent). */
export function stringifyMapping(m: MappingSpec): string {
  return JSON.stringify(m, null, 2) + '\n';
}

/**
 * Column names a mapping reads, as written: columns of the file, and "<lookup>.<column>" of
 * its lookups (lookupRef tells them apart).
 */
export function columnsUsed(m: MappingSpec): string[] {
  const out = new Set<string>();
  const fromTest = (t: RowTest): void => {
    if ('all' in t) t.all.forEach(fromTest);
    else if ('any' in t) t.any.forEach(fromTest);
    else out.add(t.column);
  };
  const fromSource = (s: ValueSource): void => {
    if ('column' in s) out.add(s.column);
    else if ('concat' in s) {
      s.concat.forEach((c) => out.add(c));
      s.numberRepeats?.within.forEach((c) => out.add(c));
    } else if ('multiply' in s) s.multiply.forEach(fromSource);
    else if ('minus' in s) s.minus.forEach(fromSource);
    else if ('divide' in s) s.divide.forEach(fromSource);
    else if ('firstOf' in s) s.firstOf.forEach(fromSource);
    else if ('if' in s) {
      fromTest(s.if);
      fromSource(s.then);
      if (s.else) fromSource(s.else);
    }
  };
  for (const t of m.targets) {
    Object.values(t.columns).forEach((s) => s && fromSource(s));
    if (t.when) fromTest(t.when);
    t.exclude?.forEach((r) => fromTest(r.when));
  }
  if (m.fillDown) {
    out.add(m.fillDown.groupBy);
    m.fillDown.columns.forEach((c) => out.add(c));
  }
  m.lookups?.forEach((l) => out.add(l.on));
  return [...out];
}

/**
 * The lookup a column name refers to ("products.ProductPrice" → products, ProductPrice), or
 * null for a column of the file itself. A header that is literally "products.ProductPrice"
 * wins over the lookup (pass the file's header names).
 */
export function lookupRef(m: Pick<MappingSpec, 'lookups'>, name: string, header: readonly string[] = []): { lookup: LookupSpec; column: string } | null {
  const dot = name.indexOf('.');
  if (dot <= 0 || !m.lookups) return null;
  const lookup = m.lookups.find((l) => l.name === name.slice(0, dot));
  if (!lookup) return null;
  const lower = name.trim().toLowerCase();
  if (header.some((h) => h === name || h.trim().toLowerCase() === lower)) return null;
  return { lookup, column: name.slice(dot + 1) };
}

/** Whether a file name matches a pattern with * and ? (case-insensitive, the base name only). */
export function fileMatches(fileName: string, pattern: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const re = new RegExp(
    '^' + pattern.trim().split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$',
    'i',
  );
  return re.test(base);
}
