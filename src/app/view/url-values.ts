import { parseHeader, type ModelHeader } from '../../runner/model-header';
import { checkParamValue, declarationsOf } from '../../runner/param-check';
import { bundledQuerySources } from '../../runner/query-files-browser';
import { modelNames } from '../../runner/query-sources';

let headers: ModelHeader[] | null = null;

/** The models' headers, read once from the SQL bundled into the page. */
function modelHeaders(): ModelHeader[] {
  if (!headers) {
    const sources = bundledQuerySources();
    headers = modelNames(sources).map((name) => parseHeader(name, sources[name]!));
  }
  return headers;
}

/**
 * Whether a URL value (a page parameter `p.name`, a drill filter `dw.name`) may stay in the
 * view: when a model declares a parameter of that name, at least one such model must accept
 * the value by the runner's own check (a real calendar date, one of an enum's values, a
 * number ...), so `p.change_date=2025-02-31` is dropped instead of reaching DuckDB. Names no
 * model declares are the page's own (cust_page, sku_dim ...) and are kept.
 */
export function acceptedUrlValue(name: string, value: string): boolean {
  const declared = declarationsOf(modelHeaders(), name);
  return declared.length === 0 || declared.some((d) => checkParamValue(d.type, value).ok);
}
