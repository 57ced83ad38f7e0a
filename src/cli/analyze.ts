import type { Row } from '../engine/types';
import type { ModelParams, Runner } from '../runner/runner';

export interface ModelOutput {
  file: string;
  model: string;
  params: ModelParams;
  status: 'ok' | 'needs_columns';
  missing: string[];
  rows: Row[];
  columns: string[];
}

/**
 * Runs every model over all the data. A model with a `dim` parameter runs once per
 * dimension value. `overrides` apply to every model that declares that parameter.
 */
export function isListing(header: { params: { name: string }[] }): boolean {
  return header.params.some((p) => p.name === 'limit');
}

export async function analyzeAll(runner: Runner, overrides: ModelParams = {}): Promise<ModelOutput[]> {
  const outputs: ModelOutput[] = [];
  for (const model of runner.modelNames) {
    const header = runner.header(model);
    // Row listings behind the numbers (drill-downs) are not metrics: they take `limit`.
    if (isListing(header)) continue;
    const own: ModelParams = {};
    for (const p of header.params) if (overrides[p.name] !== undefined) own[p.name] = overrides[p.name];
    const dim = header.params.find((p) => p.name === 'dim' && p.type.kind === 'enum');
    const variants: [string, ModelParams][] =
      dim && dim.type.kind === 'enum'
        ? dim.type.values.map((v) => [`${model}.${v}.csv`, { ...own, dim: v }])
        : [[`${model}.csv`, own]];
    for (const [file, params] of variants) {
      const res = await runner.run(model, params);
      const columns = res.rows.length > 0 ? Object.keys(res.rows[0]!) : header.outputs.map((o) => o.name);
      outputs.push({
        file, model, params, status: res.status,
        missing: res.status === 'needs_columns' ? res.missing : [],
        rows: res.rows, columns,
      });
    }
  }
  return outputs;
}
