import type { ModelParams, Runner } from '../runner/runner';
import type { ModelHeader } from '../runner/model-header';

/** One measured model run: a model with the parameters it runs with. */
export interface ModelVariant {
  /** `kpis`, `return_rate_by.sku`, `drill_lines (limit 100)` … */
  label: string;
  model: string;
  params: ModelParams;
}

/** Listing models (drill-downs, case lists) take `limit`: the bench asks for one page. */
export const LISTING_LIMIT = 100;

/**
 * Every model in queries/ with its default parameters; a model with a `dim` enum runs once per
 * value (as the CLI does), a listing model (with `limit`) runs once with limit 100.
 */
export function modelVariants(headers: Record<string, ModelHeader>): ModelVariant[] {
  const out: ModelVariant[] = [];
  for (const name of Object.keys(headers).sort()) {
    const header = headers[name]!;
    const dim = header.params.find((p) => p.name === 'dim' && p.type.kind === 'enum');
    const listing = header.params.some((p) => p.name === 'limit');
    if (dim && dim.type.kind === 'enum') {
      for (const v of dim.type.values) out.push({ label: `${name}.${v}`, model: name, params: { dim: v } });
    } else if (listing) {
      out.push({ label: `${name} (limit ${LISTING_LIMIT})`, model: name, params: { limit: LISTING_LIMIT } });
    } else {
      out.push({ label: name, model: name, params: {} });
    }
  }
  return out;
}

export function variantsOf(runner: Runner): ModelVariant[] {
  return modelVariants(runner.headers);
}
