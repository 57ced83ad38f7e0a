import { Button } from '@tremor/react';
import { Empty } from '../../components/charts/PageHeader';
import { ACCEPTED } from '../../components/charts/drill-where';
import { RateTable } from '../../components/charts/RateTable';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { SUPPLIER_RANK_HELP, SUPPLIER_RANK_LABEL } from '../suppliers/supplier-ranking';
import { PAGE_SIZE, RATE_DIM_LABELS, readProduct, readRowCount, withProduct, withRowCount, type RateDim } from './products-params';

const SUBTITLES: Partial<Record<RateDim, string>> = {
  sku: 'Ranked by units returned above what the category rate (over every supplier) predicts for the units sold, so a handful of sales cannot top the list.',
  product: 'Parent products (all sizes and colours together), ranked by units returned above their category’s rate. Click one for its sizes.',
  supplier: `Ranked by ${SUPPLIER_RANK_LABEL.toLowerCase()}: returned units above what each supplier’s own mix of categories predicts — the same ranking as the Suppliers page.`,
};

/**
 * return_rate_by for one dimension, in the model's order (units returned in excess of the
 * baseline), each rate drawn with its 95% interval against the baseline. Clicking a row selects
 * the value for the whole dashboard (a parent product: shows its sizes, view.params.product);
 * the units returned open the returns behind them. Shows 25 rows, and 25 more per "show more"
 * (the count is in the URL).
 */
export function RateRankingPanel({ page, dim }: { page: PageProps; dim: RateDim }) {
  const own = dim === 'product' ? undefined : dim;
  const state = useModel(page.runner, 'return_rate_by', { ...page.paramsFor(own), dim }, page.dataVersion);
  const shown = readRowCount(page.view.params);
  const selected = dim === 'product' ? readProduct(page.view.params) : page.view.selection?.dim === dim ? page.view.selection.value : null;
  const label = RATE_DIM_LABELS[dim];
  const named = dim === 'sku' || dim === 'product';

  return (
    <ModelPanel
      title={
        dim === 'sku'
          ? 'SKUs returning more than their category'
          : dim === 'product'
            ? 'Products returning more than their category'
            : dim === 'supplier'
              ? `Suppliers by ${SUPPLIER_RANK_LABEL.toLowerCase()}`
              : `Return rate by ${label.toLowerCase()}`
      }
      subtitle={SUBTITLES[dim] ?? `Ranked by units returned above what the overall rate predicts for each ${label.toLowerCase()}'s units sold.`}
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
              dimLabel={dim === 'product' ? 'Product (all sizes)' : named ? 'Product · SKU' : label}
              baseline={named ? 'category' : dim === 'supplier' ? 'category_mix' : 'overall'}
              named={named}
              {...(dim === 'supplier' ? { excessLabel: SUPPLIER_RANK_LABEL, excessHelp: SUPPLIER_RANK_HELP } : {})}
              selected={selected}
              onSelect={(v) =>
                dim === 'product' ? page.setView({ params: withProduct(page.view.params, v) }) : page.select(dim, v)
              }
              onDrill={(v) =>
                page.openDrill({
                  kind: 'returns',
                  where: { [dim === 'product' ? 'product_group' : dim]: v, ...ACCEPTED },
                  title: dim === 'product' ? `Returns of product ${v} (all sizes)` : `Returns of ${label} ${v}`,
                })
              }
              testId="rate-ranking"
            />
            <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
              <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                {formatCount(visible.length)} of {formatCount(rows.length)}.{' '}
                {dim === 'product'
                  ? 'Click a product for its sizes and colours (again to close them).'
                  : 'Click a row to filter the dashboard by it (again to clear); click a returned count for the returns behind it.'}
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
