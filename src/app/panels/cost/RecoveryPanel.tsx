import { useMemo } from 'react';
import { DrillButton } from '../../components/charts/DrillButton';
import { Empty, Note } from '../../components/charts/PageHeader';
import { niceMax, toPercentOfScale } from '../../components/charts/scale';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount, formatFigure, formatMoney, formatPercent } from '../../format';
import { DISPOSITION_TITLE, dispositionLabel } from '../../labels';
import { useModel } from '../../use-model';
import { basisParams } from '../../view/date-basis';
import type { PageProps } from '../../view/types';
import { AssumptionList, RECOVERY_ASSUMPTION_KEYS } from './AssumptionList';
import { isKnownValue } from './cost-params';

/**
 * What comes back per disposition (cost_of_returns, dim=disposition): the value recovered, how
 * much of it is estimated from the recovery-rate assumptions (listed beside), and the net cost
 * left. A disposition's returns open in the drill-down.
 */
export function RecoveryPanel(props: PageProps) {
  const { currency } = props;
  const base = props.paramsFor();
  const basis = props.view.basis;
  const params = useMemo(() => ({ ...base, ...basisParams({ basis }), dim: 'disposition' }), [base, basis]);
  const state = useModel(props.runner, 'cost_of_returns', params, props.dataVersion);
  const absent = 'recovery_value' in props.runner.notInData('cost_of_returns');
  // drill_returns dates rows by their order: no drill by refund date with dates set (see CostBreakdownPanel).
  const drillable = basis !== 'refund' || (base.date_from === undefined && base.date_to === undefined);
  return (
    <ModelPanel
      title={`Value recovered, by ${DISPOSITION_TITLE.toLowerCase()}`}
      subtitle="What restocking, refurbishing, liquidating and vendor credits brought back"
      state={state}
      testId="panel-recovery"
    >
      {(rows) => {
        if (rows.length === 0) return <Empty>No accepted returns in this selection.</Empty>;
        const max = niceMax(rows.map((r) => r.recovery_value));
        return (
          <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_14rem]">
            <div>
              <ul className="space-y-2" data-testid="recovery-list">
                {rows.map((r) => {
                  const width = toPercentOfScale(r.recovery_value, max);
                  const value = r.dim_value;
                  return (
                    <li key={String(value)} className="grid items-center gap-3" style={{ gridTemplateColumns: 'minmax(0, 11rem) minmax(0, 1fr) 8rem' }}>
                      {/* wide enough for "Sent back to supplier": a label is never cut */}
                      <span className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
                        {dispositionLabel(value)}
                        <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                          {isKnownValue(value) && drillable ? (
                            <DrillButton
                              onClick={() =>
                                props.openDrill({
                                  kind: 'returns',
                                  where: { disposition: value, accepted_only: 'true' },
                                  title: `Accepted returns: ${dispositionLabel(value).toLowerCase()}`,
                                })
                              }
                              title={`Show the accepted returns: ${dispositionLabel(value).toLowerCase()}`}
                            >
                              {`${formatCount(r.returns)} returns`}
                            </DrillButton>
                          ) : (
                            `${formatCount(r.returns)} returns`
                          )}
                        </span>
                      </span>
                      <span className="relative h-4 rounded-tremor-small bg-tremor-background-subtle dark:bg-dark-tremor-background-subtle">
                        {width !== null && width > 0 && (
                          <span className="absolute inset-y-0 left-0 rounded-tremor-small bg-emerald-500" style={{ width: `max(${width}%, 2px)` }} />
                        )}
                      </span>
                      <span className="text-right tabular-nums">
                        <span className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                          {formatFigure(r.recovery_value, absent, (v) => formatMoney(v, currency))}
                        </span>
                        <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                          {typeof r.recovery_estimated_share === 'number'
                            ? `${formatPercent(r.recovery_estimated_share, undefined, 0)} estimated`
                            : r.recovery_value == null
                              ? ''
                              : 'nothing recovered'}
                        </span>
                      </span>
                    </li>
                  );
                })}
              </ul>
              <Note>
                Estimated = no recovery value was reported, so the recovery rate of what happened to the item (restocked, refurbished,
                liquidated, sent back to the supplier or disposed of) × the unit cost is used. Returns that do not say what happened to
                the item show as (unknown) and recover nothing.
              </Note>
            </div>
            <aside className="self-start rounded-tremor-default border border-tremor-border p-4 dark:border-dark-tremor-border">
              <AssumptionList keys={RECOVERY_ASSUMPTION_KEYS} edited={props.view.assumptions} currency={currency} title="Recovery rates" />
            </aside>
          </div>
        );
      }}
    </ModelPanel>
  );
}
