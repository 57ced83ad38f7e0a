import { BarChart } from '../components/charts/BarChart';
import { DrillButton } from '../components/charts/DrillButton';
import { Empty, Note } from '../components/charts/PageHeader';
import { ModelPanel } from '../components/ModelPanel';
import { formatCount, formatFigure, formatMoneyHeadline, formatMonth, formatPercent } from '../format';
import { resolutionLabel } from '../labels';
import { useModel } from '../use-model';
import { basisOf, basisParams } from '../view/date-basis';
import type { PageProps } from '../view/types';

// Not "Refunded": that name is the money refunded (kpis.refund_amount, the Overview's card);
// this is the price paid for the items of returns resolved by a refund.
const REFUNDED = 'Resolved by refund';
const EXCHANGED = 'Exchanged';
const CREDIT = 'Store credit';

const tileClass = 'rounded-tremor-default border border-tremor-border p-3 dark:border-dark-tremor-border';
const tileLabel = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';
const tileValue = 'mt-1 text-lg font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong';

/**
 * Revenue retained (retained_revenue): how much of the value of resolved returns was kept as
 * exchanges and store credit instead of refunds (dim = all), and the mix by order month (dim = period). The
 * money tiles open the returns behind them (drill_returns by resolution).
 */
export function RetentionPanel(props: PageProps) {
  const { currency, runner, dataVersion } = props;
  const basis = basisParams(props.view);
  const total = useModel(runner, 'retained_revenue', { ...props.paramsFor(), ...basis, dim: 'all' }, dataVersion);
  const trend = useModel(runner, 'retained_revenue', { ...props.paramsFor(), ...basis, dim: 'period', grain: 'month' }, dataVersion);
  const refundBasis = basisOf(props.view) === 'refund';
  const money = (v: unknown) => formatMoneyHeadline(v, currency);
  // The tiles' returns on the page's basis: refund-dated on the cash view, as the tiles are.
  const drill = (resolution: string, title: string) =>
    props.openDrill({ kind: 'returns', where: refundBasis ? { resolution, basis: 'refund' } : { resolution }, title });

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]" data-testid="overview-retention">
      <ModelPanel
        title="Revenue retained"
        subtitle={`Value of resolved returns kept as exchanges or store credit instead of refunds, ${refundBasis ? 'by refund date (cash)' : 'by order date (cohort)'}`}
        state={total}
        testId="panel-retention"
      >
        {(rows) => {
          const r = rows[0];
          if (!r || !r.returns) return <Empty>No returns in this selection.</Empty>;
          const tiles: { key: string; label: string; value: unknown; resolution?: string }[] = [
            // Resolved returns only: not the headline Returned value card (kpis.returned_value), which
            // also counts open returns.
            { key: 'resolved_value', label: 'Value of resolved returns', value: r.resolved_value },
            { key: 'value_refunded', label: 'Resolved by refund (price paid)', value: r.value_refunded, resolution: 'refund' },
            { key: 'value_exchanged', label: 'Kept as exchanges', value: r.value_exchanged, resolution: 'exchange' },
            { key: 'value_store_credit', label: 'Kept as store credit', value: r.value_store_credit, resolution: 'store_credit' },
          ];
          return (
            <>
              <div className="flex items-baseline gap-3">
                <span className="text-3xl font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid="retained-rate">
                  {formatPercent(r.retained_rate)}
                </span>
                <span className={tileLabel}>
                  retained: {money(r.retained_value)} of {money(r.resolved_value)} resolved
                </span>
              </div>
              <div className="mt-4 grid grid-cols-2 gap-3">
                {tiles.map((t) => (
                  <div key={t.key} className={tileClass} data-testid={`retention-${t.key}`}>
                    <div className={tileLabel}>{t.label}</div>
                    <div className={tileValue}>
                      {t.resolution && typeof t.value === 'number' && t.value > 0 ? (
                        <DrillButton title={`Show the returns resolved as ${resolutionLabel(t.resolution).toLowerCase()}`} onClick={() => drill(t.resolution!, `Returns resolved as ${t.label.toLowerCase()}`)}>
                          {money(t.value)}
                        </DrillButton>
                      ) : (
                        money(t.value)
                      )}
                    </div>
                  </div>
                ))}
              </div>
              <Note>
                Value = units × price paid, so “Resolved by refund” is not the Refunded card: that one is the money actually refunded
                (partial refunds and deductions included). Exchange upsell (replacements worth more than the return):{' '}
                {formatFigure(r.exchange_upsell, 'exchange_upsell' in runner.notInData('retained_revenue'), (v) =>
                  `${money(v)} over ${String(r.exchanges_valued)} valued exchanges`,
                )}
                .
                Rejected ({money(r.value_rejected)}) and open returns are not in the value of resolved returns (the
                Returned value card counts open returns too).
              </Note>
            </>
          );
        }}
      </ModelPanel>
      <ModelPanel title="Refund, exchange or store credit" subtitle={`Value of resolved returns by how they were resolved, by ${refundBasis ? 'refund' : 'order'} month`} state={trend} testId="panel-retention-mix">
        {(rows) => {
          if (rows.length === 0) return <Empty>No returns in this selection.</Empty>;
          // Returns dated before the first order month: in the totals, not a month of their own.
          const earlier = typeof rows[0]?.earlier_returns === 'number' ? rows[0].earlier_returns : 0;
          const data = rows.map((r) => ({
            period: r.period instanceof Date ? formatMonth(r.period) : String(r.dim_value),
            [REFUNDED]: r.value_refunded,
            [EXCHANGED]: r.value_exchanged,
            [CREDIT]: r.value_store_credit,
          }));
          return (
            <>
            <BarChart
              className="h-72"
              data={data}
              index="period"
              categories={[REFUNDED, EXCHANGED, CREDIT]}
              colors={['rose', 'blue', 'emerald']}
              stack
              valueFormatter={(v: number) => money(v)}
              yAxisWidth={72}
              data-testid="retention-mix-chart"
            />
            {earlier > 0 && (
              <Note>
                The chart starts at the first order month. {formatCount(earlier)} {earlier === 1 ? 'return' : 'returns'} with no
                known order, dated before it, {earlier === 1 ? 'is' : 'are'} in the totals but not drawn.
              </Note>
            )}
            </>
          );
        }}
      </ModelPanel>
    </div>
  );
}
