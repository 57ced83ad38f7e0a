import { Button } from '@tremor/react';
import { Empty } from '../../components/charts/PageHeader';
import { ACCEPTED } from '../../components/charts/drill-where';
import { RateTable } from '../../components/charts/RateTable';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { PAGE_SIZE, RATE_DIM_LABELS, readRowCount, withRowCount, type RateDim } from './products-params';

/**
 * return_rate_by for one dimension, in the model's order (units returned in excess of the
 * baseline), each rate drawn with its 95% interval against the baseline. Clicking a row selects
 * the value for the whole dashboard; the units returned open the returns behind them.
 * Shows 25 rows, and 25 more per "show more" (the count is in the URL).
 */
export function RateRankingPanel({ page, dim }: { page: PageProps; dim: RateDim }) {
  const state = useModel(page.runner, 'return_rate_by', { ...page.paramsFor(dim), dim }, page.dataVersion);
  const shown = readRowCount(page.view.params);
  const selected = page.view.selection?.dim === dim ? page.view.selection.value : null;
  const label = RATE_DIM_LABELS[dim];

  return (
    <ModelPanel
      title={dim === 'sku' ? 'SKUs returning more than their category' : `Return rate by ${label.toLowerCase()}`}
      subtitle={
        dim === 'sku'
          ? 'Ranked by units returned above what the category rate predicts for the units sold, so a handful of sales cannot top the list.'
          : `Ranked by units returned above what the overall rate predicts for each ${label.toLowerCase()}'s units sold.`
      }
      state={state}
      testId="panel-rate-ranking"
    >
      {(rows) => {
        if (rows.length === 0) return <Empty>Nothing sold or returned in this selection.</Empty>;
        const visible = rows.slice(0, shown);
        return (
          <div>
            <RateTable
              rows={visible}
              dimLabel={label}
              baseline={dim === 'sku' ? 'category' : 'overall'}
              selected={selected}
              onSelect={(v) => page.select(dim, v)}
              onDrill={(v) => page.openDrill({ kind: 'returns', where: { [dim]: v, ...ACCEPTED }, title: `Returns of ${label} ${v}` })}
              testId="rate-ranking"
            />
            <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
              <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                {formatCount(visible.length)} of {formatCount(rows.length)}. Click a row to filter the dashboard by it (again to clear); click
                a returned count for the returns behind it.
              </span>
              {rows.length > shown && (
                <Button
                  size="xs"
                  variant="secondary"
                  onClick={() => page.setView({ params: withRowCount(page.view.params, shown + PAGE_SIZE) }, { replace: true })}
                >
                  Show {formatCount(Math.min(PAGE_SIZE, rows.length - shown))} more
                </Button>
              )}
            </div>
          </div>
        );
      }}
    </ModelPanel>
  );
}
