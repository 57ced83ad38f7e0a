import type { ModelParams, Runner } from '../../runner/runner';
import { ModelPanel } from '../components/ModelPanel';
import { ReasonsChart } from '../components/ReasonsChart';
import { useModel } from '../use-model';

export function ReasonsPanel({ runner, filterParams }: { runner: Runner; filterParams: ModelParams }) {
  const state = useModel(runner, 'returns_by_reason', filterParams);
  return (
    <ModelPanel title="Returns by reason" subtitle="Units on accepted returns, per canonical reason" state={state} testId="panel-reasons">
      {(rows) => <ReasonsChart rows={rows} />}
    </ModelPanel>
  );
}
