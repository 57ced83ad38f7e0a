import { useMemo } from 'react';
import type { ModelParams, Runner } from '../../runner/runner';
import { ModelPanel } from '../components/ModelPanel';
import { WORST_SKU_COUNT, WorstSkusTable } from '../components/WorstSkusTable';
import { useModel } from '../use-model';

export function WorstSkusPanel({ runner, filterParams }: { runner: Runner; filterParams: ModelParams }) {
  const params = useMemo(() => ({ ...filterParams, dim: 'sku' }), [filterParams]);
  const state = useModel(runner, 'return_rate_by', params);
  return (
    <ModelPanel
      title={`Top ${WORST_SKU_COUNT} SKUs by excess returns`}
      subtitle="Units returned above what the category's return rate predicts for the units sold"
      state={state}
      testId="panel-worst-skus"
    >
      {(rows) => <WorstSkusTable rows={rows} />}
    </ModelPanel>
  );
}
