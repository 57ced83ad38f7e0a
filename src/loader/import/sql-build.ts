import { CONTRACT, type CanonicalTable, type ColumnSpec } from '../../data-model/contract';
import { ident } from '../../data-model/schema-ddl';
import type { BindValue } from '../../engine/types';
import { describeDateFormat } from './dates';
import {
  defaultTransform, DEFAULT_FALSE_WORDS, DEFAULT_TRUE_WORDS,
  type Condition, type RowTest, type TargetSpec, type Transform, type ValueSource,
} from './spec';

/**
 * SQL text for one mapping, built from generated identifiers only: source columns are staged
 * as c1, c2 ... (their header names never reach the SQL), canonical columns come from the
 * contract, and every value taken from the mapping (formats, separators, constants, words,
 * reasons) is a numbered parameter ($1, $2 ...) bound when the statement runs.
 */
export const SEP = '\u001f';

export class Params {
  readonly values: BindValue[] = [];
  /** A placeholder for the value (repeated values share one placeholder). */
  p(v: BindValue): string {
    const i = this.values.findIndex((x) => x === v && typeof x === typeof v);
    if (i >= 0) return `$${i + 1}`;
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** Source column name → staged column (c1 ...). */
export type ColumnResolver = (name: string) => string;

export interface ValueCheck {
  /** The source text (for the message), NULL when absent. */
  src: string;
  /** The parsed value: NULL while src is not NULL means the text could not be read. */
  parsed: string;
  /** What the text should have been ('date', 'whole number' ...) and how it was expected to be written: chk_bad_value's words. */
  what: string;
  detail?: string;
}

export interface ValueExpr {
  sql: string;
  checks: ValueCheck[];
}

const q = (s: string) => ident(s);

/**
 * Expressions of one statement. Cells are the staged columns after trimming and null words
 * (`s.c3`). Parsed values (numbers, dates, booleans) are computed once per row in inner
 * layers of the statement and referred to by name (`s.__p4`): DuckDB does not share repeated
 * sub-expressions inside CASE, and the checks refer to each parsed value again.
 */
export class TargetSql {
  /** Layer 1: number texts (currency stripped); layer 2: parsed values. */
  readonly layer1: string[] = [];
  readonly layer2: string[] = [];
  private readonly known = new Map<string, string>();

  constructor(
    private readonly params: Params,
    private readonly col: ColumnResolver,
    /** Inline parses instead of layers (for a statement without them, e.g. routing). */
    private readonly inline = false,
  ) {}

  cell(name: string): string {
    return `s.${this.col(name)}`;
  }

  /** Registers a computed value once per statement; returns how to refer to it. */
  private layered(layer: 1 | 2, expr: string): string {
    if (this.inline) return expr;
    const hit = this.known.get(`${layer}:${expr}`);
    if (hit) return hit;
    const name = `__p${this.known.size + 1}`;
    (layer === 1 ? this.layer1 : this.layer2).push(`${expr} AS ${name}`);
    this.known.set(`${layer}:${expr}`, `s.${name}`);
    return `s.${name}`;
  }

  number(cell: string, t: { decimal: string; thousands: string; currency: boolean; sign: string }): string {
    const p = (v: BindValue) => this.params.p(v);
    const text = this.layered(1, `imp_num_text(${cell}, ${p(t.currency)})`);
    return this.layered(2, `imp_num_parse(${text}, ${p(t.decimal)}, ${p(t.thousands)}, ${p(t.sign)})`);
  }

  /** A whole number: NULL unless the text is written as one (no fraction, exponent or hex) and fits INTEGER. */
  whole(cell: string, t: { decimal: string; thousands: string; currency: boolean; sign: string }): string {
    const p = (v: BindValue) => this.params.p(v);
    const text = this.layered(1, `imp_num_text(${cell}, ${p(t.currency)})`);
    return `CASE WHEN imp_whole_ok(${text}, ${p(t.decimal)}, ${p(t.thousands)}) THEN imp_int(${this.number(cell, t)}) END`;
  }

  /** The typed value of one canonical column and the checks that its text was readable. */
  value(src: ValueSource, spec: ColumnSpec): ValueExpr {
    const p = (v: BindValue) => this.params.p(v);
    if ('constant' in src) return { sql: `CAST(${p(src.constant)} AS ${spec.type})`, checks: [] };
    if ('lineNumber' in src) return { sql: `CAST(s.__line AS ${spec.type})`, checks: [] };
    if ('concat' in src) {
      const joined = `nullif(concat_ws(${p(src.separator)}, ${src.concat.map((c) => this.cell(c)).join(', ')}), '')`;
      if (!src.numberRepeats) return { sql: joined, checks: [] };
      const part = [...src.numberRepeats.within.map((c) => this.cell(c)), joined].join(', ');
      const rn = this.layered(2, `row_number() OVER (PARTITION BY ${part} ORDER BY s.__line)`);
      return { sql: `CASE WHEN ${joined} IS NOT NULL AND ${rn} > 1 THEN ${joined} || '#' || ${rn} ELSE ${joined} END`, checks: [] };
    }
    if ('multiply' in src) {
      const dbl: ColumnSpec = { ...spec, type: 'DOUBLE' };
      const a = this.value(src.multiply[0], dbl);
      const b = this.value(src.multiply[1], dbl);
      const product = `(${a.sql}) * (${b.sql})`;
      return { sql: spec.type === 'INTEGER' ? `imp_int(${product})` : product, checks: [...a.checks, ...b.checks] };
    }
    if ('minus' in src || 'divide' in src) {
      const dbl: ColumnSpec = { ...spec, type: 'DOUBLE' };
      const [x, y] = 'minus' in src ? src.minus : src.divide;
      const a = this.value(x, dbl);
      const b = this.value(y, dbl);
      const result = 'minus' in src ? `(${a.sql}) - (${b.sql})` : `(${a.sql}) / nullif(${b.sql}, 0)`;
      return { sql: spec.type === 'INTEGER' ? `imp_int(${result})` : result, checks: [...a.checks, ...b.checks] };
    }
    if ('firstOf' in src) {
      const parts = src.firstOf.map((s) => this.value(s, spec));
      return { sql: `coalesce(${parts.map((x) => x.sql).join(', ')})`, checks: parts.flatMap((x) => x.checks) };
    }
    if ('if' in src) {
      const test = this.test(src.if);
      const a = this.value(src.then, spec);
      const b = src.else ? this.value(src.else, spec) : null;
      // A value that cannot be read only matters on the rows that use it.
      const only = (checks: ValueCheck[], cond: string) => checks.map((c) => ({ ...c, src: `CASE WHEN ${cond} THEN ${c.src} END` }));
      return {
        sql: `CASE WHEN ${test} THEN ${a.sql}${b ? ` ELSE ${b.sql}` : ''} END`,
        checks: [...only(a.checks, test), ...(b ? only(b.checks, `NOT (${test})`) : [])],
      };
    }
    return this.column(src.column, src.transform, spec);
  }

  private column(name: string, given: Transform | undefined, spec: ColumnSpec): ValueExpr {
    const p = (v: BindValue) => this.params.p(v);
    const cell = this.cell(name);
    const t: Transform = !given || (given.kind === 'text' && spec.type !== 'VARCHAR') ? defaultTransform(spec.type) : given;
    const bad = (what: string, detail = '') => ({ what, detail });
    switch (t.kind) {
      case 'date': {
        const format = t.format ?? 'iso';
        const hasOffset = format === 'iso' || format.includes('%z');
        const fmt = format === 'iso' ? 'iso' : format.replace(/\s*%z\s*$/, '');
        let sql = this.layered(2, `imp_ts(${cell}, ${p(fmt)}, ${p(hasOffset)}, ${p(t.offset === 'utc')})`);
        if (spec.type === 'DATE') sql = `CAST(${sql} AS DATE)`;
        const detail = ` (expected ${describeDateFormat(format)}${format === 'iso' ? '' : `, ${format}`})`;
        return { sql, checks: [{ src: cell, parsed: sql, ...bad('date', detail) }] };
      }
      case 'number': {
        const sql = spec.type === 'INTEGER' ? this.whole(cell, t) : this.number(cell, t);
        return { sql, checks: [{ src: cell, parsed: sql, ...bad(spec.type === 'INTEGER' ? 'whole number' : 'number') }] };
      }
      case 'boolean': {
        const sql = this.layered(2, `imp_bool(${cell}, ${p((t.trueWords ?? DEFAULT_TRUE_WORDS).join(SEP))}, ${p((t.falseWords ?? DEFAULT_FALSE_WORDS).join(SEP))})`);
        return { sql, checks: [{ src: cell, parsed: sql, ...bad('true/false value') }] };
      }
      case 'map': {
        const entries = Object.entries(t.values);
        const cases = entries.map(([k, v]) => `WHEN upper(${p(k)}) THEN ${p(v)}`).join(' ');
        const otherwise = t.otherwise === 'keep' ? cell : 'NULL';
        const mapped = entries.length === 0 ? otherwise : `CASE upper(${cell}) ${cases} ELSE ${otherwise} END`;
        if (spec.type === 'VARCHAR') return { sql: mapped, checks: [] };
        const text = this.layered(1, mapped);
        const typed = this.typedFromText(text, spec);
        return { sql: typed, checks: [{ src: text, parsed: typed, ...bad(spec.type.toLowerCase()) }] };
      }
      default: {
        const sql = t.case === 'lower' ? `lower(${cell})` : t.case === 'upper' ? `upper(${cell})` : cell;
        return { sql, checks: [] };
      }
    }
  }

  /** Mapped text (a layer-1 value) read with the column type's default reader. */
  private typedFromText(text: string, spec: ColumnSpec): string {
    const p = (v: BindValue) => this.params.p(v);
    switch (spec.type) {
      case 'INTEGER':
        return `imp_whole(${text}, '.', '', false, 'keep')`;
      case 'DOUBLE':
        return this.layered(2, `imp_number(${text}, '.', '', false, 'keep')`);
      case 'BOOLEAN':
        return this.layered(2, `imp_bool(${text}, ${p(DEFAULT_TRUE_WORDS.join(SEP))}, ${p(DEFAULT_FALSE_WORDS.join(SEP))})`);
      case 'DATE':
      case 'TIMESTAMP': {
        const ts = this.layered(2, `imp_ts(${text}, 'iso', true, false)`);
        return spec.type === 'DATE' ? `CAST(${ts} AS DATE)` : ts;
      }
      default:
        return text;
    }
  }

  /** A row test as a boolean SQL expression (never NULL). */
  test(t: RowTest): string {
    if ('all' in t) return `(${t.all.map((x) => this.test(x)).join(' AND ')})`;
    if ('any' in t) return `(${t.any.map((x) => this.test(x)).join(' OR ')})`;
    return this.condition(t);
  }

  private condition(c: Condition): string {
    const p = (v: BindValue) => this.params.p(v);
    const cell = this.cell(c.column);
    const cs = c.caseSensitive === true;
    const text = cs ? cell : `lower(${cell})`;
    const val = (v: string) => (cs ? p(v) : `lower(${p(v)})`);
    const num = () => this.number(cell, { decimal: c.decimal ?? '.', thousands: '', currency: true, sign: 'keep' });
    let base: string;
    switch (c.is) {
      case 'empty': base = `${cell} IS NULL`; break;
      case 'negative': base = `${num()} < 0`; break;
      case 'zero': base = `${num()} = 0`; break;
      case 'positive': base = `${num()} > 0`; break;
      case 'equals': base = `${text} = ${val(c.value!)}`; break;
      case 'one_of': base = `list_contains(string_split(${val((c.values ?? []).join(SEP))}, chr(31)), ${text})`; break;
      case 'starts_with': base = `starts_with(${text}, ${val(c.value!)})`; break;
      case 'matches': base = `regexp_matches(${cell}, ${p(c.value!)}, ${p(cs ? '' : 'i')})`; break;
      // The first row (in file order) with this value among the rows of the statement.
      case 'first': base = `${cell} IS NOT NULL AND s.__line = min(s.__line) OVER (PARTITION BY ${cell})`; break;
      default: throw new Error(`unknown test ${String(c.is)}`);
    }
    const b = `coalesce(${base}, false)`;
    return c.not ? `NOT ${b}` : b;
  }
}

/**
 * The statement body of one target over the routed table: values read, exclusions, and the
 * per-row checks (CASE arms producing the rejection reason).
 */
export function targetSelect(
  target: TargetSpec,
  sqlFor: TargetSql,
  params: Params,
  from: string,
  /** An expression giving the first rejection reason of the row's lookups (or NULL), checked first. */
  lookupReject: string | null = null,
): { sql: string; checks: string[]; columns: ColumnSpec[] } {
  const spec = CONTRACT[target.table as CanonicalTable];
  const mapped = spec.columns.filter((c) => target.columns[c.name] !== undefined);
  const items: string[] = ['s.__line'];
  const badChecks: string[] = [];
  if (lookupReject) {
    items.push(`${lookupReject} AS __lookup_miss`);
    badChecks.push('WHEN __lookup_miss IS NOT NULL THEN __lookup_miss');
  }
  const exclude = (target.exclude ?? [])
    .map((r) => `WHEN ${sqlFor.test(r.when)} THEN ${params.p(r.reason)}`)
    .join(' ');
  items.push(exclude ? `CASE ${exclude} END AS __exclude` : 'CAST(NULL AS VARCHAR) AS __exclude');
  let k = 0;
  for (const col of mapped) {
    const v = sqlFor.value(target.columns[col.name]!, col);
    // The one key normalisation of line ids, whatever the value is read from (both sides of the join).
    items.push(`${col.name === 'line_id' ? `imp_line_id(${v.sql})` : v.sql} AS ${q(col.name)}`);
    for (const check of v.checks) {
      const srcName = `__src${++k}`;
      const okName = `__ok${k}`;
      items.push(`${check.src} AS ${srcName}`, `(${check.parsed}) IS NOT NULL AS ${okName}`);
      badChecks.push(`WHEN chk_unreadable(${srcName}, ${okName}) THEN chk_bad_value(${params.p(check.what)}, ${params.p(col.name)}, ${params.p(check.detail ?? '')}, ${srcName})`);
    }
  }
  const checks = [...badChecks];
  for (const col of mapped) if (col.required) checks.push(`WHEN ${q(col.name)} IS NULL THEN chk_missing(${params.p(col.name)})`);
  for (const col of mapped) {
    if (col.nonNegative && (col.type === 'INTEGER' || col.type === 'DOUBLE')) {
      checks.push(`WHEN ${q(col.name)} < 0 THEN chk_negative(${params.p(col.name)}, ${q(col.name)})`);
    }
  }
  if (target.table === 'reviews' && target.columns.rating) checks.push(`WHEN NOT chk_rating_ok(rating) THEN chk_rating(rating)`);
  const l1 = sqlFor.layer1.length ? `, ${sqlFor.layer1.join(', ')}` : '';
  const l2 = sqlFor.layer2.length ? `, ${sqlFor.layer2.join(', ')}` : '';
  const sql = `SELECT ${items.join(',\n  ')}
    FROM (SELECT s.*${l2} FROM (SELECT s.*${l1} FROM ${from} s) s) s`;
  return { sql, checks, columns: mapped };
}
