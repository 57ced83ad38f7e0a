import type { BindValue } from '../engine/types';

/**
 * Rewrites `$name` placeholders to DuckDB's numbered `$1, $2 ...` and returns the values in
 * that order. DuckDB-WASM prepared statements bind positionally only, and the SQL files stay
 * readable with names. String literals, quoted identifiers and comments are left untouched.
 */
export function bindNamed(
  sql: string,
  values: Record<string, BindValue>,
): { sql: string; params: BindValue[]; names: string[] } {
  const names: string[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'" || ch === '"') {
      const end = skipQuoted(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '$' && next !== undefined && /[A-Za-z_]/.test(next)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!;
      const name = m[0];
      if (!(name in values)) throw new Error(`No value given for parameter $${name}`);
      let idx = names.indexOf(name);
      if (idx === -1) {
        names.push(name);
        idx = names.length - 1;
      }
      out += `$${idx + 1}`;
      i += 1 + name.length;
    } else {
      out += ch;
      i += 1;
    }
  }
  return { sql: out, params: names.map((n) => values[n] ?? null), names };
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

/** Names of the `$name` parameters a statement uses, in order of first use. */
export function parameterNames(sql: string): string[] {
  const probe = new Proxy({} as Record<string, BindValue>, { has: () => true, get: () => null });
  return bindNamed(sql, probe).names;
}
