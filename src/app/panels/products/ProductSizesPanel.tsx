import { Badge, Button, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { DrillButton } from '../../components/charts/DrillButton';
import { ACCEPTED } from '../../components/charts/drill-where';
import { Empty } from '../../components/charts/PageHeader';
import { IntervalLegend, RateIntervalBar } from '../../components/charts/RateIntervalBar';
import { niceMax } from '../../components/charts/scale';
import { SelectableRow } from '../../components/charts/SelectableRow';
import { ModelPanel } from '../../components/ModelPanel';
import { NOT_IN_DATA, formatCount, formatPercent, formatSigned } from '../../format';
import { humanize } from '../../labels';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { withProduct } from './products-params';

/**
 * product_sizes for one parent product (view.params.product): each size / colour with its
 * return rate and 95% interval against the rate of the product's OTHER variants, the excess
 * units, and why it comes back (top reason, too small / too large). Every filter applies but
 * the SKU selection, so all sizes stay visible while one SKU is selected (it is highlighted).
 */
export function ProductSizesPanel({ page, product }: { page: PageProps; product: string }) {
  const state = useModel(page.runner, 'product_sizes', { ...page.paramsFor('sku'), product }, page.dataVersion);
  const selected = page.view.selection?.dim === 'sku' ? page.view.selection.value : null;
  const name = state.status === 'ok' ? state.rows[0]?.parent_name : undefined;
  return (
    <ModelPanel
      title={`Sizes and colours of ${typeof name === 'string' ? name : product}`}
      subtitle={
        <span>
          Parent product {product}
          {state.status === 'ok' && typeof name !== 'string' && state.rows.length > 0 ? ` (name ${NOT_IN_DATA})` : ''}. Each variant’s return
          rate against the product’s other sizes and colours; click one to select its SKU.
        </span>
      }
      state={state}
      testId="panel-product-sizes"
    >
      {(rows) =>
        rows.length === 0 ? (
          <Empty>Nothing of this product sold or returned in this selection.</Empty>
        ) : (
          <div>
            <SizesTable page={page} rows={rows} selected={selected} />
            <div className="mt-3 flex justify-end">
              <Button size="xs" variant="light" onClick={() => page.setView({ params: withProduct(page.view.params, null) })}>
                Close sizes
              </Button>
            </div>
          </div>
        )
      }
    </ModelPanel>
  );
}

function SizesTable({ page, rows, selected }: { page: PageProps; rows: Row[]; selected: string | null }) {
  const max = niceMax(rows.flatMap((r) => [r.rate_high, r.others_rate]));
  return (
    <div>
      <IntervalLegend max={max} baselineLabel="rate of the product’s other sizes" />
      <Table className="mt-3" data-testid="product-sizes">
        <TableHead>
          <TableRow>
            <TableHeaderCell className="px-2">Size · colour</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right">Sold</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right">Returned</TableHeaderCell>
            <TableHeaderCell className="min-w-[11rem] px-2">Return rate vs other sizes</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Units returned − units sold × the rate of the product’s other sizes">
              Excess (units)
            </TableHeaderCell>
            <TableHeaderCell className="px-2">Why</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const sku = String(r.sku);
            const variant = [r.size, r.color].filter((x) => typeof x === 'string' && x !== '').join(' · ') || sku;
            return (
              <SelectableRow key={sku} selected={selected === sku} anySelected={selected !== null} onSelect={() => page.select('sku', sku)} label={`Size ${variant}`} value={sku}>
                <TableCell className="whitespace-normal px-2 py-2">
                  <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid="size-label">{variant}</span>
                  {r.significant === true && (
                    <Badge color="rose" size="xs" className="ml-2" title="Even the low end of the 95% interval is above the product’s other sizes">
                      above other sizes
                    </Badge>
                  )}
                  <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{sku}</span>
                </TableCell>
                <TableCell className="px-2 py-2 text-right tabular-nums">{formatCount(r.units_sold)}</TableCell>
                <TableCell className="px-2 py-2 text-right">
                  <DrillButton title={`Show the returns of ${sku}`} onClick={() => page.openDrill({ kind: 'returns', where: { sku, ...ACCEPTED }, title: `Returns of SKU ${sku}` })}>
                    {formatCount(r.units_returned)}
                  </DrillButton>
                </TableCell>
                <TableCell className="px-2 py-2">
                  <div className="flex items-baseline justify-between gap-2 tabular-nums">
                    <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{formatPercent(r.unit_return_rate)}</span>
                    <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">others {formatPercent(r.others_rate)}</span>
                  </div>
                  <RateIntervalBar rate={r.unit_return_rate} low={r.rate_low} high={r.rate_high} baseline={r.others_rate} max={max} significant={r.significant === true} baselineLabel="Other sizes" />
                </TableCell>
                <TableCell className="px-2 py-2 text-right tabular-nums">{formatSigned(r.excess_units)}</TableCell>
                <TableCell className="whitespace-normal px-2 py-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                  {r.top_reason == null ? 'no returns' : `mostly ${humanize(r.top_reason).toLowerCase()} (${formatCount(r.top_reason_units)})`}
                  {(r.size_too_small_units !== 0 || r.size_too_large_units !== 0) && (
                    <span className="block">
                      too small {formatCount(r.size_too_small_units)} · too large {formatCount(r.size_too_large_units)}
                    </span>
                  )}
                </TableCell>
              </SelectableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
