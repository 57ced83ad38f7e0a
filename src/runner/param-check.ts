import type { BindValue } from '../engine/types';
import { FILTER_PARAMS, type ModelHeader, type ParamType } from './model-header';

/**
 * The one check of a model parameter's value against the type its header declares
 * (`@param change_date date`, `@param grain enum(month|week)` ...). The runner binds only what
 * passes it; the CLI checks `--param` with it before loading anything, and the page drops URL
 * values it refuses. So a wrong value gets a message naming the parameter, never a DuckDB
 * conversion error.
 */

export type ParamCheck = { ok: true; value: BindValue } | { ok: false; problem: string };

/**
 * A real calendar day written yyyy-mm-dd (2024-02-29 yes, 2025-02-29 and 2025-02-31 no).
 * Not Date.parse: V8 rolls 2025-02-31 over to 3 March, and DuckDB then refuses the text.
 */
export function isCalendarDate(s: string): boolean {
  return dateProblem(s) === null;
}

/** Why `s` is not a calendar day yyyy-mm-dd, or null when it is one. */
export function dateProblem(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return 'must be a date like 2025-01-31';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1) return 'must be a date like 2025-01-31: there is no year 0';
  if (month < 1 || month > 12) return `must be a date like 2025-01-31: there is no month ${m[2]}`;
  if (day < 1 || day > daysInMonth(year, month)) return `must be a date like 2025-01-31: ${m[1]}-${m[2]} has no day ${m[3]}`;
  return null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Decimal notation only: Number() would also take '', '  ', '0x1f' and 'Infinity'. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** `raw` as the value bound for a parameter of this type, or what is wrong with it. */
export function checkParamValue(type: ParamType, raw: string | number | boolean): ParamCheck {
  const text = String(raw);
  switch (type.kind) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : DECIMAL.test(text.trim()) ? Number(text) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, problem: 'must be a number' };
    }
    case 'bool':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false, problem: 'must be true or false' };
    case 'date': {
      const problem = dateProblem(text);
      return problem === null ? { ok: true, value: text } : { ok: false, problem };
    }
    case 'enum':
      return type.values.includes(text) ? { ok: true, value: text } : { ok: false, problem: `must be one of ${type.values.join(', ')}` };
    default:
      return { ok: true, value: text };
  }
}

const TEXT: ParamType = { kind: 'text' };
const DATE: ParamType = { kind: 'date' };

/** The type of a global filter (see @filters): the two dates, else text (a value or a list). */
export function filterParamType(name: string): ParamType {
  return name === 'date_from' || name === 'date_to' ? DATE : TEXT;
}

/**
 * Every declaration of a parameter name among these models: their own `@param`s and, unless
 * `withFilters` is false, the global filters of the `@filters` models.
 */
export function declarationsOf(headers: readonly ModelHeader[], name: string, withFilters = true): { model: string; type: ParamType }[] {
  const out: { model: string; type: ParamType }[] = [];
  const isFilter = withFilters && (FILTER_PARAMS as readonly string[]).includes(name);
  for (const h of headers) {
    const own = h.params.find((p) => p.name === name);
    if (own) out.push({ model: h.name, type: own.type });
    else if (isFilter && h.usesFilters) out.push({ model: h.name, type: filterParamType(name) });
  }
  return out;
}
