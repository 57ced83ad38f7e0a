import { CANONICAL_TABLES, CONTRACT, type CanonicalTable } from '../../../data-model/contract';
import { DEFAULT_SOURCE } from './defaults';
import { DELIMITERS, ENCODINGS, MAPPING_VERSION, QUOTES, type MappingSpec } from './types';
import { checkRowTest, checkValueSource, isObject, show, type Err } from './validate-values';

export class MappingError extends Error {
  constructor(readonly errors: string[]) {
    super(`The mapping is not valid:\n- ${errors.join('\n- ')}`);
    this.name = 'MappingError';
  }
}

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
