import type { z } from 'zod';
import { CANONICAL_TABLES, CONTRACT, type CanonicalTable, type ColumnSpec } from '../../../data-model/contract';
import { VALUE_SOURCE_KINDS } from './constants';
import { dateFormatProblem } from './date-formats';
import { formatPath, isObject, type SpecPath } from './paths';

// The rules between fields of a mapping that a JSON shape cannot say: a column must belong to
// its table and fit its type, required columns are mapped, a table is a target once, lookups
// name earlier lookups, a date format left open refuses to load. They read the value as parsed
// so far, which may still hold wrong parts (reported by the schema): anything malformed is skipped.

type Err = (path: SpecPath, msg: string) => void;
const NUMERIC = new Set(['INTEGER', 'DOUBLE']);
const MAX_DEPTH = 6;

/** The mapping's rules, run by the schema (MappingSpecSchema) after its shape is checked. */
export function checkRules(m: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const err: Err = (path, message) => ctx.addIssue({ code: 'custom', message, path: [...path] });
  checkLookups(m.lookups, err);
  const questions = Array.isArray(m.questions) ? m.questions.filter(isObject) : [];
  const openQuestion = (path: SpecPath) => questions.find((q) => q.at === formatPath(path));
  if (!Array.isArray(m.targets)) return;
  m.targets.forEach((t, i) => checkTarget(t, ['targets', i], err, openQuestion));
  const tables = m.targets.filter(isObject).map((t) => t.table);
  if (new Set(tables).size !== tables.length) err(['targets'], 'a table can be the target only once per mapping');
}

function checkLookups(l: unknown, err: Err): void {
  if (!Array.isArray(l)) return;
  const names: unknown[] = [];
  l.forEach((x, i) => {
    if (!isObject(x)) return;
    if (typeof x.name === 'string' && names.includes(x.name)) err(['lookups', i, 'name'], `"${x.name}" is used twice`);
    names.push(x.name);
    if (typeof x.on !== 'string') return;
    const dot = x.on.indexOf('.');
    const prefix = dot > 0 ? x.on.slice(0, dot) : '';
    if (prefix && prefix === x.name) err(['lookups', i, 'on'], 'cannot read the lookup itself');
    else if (prefix && l.some((o, k) => k > i && isObject(o) && o.name === prefix)) err(['lookups', i, 'on'], `lookup "${prefix}" must be listed before this one`);
  });
}

type OpenQuestion = (path: SpecPath) => Record<string, unknown> | undefined;

function checkTarget(t: unknown, path: SpecPath, err: Err, openQuestion: OpenQuestion): void {
  if (!isObject(t)) return;
  if (t.when !== undefined) checkRowTest(t.when, [...path, 'when'], err);
  if (Array.isArray(t.exclude)) t.exclude.forEach((r, i) => isObject(r) && checkRowTest(r.when, [...path, 'exclude', i, 'when'], err));
  if (!(CANONICAL_TABLES as readonly unknown[]).includes(t.table) || !isObject(t.columns)) return;
  const spec = CONTRACT[t.table as CanonicalTable];
  for (const [name, src] of Object.entries(t.columns)) {
    const col = spec.columns.find((c) => c.name === name);
    if (!col) err([...path, 'columns', name], `${spec.name} has no column "${name}" (it has ${spec.columns.map((c) => c.name).join(', ')})`);
    else checkValueSource(src, col, [...path, 'columns', name], err, openQuestion);
  }
  const expand = t.expandToOrderLines === true;
  if (expand && t.table !== 'returns') err([...path, 'expandToOrderLines'], 'only a returns target can be expanded to order lines');
  if (expand && t.columns.order_id === undefined) err([...path, 'columns'], 'returns.order_id is required to expand a returned order to its lines');
  for (const col of spec.columns) {
    if (expand && (col.name === 'quantity' || col.name === 'sku' || col.name === 'line_id')) continue;
    if (col.required && t.columns[col.name] === undefined) err([...path, 'columns'], `${spec.name}.${col.name} is required and not mapped`);
  }
}

