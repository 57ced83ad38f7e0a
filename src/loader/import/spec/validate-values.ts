import type { ColumnSpec } from '../../../data-model/contract';
import { DECIMALS, THOUSANDS, VALUE_SOURCE_KINDS, type ConditionTest } from './types';

// Validation of the inner parts of a mapping: value sources, transforms, row tests and date
// formats (validate.ts checks the mapping around them). Problems are reported with their path.

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const show = (x: unknown) => JSON.stringify(x);
export type Err = (path: string, msg: string) => void;

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

const NUMERIC = new Set(['INTEGER', 'DOUBLE']);

export function checkValueSource(src: unknown, col: ColumnSpec, path: string, err: Err, depth = 0): void {
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

export function checkRowTest(t: unknown, path: string, err: Err, depth = 0): void {
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
