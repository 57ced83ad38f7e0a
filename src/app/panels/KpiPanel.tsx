import { KpiCards } from '../components/KpiCards';
import type { ModelState } from '../model-state';
import { useModel } from '../use-model';
import type { PageProps } from '../view/types';

/**
 * The headline numbers of the view (`kpis`, run by the page), each with its change against the
 * previous period from the kpi_change model, which picks the periods and computes the changes.
 */
export function KpiPanel({ kpis, runner, paramsFor, openDrill, currency, dataVersion }: PageProps & { kpis: ModelState }) {
  const change = useModel(runner, 'kpi_change', paramsFor(), dataVersion);
  return <KpiCards state={kpis} currency={currency} change={change} onDrill={openDrill} notInData={runner.notInData('kpis')} />;
}
