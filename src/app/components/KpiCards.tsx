import { Card, Metric, Text } from '@tremor/react';
import type { Row } from '../../engine/types';
import { formatCount, formatDays, formatMoney, formatMoneyHeadline, formatPercent, MISSING } from '../format';
import type { ModelState } from '../model-state';
import { ErrorNote } from './ErrorNote';
import { NeedsColumns } from './NeedsColumns';

interface Kpi {
  key: string;
  label: string;
  format: (row: Row) => string;
  /** The exact value on hover, when the card shows a rounded one. */
  exact?: (row: Row) => string;
}

// The headline numbers, in reading order; every value is a column of the kpis model.
const KPIS: Kpi[] = [
  { key: 'orders', label: 'Orders', format: (r) => formatCount(r.orders) },
  { key: 'units_sold', label: 'Units sold', format: (r) => formatCount(r.units_sold) },
  {
    key: 'gross_sales',
    label: 'Gross sales',
    format: (r) => formatMoneyHeadline(r.gross_sales, r.currency),
    exact: (r) => formatMoney(r.gross_sales, r.currency),
  },
  { key: 'unit_return_rate', label: 'Unit return rate', format: (r) => formatPercent(r.unit_return_rate) },
  { key: 'order_return_rate', label: 'Order return rate', format: (r) => formatPercent(r.order_return_rate) },
  {
    key: 'refund_amount',
    label: 'Refunded',
    format: (r) => formatMoneyHeadline(r.refund_amount, r.currency),
    exact: (r) => formatMoney(r.refund_amount, r.currency),
  },
  { key: 'median_days_to_refund', label: 'Median days to refund', format: (r) => formatDays(r.median_days_to_refund) },
];

/** The KPI cards; '…' while the first answer is computed, dimmed while new filters run. */
export function KpiCards({ state }: { state: ModelState }) {
  if (state.status === 'error') return <ErrorNote title="Headline numbers unavailable" message={state.message} />;
  if (state.status === 'needs_columns') return <NeedsColumns missing={state.missing} />;
  const row = state.status === 'ok' ? state.rows[0] : undefined;
  const stale = state.status === 'ok' && state.stale;
  return (
    <div
      className={`grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-7 ${stale ? 'opacity-60' : ''}`}
      data-testid="kpi-cards"
      aria-busy={!row || stale}
    >
      {KPIS.map((k) => {
        const raw = row?.[k.key];
        return (
          <Card key={k.key} className="p-4" data-testid={`kpi-${k.key}`}>
            <Text>{k.label}</Text>
            <Metric
              className="mt-1 truncate text-tremor-title sm:text-2xl 2xl:text-tremor-metric"
              data-value={typeof raw === 'number' ? String(raw) : ''}
              title={row && k.exact ? k.exact(row) : undefined}
            >
              {row ? k.format(row) : '…'}
            </Metric>
          </Card>
        );
      })}
      {row && row.orders === 0 && (
        <p className="col-span-full text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          No orders match these filters ({MISSING} means there is nothing to compute).
        </p>
      )}
    </div>
  );
}
