import type { BindValue } from '../engine/types';
import { FILTER_PARAMS, type ModelHeader, type ParamSpec } from './model-header';
import { checkParamValue, filterParamType } from './param-check';

export type ParamValue = string | number | boolean | null | readonly string[];
export type ModelParams = Record<string, ParamValue | undefined>;

/** Separator of multi-value filters inside one bound string (see in_list in macros.sql). */
export const LIST_SEPARATOR = '\u001f';

/** Parameter values as they will be bound: defaults filled in, types checked. */
export function resolveParams(model: string, header: ModelHeader, params: ModelParams): Record<string, BindValue> {
  const known = new Set<string>([...header.params.map((p) => p.name), ...(header.usesFilters ? FILTER_PARAMS : [])]);
  for (const key of Object.keys(params)) {
    if (params[key] !== undefined && !known.has(key)) throw new Error(`${model} has no parameter "${key}"`);
  }
  const out: Record<string, BindValue> = {};
  if (header.usesFilters) {
    for (const f of FILTER_PARAMS) out[f] = filterValue(f, params[f]);
  }
  for (const spec of header.params) out[spec.name] = checkParam(model, spec, params[spec.name]);
  return out;
}

/** What identifies an answer: the model and its bound values. */
export function answerKey(model: string, bound: readonly BindValue[]): string {
  return `${model}\u0000${JSON.stringify(bound)}`;
}

function filterValue(name: string, v: ParamValue | undefined): BindValue {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.join(LIST_SEPARATOR);
  const checked = checkParamValue(filterParamType(name), v as string | number | boolean);
  if (!checked.ok) throw new Error(`${name} ${checked.problem}, got "${String(v)}"`);
  return checked.value;
}

function checkParam(model: string, spec: ParamSpec, given: ParamValue | undefined): BindValue {
  const raw = given === undefined ? spec.defaultValue : given;
  if (raw === null || raw === '') return null;
  if (Array.isArray(raw)) throw new Error(`${model}.${spec.name} takes one value`);
  const checked = checkParamValue(spec.type, raw as string | number | boolean);
  if (!checked.ok) throw new Error(`${model}.${spec.name} ${checked.problem}, got "${String(raw)}"`);
  return checked.value;
}
