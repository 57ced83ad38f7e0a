import type { BindValue } from '../../../engine/types';
import type { ModelHeader } from '../../../runner/model-header';
import { LIST_SEPARATOR, type ModelParams, type Runner } from '../../../runner/runner';

/**
 * Which page parameter (view.params key) sets which model parameter, where the names differ.
 * Any other model parameter takes the view parameter of the same name (change_date, grain,
 * window_days ...). Pages add their keys here when they name them differently.
 */
export const PAGE_PARAM_SOURCES: Record<string, Record<string, string>> = {
  cost_of_returns: { dim: 'cost_dim' },
  return_rate_by: { dim: 'rate_dim' },
};

/** The view parameter that feeds `param` of `model`. */
export function viewKeyFor(model: string, param: string): string {
  return PAGE_PARAM_SOURCES[model]?.[param] ?? param;
}

/**
 * The parameters the dashboard passes a model in the current view: the global filters (with
 * the cross-filter selection) when the model takes them, plus each page parameter the runner
 * accepts for it. A page parameter the model would refuse is left out (the default applies),
 * so a stray URL value never hides the SQL view.
 */
export function viewParamsFor(runner: Runner, header: ModelHeader, viewParams: Record<string, string>, filterParams: ModelParams): ModelParams {
  const out: ModelParams = header.usesFilters ? { ...filterParams } : {};
  for (const spec of header.params) {
    const v = viewParams[viewKeyFor(header.name, spec.name)];
    if (v === undefined || v === '') continue;
    try {
      runner.resolveParams(header.name, { ...out, [spec.name]: v });
      out[spec.name] = v;
    } catch {
      // not a value this model takes: its default applies
    }
  }
  return out;
}

/** A bound value as text: lists (joined by the runner) split back, NULL spelled out. */
export function formatBound(v: BindValue | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return v.includes(LIST_SEPARATOR) ? v.split(LIST_SEPARATOR).join(', ') : v;
  return String(v);
}

/** A parameter's type as the header states it: enum(a|b), number, date ... */
export function formatParamType(type: ModelHeader['params'][number]['type']): string {
  return type.kind === 'enum' ? `enum(${type.values.join(' | ')})` : type.kind;
}
