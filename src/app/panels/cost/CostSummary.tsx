import { useMemo } from 'react';
import type { Row } from '../../../engine/types';
import { changeText } from '../../components/kpi-change';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount, formatFigure, formatMoney } from '../../format';
import { useModel } from '../../use-model';
import { basisOf, basisParams, BASIS_EXPLAINED, comparison, periodText } from '../../view/date-basis';
import type { PageProps } from '../../view/types';
import { relativeChange } from './cost-change';

/** The tiles: the page's key numbers, each a column of cost_of_returns (dim = all). */
const TILES = [
  { key: 'refund_amount', label: 'Refunded', hint: 'Money refunded on accepted returns', higherIsBetter: false },
  { key: 'recovery_value', label: 'Recovered', hint: 'Value brought back by restocking, refurbishing, resale and vendor credits', higherIsBetter: true },
  { key: 'net_cost', label: 'Net cost of returns', hint: 'Refunds + labels + handling + inspection − recovered', higherIsBetter: false },
  { key: 'net_cost_per_return', label: 'Cost per return', hint: 'Net cost ÷ accepted returns', higherIsBetter: false },
] as const;

const ARROW = { up: '▲', down: '▼', flat: '→' } as const;

/**
 * The Cost page's answer on top: refunded, recovered, net cost and cost per return for the
 * view's period and date basis (cost_of_returns, dim = all: the same total row as the table's
 * footer), and with a comparison chosen, each one's change against the compared period (the
 * same model over that range).
 */
export function CostSummary(props: PageProps) {
  const { view, currency, runner, dataVersion } = props;
  const base = props.paramsFor();
  const basis = view.basis;
  const params = useMemo(() => ({ ...base, ...basisParams({ basis }), dim: 'all' }), [base, basis]);
  const state = useModel(runner, 'cost_of_returns', params, dataVersion);
  const cmp = comparison(view, params);
  const previous = useModel(runner, 'cost_of_returns', cmp?.params ?? params, dataVersion);
  // A stale answer is the one for the former parameters (kept on screen while the new one runs).
  const prevRow = cmp && previous.status === 'ok' && !previous.stale ? previous.rows[0] : undefined;
  const comparing = cmp !== null && (previous.status === 'loading' || ('stale' in previous && previous.stale));
  const notInData = runner.notInData('cost_of_returns');
  const money = (v: unknown) => formatMoney(v, currency);
  const period = periodText({ date_from: base.date_from as string | undefined, date_to: base.date_to as string | undefined }, view.datePreset);

  return (
    <ModelPanel title="Cost of returns at a glance" subtitle={`Accepted returns, ${period}`} state={state} testId="panel-cost-summary">
      {(rows) => {
        const row: Row | undefined = rows[0];
        if (!row) return <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">No accepted returns in this selection.</p>;
        return (
          <div className="space-y-3">
            <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content" data-testid="cost-basis-note" data-basis={basisOf(view)}>
              Figures {BASIS_EXPLAINED[basisOf(view)]}.{' '}
              {cmp
                ? `Changes vs ${cmp.label.toLowerCase()}: ${periodText(cmp.range)}.`
                : view.compare
                  ? 'Choose a date range to compare with an earlier period.'
                  : ''}
            </p>
            <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="cost-summary-tiles" aria-busy={comparing}>
              {TILES.map((t) => {
                const change = prevRow ? relativeChange(row[t.key], prevRow[t.key]) : null;
                const delta = prevRow ? changeText('money', change, prevRow[t.key], t.higherIsBetter, undefined, currency) : null;
                return (
                  <div key={t.key} className="rounded-tremor-default border border-tremor-border p-3 dark:border-dark-tremor-border" data-testid={`cost-tile-${t.key}`} title={t.hint}>
                    <dt className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{t.label}</dt>
                    <dd className="mt-1 text-2xl font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid={`cost-tile-value-${t.key}`}>
                      {formatFigure(row[t.key], t.key in notInData, money)}
                    </dd>
                    {delta ? (
                      <dd
                        className={`mt-1 text-tremor-label tabular-nums ${delta.good === null ? 'text-tremor-content dark:text-dark-tremor-content' : delta.good ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700 dark:text-rose-400'}`}
                        data-testid={`cost-tile-delta-${t.key}`}
                      >
                        <span aria-hidden>{ARROW[delta.direction]} </span>
                        {delta.description}
                      </dd>
                    ) : (
                      prevRow && (
                        <dd className="mt-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid={`cost-tile-delta-${t.key}`}>
                          was {formatFigure(prevRow[t.key], t.key in notInData, money)}
                        </dd>
                      )
                    )}
                  </div>
                );
              })}
            </dl>
            <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
              {formatCount(row.returns)} accepted returns{prevRow ? ` (${formatCount(prevRow.returns)} in the compared period)` : ''}. The table below breaks the same total down.
            </p>
          </div>
        );
      }}
    </ModelPanel>
  );
}
