import { useMemo } from 'react';
import type { ModelParams, Runner } from '../../runner/runner';
import { ModelPanel } from '../components/ModelPanel';
import { ReturnTrendChart } from '../components/ReturnTrendChart';
import { useModel } from '../use-model';

export function ReturnTrendPanel({ runner, filterParams }: { runner: Runner; filterParams: ModelParams }) {
  const grain = 'month' as const;
  const params = useMemo(() => ({ ...filterParams, grain }), [filterParams]);
  const state = useModel(runner, 'return_trend', params);
  return (
    <ModelPanel title="Unit return rate by order month" subtitle="Returns counted in the month their order was placed" state={state} testId="panel-trend">
      {(rows) => <ReturnTrendChart rows={rows} grain={grain} />}
    </ModelPanel>
  );
}
