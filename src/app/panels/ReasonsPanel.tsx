import { ModelPanel } from '../components/ModelPanel';
import { ReasonButtons, ReasonsChart } from '../components/ReasonsChart';
import { useModel } from '../use-model';
import type { PageProps } from '../view/types';

/** Returned units per reason; a click on a reason cross-filters the other panels. */
export function ReasonsPanel({ runner, view, paramsFor, select, dataVersion }: PageProps) {
  // Its own dimension is left out: the chart keeps every reason, the selected one highlighted.
  const state = useModel(runner, 'returns_by_reason', paramsFor('reason'), dataVersion);
  const selected = view.selection?.dim === 'reason' ? view.selection.value : null;
  const onSelect = (reason: string) => select('reason', reason);
  return (
    <ModelPanel
      title="Returns by reason"
      subtitle="Units on accepted returns, per canonical reason. Click a bar to filter the other charts."
      state={state}
      testId="panel-reasons"
    >
      {(rows) => (
        <>
          <ReasonsChart rows={rows} selected={selected} onSelect={onSelect} />
          <ReasonButtons rows={rows} selected={selected} onSelect={onSelect} />
        </>
      )}
    </ModelPanel>
  );
}