function checkValueSource(src: unknown, col: ColumnSpec, path: SpecPath, err: Err, openQuestion: OpenQuestion, depth = 0): void {
  if (!isObject(src)) return;
  if (depth > MAX_DEPTH) return err(path, 'is nested too deeply');
  const kinds = VALUE_SOURCE_KINDS.filter((k) => k in src);
  if (kinds.length !== 1) return;
  const kind = kinds[0]!;
  const type = col.type.toLowerCase();
  const inner = (s: unknown, c: ColumnSpec, p: SpecPath) => checkValueSource(s, c, p, err, openQuestion, depth + 1);
  if (kind === 'column') {
    if (isObject(src.transform)) checkTransform(src.transform, col, [...path, 'transform'], err, openQuestion);
  } else if (kind === 'constant') {
    checkConstant(src.constant, col, [...path, 'constant'], err);
  } else if (kind === 'lineNumber') {
    if (col.type !== 'VARCHAR' && !NUMERIC.has(col.type)) err(path, `a line number cannot fill ${type} column ${col.name}`);
  } else if (kind === 'concat') {
    if (col.type !== 'VARCHAR') err(path, `concat makes text; ${col.name} is ${type}`);
  } else if (kind === 'multiply' || kind === 'minus' || kind === 'divide') {
    if (!NUMERIC.has(col.type)) err(path, `${kind} makes a number; ${col.name} is ${type}`);
    const args = src[kind];
    if (Array.isArray(args) && args.length === 2) args.forEach((s, i) => inner(s, { ...col, type: 'DOUBLE', nonNegative: false }, [...path, kind, i]));
  } else if (kind === 'if') {
    checkRowTest(src.if, [...path, 'if'], err);
    inner(src.then, col, [...path, 'then']);
    if (src.else !== undefined) inner(src.else, col, [...path, 'else']);
  } else if (Array.isArray(src.firstOf)) {
    src.firstOf.forEach((s, i) => inner(s, col, [...path, 'firstOf', i]));
  }
}

function checkConstant(v: unknown, col: ColumnSpec, path: SpecPath, err: Err): void {
  if (!['string', 'number', 'boolean'].includes(typeof v)) return;
  if (NUMERIC.has(col.type) && (typeof v !== 'number' || !Number.isFinite(v))) err(path, `${col.name} is a number: the constant must be a number`);
  else if (col.type === 'INTEGER' && !Number.isInteger(v)) err(path, `${col.name} is a whole number`);
  else if (col.nonNegative && typeof v === 'number' && v < 0) err(path, `${col.name} cannot be negative`);
  else if (col.type === 'BOOLEAN' && typeof v !== 'boolean') err(path, `${col.name} is true/false`);
  else if ((col.type === 'DATE' || col.type === 'TIMESTAMP') && (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(v))) {
    err(path, `${col.name} is a date: write the constant like 2025-01-31`);
  }
}

function checkTransform(t: Record<string, unknown>, col: ColumnSpec, path: SpecPath, err: Err, openQuestion: OpenQuestion): void {
  const type = col.type;
  const cannot = (kind: string) => err(path, `a ${kind} transform cannot fill ${type.toLowerCase()} column ${col.name}`);
  if (t.kind === 'date') {
    if (type !== 'DATE' && type !== 'TIMESTAMP') return cannot('date');
    const at = [...path, 'format'];
    if (t.format === null) {
      const q = openQuestion(at);
      return err(at, q
        ? `open question: ${String(q.ask)} ${String(q.answer ?? '')}`.trim()
        : 'the date format is not chosen yet: the sampled dates fit more than one format (e.g. day-first and month-first); pick one');
    }
    const problem = typeof t.format === 'string' ? dateFormatProblem(t.format) : null;
    if (problem) err(at, `"${String(t.format)}" ${problem}`);
  } else if (t.kind === 'number') {
    if (!NUMERIC.has(type)) return cannot('number');
    if (typeof t.decimal === 'string' && t.decimal === t.thousands) err([...path, 'thousands'], 'cannot be the same as the decimal separator');
  } else if (t.kind === 'boolean') {
    if (type !== 'BOOLEAN') return cannot('boolean');
    if (Array.isArray(t.trueWords) && Array.isArray(t.falseWords)) {
      const falseWords = t.falseWords.map((f) => String(f).toLowerCase());
      const both = t.trueWords.filter((w) => falseWords.includes(String(w).toLowerCase()));
      if (both.length > 0) err(path, `${both.map((w) => JSON.stringify(w)).join(', ')} cannot mean both true and false`);
    }
  }
}

function checkRowTest(t: unknown, path: SpecPath, err: Err, depth = 0): void {
  if (!isObject(t)) return;
  if (depth > MAX_DEPTH) return err(path, 'is nested too deeply');
  for (const k of ['all', 'any'] as const) {
    const list = t[k];
    if (Array.isArray(list)) list.forEach((c, i) => checkRowTest(c, [...path, k, i], err, depth + 1));
  }
  if ('all' in t || 'any' in t) return;
  if (t.is === 'equals' || t.is === 'starts_with' || t.is === 'matches') {
    if (typeof t.value !== 'string') err([...path, 'value'], `is needed for "${t.is}"`);
  }
  if (t.is === 'one_of' && !Array.isArray(t.values)) err([...path, 'values'], 'must list texts');
  if (t.is === 'matches' && typeof t.value === 'string') {
    try {
      new RegExp(t.value);
    } catch {
      err([...path, 'value'], `${JSON.stringify(t.value)} is not a valid regular expression`);
    }
  }
}
