import { Button } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { ModelPanel } from '../../components/ModelPanel';
import { NOT_IN_DATA, formatCount, formatPercent, formatSigned } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { SUPPLIER_RANK_LABEL } from '../suppliers/supplier-ranking';
import { readProduct, withProduct } from './products-params';

const VERDICTS: Record<string, string> = {
  product: 'Looks like the product: this SKU comes back more than its category, while its supplier as a whole does not exceed what its categories predict.',
  supplier: 'Looks like the supplier: the supplier’s products as a whole come back more than their categories predict, while this SKU is not clearly above its category.',
  product_and_supplier: 'Both: this SKU comes back more than its category, and its supplier’s products as a whole come back more than their categories predict.',
  neither: 'Neither is clearly above its baseline in this selection (or there are too few sales to tell).',
};

/**
 * The selected SKU on one screen (sku_profile): its name, parent product, size, colour and
 * supplier, its return rate next to its category's (over every supplier), the supplier's own
 * rate and what its category mix predicts, and the model's "product or supplier?" verdict.
 * The baseline used is stated, and with a supplier filter the text says the category baseline
 * still covers every supplier (the model never narrows it).
 */
export function SkuProfilePanel({ page, sku }: { page: PageProps; sku: string }) {
  const state = useModel(page.runner, 'sku_profile', { ...page.paramsFor('sku'), target_sku: sku }, page.dataVersion);
  return (
    <ModelPanel title="Selected SKU — product or supplier?" subtitle="Every panel on this page is filtered to this SKU" state={state} testId="sku-detail">
      {(rows) => <Profile page={page} sku={sku} row={rows[0]} />}
    </ModelPanel>
  );
}

function Profile({ page, sku, row }: { page: PageProps; sku: string; row: Row | undefined }) {
  const name = typeof row?.product_name === 'string' ? row.product_name : null;
  const parent = row?.parent != null ? String(row.parent) : null;
  const variant = [row?.size, row?.color].filter((x) => typeof x === 'string' && x !== '').join(' · ');
  const supplierFilter = page.view.filters.supplier ?? [];
  const category = String(row?.category ?? '(unknown)');
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid="sku-name">
            {name ?? sku}
          </p>
          <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
            {name ? `SKU ${sku}` : `Product name ${NOT_IN_DATA}`}
            {variant ? ` · ${variant}` : ''} · {category}
          </p>
          <p className="mt-1 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis" data-testid="sku-supplier">
            Supplier: <span className="font-medium">{String(row?.supplier ?? '(unknown)')}</span>
          </p>
          {parent && parent !== sku && (
            <button
              type="button"
              className="mt-1 text-tremor-default text-tremor-brand underline decoration-dotted underline-offset-2 dark:text-dark-tremor-brand-emphasis"
              onClick={() => page.setView({ params: withProduct(page.view.params, parent) })}
              aria-pressed={readProduct(page.view.params) === parent}
            >
              All sizes and colours of {typeof row?.parent_name === 'string' ? row.parent_name : parent}
            </button>
          )}
        </div>
        <div className="flex gap-2">
          <Button size="xs" variant="secondary" onClick={() => page.openDrill({ kind: 'returns', where: { sku }, title: `Returns of SKU ${sku}` })}>
            All returns
          </Button>
          <Button size="xs" variant="light" onClick={() => page.select('sku', sku)}>
            Clear selection
          </Button>
        </div>
      </div>
      {row && (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="sku-rates">
            <Rate label="This SKU" value={row.unit_return_rate} sub={`${formatPercent(row.rate_low)}–${formatPercent(row.rate_high)} · ${formatCount(row.units_returned)} of ${formatCount(row.units_sold)} units`} testId="rate-sku" />
            <Rate label={`Category (${category}, every supplier)`} value={row.category_rate} sub="the baseline" testId="rate-category" />
            <Rate
              label={`Supplier ${String(row.supplier)}, all its SKUs`}
              value={row.supplier_rate}
              sub={`its category mix predicts ${formatPercent(row.supplier_expected_rate)} · ${SUPPLIER_RANK_LABEL.toLowerCase()} ${formatSigned(row.supplier_excess_units)} units`}
              testId="rate-supplier"
            />
            <Rate label="Parent product, all sizes" value={row.parent_rate} sub={`supplier in ${category}: ${formatPercent(row.supplier_category_rate)}`} testId="rate-parent" />
          </dl>
          <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="sku-baseline-note">
            {supplierFilter.length > 0
              ? `Supplier filter on (${supplierFilter.join(', ')}): the category baseline still covers every supplier of ${category}, not only the filtered one, so a supplier-wide problem stays visible.`
              : `Baseline: the return rate of ${category} over every supplier, under the same filters.`}{' '}
            Rates are returned units ÷ units sold (accepted returns), with 95% intervals.
          </p>
          <p className="rounded-tremor-small bg-tremor-background-subtle p-2 text-tremor-default text-tremor-content-strong dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-strong" data-testid="sku-verdict">
            {VERDICTS[String(row.verdict)] ?? String(row.verdict)} Signals, not proof.
          </p>
        </>
      )}
    </div>
  );
}

function Rate({ label, value, sub, testId }: { label: string; value: unknown; sub: string; testId: string }) {
  return (
    <div data-testid={testId}>
      <dt className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{label}</dt>
      <dd className="text-tremor-title font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">{formatPercent(value)}</dd>
      <dd className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{sub}</dd>
    </div>
  );
}
