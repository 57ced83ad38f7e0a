import { ModelPanel } from '../components/ModelPanel';
import { WORST_SKU_COUNT, WorstSkusTable } from '../components/WorstSkusTable';
import { useModel } from '../use-model';
import type { PageProps } from '../view/types';

/** The SKUs with the most returns above their category's rate; a click cross-filters. */
export function WorstSkusPanel({ runner, view, paramsFor, select, dataVersion }: PageProps) {
  // Its own dimension is left out: the table keeps ranking every SKU, the selected one highlighted.
  const state = useModel(runner, 'return_rate_by', { ...paramsFor('sku'), dim: 'sku' }, dataVersion);
  return (
    <ModelPanel
      title={`Top ${WORST_SKU_COUNT} SKUs by excess returns`}
      subtitle="Units returned above what the category's return rate predicts for the units sold. Click a SKU to filter the other charts."
      state={state}
      testId="panel-worst-skus"
    >
      {(rows) => (
        <WorstSkusTable rows={rows} selected={view.selection?.dim === 'sku' ? view.selection.value : null} onSelect={(sku) => select('sku', sku)} />
      )}
    </ModelPanel>
  );
}
