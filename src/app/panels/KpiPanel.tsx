import { useMemo } from 'react';
import { DEFAULT_ASSUMPTIONS } from '../../data-model/assumptions';
import type { ModelParams, Runner } from '../../runner/runner';
import { KpiCards } from '../components/KpiCards';
import type { ModelState } from '../model-state';
import { useModel } from '../use-model';
import { comparisonPeriods, type Comparison } from '../view/kpi-compare';
import type { DrillTarget, PageProps } from '../view/types';

interface Shared {
  runner: Runner;
  params: ModelParams;
  kpis: ModelState;
  comparison: Comparison;
  currency: string | null;
  dataVersion: number;
  onDrill: (target: DrillTarget) => void;
}

/**
 * The headline numbers of the view (`kpis`, run by the page), each with its change against the
 * previous period: the kpis model runs again for the period of the same length just before
 * the view's date range, or, without a range, for the last 90 days of data and the 90 before.
 * The periods are parameters; every number comes from the model. The extra queries run only
 * when there is something to compare.
 */
export function KpiPanel({ kpis, runner, view, paramsFor, openDrill, currency, dataVersion, dataRange }: PageProps & { kpis: ModelState }) {
  const params = paramsFor();
  const windowDays = view.assumptions.return_window_days ?? DEFAULT_ASSUMPTIONS.return_window_days ?? 30;
  const dateFrom = typeof params.date_from === 'string' ? params.date_from : undefined;
  const dateTo = typeof params.date_to === 'string' ? params.date_to : undefined;
  const comparison = useMemo(
    () => (dataRange ? comparisonPeriods({ date_from: dateFrom, date_to: dateTo }, dataRange, windowDays) : null),
    [dataRange, dateFrom, dateTo, windowDays],
  );
  if (!comparison?.previous) return <KpiCards state={kpis} currency={currency} comparison={comparison} onDrill={openDrill} />;
  return <WithPrevious runner={runner} params={params} kpis={kpis} comparison={comparison} currency={currency} dataVersion={dataVersion} onDrill={openDrill} />;
}

function WithPrevious(props: Shared) {
  const { runner, params, comparison, dataVersion } = props;
  const previous = useModel(runner, 'kpis', { ...params, ...comparison.previous }, dataVersion);
  if (comparison.current) return <WithCurrent {...props} previous={previous} />;
  return <KpiCards state={props.kpis} currency={props.currency} comparison={comparison} previous={previous} onDrill={props.onDrill} />;
}

function WithCurrent(props: Shared & { previous: ModelState }) {
  const { runner, params, comparison, dataVersion } = props;
  const current = useModel(runner, 'kpis', { ...params, ...comparison.current }, dataVersion);
  return (
    <KpiCards
      state={props.kpis}
      currency={props.currency}
      comparison={comparison}
      currentForChange={current}
      previous={props.previous}
      onDrill={props.onDrill}
    />
  );
}
