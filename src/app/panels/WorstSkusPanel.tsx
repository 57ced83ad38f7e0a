import { RateTable } from '../components/charts/RateTable';
import { ModelPanel } from '../components/ModelPanel';
import { useModel } from '../use-model';
import type { PageProps } from '../view/types';

/** How many SKUs the overview lists; the model ranks them (by excess returned units). */
const WORST_SKU_COUNT = 10;

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
      {(rows) =>
        rows.length === 0 ? (
          <p className="text-tremor-default text-tremor-content">No SKUs in this selection.</p>
        ) : (
          <RateTable
            rows={rows.slice(0, WORST_SKU_COUNT)}
            dimLabel="Product · SKU"
            baseline="category"
            named
            selected={view.selection?.dim === 'sku' ? view.selection.value : null}
            onSelect={(sku) => select('sku', sku)}
            testId="worst-skus"
          />
        )
      }
    </ModelPanel>
  );
}
